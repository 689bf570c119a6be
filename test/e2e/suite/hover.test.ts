// Hover and commands of the extension in a real VS Code extension host, on the
// fixture workspace test/fixtures/workspaces/e2e.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoverText, openFixture, serverReady } from './helpers';

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
