// Hover and commands of the extension in a real VS Code extension host, on the
// fixture workspace test/fixtures/workspaces/e2e.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhere, fixtureUri, hoverText, openFixture, serverReady } from './helpers';

describe('hover on a REST method in JavaScript', () => {
  let doc: vscode.TextDocument;

  before(async () => {
    doc = await openFixture('app.js');
    await serverReady();
  });

  it('names the method, its scope, who can execute it and its official page', async () => {
    const text = await hoverText(doc, 'crm.lead.add');
    assert.match(text, /\*\*crm\.lead\.add\*\*/);
    assert.match(text, /`crm` \(CRM\)/);
    assert.match(text, /Who can execute/);
    assert.match(text, /https:\/\/apidocs\.bitrix24\.com\/api-reference\/crm\/leads\/crm-lead-add\.html/);
    assert.match(text, /Declared in `bitrix24\.json`/, "the workspace manifest's answer");
  });

  it('gives the scope of the method, not of its name prefix', async () => {
    const text = await hoverText(doc, 'tasks.task.list');
    assert.match(text, /\*\*tasks\.task\.list\*\*/);
    assert.match(text, /`task`/);
    assert.doesNotMatch(text, /`tasks`/);
  });

  it('says nothing on code that is not a REST call', async () => {
    const text = await hoverText(doc, 'createLead');
    assert.doesNotMatch(text, /Who can execute|apidocs\.bitrix24/);
  });
});

describe('a minified file too large to analyse', () => {
  const uri = fixtureUri('vendor-huge.min.js');

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(uri, { useTrash: false });
  });

  it('is reported as not checked, leaves hovers answering, and is checked once an edit makes it small', async () => {
    // Over the server reader's off-thread size: the text stays out of the server's thread.
    const call = "BX24.callMethod('crm.lead.addd');";
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`//${'x'.repeat(5 * 1024 * 1024)}\n${call}\n`));
    const big = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(big);
    const held = await diagnosticsWhere(uri, (ds) => ds.some((d) => codeOf(d) === 'document-too-large'), 'the too-large notice');
    assert.deepEqual(held.map(codeOf), ['document-too-large']);
    assert.match(held[0].message, /5\.0 MB/);
    // Another file still answers while it is open.
    assert.match(await hoverText(await openFixture('app.js'), 'crm.lead.add'), /\*\*crm\.lead\.add\*\*/);
    // Deleting the long first line hands the rest to the server, which checks the call.
    const edit = new vscode.WorkspaceEdit();
    edit.delete(uri, new vscode.Range(0, 0, 1, 0));
    assert.ok(await vscode.workspace.applyEdit(edit));
    const checked = await diagnosticsWhere(uri, (ds) => ds.some((d) => codeOf(d) === 'unknown-method'), 'the unknown-method finding');
    assert.ok(!checked.some((d) => codeOf(d) === 'document-too-large'));
    assert.match(checked.find((d) => codeOf(d) === 'unknown-method')!.message, /'crm\.lead\.addd' is not a documented/);
  });
});
