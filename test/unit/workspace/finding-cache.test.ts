/** Which files' findings changed: compared by value, as the published JSON would be. */
import assert from 'node:assert/strict';
import { FindingCache, sameValue } from '../../../server/src/workspace/finding-cache';
import type { Finding } from '../../../server/src/manifest/types';

function finding(line: number, message = 'Unknown method'): Finding {
  return {
    code: 'unknown-method',
    severity: 'warning',
    message,
    file: '/ws/a.js',
    range: { start: { line, character: 5 }, end: { line, character: 12 } },
    data: { kind: 'reference', name: 'crm.lead.ad', suggestions: ['crm.lead.add'] },
  } as Finding;
}

describe('finding cache', () => {
  it('compares values as their JSON would: key order and undefined properties do not matter, anything else does', () => {
    const cases: [unknown, unknown][] = [
      [
        { a: 1, b: [1, { c: 'x' }] },
        { b: [1, { c: 'x' }], a: 1 },
      ],
      [{ a: 1, b: undefined }, { a: 1 }],
      [{ a: 1 }, { a: 2 }],
      [{ a: [1, 2] }, { a: [1, 2, 3] }],
      [{ a: { b: 1 } }, { a: { b: 1, c: 0 } }],
      [[], {}],
      [{ a: null }, { a: {} }],
      [{ a: '1' }, { a: 1 }],
      [[{ x: [] }], [{ x: [] }]],
    ];
    for (const [a, b] of cases) {
      assert.equal(sameValue(a, b), JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    }
  });

  it('hands out a file again only when its findings changed, for a file of 100,000 findings too', () => {
    const cache = new FindingCache();
    const many = (message?: string) => Array.from({ length: 100_000 }, (_, i) => finding(i, i === 99_999 ? message : undefined));
    cache.setFile('g', '/ws/a.js', many());
    assert.equal(cache.takeChanges().get('/ws/a.js')?.length, 100_000);
    cache.setFile('g', '/ws/a.js', many());
    assert.equal(cache.takeChanges().size, 0, 'the same findings, built again: nothing to publish');
    cache.setFile('g', '/ws/a.js', many('Unknown method, did you mean'));
    assert.equal(cache.takeChanges().get('/ws/a.js')?.length, 100_000, 'the last one changed');
    cache.setFile('g', '/ws/a.js', []);
    assert.deepEqual(cache.takeChanges().get('/ws/a.js'), [], 'cleared');
    cache.setFile('g', '/ws/a.js', []);
    assert.equal(cache.takeChanges().size, 0);
  });
});

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  return v;
}
