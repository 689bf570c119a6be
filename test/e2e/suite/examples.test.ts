// The sample app `npm start` opens (examples/), as a user meets it: hover in JS and PHP,
// completion while typing a new call, and the manifest's missing and unused scopes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhere, fixtureUri, hoverText, openFixture, serverReady } from './helpers';

describe('the examples/ app', () => {
  before(serverReady);

  it('hovers a method called through a wrapper in the JS front end', async () => {
    const doc = await openFixture('examples', 'js', 'frontend', 'app.js');
    const text = await hoverText(doc, 'crm.item.list');
    assert.match(text, /\*\*crm\.item\.list\*\*/);
    assert.match(text, /`crm` \(CRM\)/);
    assert.match(text, /✓ Declared in `examples\/bitrix24\.json`/);
  });

  it('hovers a landing method in PHP and says the manifest lacks its scope', async () => {
    const doc = await openFixture('examples', 'php', 'publish-event.php');
    const text = await hoverText(doc, 'landing.site.getList');
    assert.match(text, /\*\*landing\.site\.getList\*\*/);
    assert.match(text, /✗ Not declared in `examples\/bitrix24\.json`: add `landing`/);
  });

  it('completes method names while a new call is typed', async () => {
    const doc = await openFixture('examples', 'js', 'frontend', 'app.js');
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, end, "\ncall('landing.site.get");
    assert.ok(await vscode.workspace.applyEdit(edit));
    const at = doc.lineAt(doc.lineCount - 1).range.end;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('landing.site.getList'), `landing.site.getList offered, got ${labels.slice(0, 10).join(', ')}`);
    assert.ok(labels.includes('landing.site.getRights'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('flags the unused calendar scope in the manifest', async () => {
    const uri = fixtureUri('examples', 'bitrix24.json');
    const diags = await diagnosticsWhere(uri, (ds) => ds.some((d) => codeOf(d) === 'unused-scope'), 'unused-scope in examples/bitrix24.json');
    const unused = diags.find((d) => codeOf(d) === 'unused-scope')!;
    assert.match(unused.message, /calendar/);
  });
});
