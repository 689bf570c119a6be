// Roles and many sites at once in the real workbench, after site-rights.test.mjs: switch the
// demo portal to the role model through the confirmation, import its roles from the tree,
// edit the role file as a user would, and see roles → holders (names resolved) → default and
// per-site rights (screenshot); then switch back and change one access code on three sites
// through the pickers, with the whole plan in one confirmation (screenshot).
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { session } from './session.mjs';
import { STEP_MS, notificationToast, openView, quickPickRow, retry, runCommand, sidebarWidth, treeRow } from './workbench.mjs';

/** Resolves once no CSS animation or transition is running, so a screenshot shows the settled state. */
async function settled(page) {
  // Endless ones (a progress spinner) never finish; every other must have.
  await page.waitForFunction(
    () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    undefined,
    { timeout: STEP_MS },
  );
}

/** The choice that switches (not Cancel, whose note says "switch nothing", nor a line of the explanation). */
const SWITCH_ROW = /Switch\s*the whole portal, every site type at once/;

/** Runs a model switch command and returns its question once shown, Cancel active, nothing switched yet. */
async function askToSwitch(page, command, question) {
  await runCommand(page, command);
  const confirm = page.locator('.quick-input-widget', { hasText: question });
  await confirm.waitFor({ state: 'visible', timeout: STEP_MS });
  assert.match(await page.locator('.quick-input-widget .quick-input-list .monaco-list-row.focused').innerText(), /Cancel/);
  return confirm;
}

