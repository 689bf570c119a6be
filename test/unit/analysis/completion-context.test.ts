import { strict as assert } from 'node:assert';
import { completionContextAt } from '../../../server/src/analysis/analyse';
import type { CompletionSlot, LanguageFamily } from '../../../server/src/analysis/types';
import { cursor } from './helpers';

/** The slot at the `|` marker, with `range` as the replaced text for readability. */
function at(marked: string, family: LanguageFamily = 'js'): (CompletionSlot & { replaced: string }) | undefined {
  const { text, offset } = cursor(marked);
  const slot = completionContextAt(text, family, offset);
  return slot && { ...slot, replaced: text.slice(slot.start, slot.end) };
}

describe('analysis: completionContextAt', () => {
  it('offers method names in the first argument of a call, replacing the whole name', () => {
    const s = at("BX24.callMethod('crm.le|ad.add', {});");
    assert.equal(s?.kind, 'method');
    assert.equal(s?.prefix, 'crm.le');
    assert.equal(s?.replaced, 'crm.lead.add');
  });

  it('works in an unterminated string while typing', () => {
    const s = at("BX24.callMethod('crm.d|\nconst x = 1;");
    assert.deepEqual([s?.kind, s?.prefix, s?.replaced], ['method', 'crm.d', 'crm.d']);
  });

  it('offers method names in batch entries, method keys (v3 aware) and REST URLs', () => {
    assert.equal(at("BX24.callBatch({ a: ['us|', {}] })")?.kind, 'method');
    assert.equal(at("$b24.callBatch({ a: { method: '|' } })")?.kind, 'method');
    const v3 = at("$b24.actions.v3.call.make({ method: 'call.|' })");
    assert.equal(v3?.kind === 'method' && v3.version, 3);
    const url = at("fetch('https://x/rest/1/abc/crm.lead.|.json')");
    assert.deepEqual([url?.kind, url?.prefix, url?.replaced], ['method', 'crm.lead.', 'crm.lead.']);
    const sh = at('curl https://x/rest/api/1/abc/tasks.t|', 'shell');
    assert.ok(sh?.kind === 'method' && sh.version === 3 && sh.prefix === 'tasks.t');
    assert.equal(at("CRest::call('user.|');".replace(/^/, '<?php '), 'php')?.kind, 'method');
  });

  it('says nothing in comments, ordinary strings or i18n keys', () => {
    assert.equal(at("// BX24.callMethod('crm.|')"), undefined);
    assert.equal(at("const tab = 'prof|';"), undefined);
    assert.equal(at("t('crm.lead.|')"), undefined);
  });

  it('offers parameter keys inside the params literal, with the keys already there', () => {
    const s = at("BX24.callMethod('crm.lead.add', { fields: {}, TI| });");
    assert.ok(s?.kind === 'param');
    assert.equal(s.method, 'crm.lead.add');
    assert.deepEqual(s.present, ['fields']);
    assert.equal(s.prefix, 'TI');
    assert.equal(s.replaced, 'TI');
    assert.deepEqual(s.path, []);
  });

  it('gives the path for nested objects and follows constants', () => {
    const s = at("const M = 'crm.lead.add';\nBX24.callMethod(M, { fields: { TITLE: 'x', | } });");
    assert.ok(s?.kind === 'param');
    assert.equal(s.method, 'crm.lead.add');
    assert.deepEqual(s.path, ['fields']);
    assert.deepEqual(s.present, ['TITLE']);
  });

  it('offers quoted keys in PHP arrays and Python dicts, but not in value positions', () => {
    const php = at("<?php CRest::call('crm.deal.list', ['filter' => [], '|']);", 'php');
    assert.ok(php?.kind === 'param' && php.quoted && php.method === 'crm.deal.list');
    assert.deepEqual(php.kind === 'param' && php.present, ['filter']);
    const py = at("b.call('crm.deal.list', {'sel|'})", 'python');
    assert.ok(py?.kind === 'param' && py.prefix === 'sel');
    assert.equal(at("BX24.callMethod('crm.lead.add', { fields: | });"), undefined);
  });

  it('offers event names in the event slot of event.bind', () => {
    const s = at("BX24.callMethod('event.bind', { event: 'ONCRM|', handler: url });");
    assert.deepEqual([s?.kind, s?.prefix, s?.replaced], ['event', 'ONCRM', 'ONCRM']);
    // The same key under another method is an ordinary value: nothing to offer.
    assert.equal(at("BX24.callMethod('crm.lead.add', { event: 'ON|' });"), undefined);
  });

  it('offers event names and placement codes in every call style', () => {
    const php = at("<?php CRest::call('event.bind', ['EVENT' => 'ONCRMDEAL|', 'HANDLER' => $u]);", 'php');
    assert.deepEqual([php?.kind, php?.prefix], ['event', 'ONCRMDEAL']);
    const py = at("b.call('event.unbind', {'event': 'ON|'})", 'python');
    assert.deepEqual([py?.kind, py?.prefix], ['event', 'ON']);
    const js = at("BX24.callMethod('placement.bind', { PLACEMENT: 'CRM_DEAL_|', HANDLER: url });");
    assert.deepEqual([js?.kind, js?.prefix, js?.replaced, js?.kind === 'placement' && js.method], ['placement', 'CRM_DEAL_', 'CRM_DEAL_', 'placement.bind']);
    const sdk = at("$b24.actions.v2.call.make({ method: 'placement.unbind', params: { placement: 'LEFT|' } })");
    assert.deepEqual([sdk?.kind, sdk?.prefix], ['placement', 'LEFT']);
    const arr = at("<?php $b24->core->call('placement.bind', ['PLACEMENT' => 'CRM_|']);", 'php');
    assert.equal(arr?.kind, 'placement');
    // PLACEMENT under another method is an ordinary value.
    assert.equal(at("BX24.callMethod('crm.lead.add', { PLACEMENT: 'CRM_|' });"), undefined);
  });
});
