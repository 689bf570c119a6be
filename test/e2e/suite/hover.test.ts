// Hover and commands of the extension in a real VS Code extension host, on the
// fixture workspace test/fixtures/workspaces/e2e.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'bitrix24-rest-tools.bitrix24-rest-tools';

interface ExtensionApi {
  serverReady: Promise<void>;
}

/** Activates the extension and waits until its language server answers. */
async function serverReady(): Promise<void> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  const api = await ext.activate();
  await api.serverReady;
}

async function openFixture(name: string): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e fixture workspace is not open');
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Markdown of every hover VS Code collects at the middle of `needle` in `doc`. */
async function hoverText(doc: vscode.TextDocument, needle: string): Promise<string> {
  const offset = doc.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} is not in ${doc.uri.path}`);
  const position = doc.positionAt(offset + Math.floor(needle.length / 2));
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

describe('hover on a REST method in JavaScript', () => {
  let doc: vscode.TextDocument;

  before(async () => {
    doc = await openFixture('app.js');
    await serverReady();
  });

  it('names the method and its scope', async () => {
    const text = await hoverText(doc, 'crm.lead.add');
    assert.match(text, /crm\.lead\.add/);
    assert.match(text, /scope[^\n]*\bcrm\b/i);
  });

  it('gives the scope of the method, not of its name prefix', async () => {
    const text = await hoverText(doc, 'tasks.task.list');
    assert.match(text, /tasks\.task\.list/);
    assert.match(text, /scope[^\n]*\btask\b/i);
  });
});

describe('commands', () => {
  it('registers Bitrix24: Show Method Catalogue', async () => {
    await serverReady();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('bitrix24.showCatalogue'), 'bitrix24.showCatalogue is not registered');
  });
});
