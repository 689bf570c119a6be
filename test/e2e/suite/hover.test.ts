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
