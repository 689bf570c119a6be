import { strict as assert } from 'node:assert';
import { Catalogue } from '../../../server/src/catalogue/catalogue';
import { russianMethodKey, russianUrl } from '../../../server/src/catalogue/links';
import type { CatalogueData, RussianCatalogueData } from '../../../server/src/catalogue/types';

const page = (p: string) => `https://apidocs.bitrix24.com/api-reference/${p}.html`;

function data(): CatalogueData {
  return {
    $schema: './catalogue.schema.json',
    sources: [],
    generated: '2025-01-02',
    scopes: [
      { code: 'garden', tool: 'Garden' },
      { code: 'orchard', tool: 'Orchard' },
    ],
    methods: [
      {
        name: 'garden.bed.add',
        version: 2,
        requirement: { kind: 'scope', scope: 'garden' },
        who: 'any user',
        whoClass: 'any',
        params: [],
        url: page('garden/garden-bed-add'),
        title: 'Add a Bed',
        editions: { en: { requirement: { kind: 'scope', scope: 'garden' } }, ru: { requirement: { kind: 'scope', scope: 'orchard' } } },
      },
      {
        name: 'garden.bed.add',
        version: 3,
        requirement: { kind: 'scope', scope: 'garden' },
        who: '',
        whoClass: 'unknown',
        params: [],
        url: page('garden/v3'),
        title: 'Add (3.0)',
      },
    ],
    events: [{ name: 'onGardenBedAdd', requirement: { kind: 'scope', scope: 'garden' }, who: 'any user', url: page('garden/events/add'), title: 'Bed added' }],
    placements: [{ code: 'GARDEN_DYNAMIC_<id>_TAB', template: true, requirement: { kind: 'scope', scope: 'garden' }, url: page('widgets/tab'), title: 'Tab' }],
  };
}

const russian = (): RussianCatalogueData => ({
  $comment: 'test',
  methods: { 'garden.bed.add': { title: 'Добавить грядку', who: 'любой пользователь' }, 'garden.bed.add v3': { title: 'Добавить (3.0)' } },
  events: { onGardenBedAdd: { title: 'Грядка добавлена', who: 'любой пользователь' } },
  placements: { 'GARDEN_DYNAMIC_<id>_TAB': { title: 'Вкладка', url: 'https://apidocs.bitrix24.ru/elsewhere.html' } },
  scopes: { garden: 'Сад' },
});

describe('catalogue: Russian facts and edition disagreements', () => {
  it('loads the Russian facts only when first asked, once', () => {
    let loads = 0;
    const c = Catalogue.fromData(data(), () => {
      loads++;
      return russian();
    });
    assert.equal(c.get('garden.bed.add')?.title, 'Add a Bed');
    assert.equal(loads, 0);
    assert.deepEqual(c.russian(c.get('garden.bed.add', 2)!), { title: 'Добавить грядку', who: 'любой пользователь' });
    assert.equal(c.russian(c.get('garden.bed.add', 3)!)?.title, 'Добавить (3.0)');
    assert.equal(c.russian(c.event('ONGARDENBEDADD')!)?.who, 'любой пользователь');
    assert.equal(c.russian(c.placement('GARDEN_DYNAMIC_12_TAB')!)?.title, 'Вкладка');
    assert.equal(c.russianTool('GARDEN'), 'Сад');
    assert.equal(c.russianTool('orchard'), undefined);
    assert.equal(loads, 1);
  });

  it('has no Russian facts without them, and none for custom methods', () => {
    const plain = Catalogue.fromData(data());
    assert.equal(plain.russian(plain.get('garden.bed.add')!), undefined);
    const c = Catalogue.fromData(data(), russian).withCustom([{ name: 'garden.bed.add', requirement: { kind: 'scope', scope: 'garden' } }]);
    assert.equal(c.russian(c.get('garden.bed.add')!), undefined);
  });

  it('says what is wrong with bad Russian data on first use', () => {
    const c = Catalogue.fromData(data(), () => ({ methods: { x: { who: 1 } }, events: {}, placements: {}, scopes: {} }));
    assert.throws(() => c.russianTool('garden'), /invalid Russian catalogue: methods x/);
  });

  it('links the Russian page: the same path on apidocs.bitrix24.ru unless the facts say otherwise', () => {
    assert.equal(russianUrl(page('garden/garden-bed-add'), { title: 't' }), 'https://apidocs.bitrix24.ru/api-reference/garden/garden-bed-add.html');
    assert.equal(
      russianUrl(page('widgets/tab'), { title: 't', url: 'https://apidocs.bitrix24.ru/elsewhere.html' }),
      'https://apidocs.bitrix24.ru/elsewhere.html',
    );
    assert.equal(russianUrl(page('x'), undefined), undefined);
    assert.equal(russianMethodKey('a.b', 3), 'a.b v3');
  });

  it('lists the entries whose editions disagree', () => {
    const c = Catalogue.fromData(data());
    assert.deepEqual(
      c.disagreements().map((x) => x.name),
      ['garden.bed.add'],
    );
  });
});
