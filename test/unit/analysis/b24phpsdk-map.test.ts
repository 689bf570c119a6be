/** The generated b24phpsdk table (scripts/sdk-map/generate.ts) and the typed service calls it resolves. */
import { strict as assert } from 'node:assert';
import map from '../../../server/src/analysis/b24phpsdk-map.json';
import { analyse } from '../../../server/src/analysis/analyse';
import { Catalogue } from '../../../server/src/catalogue/catalogue';

describe('analysis: b24phpsdk typed services', () => {
  it('the table records its SDK release and maps accessor chains to REST method names', () => {
    assert.equal(map.source.repository, 'https://github.com/bitrix24/b24phpsdk');
    assert.match(map.source.commit, /^[0-9a-f]{40}$/);
    const entries = Object.entries(map.methods);
    assert.ok(entries.length > 500, `${entries.length} rows`);
    for (const [key, rest] of entries) {
      assert.match(key, /^get\w+Scope(\.\w+)*(\.\$batch)?\.\w+$/, key);
      assert.match(rest, /^[a-z][a-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/, `${key} → ${rest}`);
    }
    assert.equal(map.counts.attribute + map.counts.body + map.counts.delegate, entries.length);
  });

  it('holds rows checked by hand against the SDK source of that release', () => {
    const m = map.methods as Record<string, string>;
    // #[ApiEndpointMetadata('crm.lead.add', …)] on Lead::add.
    assert.equal(m['getCRMScope.lead.add'], 'crm.lead.add');
    // Activity::log is bizproc.activity.log: the accessor getBizProcScope does not spell the namespace.
    assert.equal(m['getBizProcScope.activity.log'], 'bizproc.activity.log');
    // Contact::countByFilter has no attribute; it returns $this->list(…)'s total.
    assert.equal(m['getCRMScope.contact.countByFilter'], 'crm.contact.list');
    // The batch service declares nothing; Batch::add calls addEntityItems('crm.lead.add', …).
    assert.equal(m['getCRMScope.lead.$batch.add'], 'crm.lead.add');
    // Deal::get's attribute says crm.deal.fields, but its body calls crm.deal.get: the call wins.
    assert.equal(m['getCRMScope.deal.get'], 'crm.deal.get');
    assert.equal(m['getMainScope.event.bind'], 'event.bind');
    assert.equal(m['getPlacementScope.placement.bind'], 'placement.bind');
  });

  it('resolves typed calls whose names cannot be guessed, batch services, and the bindings they make', () => {
    const text = [
      '<?php',
      "$sb->getCRMScope()->contact()->countByFilter(['TYPE_ID' => 'CLIENT']);",
      "$sb->getBizProcScope()->activity()->log($id, 'done');",
      "$sb->getCRMScope()->lead()->batch->add([['TITLE' => 'a']]);",
      "$sb->getMainScope()->event()->bind('ONCRMDEALADD', $url);",
      "$sb->getPlacementScope()->placement()->bind('CRM_DEAL_DETAIL_TAB', $url, []);",
      '$sb->getCRMScope()->lead()->frobnicate();',
    ].join('\n');
    const a = analyse(text, 'php', Catalogue.load());
    assert.deepEqual(
      a.references.map((r) => `${r.name}@${text.slice(r.start, r.end)}`),
      ['crm.contact.list@countByFilter', 'bizproc.activity.log@log', 'crm.lead.add@add', 'event.bind@bind', 'placement.bind@bind'],
    );
    assert.deepEqual(
      a.bindings.map((b) => `${b.kind}:${b.name}`),
      ['event:ONCRMDEALADD', 'placement:CRM_DEAL_DETAIL_TAB'],
    );
  });

  it('follows a variable holding a service or a scope builder', () => {
    const text = [
      '<?php',
      '$deals = $serviceBuilder->getCRMScope()->deal();',
      '$deals->get($id);',
      '$crm = $serviceBuilder->getCRMScope();',
      '$crm->item()->update(2, $id, $fields);',
      '$events = $serviceBuilder->getMainScope()->event();',
      "$events->unbind('ONCRMDEALADD', $url);",
      '$other->get($id);',
    ].join('\n');
    const a = analyse(text, 'php', Catalogue.load());
    assert.deepEqual(
      a.references.map((r) => r.name),
      ['crm.deal.get', 'crm.item.update', 'event.unbind'],
    );
    assert.deepEqual(
      a.bindings.map((b) => `${b.kind}:${b.name}@${b.via}`),
      ['event:ONCRMDEALADD@event.unbind'],
    );
  });
});
