import assert from 'node:assert/strict';
import { Catalogue } from '../../../server/src/catalogue/catalogue';
import { catalogueEntries, inRussian, searchCatalogue } from '../../../server/src/catalogue/search';

describe('catalogue search (Show Method Catalogue)', () => {
  const catalogue = Catalogue.load();
  const entries = catalogueEntries(catalogue);
  const names = (q: string, n = 5) => searchCatalogue(entries, q, n).map((e) => e.name);

  it('lists as many methods as `bitrix24-scopes catalog`, plus every event and placement', () => {
    assert.equal(entries.filter((e) => e.kind === 'method').length, catalogue.methods().length);
    assert.equal(entries.filter((e) => e.kind === 'event').length, catalogue.events().length);
    assert.equal(entries.filter((e) => e.kind === 'placement').length, catalogue.placements().length);
    assert.equal(searchCatalogue(entries, '').length, entries.length);
  });

  it('finds a method by two words, the plain one first', () => {
    assert.equal(names('deal add')[0], 'crm.deal.add');
    assert.equal(names('crm.deal.add')[0], 'crm.deal.add');
  });

  it('matches a scope as one of the words', () => {
    const found = searchCatalogue(entries, 'crm list', 200);
    assert.ok(found.length > 10);
    for (const e of found) assert.match(`${e.scope} ${e.name}`, /crm/i, e.name);
    assert.ok(found.every((e) => /list/i.test(`${e.name} ${e.title}`)));
    assert.ok(names('task list', 20).includes('tasks.task.list'));
  });

  it('finds events and placements by their words', () => {
    assert.equal(names('onCrmDealAdd')[0], 'onCrmDealAdd');
    assert.ok(names('deal detail tab', 10).includes('CRM_DEAL_DETAIL_TAB'));
  });

  it('ranks current methods above deprecated ones with the same words', () => {
    const found = searchCatalogue(entries, 'lead add', 50);
    const lead = found.findIndex((e) => e.name === 'crm.lead.add');
    assert.ok(lead >= 0);
    assert.ok(
      found.slice(0, lead).every((e) => !e.deprecated),
      found
        .slice(0, lead + 1)
        .map((e) => e.name)
        .join(', '),
    );
  });

  it('finds nothing when a word matches nothing', () => {
    assert.deepEqual(names('deal zzzqqq'), []);
  });
});

describe('catalogue search in Russian', () => {
  const catalogue = Catalogue.load();
  const entries = catalogueEntries(catalogue, { russian: true });
  const names = (q: string, n = 5) => searchCatalogue(entries, q, n).map((e) => e.name);

  it('«сделка добавить» finds crm.deal.add, and crm.item.add that replaces it', () => {
    const found = names('сделка добавить');
    assert.equal(found[0], 'crm.deal.add');
    assert.ok(found.includes('crm.item.add'), found.join(', '));
  });

  it('reads word forms, ё and case simply', () => {
    for (const q of ['сделки добавить', 'Сделку создать', 'СДЕЛКА Добавить']) assert.equal(names(q)[0], 'crm.deal.add', q);
    assert.ok(names('список сделок', 10).includes('crm.deal.list'));
    assert.ok(names('удалить лид', 5).includes('crm.lead.delete'));
    assert.equal(names('задачу добавить')[0], 'tasks.task.add');
    assert.deepEqual(names('счёт', 200), names('счет', 200));
  });

  it('matches the Russian title when no name word fits', () => {
    const found = searchCatalogue(entries, 'сервис зарегистрировать', 20);
    assert.ok(
      found.some((e) => e.name === 'ai.engine.register'),
      found.map((e) => e.name).join(', '),
    );
    assert.ok(
      found.every((e) => /сервис/i.test(e.titleRu ?? '') && /регистр/i.test(e.titleRu ?? '')),
      found.map((e) => e.name).join(', '),
    );
  });

  it('mixes Russian and English words, and finds nothing for nonsense', () => {
    assert.equal(names('crm сделка add')[0], 'crm.deal.add');
    assert.deepEqual(names('щщщщ'), []);
  });

  it('carries the Russian title and page; inRussian shows them', () => {
    const deal = entries.find((e) => e.name === 'crm.deal.add')!;
    assert.equal(deal.titleRu, 'Создать новую сделку');
    assert.equal(inRussian(deal).url, 'https://apidocs.bitrix24.ru/api-reference/crm/deals/crm-deal-add.html');
    assert.equal(inRussian(deal).title, 'Создать новую сделку');
    assert.equal(catalogueEntries(catalogue).find((e) => e.name === 'crm.deal.add')!.titleRu, undefined, 'English entries do not load Russian');
  });
});
