// "Bitrix24: Export Scope Report…" from the palette: the save dialog the workbench shows
// (prefilled with SCOPES.md in the workspace), accepted with Enter, and the file it writes.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { session } from './session.mjs';
import { STEP_MS, notificationToast, runCommand } from './workbench.mjs';

describe('Export Scope Report in the workbench', function () {
  this.timeout(180_000);
  const page = () => {
    assert.ok(session.page, 'no browser page: run this file through test/ui/run.mjs');
    return session.page;
  };
  const target = () => join(session.workspace ?? 'examples', 'SCOPES.md');

  after(async () => {
    rmSync(target(), { force: true });
    if (session.page) await runCommand(session.page, 'Notifications: Clear All Notifications');
  });

  it('writes SCOPES.md where the save dialog proposes, with the declared scopes and their calls', async () => {
    const p = page();
    await runCommand(p, 'Bitrix24: Export Scope Report');
    const input = p.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: STEP_MS });
    // The workbench's own save dialog: a path box prefilled by the command.
    await p.waitForFunction(() => /SCOPES\.md$/.test(document.querySelector('.quick-input-widget input')?.value ?? ''), undefined, { timeout: STEP_MS });
    await p.keyboard.press('Enter');
    await notificationToast(p, 'Scope report written to SCOPES.md');
    assert.ok(existsSync(target()), `no ${target()}`);
    const report = readFileSync(target(), 'utf8');
    assert.match(report, /^# /m);
    assert.match(report, /bitrix24\.json/);
    assert.match(report, /\bcrm\b/);
  });
});
