// Connecting to portals in a real VS Code: the Connect command against two demo
// portals started here (a webhook on one, an OAuth local app on the other), the
// live scope check in the editor, switching, Disconnect, and a search of every log,
// setting, workspace file and harness output for the webhook code, the app secret and
// every token the portals issued. Each test starts two fresh portals and makes the
// connections it starts from; any one of them runs alone.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, watch } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { startDemoPortal, type DemoPortal } from '../../../demo-portal/src';
import type { PortalIdentity } from '../../../client/src/portal';
import type { ConnectionManager } from '../../../client/src/portal-ui/connection-manager';
import { statusView } from '../../../client/src/portal-ui/status-text';
import { codeOf, diagnosticsWhere, extensionApi, hoverText, workspaceFolder } from './helpers';

const LIVE_SOURCE = 'bitrix24-portal';
const LOG_FILE = 'Bitrix24 REST Tools.log';

async function activate(): Promise<ConnectionManager> {
  return (await extensionApi()).portal;
}

/** Escapes `text` for a RegExp. */
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const live = (d: vscode.Diagnostic[]) => d.filter((x) => x.source === LIVE_SOURCE && codeOf(x) === 'portal-missing-scope');

/** Every regular file below `dir`. */
function filesUnder(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) return [];
    return st.isDirectory() ? filesUnder(path) : st.isFile() ? [path] : [];
  });
}

/** Resolves with the text of `file` once it contains `needle`, woken by file-change events. */
function fileContaining(file: string, needle: string): Promise<string> {
  const read = (): string => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  };
  return new Promise((resolve) => {
    const watcher = watch(file, () => check());
    const check = (): void => {
      const text = read();
      if (!text.includes(needle)) return;
      watcher.close();
      resolve(text);
    };
    check();
  });
}

