// "Bitrix24: Show Method Catalogue" typed into and clicked in the real workbench: its title
// counts what the CLI counts, several words and a scope narrow the list, events and
// placements are listed with the methods, and the item buttons copy the name (clipboard
// read back), ask before opening the docs, and search this workspace for usages.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from '../../scripts/vscode/paths.mjs';
import { session } from './session.mjs';
import { STEP_MS, quickPickRow, retry, runCommand, screenshot } from './workbench.mjs';

/** What `bitrix24-scopes catalog` says it holds: methods, events and placements. */
function cliCounts() {
  const res = spawnSync(process.execPath, [join(root, 'dist', 'bin', 'scopes.js'), 'catalog'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(res.status, 0, res.stderr);
  const head = res.stdout.split('\n').slice(0, 3).join(' ');
  const methods = /All (\d+) methods/.exec(head)?.[1];
  const events = /(\d+) events/.exec(head)?.[1];
  const placements = /(\d+) placements/.exec(head)?.[1];
  assert.ok(methods && events && placements, `the CLI's summary: ${head}`);
  return { methods, events, placements };
}

describe('the method catalogue picker', function () {
  this.timeout(180_000);
  const page = () => {
    assert.ok(session.page, 'no browser page: run this file through test/ui/run.mjs');
    return session.page;
  };
  const input = () => page().locator('.quick-input-widget input');
  const rows = () => page().locator('.quick-input-widget .quick-input-list .monaco-list-row');
  /**
   * Types `query` and waits until the first row matches `first`; returns the rows' texts
   * (a row's text runs its name and description together: "crm.deal.addcrm · deprecated").
   */
  const search = async (query, first) => {
    const p = page();
    await input().fill(query);
    return retry(
      p,
      `results for "${query}"`,
      async () => {
        const texts = await rows().allInnerTexts();
        if (!texts.length || !first.test(texts[0])) throw new Error(`first rows: ${texts.slice(0, 3).join(' | ')}`);
        return texts;
      },
      STEP_MS,
    );
  };

  after(async () => {
    const p = session.page;
    if (!p) return;
    await p.keyboard.press('Escape');
    await runCommand(p, 'Notifications: Clear All Notifications');
    await runCommand(p, 'View: Show Explorer');
  });

  it('counts in its title what the CLI counts', async () => {
    const p = page();
    await runCommand(p, 'Bitrix24: Show Method Catalogue');
    const title = p.locator('.quick-input-widget .quick-input-title');
    await title.filter({ hasText: 'Bitrix24 REST catalogue' }).waitFor({ state: 'visible', timeout: STEP_MS });
    const { methods, events, placements } = cliCounts();
    assert.equal((await title.innerText()).trim(), `Bitrix24 REST catalogue: ${methods} methods, ${events} events, ${placements} placements`);
  });

  it('finds by several words and by scope', async () => {
    const deal = await search('deal add', /^crm\.deal\.add(?![.\w]*\.)/);
    assert.match(deal[0], /crm/);
    const list = await search('crm list', /list/i);
    for (const row of list.slice(0, 5)) assert.match(row, /crm/i, `"crm list" row: ${row}`);
    // The pointer left on the input shows its placeholder as a tooltip over the results.
    await page().mouse.move(1100, 700);
    await page().locator('.workbench-hover, .monaco-hover').first().waitFor({ state: 'hidden', timeout: STEP_MS });
    await screenshot(page(), session.outputDir ?? 'test-output/ui', 'catalogue');
  });

  it('lists events and placements', async () => {
    const event = await search('OnCrmDealAdd', /OnCrmDealAdd/i);
    assert.match(event[0], /event/);
    const placement = await search('CRM_DEAL_DETAIL_TAB', /CRM_DEAL_DETAIL_TAB/);
    assert.match(placement[0], /placement/);
  });

  it('copies a name with its button (clipboard read back)', async () => {
    const p = page();
    await search('deal add', /^crm\.deal\.add(?![.\w]*\.)/);
    await p.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(p.url()).origin });
    await p.evaluate(() => navigator.clipboard.writeText(''));
    const row = await quickPickRow(p, 'crm.deal.add');
    await row.hover();
    await row.locator('.action-label[aria-label="Copy name"]').click();
    const copied = await retry(
      p,
      'the name on the clipboard',
      async () => {
        const t = await p.evaluate(() => navigator.clipboard.readText());
        if (!t) throw new Error('the clipboard is empty');
        return t;
      },
      STEP_MS,
    );
    assert.equal(copied, 'crm.deal.add');
  });

  it('opens the docs only after the workbench asks, and shows usages in this workspace', async () => {
    const p = page();
    await search('crm item list', /^crm\.item\.list(?![.\w]*\.)/);
    let row = await quickPickRow(p, 'crm.item.list');
    await row.hover();
    const popup = p
      .context()
      .waitForEvent('page', { timeout: STEP_MS })
      .then((tab) => ({ tab }));
    const dialog = p.locator('.monaco-dialog-box', { hasText: 'apidocs.bitrix24' });
    await row.locator('.action-label[aria-label="Open docs"]').click();
    const opened = await Promise.race([popup, dialog.waitFor({ state: 'visible', timeout: STEP_MS }).then(() => ({ dialog: true }))]);
    if (opened.tab) {
      assert.match(opened.tab.url(), /bitrix24/);
      await opened.tab.close();
    } else {
      // The workbench asks before opening an outside site; nothing is fetched in a test.
      await dialog.locator('.dialog-buttons .monaco-button', { hasText: /^Cancel$/ }).click();
      await dialog.waitFor({ state: 'hidden', timeout: STEP_MS });
    }

    if (!(await input().isVisible())) {
      await runCommand(p, 'Bitrix24: Show Method Catalogue');
      await search('crm item list', /^crm\.item\.list(?![.\w]*\.)/);
    }
    row = await quickPickRow(p, 'crm.item.list');
    await row.hover();
    await row.locator('.action-label[aria-label="Show usages in this workspace"]').click();
    const results = p.locator('.search-view .results');
    await retry(
      p,
      'the usages in the search view',
      async () => {
        const t = await results.innerText({ timeout: 5_000 });
        if (!/app\.js/.test(t)) throw new Error(`search shows: ${t.slice(0, 200)}`);
      },
      STEP_MS,
    );
    assert.equal(await p.locator('.search-view .search-widget textarea, .search-view .search-widget input').first().inputValue(), 'crm.item.list');
  });
});
