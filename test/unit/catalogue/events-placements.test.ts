import { strict as assert } from 'node:assert';
import { Catalogue, templatePattern } from '../../../server/src/catalogue/catalogue';
import type { CatalogueData, PlacementInfo } from '../../../server/src/catalogue/types';

const both = (a: string, b: string) => ({ kind: 'allOf' as const, scopes: [a, b] });
const page = (p: string) => `https://apidocs.bitrix24.com/api-reference/${p}.html`;

function placement(code: string, extra: Partial<PlacementInfo> = {}): PlacementInfo {
  return { code, requirement: both('placement', 'garden'), url: page('widgets/garden'), title: 'Garden widget', ...extra };
}

function data(): CatalogueData {
  return {
    $schema: './catalogue.schema.json',
    sources: [],
    generated: '2025-01-02',
    scopes: [
      { code: 'garden', tool: 'Garden' },
      { code: 'placement', tool: 'Widgets' },
    ],
    methods: [],
    events: [
      { name: 'onGardenBedAdd', requirement: { kind: 'scope', scope: 'garden' }, who: 'any user', url: page('garden/events/add'), title: 'Bed added' },
      { name: 'onGardenBedUpdate', requirement: { kind: 'scope', scope: 'garden' }, who: 'any user', url: page('garden/events/update'), title: 'Bed updated' },
      { name: 'onGardenBedDelete', requirement: { kind: 'scope', scope: 'garden' }, who: '', url: page('garden/events/delete'), title: 'Bed deleted' },
    ],
    placements: [
      placement('GARDEN_BED_DETAIL_TAB'),
      placement('GARDEN_DYNAMIC_<id>_DETAIL_TAB', { template: true, title: 'Custom bed type tab' }),
      placement('GARDEN_XXX_MENU', { template: true, title: 'Any menu' }),
      placement('GARDEN_LEFT_MENU', { requirement: { kind: 'scope', scope: 'placement' } }),
    ],
  };
}

describe('catalogue: events and placements', () => {
  const c = Catalogue.fromData(data());

  it('finds an event whatever the case (ONGARDENBEDADD = onGardenBedAdd)', () => {
    assert.equal(c.event('ONGARDENBEDADD')?.name, 'onGardenBedAdd');
    assert.equal(c.event('ongardenbedadd')?.url, page('garden/events/add'));
    assert.equal(c.event('onGardenBedMove'), undefined);
    assert.equal(c.events().length, 3);
  });

  it('suggests the nearest events for a typo, nearest first, and the same answer again', () => {
    assert.deepEqual(c.suggestEvents('onGardenBedAd'), ['onGardenBedAdd']);
    assert.deepEqual(c.suggestEvents('ONGARDENBEDUPDTE'), ['onGardenBedUpdate']);
    assert.deepEqual(c.suggestEvents('onGardenBedAd'), ['onGardenBedAdd']);
    assert.deepEqual(c.suggestEvents('onSomethingElse'), []);
    assert.deepEqual(c.suggestEvents('onGardenBedAdd'), [], 'an exact name needs no suggestion');
  });

  it('hands out copies of memoised suggestions', () => {
    const first = c.suggestEvents('onGardenBedAd');
    first.push('mutated');
    assert.deepEqual(c.suggestEvents('onGardenBedAd'), ['onGardenBedAdd']);
  });

  it('finds a concrete placement whatever the case', () => {
    assert.equal(c.placement('garden_bed_detail_tab')?.code, 'GARDEN_BED_DETAIL_TAB');
    assert.deepEqual(c.placement('GARDEN_LEFT_MENU')?.requirement, { kind: 'scope', scope: 'placement' });
  });

  it('resolves a concrete code to its template entry', () => {
    for (const code of ['GARDEN_DYNAMIC_183_DETAIL_TAB', 'garden_dynamic_1a_detail_tab', 'GARDEN_DYNAMIC_<id>_DETAIL_TAB']) {
      assert.equal(c.placement(code)?.code, 'GARDEN_DYNAMIC_<id>_DETAIL_TAB', code);
    }
    assert.equal(c.placement('GARDEN_DYNAMIC__DETAIL_TAB'), undefined);
    assert.equal(c.placement('GARDEN_DYNAMIC_1_DETAIL_TAB_EXTRA'), undefined);
  });

  it('prefers a concrete code, then the most specific template', () => {
    assert.equal(c.placement('GARDEN_LEFT_MENU')?.code, 'GARDEN_LEFT_MENU');
    assert.equal(c.placement('GARDEN_RIGHT_MENU')?.code, 'GARDEN_XXX_MENU');
    assert.equal(c.placement('GARDEN_BED_DETAIL_TAB')?.template, undefined);
    assert.equal(c.placement('CRM_DEAL_DETAIL_TAB'), undefined);
  });

  it('suggests documented placement codes for a typo', () => {
    assert.deepEqual(c.suggestPlacements('GARDEN_BED_DETAL_TAB'), ['GARDEN_BED_DETAIL_TAB']);
    assert.deepEqual(c.suggestPlacements('garden_left_menu'), [], 'a known code in another case needs no suggestion');
    assert.deepEqual(c.suggestPlacements('NOTHING_LIKE_IT'), []);
  });

  it('keeps events and placements in a view with custom methods', () => {
    const v = c.withCustom([{ name: 'garden.custom.run', requirement: { kind: 'scope', scope: 'garden' } }]);
    assert.equal(v.event('ONGARDENBEDDELETE')?.name, 'onGardenBedDelete');
    assert.equal(v.placement('GARDEN_DYNAMIC_7_DETAIL_TAB')?.template, true);
    assert.deepEqual(v.suggestPlacements('GARDEN_BED_DETAL_TAB'), ['GARDEN_BED_DETAIL_TAB']);
    assert.equal(v.placements().length, 4);
  });

  it('builds template matchers: <id> is letters/digits, XXX may span underscores', () => {
    assert.ok(templatePattern('A_<id>_B').pattern.test('A_12_B'));
    assert.ok(!templatePattern('A_<id>_B').pattern.test('A_1_2_B'));
    assert.ok(templatePattern('A_XXX_B').pattern.test('A_SMART_INVOICE_B'));
    assert.equal(templatePattern('A_<id>_B').literal, 4);
  });

  it('rejects data with a malformed or duplicate placement, or an unknown scope', () => {
    const bad = data();
    bad.placements.push(placement('garden_bed_detail_tab'));
    assert.throws(() => Catalogue.fromData(bad), /duplicate placement/);
    const unknown = data();
    unknown.events[0].requirement = { kind: 'scope', scope: 'nope' };
    assert.throws(() => Catalogue.fromData(unknown), /not in the scope table/);
  });
});
