// Completion in the real VS Code: method names by prefix and parameter keys of a recognised call.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFixture, serverReady } from './helpers';

async function completeAt(doc: vscode.TextDocument, after: string): Promise<vscode.CompletionItem[]> {
  const offset = doc.getText().indexOf(after);
  assert.ok(offset >= 0, `${after} not in fixture`);
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    doc.uri,
    doc.positionAt(offset + after.length),
  );
  return list.items;
}

const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

describe('completion', () => {
  let doc: vscode.TextDocument;
  before(async () => {
    doc = await openFixture('completion.js');
    await serverReady();
  });

  it('offers method names for a typed prefix, with the scope as detail', async () => {
    const items = await completeAt(doc, "callMethod('crm.lea");
    const lead = items.find((i) => label(i) === 'crm.lead.add');
    assert.ok(lead, 'crm.lead.add offered');
    assert.match(String(lead.detail), /crm/);
  });

  it('offers the parameters of crm.item.add, required first', async () => {
    const items = await completeAt(doc, 'entityTypeId: 2, ');
    const ours = items.filter(
      (i) => i.kind === vscode.CompletionItemKind.Property && typeof i.detail === 'string' && /required|boolean|object|integer/.test(i.detail),
    );
    const names = ours.map(label);
    assert.ok(names.includes('fields'), `fields offered, got ${names.join(', ')}`);
    assert.ok(!names.includes('entityTypeId'), 'a parameter already present is not offered again');
  });
});
