// The extension in a Russian VS Code (started by test/ui/run.mjs --russian with `--locale ru`):
// its commands are found by ">битрикс", its views, status bar and pickers speak Russian
// (package.nls.ru.json, l10n/bundle.l10n.ru.json), and the language server's hover follows.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { session } from '../session.mjs';
import { STEP_MS, hoverMethod, openFromExplorer, openView, retry } from '../workbench.mjs';

const FILE = 'js/frontend/app.js';
const METHOD = 'tasks.task.add';

function methodPosition() {
  const lines = readFileSync(join(session.workspace ?? 'examples', FILE), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(`'${METHOD}'`));
  assert.ok(line >= 0, `${METHOD} is not in ${FILE}`);
  return { method: METHOD, line: line + 1, column: lines[line].indexOf(`'${METHOD}'`) + 3 };
}

describe('Bitrix24 REST Tools in a Russian VS Code', function () {
  this.timeout(180_000);
  const page = () => {
    assert.ok(session.page, 'no browser page: run this file through test/ui/run.mjs --russian');
    return session.page;
  };
  const shot = (name) => page().screenshot({ path: join(session.outputDir, name) });

  it('hovers a REST method in Russian, from the language server', async () => {
    await openFromExplorer(page(), FILE);
    const text = await hoverMethod(page(), methodPosition(), /Кто может выполнять/);
    assert.match(text, /tasks\.task\.add/);
    await shot('ru-hover.png');
    await page().keyboard.press('Escape');
  });

  it('">битрикс" in the command palette finds the commands under their Russian titles', async () => {
    const p = page();
    const input = p.locator('.quick-input-widget input');
    const row = p.locator('.quick-input-list .monaco-list-row', { hasText: 'Битрикс24: Показать каталог методов' }).first();
    await retry(
      p,
      'find the commands with >битрикс',
      async () => {
        await p.keyboard.press('Escape');
        await p.keyboard.press('F1');
        await input.waitFor({ state: 'visible', timeout: 5_000 });
        await input.fill('>битрикс');
        await row.waitFor({ state: 'visible', timeout: 5_000 });
      },
      STEP_MS * 2,
    );
    const rows = await p.locator('.quick-input-list .monaco-list-row').allInnerTexts();
    assert.ok(
      rows.some((r) => r.includes('Битрикс24: Подключить портал')),
      rows.join(' | '),
    );
    await shot('ru-command-palette.png');
    await p.keyboard.press('Escape');
  });

  it('shows the status bar item in Russian', async () => {
    await page().locator('.statusbar-item', { hasText: 'Битрикс24: не подключён' }).first().waitFor({ state: 'visible', timeout: STEP_MS });
  });

  it('opens the Битрикс24 side bar with its Скоупы приложения and Права сайтов panes', async () => {
    const pane = await openView(page(), 'Битрикс24', 'Скоупы приложения');
    await pane.locator('.monaco-list-row', { hasText: 'bitrix24.json' }).first().waitFor({ state: 'visible', timeout: STEP_MS });
    assert.equal(await page().locator('.sidebar .pane > .pane-header', { hasText: 'Права сайтов' }).count(), 1);
    // The manifest's summary line is the client's own wording.
    await pane
      .locator('.monaco-list-row', { hasText: /объявлено: \d+ · нужно: \d+/ })
      .first()
      .waitFor({ state: 'visible', timeout: STEP_MS });
    await shot('ru-views.png');
  });

  it('opens the method catalogue with a Russian title', async () => {
    const p = page();
    const input = p.locator('.quick-input-widget input');
    await retry(
      p,
      'run Показать каталог методов',
      async () => {
        await p.keyboard.press('Escape');
        await p.keyboard.press('F1');
        await input.waitFor({ state: 'visible', timeout: 5_000 });
        await input.fill('>Битрикс24: Показать каталог методов');
        await p.locator('.quick-input-list .monaco-list-row', { hasText: 'Показать каталог методов' }).first().click({ timeout: 5_000 });
        await p.locator('.quick-input-widget .quick-input-title', { hasText: 'Каталог REST Битрикс24' }).waitFor({ state: 'visible', timeout: 5_000 });
      },
      STEP_MS * 2,
    );
    await p.keyboard.press('Escape');
  });
});
