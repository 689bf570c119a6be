import { strict as assert } from 'node:assert';
import { refs, run } from './helpers';

/** Unknown names (`crm.deal.lst` is not in the test catalogue) reported by each call style. */
describe('analysis: unknown names in every certain call style', () => {
  it('PHP: CRest::call, CRest::callBatch, b24phpsdk core->call', () => {
    assert.deepEqual(refs("<?php CRest::call('crm.deal.lst', ['id' => 1]);", 'php'), ['crm.deal.lst@call']);
    assert.deepEqual(refs("<?php $b24->core->call('crm.deal.updte', ['id' => 1]);", 'php'), ['crm.deal.updte@call']);
    assert.deepEqual(refs("<?php $sb->core->call('foo.bar.baz');", 'php'), ['foo.bar.baz@call']);
    assert.deepEqual(refs("<?php CRest::callBatch(['a' => ['method' => 'crm.deal.lst', 'params' => []], 'b' => 'crm.lead.gt?id=1']);", 'php'), [
      'crm.deal.lst@batch',
      'crm.lead.gt@batch',
    ]);
  });

  it('Python: fast_bitrix24 call, get_all, get_by_ID, list_and_get; b24pysdk chains', () => {
    const py = "b.call('crm.deal.lst', {})\nb.get_all('crm.deal.lst')\nb.get_by_ID('crm.deal.gt', [1])\nb.list_and_get('crm.dael.list')\n";
    assert.deepEqual(refs(py, 'python'), ['crm.deal.lst@call', 'crm.deal.lst@call', 'crm.deal.gt@call', 'crm.dael.list@call']);
    assert.deepEqual(refs('from b24pysdk import Client\nclient.crm.deal.lst(id=1)\nclient.crm.deal.get(id=1)\n', 'python'), [
      'crm.deal.lst@call',
      'crm.deal.get@call',
    ]);
    // Without b24pysdk in the file, an attribute chain is not a method call.
    assert.deepEqual(refs('client.crm.deal.lst(id=1)\n', 'python'), []);
  });

  it('JS: BX24 and b24jssdk callMethod, callBatch, callListMethod, fetchListMethod, actions make', () => {
    assert.deepEqual(refs("BX24.callMethod('crm.lead.ad', {});", 'js'), ['crm.lead.ad@call']);
    assert.deepEqual(refs("$b24.callListMethod('crm.deal.lst'); $b24.fetchListMethod('crm.deal.lst')", 'js'), ['crm.deal.lst@call', 'crm.deal.lst@call']);
    assert.deepEqual(refs("$b24.callBatch([['crm.deal.lst', {}], {method: 'crm.lead.gt'}])", 'js'), ['crm.deal.lst@batch', 'crm.lead.gt@batch']);
    assert.deepEqual(refs("$b24.actions.v2.call.make({ method: 'crm.deal.lst', params: {} })", 'js'), ['crm.deal.lst@call']);
    assert.deepEqual(refs("$b24.actions.v2.batch.make({ calls: [['crm.deal.lst', {}]] })", 'js'), ['crm.deal.lst@batch']);
    const v3 = analyseV3("$b24.actions.v3.call.make({ method: 'crm.deal.lst' })");
    assert.equal(v3, 3);
  });

  it('REST URLs: webhook and REST 3.0 paths, and a documented namespace right after /rest/', () => {
    assert.deepEqual(refs("fetch('https://x.bitrix24.com/rest/1/abc/crm.deal.lst.json')", 'js'), ['crm.deal.lst@url']);
    assert.deepEqual(refs("fetch('https://x.bitrix24.com/rest/crm.deal.lst')", 'js'), ['crm.deal.lst@url']);
    assert.deepEqual(refs('curl "https://x.bitrix24.com/rest/1/abc/crm.deal.lst.json"\n', 'shell'), ['crm.deal.lst@url']);
    // Another service's REST path with a dotted name in an unknown namespace stays silent.
    assert.deepEqual(refs("fetch('https://example.com/rest/foo.bar')", 'js'), []);
  });

  it('stays silent in weak contexts: bare strings, generic objects, unknown namespaces in generic calls', () => {
    assert.deepEqual(refs("const x = 'crm.deal.lst'; foo('crm.deal.lst'); const o = { method: 'crm.deal.lst' };", 'js'), []);
    assert.deepEqual(refs("obj.call('app.config.value'); t('crm.deal.title');", 'js'), []);
    assert.deepEqual(refs("<?php $x = ['method' => 'crm.deal.lst']; Loc::getMessage('crm.deal.lst');", 'php'), []);
    assert.deepEqual(refs("cache.get_all('settings.page.items')\n", 'python'), []);
  });
});

function analyseV3(text: string): number | undefined {
  return run(text, 'js').references[0]?.version;
}
