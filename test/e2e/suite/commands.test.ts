// Commands a user runs from the palette, each test with its own setup: Show Scope Report,
// Create Manifest from Code, Restart Language Server, and the settings that take effect
// at run time (`bitrix24.manifest.envKeys` after a restart, `bitrix24.rateLimit` for the
// next portal connected).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startDemoPortal, type DemoPortal } from '../../../demo-portal/src';
import type { PortalIdentity } from '../../../client/src/portal';
import { codeOf, diagnosticsWhere, extensionApi, fixtureUri, hoverText, openFixture, serverReady } from './helpers';

const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Writes `files` (path → text) under the workspace; resolves with a function that deletes them again. */
async function writeFiles(files: Record<string, string>): Promise<() => Promise<void>> {
  for (const [path, text] of Object.entries(files)) await vscode.workspace.fs.writeFile(fixtureUri(...path.split('/')), encode(text));
  const top = [...new Set(Object.keys(files).map((p) => p.split('/')[0]))];
  return async () => {
    for (const name of top) await vscode.workspace.fs.delete(fixtureUri(name), { recursive: true, useTrash: false });
  };
}

async function closeEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

describe('Show Scope Report', () => {
  before(serverReady);
  afterEach(closeEditors);

  it("opens a Markdown preview of the active file's manifest: its scopes and the calls needing them", async () => {
    await openFixture('sites-app', 'sites.js');
    // Other suites may leave an untitled buffer of their own open: count, don't require none.
    const dirtyUntitled = () => vscode.workspace.textDocuments.filter((d) => d.isUntitled && d.isDirty).length;
    const before = dirtyUntitled();
    const report = await vscode.commands.executeCommand<vscode.Uri>('bitrix24.showScopeReport');
    assert.ok(report, 'the command returns the report file');
    assert.ok(report.path.endsWith('.md'));
    assert.equal(dirtyUntitled(), before, 'the report opens no dirty untitled buffer');
    const text = decode(await vscode.workspace.fs.readFile(report));
    assert.match(text, /sites-app\/bitrix24\.json/);
    assert.match(text, /user_brief/);
    assert.match(text, /landing\.site\.getList/);
    assert.doesNotMatch(text, /tasks\.task\.list/, "calls of the other manifest's files stay out");
  });
});

describe('Create Manifest from Code', () => {
  before(serverReady);
  afterEach(closeEditors);

  it('opens the existing manifest and creates nothing when the folder has one', async () => {
    const manifest = fixtureUri('sites-app', 'bitrix24.json');
    const before = decode(await vscode.workspace.fs.readFile(manifest));
    const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('bitrix24.createManifest', fixtureUri('sites-app'));
    assert.equal(created, undefined);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), manifest.toString(), 'the existing manifest is opened');
    assert.equal(decode(await vscode.workspace.fs.readFile(manifest)), before);
  });

  describe('in a folder no manifest covers', () => {
    const root = () => fixtureUri('bitrix24.json');
    let rootManifest: Uint8Array;
    let cleanup: () => Promise<void>;
    before(async () => {
      // The workspace root's manifest covers every folder: set it aside for this test.
      rootManifest = await vscode.workspace.fs.readFile(root());
      cleanup = await writeFiles({ 'fresh-app/report.py': "b24.call('crm.deal.list')\nb24.call('user.current')\n" });
      await vscode.workspace.fs.delete(root());
      // Ready when the server no longer counts the new file under the root manifest.
      const doc = await openFixture('fresh-app', 'report.py');
      await diagnosticsWhere(doc.uri, () => true);
      for (let attempt = 0; /Declared in `bitrix24\.json`/.test(await hoverText(doc, 'crm.deal.list')); attempt++) {
        assert.ok(attempt < 200, 'the server still sees the root manifest');
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    after(async () => {
      await closeEditors();
      await cleanup?.();
      if (rootManifest) await vscode.workspace.fs.writeFile(root(), rootManifest);
    });

    it('writes bitrix24.json declaring what the code calls, and opens it', async () => {
      const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('bitrix24.createManifest', fixtureUri('fresh-app'));
      assert.equal(created?.toString(), fixtureUri('fresh-app', 'bitrix24.json').toString());
      const text = decode(await vscode.workspace.fs.readFile(created));
      const scopes = [...text.matchAll(/"([a-z_]+)"/g)].map((m) => m[1]);
      assert.ok(scopes.includes('crm'), text);
      assert.ok(
        scopes.some((s) => ['user_brief', 'user_basic', 'user'].includes(s)),
        text,
      );
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), created.toString());
    });
  });
});

