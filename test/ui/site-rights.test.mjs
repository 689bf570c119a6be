// Site rights in the real workbench, as a user meets them: open the Bitrix24 view on the
// demo portal test/ui/run.mjs started (the extension connected to it on activation),
// expand a site, add an access code with the pickers, apply it through the plan and the
// confirmation, and see the verification. Runs in order on one page.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { session } from './session.mjs';
import { STEP_MS, answerDialog, clickRowAction, notificationToast, openView, quickPickRow, retry, runCommand, treeRow } from './workbench.mjs';

const SITE = 'Spring promo';
const SITE_ID = 3;

describe('site rights in the workbench', function () {
  this.timeout(180_000);
  let pane;
  const page = () => {
    assert.ok(session.page, 'no browser page: run this file through test/ui/run.mjs');
    return session.page;
  };
  const portal = () => {
    assert.ok(session.portal, 'no demo portal: run this file through test/ui/run.mjs');
    return session.portal;
  };
  const siteRights = () => portal().snapshot().sites.find((s) => s.id === SITE_ID)?.rights;

  after(async () => {
    // Leave the workbench as the next file expects it: no editors or messages, explorer shown.
    const p = session.page;
    if (!p) return;
    await p.keyboard.press('Escape');
    await runCommand(p, 'Notifications: Clear All Notifications');
    await runCommand(p, 'View: Close All Editors');
    await runCommand(p, 'View: Show Explorer');
    await p.locator('.explorer-folders-view').waitFor({ state: 'visible', timeout: STEP_MS });
  });

  it('opens the Bitrix24 view and lists the demo portal\'s sites', async () => {
    pane = await openView(page(), 'Bitrix24', 'Site Rights');
    // The connection starts after activation; the view fills in once it is made.
    await treeRow(pane, SITE).waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await pane.innerText(), /Rights model: extended/);
  });

  it('expands a site: your effective rights and no configured rules yet', async () => {
    const p = page();
    const site = treeRow(pane, SITE);
    await retry(p, `expand "${SITE}"`, async () => {
      if ((await site.getAttribute('aria-expanded')) !== 'true') await site.click();
      await treeRow(pane, 'Your effective rights').waitFor({ state: 'visible', timeout: 5_000 });
    }, STEP_MS);
    assert.match(await treeRow(pane, 'Your effective rights').innerText(), /read, edit, sett, public, delete/);
    assert.match(await treeRow(pane, 'Configured rules').innerText(), /no rights file yet/);
  });

  it('adds an access code with the pickers: typed D2, read and edit', async () => {
    const p = page();
    await clickRowAction(p, treeRow(pane, SITE), 'Add Access Code');
    await (await quickPickRow(p, 'Type an access code')).click();
    const input = p.locator('.quick-input-widget input');
    await p.locator('.quick-input-widget .quick-input-title', { hasText: 'Access code' }).waitFor({ state: 'visible', timeout: STEP_MS });
    await input.fill('d2');
    await p.keyboard.press('Enter');
    await p.locator('.quick-input-widget .quick-input-title', { hasText: 'Operations for D2' }).waitFor({ state: 'visible', timeout: STEP_MS });
    // "read" is ticked already (every rule includes it); tick "edit" as well.
    const edit = await quickPickRow(p, 'Edit pages');
    await edit.click();
    await p.locator('.quick-input-widget .quick-input-list .monaco-list-row[aria-checked="true"]', { hasText: 'Edit pages' }).waitFor({ state: 'visible', timeout: STEP_MS });
    await p.keyboard.press('Enter');
    await p.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_MS });

    const rule = treeRow(pane, /D2\s+Sales/);
    await rule.waitFor({ state: 'visible', timeout: STEP_MS });
    assert.match(await rule.innerText(), /read, edit · not applied/);
    assert.match(await treeRow(pane, SITE).innerText(), /not applied/);
    assert.deepEqual(siteRights(), {}, 'nothing reached the portal before Apply');
    const file = readFileSync(join(session.workspace, '.bitrix24', 'rights', new URL(portal().baseUrl).host.replace(':', '_'), `${SITE_ID}.json`), 'utf8');
    assert.deepEqual(JSON.parse(file).rules, { D2: ['read', 'edit'] });
  });

  it('applies: the plan diff and the confirmation first, then the verification (screenshot)', async () => {
    const p = page();
    await clickRowAction(p, treeRow(pane, SITE), 'Apply');
    // The plan opens as a diff next to the question.
    await p.locator('.tabs-container .tab', { hasText: `${SITE}: never applied ↔ planned (1 added)` }).waitFor({ state: 'visible', timeout: STEP_MS });
    await answerDialog(p, `Apply 1 rule to "${SITE}"?`, 'Apply');
    const told = await notificationToast(p, `Applied 1 rule to "${SITE}"`);
    assert.match(told, /You now have: read, edit, sett, public, delete\./);
    assert.deepEqual(siteRights(), { D2: ['read', 'edit'] }, 'the portal stores exactly the planned set');
    await treeRow(pane, /Configured rules\s*1 rule · applied \d{4}-/).waitFor({ state: 'visible', timeout: STEP_MS });
    assert.doesNotMatch(await treeRow(pane, /D2\s+Sales/).innerText(), /not applied/);

    // A long message is cut to one line; expand it so the screenshot shows the whole verification.
    const toast = p.locator('.notifications-toasts .notification-toast', { hasText: `Applied 1 rule to "${SITE}"` }).first();
    await retry(p, 'expand the notification', async () => {
      await toast.hover();
      const expand = toast.locator('.codicon-notifications-expand');
      if (await expand.isVisible()) await expand.click();
      await toast.locator('.codicon-notifications-collapse').waitFor({ state: 'visible', timeout: 2_000 });
    }, STEP_MS);

    // What the screenshot must show, checked on the page before it is taken: the plan's diff
    // editor, the applied rule in the tree, and the whole verification message.
    assert.ok(await p.locator('.tabs-container .tab.active', { hasText: `${SITE}: never applied ↔ planned` }).isVisible(), 'the plan diff is not the active editor');
    assert.ok(await treeRow(pane, /D2\s+Sales/).isVisible(), 'the applied rule is not in the tree');
    assert.match(await toast.innerText(), /You now have: read, edit, sett, public, delete\./);
    const file = join(session.outputDir ?? 'test-output/ui', 'site-rights.png');
    await p.screenshot({ path: file });
    assert.ok(existsSync(file), `no screenshot at ${file}`);
    console.log(`      screenshot: ${file}`);
  });
});
