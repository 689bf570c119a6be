import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate, type GenerateResult } from '../../../scripts/catalogue/build';
import { loadOverrides, noOverrides } from '../../../scripts/catalogue/overrides';
import { serialiseCatalogue } from '../../../scripts/catalogue/serialise';
import { validateCatalogue } from '../../../server/src/catalogue/validate';
import type { MethodInfo } from '../../../server/src/catalogue/types';

// A small documentation tree written for these tests (an invented "garden"
// module); each page shows one kind of mess the real documentation has.
const root = join(__dirname, '..', '..', 'fixtures', 'catalogue-pages');

describe('catalogue generator on fixture pages', () => {
  let raw: GenerateResult;
  let reviewed: GenerateResult;
  before(() => {
    const o = noOverrides();
    o.combinations.push({ scopes: ['garden', 'garden_brief'], kind: 'anyOf', reason: 'fixture: versions of garden' });
    raw = generate(root, o);
    reviewed = generate(root, loadOverrides(join(root, 'overrides.json')));
  });
  const method = (r: GenerateResult, name: string, version: 2 | 3 = 2): MethodInfo => {
    const m = r.data.methods.find((x) => x.name.toLowerCase() === name.toLowerCase() && x.version === version);
    assert.ok(m, `${name} v${version} missing`);
    return m;
  };

  it('takes provenance and the generation date from the docs README', () => {
    assert.deepEqual(
      raw.data.sources.map((s) => s.commit.slice(0, 4)),
      ['1111', '2222', '2222'],
    );
    // "the same repository" in a row takes the repository of the row above.
    assert.equal(raw.data.sources[2].repository, raw.data.sources[1].repository);
    assert.equal(raw.data.generated, '2025-03-04');
  });

  it('produces valid data', () => {
    assert.deepEqual(validateCatalogue(reviewed.data), []);
  });

  it('is byte-identical across runs', () => {
    const again = generate(root, loadOverrides(join(root, 'overrides.json')));
    assert.equal(serialiseCatalogue(again.data), serialiseCatalogue(reviewed.data));
  });

  it('names a method whose heading has no name from the page text', () => {
    assert.equal(method(raw, 'garden.bed.fields').title, 'Get Bed Fields');
    assert.ok(raw.report.nameNotes.some((n) => n.name === 'garden.bed.fields'));
  });

  it('corrects a heading typo from the page text and keeps it out of the title', () => {
    const m = method(raw, 'garden.bed.delete');
    assert.equal(m.title, 'Delete Bed');
    assert.ok(!raw.data.methods.some((x) => x.name === 'gardn.bed.delete'));
  });

  it('is not misled by code samples calling another method', () => {
    assert.equal(method(raw, 'garden.bed.get').url, 'https://apidocs.bitrix24.com/api-reference/garden/garden-bed-get.html');
    assert.equal(raw.data.methods.filter((m) => m.name === 'garden.bed.list' && m.version === 2).length, 1);
  });

  it('finds method pages outside api-reference', () => {
    const m = method(raw, 'ping');
    assert.equal(m.url, 'https://apidocs.bitrix24.com/settings/ping.html');
    assert.deepEqual(m.requirement, { kind: 'basic' });
  });

  it('gives a page without its own Scope line the shared block of its index', () => {
    const m = method(raw, 'hook.bind');
    assert.deepEqual(m.requirement, { kind: 'basic' });
    assert.match(m.scopeNote ?? '', /onHookFired/);
  });

  it('keeps events, placements, JS commands and tutorials out of the methods', () => {
    const names = raw.data.methods.map((m) => m.name);
    assert.ok(!names.includes('bedClose'));
    assert.ok(!names.some((n) => n.startsWith('GARDEN')));
    assert.equal(raw.report.pages.event, 5);
    assert.equal(raw.report.pages.placement, 3);
    assert.equal(raw.report.pages.js, 1);
    assert.equal(raw.report.pages.guide, 1);
  });

  it('lists events separately, named after the file when the heading disagrees', () => {
    const e = raw.data.events.find((x) => x.url.endsWith('/garden/events/on-garden-bed-add.html'));
    assert.deepEqual([e?.name, e?.requirement, e?.who], ['ONGARDENBEDADD', { kind: 'scope', scope: 'garden' }, 'any user']);
  });

  it('keeps the documented case of a name and finds it case-insensitively', () => {
    assert.equal(method(raw, 'GARDEN.BED.GETFIELDS').name, 'garden.bed.getFields');
    assert.deepEqual(method(raw, 'garden.bed.getfields').requirement, { kind: 'anyOf', scopes: ['garden', 'garden_brief'] });
  });

  it('keeps a qualifier of the Scope line as a note', () => {
    const m = method(raw, 'orchard.tree.config');
    assert.deepEqual(m.requirement, { kind: 'scope', scope: 'orchard' });
    assert.match(m.scopeNote ?? '', /moduleId/);
  });

  it('joins a multi-line who-can-execute list', () => {
    const m = method(raw, 'garden.bed.remove');
    assert.match(m.who, /edit.*; and "view" access/);
    assert.equal(m.whoClass, 'permission');
  });

  it('reads deprecation, replacement, app-only and confirmation flags', () => {
    assert.equal(method(raw, 'garden.bed.delete').replacement, 'garden.bed.remove');
    // "Development has been halted": it still works, superseded rather than removed.
    assert.equal(method(raw, 'garden.bed.delete').superseded, true);
    assert.equal(method(raw, 'garden.bed.remove').appOnly, true);
    assert.equal(method(raw, 'garden.bed.add').adminConfirm, true);
    assert.equal(method(raw, 'garden.bed.get').appOnly, undefined);
  });

  it('keeps both REST versions of a name with their own scopes', () => {
    assert.deepEqual(method(raw, 'garden.bed.list', 3).requirement, { kind: 'scope', scope: 'garden3' });
    assert.deepEqual(method(raw, 'garden.bed.list', 2).requirement, { kind: 'scope', scope: 'garden' });
  });

  it('fills parameters from the Russian spec when the page has no table', () => {
    assert.deepEqual(
      method(raw, 'garden.bed.list').params.map((p) => p.name),
      ['filter', 'start'],
    );
    assert.deepEqual(
      method(raw, 'garden.bed.add').params.map((p) => `${p.name}${p.required ? '*' : ''}`),
      ['fields*', 'mode*', 'dryRun'],
    );
  });

  it('reports an ambiguous scope combination as unknown instead of guessing', () => {
    assert.equal(method(raw, 'garden.bed.get').requirement.kind, 'unknown');
    assert.ok(raw.report.problems.some((p) => p.includes('garden-bed-get')));
  });

  it('lists a page it cannot classify', () => {
    assert.deepEqual(
      raw.report.unclassified.map((u) => u.path),
      ['api-reference/garden/garden-season'],
    );
  });

  it('reports English/Russian disagreements, and an override settles them with a reason', () => {
    assert.ok(raw.report.disagreements.some((d) => d.startsWith('garden.bed.add:')));
    assert.deepEqual(method(reviewed, 'garden.bed.add').requirement, { kind: 'scope', scope: 'orchard' });
    assert.ok(!reviewed.report.disagreements.some((d) => d.startsWith('garden.bed.add:')));
  });

  it('applies page, scope and extra-method overrides and reports stale ones', () => {
    assert.deepEqual(reviewed.report.unclassified, []);
    assert.equal(reviewed.data.scopes.find((s) => s.code === 'basic')?.tool, 'No scope needed');
    assert.equal(reviewed.data.scopes.find((s) => s.code === 'greenhouse')?.deprecated, undefined);
    assert.equal(reviewed.data.scopes.find((s) => s.code === 'greenhouse_old')?.deprecated, true);
    assert.equal(method(reviewed, 'garden.status', 3).requirement.kind, 'unknown');
    assert.deepEqual(reviewed.report.staleOverrides, ['methods: garden.nothing.*']);
  });

  it('reads the scope table: versions in a cell, two codes in a row, deprecated footnote', () => {
    const codes = raw.data.scopes.map((s) => s.code);
    for (const c of ['garden', 'garden_brief', 'hooks', 'hooks_legacy', 'greenhouse', 'greenhouse_old']) assert.ok(codes.includes(c), c);
    assert.equal(raw.data.scopes.find((s) => s.code === 'garden_brief')?.tool, 'Garden beds');
  });

  it('rejects an overrides file with an entry lacking a reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ovr-'));
    const file = join(dir, 'o.json');
    writeFileSync(file, JSON.stringify({ methods: [{ match: 'x.y', deprecated: true }] }));
    assert.throws(() => loadOverrides(file), /without a reason/);
  });
});
