import { strict as assert } from 'node:assert';
import { parseScopeLine, requirementOf, scopeLineText, type CombinationRule } from '../../../scripts/catalogue/scope-line';

const rules: CombinationRule[] = [
  { scopes: ['garden', 'garden_brief'], kind: 'anyOf', reason: 'versions of one scope' },
  { scopes: ['garden', 'orchard'], kind: 'allOf', reason: 'both are checked' },
];

function req(line: string) {
  const text = scopeLineText(line);
  assert.ok(text !== undefined, `not a scope line: ${line}`);
  return requirementOf(parseScopeLine(text), rules);
}

describe('catalogue generator: Scope lines', () => {
  it('reads one linked code', () => {
    assert.deepEqual(req('> Scope: [`garden`](../scopes/permissions.md)').requirement, { kind: 'scope', scope: 'garden' });
  });

  it('reads a bare code and trailing spaces', () => {
    assert.deepEqual(req('> Scope: `garden`  ').requirement, { kind: 'scope', scope: 'garden' });
  });

  it('treats basic as "no scope needed"', () => {
    assert.deepEqual(req('> Scope: [`basic`](x.md)').requirement, { kind: 'basic' });
  });

  it('splits several codes inside one link', () => {
    assert.deepEqual(parseScopeLine('[`garden, orchard`](x.md)').codes, ['garden', 'orchard']);
  });

  it('combines several codes only through a reviewed rule', () => {
    assert.deepEqual(req('> Scope: [`garden`](x.md), [`garden_brief`](x.md)').requirement, {
      kind: 'anyOf',
      scopes: ['garden', 'garden_brief'],
    });
    assert.deepEqual(req('> Scope: [`orchard, garden`](x.md)').requirement, { kind: 'allOf', scopes: ['orchard', 'garden'] });
  });

  it('reports a code set without a rule instead of guessing', () => {
    const d = req('> Scope: [`garden`](x.md), [`hooks`](x.md)');
    assert.equal(d.requirement.kind, 'unknown');
    assert.match(d.problem ?? '', /garden, hooks/);
  });

  it('keeps a "module scope from" qualifier as a note, not as a code', () => {
    const line = parseScopeLine('[`orchard`](x.md), module scope from `moduleId` (for example, [`garden`](x.md))');
    assert.deepEqual(line.codes, ['orchard']);
    assert.deepEqual(line.notes, ['module scope from moduleId (for example, garden)']);
  });

  it('does not count a code that applies only to an event', () => {
    const line = parseScopeLine('[`basic`](x.md), for the `onHookFired` event — [`hooks`](x.md)');
    assert.deepEqual(line.codes, ['basic']);
    assert.equal(line.notes.length, 1);
  });

  it('keeps a non-code qualifier written in backticks as a note', () => {
    const line = parseScopeLine('[`placement`, `depending on the placement`](x.md)');
    assert.deepEqual(line.codes, ['placement']);
    assert.deepEqual(line.notes, ['depending on the placement']);
  });

  it('keeps the purpose written after a dash', () => {
    const line = parseScopeLine('[`placement`](x.md) — registration of the placement, [`garden`](x.md) — access to beds');
    assert.deepEqual(line.codes, ['placement', 'garden']);
    assert.deepEqual(line.notes, ['placement: registration of the placement', 'garden: access to beds']);
  });

  it('gives unknown with a reason for an empty Scope line', () => {
    const d = req('> Scope:');
    assert.equal(d.requirement.kind, 'unknown');
    assert.ok(d.problem);
  });

  it('ignores lines that are not Scope lines', () => {
    assert.equal(scopeLineText('> Who can execute the method: any user'), undefined);
  });
});
