// Least-privilege scopes in the real VS Code: the diagnostic at the call, the quick fix
// that edits bitrix24.json (keeping its comments), and the diagnostic going away.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhere, fixtureUri, hoverText, openFixture, serverReady } from './helpers';

describe('scopes: manifest and quick fix', () => {
  const manifestUri = fixtureUri('sites-app', 'bitrix24.json');
  let original: Uint8Array;

  before(async () => {
    original = await vscode.workspace.fs.readFile(manifestUri);
    await serverReady();
  });

  after(async () => {
    // Leave the fixture as it was for the next run.
    await vscode.workspace.fs.writeFile(manifestUri, original);
  });

  it('reports the missing landing scope at the call, and the fix adds it to bitrix24.json', async () => {
    const doc = await openFixture('sites-app', 'sites.js');
    // The error sits on the manifest (one per missing scope); the call carries a hint with the fix.
    const diags = await diagnosticsWhere(doc.uri, (ds) => ds.some((d) => codeOf(d) === 'missing-scope-call'), 'missing-scope-call on landing.site.getList');
    const missing = diags.find((d) => codeOf(d) === 'missing-scope-call')!;
    assert.equal(doc.getText(missing.range), 'landing.site.getList');
    assert.match(missing.message, /landing/);
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Hint);
    const onManifest = await diagnosticsWhere(manifestUri, (ds) => ds.some((d) => codeOf(d) === 'missing-scope'), 'missing-scope on sites-app/bitrix24.json');
    assert.equal(onManifest.find((d) => codeOf(d) === 'missing-scope')!.severity, vscode.DiagnosticSeverity.Error);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, missing.range);
    const fix = actions.find((a) => /Add scope 'landing'/.test(a.title));
    assert.ok(fix?.edit, `an "Add scope 'landing'" fix, got ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));

    const manifest = await vscode.workspace.openTextDocument(manifestUri);
    assert.match(manifest.getText(), /"landing"/);
    assert.match(manifest.getText(), /\/\/ who is calling/, 'comments are kept');
    await manifest.save();
    await diagnosticsWhere(doc.uri, (ds) => !ds.some((d) => codeOf(d) === 'missing-scope-call'), 'the hint at the call to go away');
    await diagnosticsWhere(manifestUri, (ds) => !ds.some((d) => codeOf(d) === 'missing-scope'), 'the missing-scope problem to go away');
  });

  it('shows in the hover whether the manifest declares the scope', async () => {
    const doc = await openFixture('sites-app', 'sites.js');
    const text = await hoverText(doc, 'user.current');
    assert.match(text, /Declared in `sites-app\/bitrix24\.json`/);
  });
});
