// "Bitrix24: Connect to Portal" as a user goes through it in the real workbench: the kind
// picked in the quick pick and everything typed into the input boxes, for an inbound
// webhook and an OAuth local app; a wrong URL refused while typing; and a refused
// connection whose log holds no secret. A second demo portal is started here; at the end
// it is disconnected through the palette, so the tier's own portal is active again.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root } from '../../scripts/vscode/paths.mjs';
import { session } from './session.mjs';
import { STEP_MS, answerDialog, notificationToast, quickPickRow, retry, runCommand } from './workbench.mjs';

const LOG_FILE = 'Bitrix24 REST Tools.log';

/** Every file below `dir`. */
function filesUnder(dir) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    const st = statSync(path, { throwIfNoEntry: false });
    return !st ? [] : st.isDirectory() ? filesUnder(path) : [path];
  });
}

describe('Connect to Portal, typed in the workbench', function () {
  this.timeout(180_000);
  let other;
  let host;
  const page = () => {
    assert.ok(session.page, 'no browser page: run this file through test/ui/run.mjs');
    return session.page;
  };
  const input = () => page().locator('.quick-input-widget input');
  const title = (text) => page().locator('.quick-input-widget .quick-input-title', { hasText: text });

  /** Types `text` into the quick input showing `boxTitle`, as keystrokes, and presses Enter. */
  async function typeInto(boxTitle, text) {
    await title(boxTitle).waitFor({ state: 'visible', timeout: STEP_MS });
    await input().focus();
    await page().keyboard.type(text);
    await page().keyboard.press('Enter');
  }

  async function startConnect(kind) {
    await runCommand(page(), 'Bitrix24: Connect to Portal');
    await title('Connect to Portal').waitFor({ state: 'visible', timeout: STEP_MS });
    await (await quickPickRow(page(), kind)).click();
  }

  /** The status bar item of the active portal. */
  const statusItem = (text) => page().locator('.statusbar-item', { hasText: text }).first();

  before(async () => {
    // A second portal, from the same bundle the extension ships, so connecting changes something visible.
    const { startDemoPortal } = createRequire(import.meta.url)(join(root, 'dist', 'bin', 'demo-portal.js'));
    other = await startDemoPortal({ port: 0, rateLimit: false });
    host = new URL(other.baseUrl).host;
  });

  after(async () => {
    const p = session.page;
    if (p && other) {
      // Forget the second portal; the tier's own portal becomes active again.
      await p.keyboard.press('Escape');
      await runCommand(p, 'Bitrix24: Disconnect Portal');
      await (await quickPickRow(p, host)).click();
      await answerDialog(p, `Disconnect ${host}?`, 'Disconnect');
      await notificationToast(p, `Disconnected ${host}`);
      await runCommand(p, 'Notifications: Clear All Notifications');
    }
    await other?.close();
  });

  it('refuses a URL that is not a webhook while it is typed, and keeps the box open', async () => {
    await startConnect('Inbound webhook');
    await title('Connect to Portal: inbound webhook').waitFor({ state: 'visible', timeout: STEP_MS });
    await input().focus();
    await page().keyboard.type('https://example.com/not-a-webhook');
    const message = page().locator('.quick-input-widget .quick-input-message');
    await retry(
      page(),
      'show the validation message',
      async () => {
        assert.match(await message.innerText(), /\S/);
      },
      STEP_MS,
    );
    await page().keyboard.press('Enter');
    assert.ok(await title('inbound webhook').isVisible(), 'Enter on an invalid URL closed the box');
    await page().keyboard.press('Escape');
    await title('inbound webhook').waitFor({ state: 'hidden', timeout: STEP_MS });
  });

  it('connects with a webhook URL typed into the input box and shows who you are', async () => {
    await startConnect('Inbound webhook');
    await typeInto('Connect to Portal: inbound webhook', other.webhooks.user);
    const toast = await notificationToast(page(), `Connected to ${host}`);
    assert.match(toast, /as Eva Schmidt \(not an administrator\)/);
    assert.match(toast, /Scopes granted to this webhook: /);
    await statusItem(host).waitFor({ state: 'visible', timeout: STEP_MS });
    assert.match(await statusItem(host).innerText(), /Eva Schmidt/);
  });

  it('connects an OAuth local app step by step: address, client id, secret, kind of grant, code', async () => {
    const authorize = await fetch(`${other.oauth.authorizeUrl}?client_id=${encodeURIComponent(other.oauth.clientId)}`);
    const { code } = await authorize.json();
    await startConnect('OAuth local app');
    await typeInto('OAuth local app (1/5)', other.baseUrl);
    await typeInto('OAuth local app (2/5)', other.oauth.clientId);
    await typeInto('OAuth local app (3/5)', other.oauth.clientSecret);
    await title('OAuth local app (4/5)').waitFor({ state: 'visible', timeout: STEP_MS });
    await (await quickPickRow(page(), 'Authorization code')).click();
    await typeInto('OAuth local app (5/5)', code);
    const toast = await notificationToast(page(), 'Scopes granted to this local app');
    assert.match(toast, new RegExp(`Connected to ${host.replace(/\./g, '\\.')} as .+ \\(administrator\\)`));
    await statusItem(`${host}`).waitFor({ state: 'visible', timeout: STEP_MS });
    assert.match(await statusItem(host).innerText(), /\(admin\)/);
  });

  it('says nothing was saved when the portal refuses the webhook, and the log holds no secret', async () => {
    const wrongCode = 'wrongcode0123456789';
    const url = `${other.baseUrl}/rest/1/${wrongCode}/`;
    await startConnect('Inbound webhook');
    await typeInto('Connect to Portal: inbound webhook', url);
    const toast = await notificationToast(page(), `Could not connect to ${host}`);
    assert.match(toast, /Nothing was saved/);
    assert.ok(!toast.includes(wrongCode), 'the error message shows the webhook code');

    const logs = () => filesUnder(join(session.userDataDir ?? '', 'logs')).filter((f) => f.endsWith(LOG_FILE));
    const text = await retry(
      page(),
      'the log records the failure',
      async () => {
        const all = logs()
          .map((f) => readFileSync(f, 'utf8'))
          .join('\n');
        assert.match(all, new RegExp(`Connecting to ${host.replace(/\./g, '\\.')} failed`));
        return all;
      },
      STEP_MS,
    );
    assert.ok(!text.includes(wrongCode), 'the log holds the webhook code');
    for (const secret of [other.oauth.clientSecret, new URL(other.webhooks.user).pathname.split('/')[3]]) {
      assert.ok(!text.includes(secret), 'the log holds a secret of an earlier connection');
    }
  });
});
