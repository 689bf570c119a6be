import { strict as assert } from 'node:assert';
import { Catalogue } from '../../../server/src/catalogue/catalogue';
import type { CatalogueData, MethodInfo } from '../../../server/src/catalogue/types';

function method(name: string, extra: Partial<MethodInfo> = {}): MethodInfo {
  return {
    name,
    version: 2,
    requirement: { kind: 'scope', scope: 'garden' },
    who: 'any user',
    whoClass: 'any',
    params: [],
    url: `https://apidocs.bitrix24.com/api-reference/garden/${name}.html`,
    title: name,
    ...extra,
  };
}

function data(): CatalogueData {
  return {
    $schema: './catalogue.schema.json',
    sources: [{ name: 'en', repository: 'https://github.com/example/docs', commit: 'abcdef1' }],
    generated: '2025-01-02',
    scopes: [
      { code: 'basic', tool: 'No scope needed' },
      { code: 'garden', tool: 'Garden' },
      { code: 'garden3', tool: 'Garden 3.0' },
      { code: 'orchard', tool: 'Orchard', deprecated: true },
    ],
    events: [
      {
        name: 'onGardenBedAdd',
        requirement: { kind: 'scope', scope: 'garden' },
        who: 'any user',
        url: 'https://apidocs.bitrix24.com/e.html',
        title: 'Bed added',
      },
    ],
    placements: [],
    methods: [
      method('garden.bed.add'),
      method('garden.bed.getFields'),
      method('garden.bed.list'),
      method('garden.bed.list', { version: 3, requirement: { kind: 'scope', scope: 'garden3' } }),
      method('garden.tree.plant', { requirement: { kind: 'allOf', scopes: ['garden', 'orchard'] } }),
      method('server.ping', { requirement: { kind: 'basic' } }),
    ],
  };
}

describe('catalogue accessors', () => {
  const c = Catalogue.fromData(data());

  it('looks names up case-insensitively and keeps the documented spelling', () => {
    assert.equal(c.get('GARDEN.BED.GETFIELDS')?.name, 'garden.bed.getFields');
    assert.equal(c.has('Garden.Bed.Add'), true);
    assert.equal(c.has('garden.bed.remove'), false);
  });

  it('prefers REST 2 without a version and gives the REST 3.0 entry on request', () => {
    assert.equal(c.get('garden.bed.list')?.version, 2);
    assert.deepEqual(c.get('garden.bed.list', 3)?.requirement, { kind: 'scope', scope: 'garden3' });
    assert.equal(c.get('garden.bed.add', 3), undefined);
    assert.deepEqual(
      c.versions('garden.bed.list').map((m) => m.version),
      [2, 3],
    );
  });

  it('lists the methods of a scope, including combined requirements and basic', () => {
    assert.deepEqual(
      c.methodsOfScope('orchard').map((m) => m.name),
      ['garden.tree.plant'],
    );
    assert.deepEqual(
      c.methodsOfScope('basic').map((m) => m.name),
      ['server.ping'],
    );
    assert.deepEqual(
      c.methodsOfScope('GARDEN').map((m) => m.name),
      ['garden.bed.add', 'garden.bed.getFields', 'garden.bed.list', 'garden.tree.plant'],
    );
    assert.deepEqual(c.methodsOfScope('nothing'), []);
  });

  it('describes scopes and events', () => {
    assert.equal(c.scope('Orchard')?.deprecated, true);
    assert.deepEqual(
      c.scopes().map((s) => s.code),
      ['basic', 'garden', 'garden3', 'orchard'],
    );
    assert.deepEqual(c.event('ONGARDENBEDADD')?.requirement, { kind: 'scope', scope: 'garden' });
    assert.equal(c.events().length, 1);
  });

  it('completes a prefix in name order, one entry per name, within the limit', () => {
    assert.deepEqual(
      c.complete('garden.bed.').map((m) => m.name),
      ['garden.bed.add', 'garden.bed.getFields', 'garden.bed.list'],
    );
    assert.deepEqual(
      c.complete('GARDEN.BED.G').map((m) => m.name),
      ['garden.bed.getFields'],
    );
    assert.equal(c.complete('garden.', 2).length, 2);
    assert.deepEqual(c.complete('zzz'), []);
  });

  it('suggests near names for a typo, nearest first', () => {
    assert.deepEqual(c.suggest('garden.bed.ad'), ['garden.bed.add']);
    assert.deepEqual(c.suggest('garden.bed.lsit'), ['garden.bed.list']);
    assert.deepEqual(c.suggest('completely.different.name'), []);
    assert.deepEqual(c.suggest('garden.bed.add'), [], 'an exact name is not a suggestion');
  });

  it('extends with custom methods without changing the documented view', () => {
    const v = c.withCustom([
      { name: 'garden.custom.sync', requirement: { kind: 'scope', scope: 'garden' } },
      { name: 'garden.custom.both', requirement: { kind: 'allOf', scopes: ['garden', 'orchard'] } },
      { name: 'garden.bed.add', requirement: { kind: 'scope', scope: 'orchard' } },
    ]);
    assert.equal(v.has('GARDEN.CUSTOM.SYNC'), true);
    assert.equal(c.has('garden.custom.sync'), false);
    assert.equal(v.get('garden.custom.sync')?.custom, true);
    assert.deepEqual(v.get('garden.custom.both')?.requirement, { kind: 'allOf', scopes: ['garden', 'orchard'] });
    assert.deepEqual(v.get('garden.bed.add')?.requirement, { kind: 'scope', scope: 'orchard' }, 'custom shadows documented');
    assert.ok(v.complete('garden.custom').length === 2);
    assert.deepEqual(v.suggest('garden.custom.synk'), ['garden.custom.sync']);
    assert.ok(v.methodsOfScope('orchard').some((m) => m.name === 'garden.custom.both'));
  });

  it('validates data once and rejects a broken catalogue with a clear message', () => {
    const bad = data();
    bad.methods.push(method('garden.bed.add'));
    assert.throws(() => Catalogue.fromData(bad), /duplicate method/);
    const unknownScope = data();
    unknownScope.methods[0] = method('garden.bed.add', { requirement: { kind: 'scope', scope: 'nowhere' } });
    assert.throws(() => Catalogue.fromData(unknownScope), /nowhere is not in the scope table/);
    assert.throws(() => Catalogue.fromData({ methods: 'no' }), /invalid catalogue/);
  });

  it('loads the bundled catalogue once and shares it', () => {
    const a = Catalogue.load();
    assert.equal(a, Catalogue.load());
    assert.ok(a.size > 0);
  });
});
