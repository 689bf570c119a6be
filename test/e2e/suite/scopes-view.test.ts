// The App Scopes view against the examples/ app: what it lists, Copy scope list (read back
// from the clipboard), the manifest hover on a scope, and the Scope Report as a preview.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AppScopesManifest } from '../../../server/src/protocol';
import { extensionApi, fixtureUri, hoverText, openFixture, serverReady } from './helpers';

async function examplesManifest(): Promise<AppScopesManifest> {
  const api = await extensionApi();
  const target = fixtureUri('examples', 'bitrix24.json').toString();
  // The index scans the workspace after start: ask until the examples manifest is there.
  for (;;) {
    const found = (await api.appScopes.refresh()).find((m) => vscode.Uri.parse(m.uri).toString() === target);
    if (found && found.needed.length > 0) return found;
    await new Promise<void>((resolve) => {
      const sub = api.appScopes.tree.onDidChangeTreeData(() => {
        sub.dispose();
        resolve();
      });
    });
  }
}

describe('App Scopes view', function () {
  this.timeout(60_000);
  before(serverReady);

  it('lists the examples app: needed, missing landing, unused calendar, with the calls that need each', async () => {
    const m = await examplesManifest();
    assert.equal(m.label, 'examples/bitrix24.json');
    assert.deepEqual(m.declared, ['crm', 'user', 'task', 'calendar']);
    assert.ok(m.missing.includes('landing'), `missing: ${m.missing.join(', ')}`);
    assert.deepEqual(m.unused, ['calendar']);
    const api = await extensionApi();
    const [root] = api.appScopes.tree.getChildren().filter((n) => n.kind === 'manifest' && n.manifest.uri === m.uri);
    assert.ok(root, 'the manifest is a node of the view');
    const scopes = api.appScopes.tree.getChildren(root);
    const labels = scopes.map((n) => String(api.appScopes.tree.getTreeItem(n).label));
    assert.equal(labels[0], 'landing', 'missing scopes come first');
    const landing = scopes[0];
    assert.match(String(api.appScopes.tree.getTreeItem(landing).description), /missing/);
    const uses = api.appScopes.tree.getChildren(landing).map((n) => api.appScopes.tree.getTreeItem(n));
    assert.ok(
      uses.some((u) => u.label === 'landing.site.getList' && /publish-event\.php:\d+/.test(String(u.description))),
      'the PHP call that needs landing is listed',
    );
    assert.equal(uses[0].command?.command, 'vscode.open', 'a use opens its location');
    const calendar = scopes.find((n) => api.appScopes.tree.getTreeItem(n).label === 'calendar');
    assert.ok(calendar && api.appScopes.tree.getTreeItem(calendar).contextValue?.includes('canRemove'), 'the unused scope can be removed');
  });

  it('Copy scope list puts the comma-separated codes on the clipboard', async () => {
    const m = await examplesManifest();
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('bitrix24.appScopes.copyList', m.uri);
    const copied = await vscode.env.clipboard.readText();
    assert.equal(copied, m.copyList);
    assert.match(copied, /^[a-z_.]+(,[a-z_.]+)*$/);
    assert.ok(copied.split(',').includes('landing') && copied.split(',').includes('crm'));
    assert.ok(!copied.split(',').includes('calendar'), 'the unused scope is not copied');
  });

  it("hovering a scope in the manifest lists this app's uses of it", async () => {
    await examplesManifest();
    const doc = await openFixture('examples', 'bitrix24.json');
    const text = await hoverText(doc, '"crm"');
    assert.match(text, /This app needs it for \d+ uses?:/);
    assert.match(text, /crm\.item\.list/);
    assert.doesNotMatch(text, /documented methods/);
  });

  it('Show Scope Report renders a preview from a saved file, not an untitled buffer', async () => {
    const m = await examplesManifest();
    const file = await vscode.commands.executeCommand<vscode.Uri>('bitrix24.appScopes.showReport', m.uri);
    assert.ok(file && file.scheme === 'file', 'the report is a file in the extension storage');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    assert.match(text, /examples\/bitrix24\.json/);
    assert.match(text, /\]\((\.\.\/)+[^)]*publish-event\.php#L\d+\)/, 'locations are links relative to the report (the preview does not follow file: links)');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.isUntitled && d.isDirty), 'no dirty untitled buffer');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
