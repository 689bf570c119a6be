// "Bitrix24: Show Method Catalogue" in a real VS Code: the picker is driven with the
// workbench's own quick-open commands (move, accept), as the keyboard would. Enter inserts
// the chosen name at every cursor; with no editor open it resolves without touching any
// document. Typing into the picker, its item buttons and its title are walked in the ui
// tier (test/ui/catalogue.test.mjs), where a browser can type and click.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CatalogueEntry } from '../../../server/src/catalogue/search';
import { serverReady } from './helpers';

/**
 * Runs the catalogue command and answers its picker with `keys` (quick-open command ids),
 * repeating them until the command resolves: the picker shows only after the first
 * search returns, and accepting before that does nothing. Bounded, so a picker that never
 * opens fails the test.
 */
async function pickFromCatalogue(keys: readonly string[]): Promise<CatalogueEntry | undefined> {
  let done = false;
  const result = vscode.commands.executeCommand<CatalogueEntry | undefined>('bitrix24.showCatalogue').then((r) => ((done = true), r));
  const deadline = Date.now() + 30_000;
  while (!done) {
    if (Date.now() > deadline) throw new Error('the catalogue picker never took the keys');
    for (const key of keys) await vscode.commands.executeCommand(key);
    // Every round sends all keys: until the picker is up they do nothing, and the last key closes it.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return result;
}

describe('Show Method Catalogue', function () {
  this.timeout(60_000);
  before(serverReady);
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('inserts the chosen name at the cursor', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'javascript', content: "BX24.callMethod('');\n" });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 17, 0, 17);
    const chosen = await pickFromCatalogue(['workbench.action.acceptSelectedQuickOpenItem']);
    assert.ok(chosen, 'an entry was chosen');
    assert.equal(chosen.kind, 'method', 'methods come first');
    assert.match(chosen.scope, /\S/);
    assert.match(chosen.url, /^https:\/\//);
    assert.equal(doc.lineAt(0).text, `BX24.callMethod('${chosen.name}');`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('moves with the keyboard: the next item is another entry, inserted at every cursor', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'javascript', content: "call('');\ncall('');\n" });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selections = [new vscode.Selection(0, 6, 0, 6), new vscode.Selection(1, 6, 1, 6)];
    const first = await pickFromCatalogue(['workbench.action.acceptSelectedQuickOpenItem']);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), "call('');\ncall('');\n", 'undone in one step');
    editor.selections = [new vscode.Selection(0, 6, 0, 6), new vscode.Selection(1, 6, 1, 6)];
    const second = await pickFromCatalogue(['workbench.action.quickOpenSelectNext', 'workbench.action.acceptSelectedQuickOpenItem']);
    assert.ok(first && second);
    assert.notEqual(second.name, first.name);
    assert.equal(doc.getText(), `call('${second.name}');\ncall('${second.name}');\n`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('resolves with nothing and changes nothing when closed', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'javascript', content: 'x\n' });
    await vscode.window.showTextDocument(doc);
    const chosen = await pickFromCatalogue(['workbench.action.closeQuickOpen']);
    assert.equal(chosen, undefined);
    assert.equal(doc.getText(), 'x\n');
    assert.equal(doc.isDirty, false);
  });
});