describe('Restart Language Server and bitrix24.manifest.envKeys changed at run time', () => {
  let cleanup: () => Promise<void>;
  const config = () => vscode.workspace.getConfiguration('bitrix24');
  before(async () => {
    await serverReady();
    cleanup = await writeFiles({
      'env-app/.env': 'APP_SCOPES=user_brief\n',
      'env-app/sites.js': "BX24.callMethod('landing.site.getList', {});\n",
    });
  });
  after(async () => {
    await config().update('manifest.envKeys', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('bitrix24.restartServer');
    await closeEditors();
    await cleanup?.();
  });

  it('reads scopes from a custom .env key once the server restarts, and answers again after it', async () => {
    const doc = await openFixture('env-app', 'sites.js');
    // The hint at the call names the manifest that lacks the scope.
    const missing = (ds: vscode.Diagnostic[]) => ds.find((d) => codeOf(d) === 'missing-scope-call');
    // With the default key the root bitrix24.json covers the folder.
    const before = missing(
      await diagnosticsWhere(doc.uri, (ds) => /bitrix24\.json/.test(missing(ds)?.message ?? ''), 'missing-scope-call against bitrix24.json'),
    );
    assert.equal(doc.getText(before!.range), 'landing.site.getList');

    await config().update('manifest.envKeys', ['APP_SCOPES'], vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('bitrix24.restartServer');
    await (
      await extensionApi()
    ).serverReady;
    const after = missing(await diagnosticsWhere(doc.uri, (ds) => /\.env/.test(missing(ds)?.message ?? ''), 'missing-scope-call against env-app/.env'));
    assert.match(after!.message, /landing/);
    // The restarted server answers requests, not only diagnostics.
    assert.match(await hoverText(doc, 'landing.site.getList'), /landing\.site\.getList/);
  });
});

describe('bitrix24.rateLimit', () => {
  let portal: DemoPortal;
  const refusals: string[] = [];
  const config = () => vscode.workspace.getConfiguration('bitrix24');

  /** Connects the demo portal and sends `n` reads at once; resolves with the requests it refused. */
  async function burst(n: number): Promise<number> {
    const identity = await vscode.commands.executeCommand<PortalIdentity | undefined>('bitrix24.connect', { kind: 'webhook', url: portal.webhooks.admin });
    assert.ok(identity, 'connected');
    const client = await (await extensionApi()).portal.store.client(portal.baseUrl);
    await Promise.all(Array.from({ length: n }, () => client.call('user.current')));
    return refusals.length;
  }

  beforeEach(async () => {
    refusals.length = 0;
    // The ordinary plan's limits (50 in a burst, 2 a second): a client pacing as "standard" stays
    // under them however the requests bunch on the way, one pacing as "enterprise" goes over.
    portal = await startDemoPortal({
      port: 0,
      rateLimit: { limit: 50, drainPerSecond: 2 },
      log: (line) => /QUERY_LIMIT_EXCEEDED/.test(line) && refusals.push(line),
    });
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('bitrix24.disconnect', portal.baseUrl);
    await config().update('rateLimit', undefined, vscode.ConfigurationTarget.Global);
    await portal.close();
  });

  it('"standard" (the default) paces a burst so the portal never refuses a request', async () => {
    assert.equal(await burst(60), 0);
  });

  it('"enterprise", set before connecting, sends the burst at once (the portal refuses some; the client recovers)', async () => {
    await config().update('rateLimit', 'enterprise', vscode.ConfigurationTarget.Global);
    assert.ok((await burst(60)) > 0, 'the portal refused nothing: the enterprise pace did not apply');
  });
});
