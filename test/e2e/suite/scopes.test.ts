// Least-privilege scopes in the real VS Code: one problem per missing scope on bitrix24.json with
// the calls as related information, the hint at the call whose quick fix edits bitrix24.json
// (keeping its comments), and both going away.
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

  it('reports the missing landing scope once, on bitrix24.json, with the call as related information', async () => {
    const doc = await openFixture('sites-app', 'sites.js');
    const diags = await diagnosticsWhere(manifestUri, (ds) => ds.some((d) => codeOf(d) === 'missing-scope'), 'missing-scope on bitrix24.json');
    const missing = diags.filter((d) => codeOf(d) === 'missing-scope');
    assert.equal(missing.length, 1, 'one problem per missing scope');
    assert.equal(missing[0].severity, vscode.DiagnosticSeverity.Error);
    assert.match(missing[0].message, /lacks the scope 'landing', needed by 'landing\.site\.getList'/);
    const related = missing[0].relatedInformation ?? [];
    assert.ok(related.length >= 1, 'the calls needing it are related information');
    assert.equal(related[0].location.uri.toString(), doc.uri.toString());
    assert.equal(doc.getText(related[0].location.range), 'landing.site.getList');
    assert.match(related[0].message, /needs 'landing'/);
  });

  it('marks the call with a hint whose fix adds the scope to bitrix24.json', async () => {
    const doc = await openFixture('sites-app', 'sites.js');
    const diags = await diagnosticsWhere(doc.uri, (ds) => ds.some((d) => codeOf(d) === 'missing-scope-call'), 'missing-scope-call on landing.site.getList');
    const hint = diags.find((d) => codeOf(d) === 'missing-scope-call')!;
    assert.equal(doc.getText(hint.range), 'landing.site.getList');
    assert.equal(hint.severity, vscode.DiagnosticSeverity.Hint);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, hint.range);
    const fix = actions.find((a) => /Add scope 'landing'/.test(a.title));
    assert.ok(fix?.edit, `an "Add scope 'landing'" fix, got ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));

    const manifest = await vscode.workspace.openTextDocument(manifestUri);
    assert.match(manifest.getText(), /"landing"/);
    assert.match(manifest.getText(), /\/\/ who is calling/, 'comments are kept');
    await manifest.save();
    await diagnosticsWhere(manifestUri, (ds) => !ds.some((d) => codeOf(d) === 'missing-scope'), 'the missing-scope problem to go away');
    await diagnosticsWhere(doc.uri, (ds) => !ds.some((d) => codeOf(d) === 'missing-scope-call'), 'the hint to go away');
  });

  it('shows in the hover whether the manifest declares the scope', async () => {
    const doc = await openFixture('sites-app', 'sites.js');
    const text = await hoverText(doc, 'user.current');
    assert.match(text, /Declared in `sites-app\/bitrix24\.json`/);
  });
});
