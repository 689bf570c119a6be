// The assistant tools in the real VS Code: each language-model tool invoked through
// vscode.lm.invokeTool on the examples app, the Explain Error command on a pasted
// batch error, and the hover on an error-code string.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, fixtureUri, hoverText, serverReady } from './helpers';

const BATCH_ERROR = JSON.stringify(
  {
    result: {
      result: [],
      result_error: { get_user: { error: 'insufficient_scope', error_description: '' }, add_page: { error: 'insufficient_scope', error_description: '' } },
    },
  },
  null,
  2,
);

async function invoke(name: string, input: object): Promise<string> {
  const result = await vscode.lm.invokeTool(`bitrix24_${name}`, { input, toolInvocationToken: undefined });
  return result.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
}

describe('assistant tools in VS Code', () => {
  const rights = fixtureUri('.bitrix24', 'rights', 'example.bitrix24.com', 'site-7.json');

  before(async () => {
    await serverReady();
    const file = {
      version: 1,
      portal: 'example.bitrix24.com',
      site: { id: 7, code: 'shop', title: 'Shop', type: 'STORE' },
      rules: { G2: ['read'] },
      lastApplied: null,
    };
    await vscode.workspace.fs.writeFile(rights, new TextEncoder().encode(JSON.stringify(file, null, 2)));
  });

  after(async () => {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(rights, '..', '..', '..'), { recursive: true, useTrash: false });
  });

  it('registers all seven tools with VS Code, and offers bitrix24-mcp to its MCP support', async () => {
    assert.deepEqual((await extensionApi()).assistant, { tools: 7, mcpProvider: true });
    const ours = vscode.lm.tools.filter((t) => t.name.startsWith('bitrix24_')).map((t) => t.name);
    assert.deepEqual(
      ours.sort(),
      ['check_manifest', 'check_snippet', 'describe_method', 'explain_error', 'needed_scopes', 'search_methods', 'site_rights'].map((n) => `bitrix24_${n}`),
    );
    const describe = vscode.lm.tools.find((t) => t.name === 'bitrix24_describe_method');
    assert.deepEqual((describe?.inputSchema as { required?: string[] })?.required, ['name']);
  });

  it('describe_method and search_methods', async () => {
    assert.match(await invoke('describe_method', { name: 'crm.timeline.comment.add' }), /^crm\.timeline\.comment\.add \(REST 2\)[\s\S]*- scope: crm/);
    assert.match(await invoke('search_methods', { query: 'landing publication', limit: 3 }), /landing\.landing\.publication/);
  });

  it('needed_scopes and check_manifest on the examples app', async () => {
    const needed = await invoke('needed_scopes', { folder: 'examples' });
    assert.match(needed, /^Least scopes for examples: crm, landing, task, user_brief \(4\)/);
    assert.match(needed, /examples\/bitrix24\.json declares: crm, user, task, calendar; missing: landing, user_brief/);
    const check = await invoke('check_manifest', { manifest: 'examples/bitrix24.json' });
    assert.match(check, /Missing: landing/);
    assert.match(check, /calendar \(unused-scope\)/);
  });

  it('check_snippet against the manifest covering the file', async () => {
    const out = await invoke('check_snippet', {
      code: "BX24.callMethod('landing.site.getList', {});",
      language: 'javascript',
      file: 'examples/js/frontend/new.js',
    });
    assert.match(out, /^Checked against examples\/bitrix24\.json\./);
    assert.match(out, /landing\.site\.getList \(line 1\): scope landing; NOT declared/);
  });

  it('explain_error and site_rights', async () => {
    const explained = await invoke('explain_error', { error: 'insufficient_scope', method: 'landing.landing.add', manifest: 'examples/bitrix24.json' });
    assert.match(explained, /Add “landing” to "scopes" in examples\/bitrix24\.json/);
    const site = await invoke('site_rights', { siteId: 7 });
    assert.match(site, /Site 7 “Shop” on example\.bitrix24\.com/);
    assert.match(site, /G2: read/);
  });

  it('bad input reaches the model as an error saying what to send', async () => {
    await assert.rejects(invoke('describe_method', {}), /"name" is required/);
  });

  it('Explain Error on a pasted batch error (the selection) opens the explanation', async () => {
    const pasted = await vscode.workspace.openTextDocument({ language: 'json', content: BATCH_ERROR });
    const editor = await vscode.window.showTextDocument(pasted);
    editor.selection = new vscode.Selection(pasted.positionAt(0), pasted.positionAt(pasted.getText().length));
    const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('bitrix24.explainError');
    assert.ok(doc, 'a document with the explanation');
    const text = doc.getText();
    assert.match(text, /^# Bitrix24 error explained/);
    assert.match(text, /## insufficient_scope \(HTTP 403\) — batch command “get_user”/);
    assert.match(text, /## insufficient_scope \(HTTP 403\) — batch command “add_page”/);
    assert.match(text, /Pass the method that failed/);
  });

  it('hover on an error-code string explains it', async () => {
    // Python: no heavy built-in language service to wait for next to ours.
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: "if res['error'] == 'QUERY_LIMIT_EXCEEDED':\n    retry()\n" });
    const text = await hoverText(doc, 'QUERY_LIMIT_EXCEEDED');
    assert.match(text, /\*\*QUERY_LIMIT_EXCEEDED\*\* \(HTTP 503\) — Bitrix24 REST error/);
  });
});
