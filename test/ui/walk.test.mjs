// The first run, walked as a new user meets it in the real workbench, one screenshot per
// step (test-output/ui/walk-*.png and site-rights.png): the sample app opens with only its
// intended lessons in Problems → the App Scopes view → Copy Scope List (the clipboard
// read back) → the Scope Report as a rendered preview → Site Rights: add a rule with the
// pickers, then Apply, where Enter on the confirmation cancels, and an explicit Apply
// sends and verifies. Runs first (see mocha.mjs), in order, on one page.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { session } from './session.mjs';
import {
  STEP_MS,
  clickRowAction,
  notificationToast,
  openFromExplorer,
  openView,
  quickPickRow,
  retry,
  runCommand,
  screenshot,
  sidebarWidth,
  treeRow,
} from './workbench.mjs';

const SITE = 'Spring promo';
const SITE_ID = 3;
/** Codes the sample app is meant to show: its four lessons (README of examples/). */
const LESSON_CODES = new Set(['missing-scope', 'missing-scope-call', 'unused-scope', 'unknown-method', 'superseded-method', 'deprecated-method']);
const LESSONS = [/landing/, /calendar/, /task\.comentitem\.add/, /crm\.lead\.add/];

describe('the first run, walked', function () {
  this.timeout(180_000);
  const page = () => {
    assert.ok(session.page, 'no browser page: run this file through test/ui/run.mjs');
    return session.page;
  };
  const out = () => session.outputDir ?? 'test-output/ui';
  const portal = () => {
    assert.ok(session.portal, 'no demo portal: run this file through test/ui/run.mjs');
    return session.portal;
  };
  const siteRights = () =>
    portal()
      .snapshot()
      .sites.find((s) => s.id === SITE_ID)?.rights;
  const quickTitle = (text) => page().locator('.quick-input-widget .quick-input-title', { hasText: text });
  /** The Bitrix24 icon's badge on the activity bar ('' when there is none). */
  const badge = async () => {
    const b = page().locator('.activitybar .action-item:has(a[aria-label^="Bitrix24"]) .badge-content');
    return (await b.count()) && (await b.first().isVisible()) ? (await b.first().innerText()).trim() : '';
  };

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

  it('starts with only the intended lessons in Problems, and no warning toasts', async () => {
    const p = page();
    await openFromExplorer(p, 'js/frontend/app.js');
    await runCommand(p, 'Problems: Focus on Problems View');
    const panel = p.locator('.markers-panel');
    await panel.waitFor({ state: 'visible', timeout: STEP_MS });
    // The workspace check publishes every lesson once it has run; wait for all four.
    const text = await retry(p, 'the four lessons in Problems', async () => {
      const t = await panel.innerText();
      for (const lesson of LESSONS) if (!lesson.test(t)) throw new Error(`Problems lacks ${lesson}: ${t.slice(0, 300)}`);
      return t;
    });
    // Each problem ends in its source and code, shown as "bitrix24(missing-scope)" (the brackets are CSS, not text).
    const codes = [...text.matchAll(/bitrix24\s*\(?\s*([a-z]+(?:-[a-z]+)+)/g)].map((m) => m[1]);
    assert.ok(codes.length >= LESSONS.length, `problem codes read from the panel: ${codes.join(', ')}`);
    const other = codes.filter((c) => !LESSON_CODES.has(c));
    assert.deepEqual(other, [], 'nothing but the lessons (no webhook or portal warnings)');
    assert.doesNotMatch(text, /re-issue the webhook|webhook lacks/i);
    const toasts = p.locator('.notifications-toasts .notification-toast:has(.codicon-warning, .codicon-error)');
    assert.equal(await toasts.count(), 0, `warning toasts: ${await toasts.allInnerTexts()}`);
    // First start is over once the demo portal is connected and the workspace check has finished.
    await p.locator('.statusbar', { hasText: 'Alice Morgan' }).waitFor({ state: 'visible', timeout: 60_000 });
    await p.locator('.statusbar-item', { hasText: 'checking scopes' }).waitFor({ state: 'hidden', timeout: 60_000 });
    await screenshot(p, out(), 'walk-1-first-start');
    await runCommand(p, 'View: Hide Panel');
    await panel.waitFor({ state: 'hidden', timeout: STEP_MS });
  });

  it('shows the App Scopes view: missing landing, unused calendar', async () => {
    const p = page();
    const pane = await openView(p, 'Bitrix24', 'App Scopes');
    const manifest = treeRow(pane, 'bitrix24.json');
    await manifest.waitFor({ state: 'visible', timeout: 60_000 });
    await treeRow(pane, /landing/).waitFor({ state: 'visible', timeout: STEP_MS });
    assert.match(await pane.innerText(), /calendar/);
    await screenshot(p, out(), 'walk-2-app-scopes');
  });

  it('copies the scope list the app settings form wants (clipboard read back)', async () => {
    const p = page();
    const pane = await openView(p, 'Bitrix24', 'App Scopes');
    await p.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(p.url()).origin });
    await p.evaluate(() => navigator.clipboard.writeText(''));
    await clickRowAction(p, treeRow(pane, 'bitrix24.json'), 'Copy Scope List');
    const copied = await retry(
      p,
      'the scope list on the clipboard',
      async () => {
        const t = await p.evaluate(() => navigator.clipboard.readText());
        if (!t) throw new Error('the clipboard is empty');
        return t;
      },
      STEP_MS,
    );
    assert.match(copied, /^[a-z_.]+(,[a-z_.]+)*$/);
    const scopes = copied.split(',');
    assert.ok(scopes.includes('crm') && scopes.includes('landing'), `copied: ${copied}`);
    assert.ok(!scopes.includes('calendar'), 'the unused scope is not copied');
    // The pointer rests on the row after the click; its tooltip would cover the tree in the picture.
    await p.mouse.move(900, 500);
    await p.locator('.workbench-hover, .monaco-hover').first().waitFor({ state: 'hidden', timeout: STEP_MS });
    await screenshot(p, out(), 'walk-3-copy-scope-list');
  });

  it('shows the Scope Report as a rendered preview', async () => {
    const p = page();
    await runCommand(p, 'Bitrix24: Show Scope Report');
    const tab = p.locator('.tabs-container .tab.active', { hasText: /Preview/ });
    await tab.waitFor({ state: 'visible', timeout: STEP_MS });
    // The preview is a webview: its rendered heading sits in a nested frame.
    const body = p.frameLocator('.webview.ready').frameLocator('#active-frame').locator('body');
    await retry(
      p,
      'the rendered report',
      async () => {
        const t = await body.innerText({ timeout: 5_000 });
        if (!/bitrix24\.json/.test(t) || !/landing/.test(t)) throw new Error(`preview shows: ${t.slice(0, 200)}`);
      },
      STEP_MS,
    );
    assert.equal(await p.locator('.tabs-container .tab.dirty').count(), 0, 'no dirty buffer');
    assert.ok(await body.locator('a', { hasText: 'publish-event.php' }).first().isVisible(), 'locations are links');
    assert.doesNotMatch(await body.innerText(), /\]\(file:/, 'no link left as raw Markdown');
    await screenshot(p, out(), 'walk-4-scope-report');
    await runCommand(p, 'View: Close All Editors');
  });

  let pane;
  it('adds a rule with pickers that name the site and the step, the department before its scope', async () => {
    const p = page();
    pane = await openView(p, 'Bitrix24', 'Site Rights');
    await treeRow(pane, SITE).waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await pane.innerText(), /Rights model: extended/);
    assert.equal(await badge(), '', 'no unapplied changes yet');
    const site = treeRow(pane, SITE);
    await retry(
      p,
      `expand "${SITE}"`,
      async () => {
        if ((await site.getAttribute('aria-expanded')) !== 'true') await site.click();
        await treeRow(pane, 'Your effective rights').waitFor({ state: 'visible', timeout: 5_000 });
      },
      STEP_MS,
    );
    assert.match(await treeRow(pane, 'Your effective rights').innerText(), /Read, Edit, Settings, Publish, Delete/);
    await clickRowAction(p, treeRow(pane, SITE), 'Add Access Code');
    await quickTitle(`Add rule to «${SITE}» — 1/3: who`).waitFor({ state: 'visible', timeout: STEP_MS });
    await (await quickPickRow(p, 'Pick a department')).click();
    await quickTitle(`Add rule to «${SITE}» — 2/3: which department`).waitFor({ state: 'visible', timeout: STEP_MS });
    await (await quickPickRow(p, 'Sales')).click();
    await quickTitle(`Add rule to «${SITE}» — 2/3: with sub-departments?`).waitFor({ state: 'visible', timeout: STEP_MS });
    await (await quickPickRow(p, 'Sales only')).click();
    await quickTitle(`Add rule to «${SITE}» — 3/3: what D2 may do`).waitFor({ state: 'visible', timeout: STEP_MS });
    // "Read" is ticked already (every rule includes it); tick "Edit" as well.
    await (await quickPickRow(p, 'Edit')).click();
    await p
      .locator('.quick-input-widget .quick-input-list .monaco-list-row[aria-checked="true"]', { hasText: 'Edit pages' })
      .waitFor({ state: 'visible', timeout: STEP_MS });
    await p.keyboard.press('Enter');
    await p.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_MS });

    const rule = treeRow(pane, /● D2\s+Sales/);
    await rule.waitFor({ state: 'visible', timeout: STEP_MS });
    assert.match(await rule.innerText(), /Read, Edit · not applied/);
    assert.match(await treeRow(pane, SITE).innerText(), /● Spring promo/, 'the marker leads the site label');
    await retry(p, 'the badge', async () => assert.equal(await badge(), '1'), STEP_MS);
    assert.deepEqual(siteRights(), {}, 'nothing reached the portal before Apply');
    const file = readFileSync(join(session.workspace, '.bitrix24', 'rights', new URL(portal().baseUrl).host.replace(':', '_'), `${SITE_ID}.json`), 'utf8');
    assert.deepEqual(JSON.parse(file).rules, { D2: ['read', 'edit'] });
    await screenshot(p, out(), 'walk-5-rule-added');
  });

  it('asks before applying with Cancel as the default beside the diff: Enter sends nothing', async () => {
    const p = page();
    await clickRowAction(p, treeRow(pane, SITE), 'Apply');
    await p.locator('.tabs-container .tab', { hasText: `${SITE}: never applied ↔ planned (1 added)` }).waitFor({ state: 'visible', timeout: STEP_MS });
    await quickTitle(`Apply 1 rule to «${SITE}»?`).waitFor({ state: 'visible', timeout: STEP_MS });
    const active = p.locator('.quick-input-widget .quick-input-list .monaco-list-row.focused');
    assert.match(await active.innerText(), /Cancel/, 'Cancel is what Enter would choose');
    // The diff stays readable beside the question, each code named.
    assert.match(await p.locator('.editor-instance').last().innerText(), /Sales/);
    await screenshot(p, out(), 'walk-6-apply-cancel-default');
    await p.keyboard.press('Enter');
    await p.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_MS });
    // Applies to one site run one after another: once the next confirmation is up, the first is settled.
    await clickRowAction(p, treeRow(pane, SITE), 'Apply');
    await quickTitle(`Apply 1 rule to «${SITE}»?`).waitFor({ state: 'visible', timeout: STEP_MS });
    assert.deepEqual(siteRights(), {}, 'Enter sent nothing');
    assert.equal(await p.locator('.notifications-toasts .notification-toast', { hasText: 'Applied 1 rule' }).count(), 0);
  });

  it('applies when Apply is chosen, verifies honestly, closes the plan and clears the badge (screenshot)', async () => {
    const p = page();
    await (await quickPickRow(p, '1 added')).click();
    const told = await notificationToast(p, `Applied 1 rule to "${SITE}"`);
    assert.match(told, /The portal confirms your own rights on this site are Read, Edit, Settings, Publish, Delete; it cannot list other rules\./);
    assert.deepEqual(siteRights(), { D2: ['read', 'edit'] }, 'the portal stores exactly the planned set');
    await p.locator('.tabs-container .tab', { hasText: 'never applied ↔ planned' }).waitFor({ state: 'detached', timeout: STEP_MS });
    await treeRow(pane, /Configured rules\s*1 rule · applied/).waitFor({ state: 'visible', timeout: STEP_MS });
    assert.doesNotMatch(await treeRow(pane, /Configured rules/).innerText(), /\d{4}-\d\d-\d\dT/, 'a local time, not ISO');
    assert.doesNotMatch(await treeRow(pane, /D2\s+Sales/).innerText(), /not applied|●/);
    await retry(p, 'the badge cleared', async () => assert.equal(await badge(), ''), STEP_MS);

    // A long message is cut to one line; expand it so the screenshot shows the whole verification.
    const toast = p.locator('.notifications-toasts .notification-toast', { hasText: `Applied 1 rule to "${SITE}"` }).first();
    await retry(
      p,
      'expand the notification',
      async () => {
        await toast.hover();
        const expand = toast.locator('.codicon-notifications-expand');
        if (await expand.isVisible()) await expand.click();
        await toast.locator('.codicon-notifications-collapse').waitFor({ state: 'visible', timeout: 2_000 });
      },
      STEP_MS,
    );
    assert.match(await toast.innerText(), /it cannot list other rules/);
    // Wide enough that the rules' descriptions (operations, when applied) are not cut off in the picture.
    await sidebarWidth(p, 520);
    await p.mouse.move(900, 400);
    await screenshot(p, out(), 'site-rights');
    await sidebarWidth(p, 300);
  });
});