describe('roles and many sites in the workbench', function () {
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
  const hostFolder = () => new URL(portal().baseUrl).host.replace(':', '_');
  const out = (name) => join(session.outputDir ?? 'test-output/ui', name);

  after(async () => {
    const p = session.page;
    if (!p) return;
    await p.keyboard.press('Escape');
    await sidebarWidth(p, 300).catch(() => undefined);
    await runCommand(p, 'Notifications: Clear All Notifications');
    await runCommand(p, 'View: Close All Editors');
    await runCommand(p, 'View: Show Explorer');
    await p.locator('.explorer-folders-view').waitFor({ state: 'visible', timeout: STEP_MS });
  });

  it('switches to the role model only after a confirmation that says what is not carried over, where Enter alone switches nothing', async () => {
    const p = page();
    pane = await openView(p, 'Bitrix24', 'Site Rights');
    await runCommand(p, 'Notifications: Clear All Notifications');
    const confirm = await askToSwitch(p, 'Switch to Role Model', 'Switch the portal to the role model?');
    assert.match(await confirm.innerText(), /nothing of them is carried over into roles/);
    await p.locator('.tabs-container .tab', { hasText: 'switch.txt' }).waitFor({ state: 'visible', timeout: STEP_MS });
    // Cancel is the active choice: Enter alone switches nothing.
    await p.keyboard.press('Enter');
    await confirm.waitFor({ state: 'hidden', timeout: STEP_MS });
    await p.locator('.tabs-container .tab', { hasText: 'switch.txt' }).waitFor({ state: 'hidden', timeout: STEP_MS });
    assert.equal(portal().snapshot().roleModel, false, 'nothing switched on Enter');
    await askToSwitch(p, 'Switch to Role Model', 'Switch the portal to the role model?');
    await (await quickPickRow(p, SWITCH_ROW)).click();
    await treeRow(pane, 'Rights model: roles').waitFor({ state: 'visible', timeout: STEP_MS });
    assert.equal(portal().snapshot().roleModel, true);
  });

  it('imports the roles from the tree and shows roles → holders → rights as edited in the role file (screenshot)', async () => {
    const p = page();
    // The view remembers the model row collapsed from the extended model; open it as a user would.
    const model = treeRow(pane, 'Rights model: roles');
    await retry(
      p,
      'expand the rights model',
      async () => {
        if ((await model.getAttribute('aria-expanded')) !== 'true') await model.click();
        await treeRow(pane, 'Roles: Sites and Stores').waitFor({ state: 'visible', timeout: 5_000 });
      },
      STEP_MS,
    );
    const sites = treeRow(pane, /^\s*Sites and Stores\s*$/);
    if ((await sites.getAttribute('aria-expanded')) === 'true') await sites.click();
    await treeRow(pane, 'Import from portal to edit these roles').click();
    // The count (2 roles) closes the message: "Imported the roles of Sites and Stores into <file>: 2."
    await notificationToast(p, /Imported the roles of Sites and Stores into .*: 2\./);
    const path = join(session.workspace, '.bitrix24', 'roles', hostFolder(), 'sites.json');
    assert.ok(existsSync(path), 'the role file is in the workspace');
    // Edit the desired state as a user would in the editor: holders and one site's rights of "Manager".
    const file = JSON.parse(readFileSync(path, 'utf8'));
    const manager = file.roles.find((r) => r.id === 2);
    manager.accessCodes = ['U5', 'DR3'];
    manager.rights['3'] = ['read', 'edit'];
    writeFileSync(path, JSON.stringify(file, null, 2));
    await runCommand(p, 'Notifications: Clear All Notifications');
    await runCommand(p, 'Bitrix24 Site Rights: Refresh');

    // Holders by name where the directory knows them; each code beside its name below.
    const holders = treeRow(pane, /Holders\s*Marketing \(with subdepartments\), Eva Schmidt/);
    const holder = treeRow(pane, /U5\s+Eva Schmidt/);
    await retry(
      p,
      'expand the holders',
      async () => {
        if ((await holders.getAttribute('aria-expanded')) !== 'true') await holders.click();
        await holder.waitFor({ state: 'visible', timeout: 5_000 });
      },
      STEP_MS,
    );
    await treeRow(pane, /DR3\s+Marketing \(with subdepartments\)/).waitFor({ state: 'visible', timeout: STEP_MS });
    assert.match(await treeRow(pane, /^Holders/).innerText(), /not set here/, 'Administrator: holders unknown until set here');
    const text = await pane.innerText();
    assert.match(text, /Manager\s*manager · #2 · not applied/);
    assert.match(text, /Holders\s*Marketing \(with subdepartments\), Eva Schmidt · not applied/);
    assert.match(text, /All sites without their own setting \(0\)\s*Read/);
    assert.match(text, /Spring promo \(#3\)\s*Read, Edit · not applied/);
    assert.deepEqual(
      portal()
        .snapshot()
        .roles.find((r) => r.id === 2).accessCodes,
      ['DR3'],
      'nothing sent before Apply',
    );

    // Wide enough to read the holders' names in the screenshot.
    await sidebarWidth(p, 620);
    await p.mouse.move(1000, 800);
    await settled(p);
    const shot = out('site-rights-roles.png');
    await p.screenshot({ path: shot });
    assert.ok(existsSync(shot) && statSync(shot).size > 10_000, `no screenshot at ${shot}`);
    console.log(`      screenshot: ${shot}`);
  });

  it('switches back and changes one access code on three sites in one plan and one confirmation (screenshot)', async () => {
    const p = page();
    // Back to the usual width, so the plan's diff has room beside the view.
    await sidebarWidth(p, 300);
    await askToSwitch(p, 'Switch to Extended Model', 'Switch the portal to the extended rights model?');
    await (await quickPickRow(p, SWITCH_ROW)).click();
    await treeRow(pane, 'Rights model: extended').waitFor({ state: 'visible', timeout: STEP_MS });
    const sites = treeRow(pane, /^\s*Sites and Stores\s*$/);
    await retry(
      p,
      'expand the sites',
      async () => {
        if ((await sites.getAttribute('aria-expanded')) !== 'true') await sites.click();
        await treeRow(pane, 'Developer portal').waitFor({ state: 'visible', timeout: 5_000 });
      },
      STEP_MS,
    );
    await runCommand(p, 'Notifications: Clear All Notifications');

    await runCommand(p, 'Change Access Code on Several Sites');
    for (const site of ['Company website', 'Spring promo', 'Developer portal']) {
      const row = await quickPickRow(p, site);
      await row.click();
      await p
        .locator('.quick-input-widget .quick-input-list .monaco-list-row[aria-checked="true"]', { hasText: site })
        .waitFor({ state: 'visible', timeout: STEP_MS });
    }
    await p.keyboard.press('Enter');
    await (await quickPickRow(p, 'Type an access code')).click();
    await p.locator('.quick-input-widget .quick-input-title', { hasText: 'Rule for 3 sites — access code' }).waitFor({ state: 'visible', timeout: STEP_MS });
    await p.locator('.quick-input-widget input').fill('DR3');
    await p.keyboard.press('Enter');
    await (await quickPickRow(p, 'Set its operations')).click();
    await p
      .locator('.quick-input-widget .quick-input-title', { hasText: 'Rule for 3 sites — what DR3 may do' })
      .waitFor({ state: 'visible', timeout: STEP_MS });
    await (await quickPickRow(p, 'Edit pages')).click();
    await p
      .locator('.quick-input-widget .quick-input-list .monaco-list-row[aria-checked="true"]', { hasText: 'Edit pages' })
      .waitFor({ state: 'visible', timeout: STEP_MS });
    await p.keyboard.press('Enter');

    const question = 'Apply DR3 → Read, Edit to 3 sites?';
    const confirm = p.locator('.quick-input-widget', { hasText: question });
    await confirm.waitFor({ state: 'visible', timeout: STEP_MS });
    await p.locator('.tabs-container .tab', { hasText: '3 sites: DR3 → Read, Edit' }).waitFor({ state: 'visible', timeout: STEP_MS });
    // Cancel is the active choice: Enter alone sends nothing.
    assert.match(await p.locator('.quick-input-widget .quick-input-list .monaco-list-row.focused').innerText(), /Cancel/);
    assert.match(await confirm.innerText(), /First apply from this workspace to "Company website" \(#1\)/);
    const diff = p.locator('.monaco-diff-editor').first();
    await diff.waitFor({ state: 'visible', timeout: STEP_MS });
    const sides = ((await diff.textContent()) ?? '').replace(/\u00a0/g, ' ');
    for (const line of [/Spring promo #3/, /Developer portal #4/, /"DR3": \["read", "edit"\]/]) assert.match(sides, line);
    assert.deepEqual(
      portal()
        .snapshot()
        .sites.find((s) => s.id === 4).rights.DR3,
      undefined,
      'nothing sent before the answer',
    );

    await p.mouse.move(1000, 800);
    await settled(p);
    const shot = out('site-rights-multi-site-plan.png');
    await p.screenshot({ path: shot });
    assert.ok(existsSync(shot) && statSync(shot).size > 10_000, `no screenshot at ${shot}`);
    console.log(`      screenshot: ${shot}`);

    await (await quickPickRow(p, 'Apply')).click();
    const told = await notificationToast(p, 'DR3 → Read, Edit: applied to 3 of 3 sites');
    assert.match(told, /applied to 3 of 3 sites/);
    for (const id of [1, 3, 4])
      assert.deepEqual(
        portal()
          .snapshot()
          .sites.find((s) => s.id === id).rights.DR3,
        ['read', 'edit'],
        `site ${id}`,
      );
    await retry(
      p,
      'see the sites applied',
      async () => {
        assert.doesNotMatch(await treeRow(pane, 'Developer portal').innerText(), /not applied/);
      },
      STEP_MS,
    );
  });
});
