/** Events and placements named in registration calls, in every call style. */
import { strict as assert } from 'node:assert';
import type { LanguageFamily } from '../../../server/src/analysis/types';
import { run } from './helpers';

/** `kind:name@via` for each binding, checking that its range covers the name (or the method, for implied placements). */
function bindings(text: string, family: LanguageFamily): string[] {
  return run(text, family).bindings.map((b) => {
    const covered = text.slice(b.start, b.end);
    assert.ok(covered === b.name || covered.toLowerCase() === b.via, `range of ${b.name} covers '${covered}'`);
    return `${b.kind}:${b.name}@${b.via}`;
  });
}

describe('analysis: event and placement bindings', () => {
  it('JS params objects: BX24.callMethod, b24jssdk callMethod and actions make', () => {
    assert.deepEqual(bindings("BX24.callMethod('event.bind', { event: 'ONCRMDEALADD', handler: url });", 'js'), ['event:ONCRMDEALADD@event.bind']);
    assert.deepEqual(bindings("$b24.callMethod('placement.bind', { PLACEMENT: 'CRM_DEAL_DETAIL_TAB', HANDLER: url, TITLE: 't' });", 'js'), [
      'placement:CRM_DEAL_DETAIL_TAB@placement.bind',
    ]);
    assert.deepEqual(bindings("await $b24.actions.v2.call.make({ method: 'event.unbind', params: { Event: 'OnCrmLeadAdd', handler: h } })", 'js'), [
      'event:OnCrmLeadAdd@event.unbind',
    ]);
    // The params before the method, and a quoted key.
    assert.deepEqual(bindings("BX24.callBatch({ a: { params: { 'placement': 'LEFT_MENU' }, method: 'placement.unbind' } })", 'js'), [
      'placement:LEFT_MENU@placement.unbind',
    ]);
  });

  it('batch tuples, objects and command strings', () => {
    const js =
      "BX24.callBatch({ a: ['event.bind', { event: 'ONCRMLEADADD' }], b: { method: 'placement.bind', params: { placement: 'LEFT_MENU' } }, c: 'event.bind?event=ONTASKADD&handler=x' });";
    assert.deepEqual(bindings(js, 'js'), ['event:ONCRMLEADADD@event.bind', 'placement:LEFT_MENU@placement.bind', 'event:ONTASKADD@event.bind']);
    assert.deepEqual(bindings('$b24.callBatch({ p: `placement.bind?PLACEMENT=CRM_LEAD_LIST_MENU&HANDLER=${url}` })', 'js'), [
      'placement:CRM_LEAD_LIST_MENU@placement.bind',
    ]);
  });

  it('PHP arrays: CRest, b24phpsdk core->call, and keys in any case', () => {
    assert.deepEqual(bindings("<?php CRest::call('event.bind', ['EVENT' => 'ONCRMDEALADD', 'HANDLER' => $u]);", 'php'), ['event:ONCRMDEALADD@event.bind']);
    assert.deepEqual(bindings("<?php $b24->core->call('placement.bind', array('PLACEMENT' => 'CRM_DEAL_DETAIL_TAB'));", 'php'), [
      'placement:CRM_DEAL_DETAIL_TAB@placement.bind',
    ]);
    assert.deepEqual(bindings("<?php CRest::callBatch(['b' => ['method' => 'event.bind', 'params' => ['event' => 'ONCRMCONTACTADD']]]);", 'php'), [
      'event:ONCRMCONTACTADD@event.bind',
    ]);
  });

  it('Python dicts and keyword arguments', () => {
    assert.deepEqual(bindings("b.call('event.bind', {'event': 'ONCRMDEALADD', 'handler': h})\n", 'python'), ['event:ONCRMDEALADD@event.bind']);
    assert.deepEqual(bindings("from b24pysdk import Client\nclient.placement.bind(placement='CRM_DEAL_DETAIL_TAB', handler=h)\n", 'python'), [
      'placement:CRM_DEAL_DETAIL_TAB@placement.bind',
    ]);
  });

  it('REST URLs with query strings, cURL bodies and .http requests', () => {
    assert.deepEqual(bindings("fetch('https://x.bitrix24.com/rest/1/abc/placement.bind.json?PLACEMENT=CRM_LEAD_LIST_MENU&HANDLER=x')", 'js'), [
      'placement:CRM_LEAD_LIST_MENU@placement.bind',
    ]);
    const curl =
      'curl -X POST \\\n  -d \'{\n    "event": "ONCRMLEADADD",\n    "handler": "https://h/"\n  }\' \\\n  https://x/rest/event.bind\ncurl https://x/rest/event.bind -d \'event=ONCRMDEALADD\'\n';
    assert.deepEqual(bindings(curl, 'shell'), ['event:ONCRMLEADADD@event.bind', 'event:ONCRMDEALADD@event.bind']);
    const http =
      '### bind\nPOST https://{{host}}/rest/{{user}}/{{token}}/placement.bind.json\nContent-Type: application/json\n\n{"PLACEMENT": "CRM_DEAL_DETAIL_TAB"}\n';
    assert.deepEqual(bindings(http, 'http'), ['placement:CRM_DEAL_DETAIL_TAB@placement.bind']);
  });

  it('placements created by userfieldtype.add and imconnector.register, at the method name', () => {
    assert.deepEqual(bindings("BX24.callMethod('userfieldtype.add', { USER_TYPE_ID: 'x', HANDLER: h });", 'js'), [
      'placement:USERFIELD_TYPE@userfieldtype.add',
    ]);
    assert.deepEqual(bindings("<?php CRest::call('imconnector.register', ['ID' => 'c', 'PLACEMENT_HANDLER' => $u]);", 'php'), [
      'placement:SETTING_CONNECTOR@imconnector.register',
    ]);
  });

  it('nothing for other methods, other keys, dynamic values or look-alike strings', () => {
    assert.deepEqual(bindings("BX24.callMethod('crm.lead.add', { fields: { event: 'ONCRMDEALADD' } });", 'js'), []);
    assert.deepEqual(bindings("BX24.callMethod('event.bind', { event: name, handler: h }); const e = { event: 'ONCRMDEALADD' };", 'js'), []);
    assert.deepEqual(bindings("BX24.callMethod('event.bind', { event: `ON${x}`, event_type: 'online' });", 'js'), []);
    // Only the top level of the params: a nested `event` key is data.
    assert.deepEqual(bindings("BX24.callMethod('placement.bind', { OPTIONS: { placement: 'X' } });", 'js'), []);
  });
});