describe('portal connections', () => {
  let hookPortal: DemoPortal;
  let appPortal: DemoPortal;
  let manager: ConnectionManager;
  let hookHost: string;
  let appHost: string;
  /** Every secret that went through the extension; none may be left anywhere afterwards. */
  const secrets = new Set<string>();
  /** The harness's work folder: the VS Code profile (settings, logs, storage) and the run's output. */
  let harnessDir: string;
  const printed: string[] = [];
  const restoreConsole: Array<() => void> = [];
  const appJs = () => vscode.Uri.joinPath(workspaceFolder(), 'app.js');
  const liveFrom = (host: string) => (d: vscode.Diagnostic[]) => live(d).some((x) => x.message.includes(`Portal ${host}:`));
  /** Adds the app portal's current OAuth codes and tokens to the secrets searched for at the end. */
  const collectAppTokens = (): void => {
    const state = appPortal.snapshot();
    state.oauthCodes.forEach((c) => secrets.add(c.code));
    state.oauthTokens.forEach((t) => secrets.add(t.accessToken).add(t.refreshToken));
  };

  before(async () => {
    const resultFile = process.env.E2E_RESULT_FILE;
    assert.ok(resultFile, 'E2E_RESULT_FILE is not set: run this suite through test/e2e/run.mjs');
    harnessDir = dirname(resultFile);
    // Anything the extension host prints while the suite runs is kept for the leak search.
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[level];
      console[level] = (...args: unknown[]) => {
        printed.push(args.map(String).join(' '));
        original.apply(console, args);
      };
      restoreConsole.push(() => (console[level] = original));
    }
    manager = await activate();
  });

  after(() => {
    restoreConsole.forEach((restore) => restore());
  });

  beforeEach(async () => {
    hookPortal = await startDemoPortal({ port: 0 });
    appPortal = await startDemoPortal({ port: 0 });
    hookHost = new URL(hookPortal.baseUrl).host;
    appHost = new URL(appPortal.baseUrl).host;
    secrets.add(appPortal.oauth.clientSecret);
  });

  afterEach(async () => {
    for (const p of [hookPortal, appPortal]) {
      if (manager.portals().some((e) => e.url === p.baseUrl)) await vscode.commands.executeCommand('bitrix24.disconnect', p.baseUrl);
    }
    await hookPortal?.close();
    await appPortal?.close();
  });

  /** Connects the webhook portal with the demo user's webhook (no crm scope). */
  const connectHook = async (): Promise<PortalIdentity | undefined> => {
    const url = hookPortal.webhooks.user;
    const code = new URL(url).pathname.split('/').filter(Boolean)[2];
    assert.ok(code && code.length >= 6, 'could not read the demo webhook code');
    secrets.add(code);
    return vscode.commands.executeCommand<PortalIdentity | undefined>('bitrix24.connect', { kind: 'webhook', url });
  };

  /** Connects the app portal as an OAuth local app with a fresh authorization code. */
  const connectApp = async (): Promise<PortalIdentity | undefined> => {
    const authorize = await fetch(`${appPortal.oauth.authorizeUrl}?client_id=${encodeURIComponent(appPortal.oauth.clientId)}`);
    const { code } = (await authorize.json()) as { code: string };
    secrets.add(code);
    const identity = await vscode.commands.executeCommand<PortalIdentity | undefined>('bitrix24.connect', {
      kind: 'oauth',
      portalUrl: appPortal.baseUrl,
      clientId: appPortal.oauth.clientId,
      clientSecret: appPortal.oauth.clientSecret,
      authorizationCode: code,
      tokenEndpoint: appPortal.oauth.tokenUrl,
    });
    collectAppTokens();
    return identity;
  };

  it('connects with a webhook URL through the Connect command and shows who you are', async () => {
    const code = new URL(hookPortal.webhooks.user).pathname.split('/').filter(Boolean)[2];
    const identity = await connectHook();
    assert.ok(identity, 'the Connect command did not connect');
    assert.equal(identity.user.name, 'Eva Schmidt');
    assert.equal(identity.user.admin, false);
    assert.ok(!identity.scopes.includes('crm'), 'the demo user webhook should not have the crm scope');
    assert.equal(manager.active()?.url, hookPortal.baseUrl);
    assert.equal(statusView(manager.status()).text, `$(plug) ${hookHost} — Eva Schmidt`);
    assert.equal(await manager.hasStoredCredentials(hookPortal.baseUrl), true);

    const config = vscode.workspace.getConfiguration('bitrix24');
    assert.deepEqual(config.inspect('portals')?.globalValue, [{ url: hookPortal.baseUrl, auth: 'webhook' }]);
    assert.equal(config.inspect('activePortal')?.globalValue, hookPortal.baseUrl);
    const userSettings = readFileSync(join(harnessDir, 'user-data', 'User', 'settings.json'), 'utf8');
    assert.ok(userSettings.includes(hookPortal.baseUrl), 'the user settings file does not list the portal');
    assert.ok(!userSettings.includes(code), 'the webhook code was written to the user settings file');
  });

  it('marks a call whose scope the webhook lacks, labelled as coming from the portal', async () => {
    await connectHook();
    const doc = await vscode.workspace.openTextDocument(appJs());
    await vscode.window.showTextDocument(doc);
    const found = live(await diagnosticsWhere(doc.uri, liveFrom(hookHost)));
    const onLead = found.find((d) => doc.getText(d.range) === 'crm.lead.add');
    assert.ok(onLead, `no live diagnostic on crm.lead.add; got: ${found.map((d) => d.message).join(' | ')}`);
    assert.equal(onLead.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(onLead.message, new RegExp(`^Portal ${escapeRegExp(hookHost)}: this webhook lacks the 'crm' scope.*re-issue the webhook with that scope`));

    const text = await hoverText(doc, 'crm.lead.add');
    assert.match(text, new RegExp(`Portal ${escapeRegExp(hookHost)}: \`crm\` not granted ✗`));
  });

  it('asks the portal (method.get) about a method the catalogue does not know', async () => {
    await connectHook();
    const uri = vscode.Uri.joinPath(workspaceFolder(), 'unknown-method.js');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode("BX24.callMethod('crm.lead.addd', {});\n"));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const all = await diagnosticsWhere(doc.uri, (ds) => ds.some((d) => codeOf(d) === 'portal-unknown-method'));
    const answer = all.find((d) => codeOf(d) === 'portal-unknown-method')!;
    assert.equal(doc.getText(answer.range), 'crm.lead.addd');
    assert.equal(answer.source, LIVE_SOURCE);
    assert.match(answer.message, new RegExp(`^Portal ${escapeRegExp(hookHost)} has no method 'crm.lead.addd'`));
    assert.ok(
      all.some((d) => codeOf(d) === 'unknown-method'),
      'the offline unknown-method warning stays: the portal does not have it either',
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(uri);
  });

  it('connects a second portal with an OAuth local app; it becomes active and its facts replace the first', async () => {
    await connectHook();
    await diagnosticsWhere(appJs(), liveFrom(hookHost));
    const identity = await connectApp();
    assert.ok(identity, 'the Connect command did not connect the OAuth app');
    assert.equal(identity.user.admin, true);
    assert.deepEqual(
      manager.portals().map((p) => [p.url, p.auth]),
      [
        [hookPortal.baseUrl, 'webhook'],
        [appPortal.baseUrl, 'oauth'],
      ],
    );
    assert.equal(manager.active()?.url, appPortal.baseUrl);
    assert.equal(statusView(manager.status()).text, `$(plug) ${appHost} — ${identity.user.name} (admin)`);
    const found = live(await diagnosticsWhere(appJs(), (d) => liveFrom(appHost)(d) && !liveFrom(hookHost)(d)));
    assert.ok(found.some((d) => /this app lacks the 'crm' scope.*add that scope to the app's permissions/.test(d.message)));
  });

  it('renews an expired access token when refreshing, and switches back to the webhook portal', async () => {
    await connectHook();
    await connectApp();
    appPortal.faults.set({ expireTokens: true });
    const refreshed = await vscode.commands.executeCommand<PortalIdentity | undefined>('bitrix24.refreshPortal');
    collectAppTokens();
    assert.ok(refreshed, 'Refresh Portal Connection failed after the access token expired');
    const switched = await vscode.commands.executeCommand<PortalIdentity | undefined>('bitrix24.switchPortal', hookPortal.baseUrl);
    assert.equal(switched?.user.name, 'Eva Schmidt');
    assert.equal(manager.active()?.url, hookPortal.baseUrl);
    await diagnosticsWhere(appJs(), (d) => liveFrom(hookHost)(d) && !liveFrom(appHost)(d));
  });

  it('disconnects both: the secrets are deleted and the live check goes away', async () => {
    await connectHook();
    await connectApp();
    await vscode.commands.executeCommand('bitrix24.switchPortal', hookPortal.baseUrl);
    await diagnosticsWhere(appJs(), liveFrom(hookHost));
    const cleared = diagnosticsWhere(appJs(), (d) => live(d).length === 0);
    assert.equal(await vscode.commands.executeCommand<boolean>('bitrix24.disconnect', hookPortal.baseUrl), true);
    assert.equal(await manager.hasStoredCredentials(hookPortal.baseUrl), false);
    assert.equal(manager.active()?.url, appPortal.baseUrl, 'the remaining portal did not become active');
    assert.equal(await vscode.commands.executeCommand<boolean>('bitrix24.disconnect', { url: appPortal.baseUrl }), true);
    assert.equal(await manager.hasStoredCredentials(appPortal.baseUrl), false);
    assert.equal(manager.active(), undefined);
    assert.equal(statusView(manager.status()).text, '$(debug-disconnect) Bitrix24: not connected');
    assert.equal(vscode.workspace.getConfiguration('bitrix24').inspect('portals')?.globalValue, undefined);
    await cleared;
  });

  it('leaves no webhook code, app secret or token in any log, setting, workspace file or harness output', async () => {
    // Its own full round: both connections, a token renewal, both disconnected.
    await connectHook();
    await connectApp();
    appPortal.faults.set({ expireTokens: true });
    assert.ok(await vscode.commands.executeCommand<PortalIdentity | undefined>('bitrix24.refreshPortal'), 'the token renewal failed');
    collectAppTokens();
    assert.equal(await vscode.commands.executeCommand<boolean>('bitrix24.disconnect', hookPortal.baseUrl), true);
    assert.equal(await vscode.commands.executeCommand<boolean>('bitrix24.disconnect', appPortal.baseUrl), true);
    assert.ok(secrets.size >= 6, `expected the webhook code, app secret, code and two token pairs; have ${secrets.size}`);
    // The extension's log must be among the files searched, and must already hold the last disconnect.
    const logs = filesUnder(join(harnessDir, 'user-data', 'logs')).filter((f) => f.endsWith(LOG_FILE));
    assert.ok(logs.length > 0, `no "${LOG_FILE}" under the harness's logs folder`);
    const logText = await Promise.race(logs.map((f) => fileContaining(f, `Disconnected ${appPortal.baseUrl}`)));
    assert.ok(logText.includes(`Connected to ${hookPortal.baseUrl}`), 'the log does not record the connections');

    const searched = [...filesUnder(harnessDir), ...filesUnder(workspaceFolder().fsPath)];
    assert.ok(
      searched.some((f) => f.endsWith(join('User', 'settings.json'))),
      'the user settings file was not searched',
    );
    const leaks = searched.filter((f) => {
      const bytes = readFileSync(f);
      return [...secrets].some((s) => bytes.includes(s));
    });
    assert.deepEqual(leaks, [], 'files containing a secret');
    assert.ok(
      printed.every((line) => [...secrets].every((s) => !line.includes(s))),
      'a secret was printed to the console',
    );
  });
});
