// The extension in the real workbench, as a user meets it: open a file from the explorer,
// hover a REST method, run a command from the palette, open the Bitrix24 view. Runs in
// order on one page opened by test/ui/run.mjs on the examples/ workspace.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { session } from './session.mjs';
import { STEP_MS, hoverMethod, openFromExplorer, openView, runCommand } from './workbench.mjs';

const FILE = 'js/frontend/app.js';
const METHOD = 'tasks.task.add';
// The method's scope is `task` although its name starts with "tasks": only the server knows.
const HOVER = /tasks\.task\.add[\s\S]*scope[^\n]*\btask\b/i;

/** Where METHOD sits in FILE (1-based line and column inside the quotes). */
function methodPosition() {
  const lines = readFileSync(join(session.workspace ?? 'examples', FILE), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(`'${METHOD}'`));
  assert.ok(line >= 0, `${METHOD} is not in ${FILE}`);
  return { method: METHOD, line: line + 1, column: lines[line].indexOf(`'${METHOD}'`) + 3 };
}

/** The Site Rights pane in the side bar (its header may be hidden when it is the only view). */
function sitesPane(p) {
  return p
    .locator('.sidebar .pane')
    .filter({ has: p.locator('.pane-header', { hasText: 'Site Rights' }) })
    .first();
}

describe('the workbench with Bitrix24 REST Tools', function () {
  this.timeout(180_000);
  const page = () => {
    assert.ok(session.page, 'no browser page: run this file through test/ui/run.mjs');
    return session.page;
  };

  it('opens a JavaScript file from the explorer', async () => {
    await openFromExplorer(page(), FILE);
  });

  it('shows the scope of a method on hover', async () => {
    const text = await hoverMethod(page(), methodPosition(), HOVER);
    assert.match(text, /who can execute/i);
    await page().keyboard.press('Escape');
  });

  it('runs "Bitrix24: Show Method Catalogue" from the command palette', async () => {
    const p = page();
    await runCommand(p, 'Bitrix24: Show Method Catalogue');
    await p.locator('.quick-input-widget .quick-input-title', { hasText: 'Bitrix24 REST catalogue' }).waitFor({ state: 'visible', timeout: STEP_MS });
    await p.locator('.quick-input-widget input').fill('crm.lead.add');
    const row = p.locator('.quick-input-list .monaco-list-row', { hasText: 'crm.lead.add' }).first();
    await row.waitFor({ state: 'visible', timeout: STEP_MS });
    assert.match(await row.innerText(), /crm/);
    await p.keyboard.press('Escape');
  });

  it('opens the Bitrix24 view with its Site Rights pane', async () => {
    const pane = await openView(page(), 'Bitrix24', 'Site Rights');
    // The container shows App Scopes above Site Rights, each under its own header.
    assert.match(await pane.locator('.pane-header').innerText(), /site rights/i);
    assert.equal(
      await page()
        .locator('.sidebar .pane > .pane-header', { hasText: /app scopes/i })
        .count(),
      1,
      'the App Scopes pane is there too',
    );
    const body = pane.locator('.pane-body');
    await body.waitFor({ state: 'visible', timeout: STEP_MS });
    assert.match(await body.innerText(), /\S/, 'the Site Rights pane is empty');
  });

  it('shows the view and a hover together (screenshot)', async () => {
    const p = page();
    const text = await hoverMethod(p, methodPosition(), HOVER);
    // What the screenshot must show, checked on the page before it is taken.
    assert.match(text, /who can execute/i);
    assert.ok(await p.locator('.monaco-hover:visible', { hasText: METHOD }).first().isVisible(), 'the hover closed');
    assert.ok(await sitesPane(p).isVisible(), 'the Site Rights pane closed');
    assert.match(await sitesPane(p).locator('.pane-body').innerText(), /Spring promo/, 'the Site Rights view lists no sites');
    assert.ok(await p.locator('.tabs-container .tab.active', { hasText: 'app.js' }).isVisible(), 'app.js is not the active editor');
    // The hover fades in: wait until it and its containers are fully opaque, or the picture catches it half-drawn.
    await p.waitForFunction(
      (name) => {
        const hover = [...document.querySelectorAll('.monaco-hover')].find((el) => el.textContent?.includes(name));
        for (let el = hover; el && el !== document.body; el = el.parentElement) if (getComputedStyle(el).opacity !== '1') return false;
        return Boolean(hover);
      },
      METHOD,
      { timeout: STEP_MS },
    );
    const file = join(session.outputDir ?? 'test-output/ui', 'workbench.png');
    await p.screenshot({ path: file });
    assert.ok(existsSync(file), `no screenshot at ${file}`);
    console.log(`      screenshot: ${file}`);
  });
});
