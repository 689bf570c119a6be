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

describe('analysis: event and placement names held in constants and variables', () => {
  /** Each binding with the text its range covers: the string of the constant's definition. */
  const at = (text: string, family: LanguageFamily): string[] =>
    run(text, family).bindings.map((b) => `${b.kind}:${b.name}@${b.via} ${text.slice(0, b.start).split('\n').length}:'${text.slice(b.start, b.end)}'`);

  it('JS/TS: a const, an annotated const and an object of names, reported at the definition', () => {
    assert.deepEqual(at("const EVT = 'ONCRMLEADADD';\nBX24.callMethod('event.bind', { event: EVT, handler });", 'js'), [
      "event:ONCRMLEADADD@event.bind 1:'ONCRMLEADADD'",
    ]);
    assert.deepEqual(at("const P: string = 'CRM_LEAD_DETAIL_TAB';\nBX24.callMethod('placement.bind', { PLACEMENT: P, HANDLER: h });", 'js'), [
      "placement:CRM_LEAD_DETAIL_TAB@placement.bind 1:'CRM_LEAD_DETAIL_TAB'",
    ]);
    const obj =
      "export const Events = { LEAD_ADD: 'ONCRMLEADADD', DEAL_ADD: 'ONCRMDEALADD' } as const;\n$b24.callMethod('event.bind', { event: Events.DEAL_ADD });";
    assert.deepEqual(at(obj, 'js'), ["event:ONCRMDEALADD@event.bind 1:'ONCRMDEALADD'"]);
    const cls =
      "class Install {\n  constructor() { this.event = 'ONCRMLEADADD'; }\n  run() { return BX24.callMethod('event.bind', { event: this.event }); }\n}";
    assert.deepEqual(at(cls, 'js'), ["event:ONCRMLEADADD@event.bind 2:'ONCRMLEADADD'"]);
    const batch =
      "const TAB = 'CRM_DEAL_DETAIL_TAB';\nBX24.callBatch({ a: ['placement.bind', { PLACEMENT: TAB }], b: { method: 'placement.unbind', params: { PLACEMENT: TAB } } });";
    assert.deepEqual(at(batch, 'js'), ["placement:CRM_DEAL_DETAIL_TAB@placement.bind 1:'CRM_DEAL_DETAIL_TAB'"]);
  });

  it('one constant both unbound and bound is one binding that asks for its scope', () => {
    const text = "const E = 'ONCRMLEADADD';\nBX24.callMethod('event.unbind', { event: E });\nBX24.callMethod('event.bind', { event: E });";
    assert.deepEqual(at(text, 'js'), ["event:ONCRMLEADADD@event.bind 1:'ONCRMLEADADD'"]);
  });

  it('PHP: class constants through self:: and the class, variables, define() and a property through $this', () => {
    const cls = `<?php
class Install {
  const EVENT = 'ONCRMDEALUPDATE';
  public function run() { CRest::call('event.bind', ['event' => self::EVENT, 'handler' => $h]); }
}
CRest::call('event.unbind', ['EVENT' => Install::EVENT]);`;
    assert.deepEqual(at(cls, 'php'), ["event:ONCRMDEALUPDATE@event.bind 3:'ONCRMDEALUPDATE'"]);
    assert.deepEqual(at("<?php\n$e = 'ONTASKADD';\nCRest::call('event.bind', ['EVENT' => $e, 'HANDLER' => $u]);", 'php'), [
      "event:ONTASKADD@event.bind 2:'ONTASKADD'",
    ]);
    assert.deepEqual(at("<?php\ndefine('TAB', 'CRM_LEAD_DETAIL_TAB');\n$b24->core->call('placement.bind', array('PLACEMENT' => TAB));", 'php'), [
      "placement:CRM_LEAD_DETAIL_TAB@placement.bind 2:'CRM_LEAD_DETAIL_TAB'",
    ]);
    const prop = "<?php\nclass A {\n  private string $event = 'ONTASKUPDATE';\n  function f() { CRest::call('event.bind', ['EVENT' => $this->event]); }\n}";
    assert.deepEqual(at(prop, 'php'), ["event:ONTASKUPDATE@event.bind 3:'ONTASKUPDATE'"]);
    const ctor =
      "<?php\nclass A {\n  private $tab;\n  function __construct() { $this->tab = 'CRM_LEAD_DETAIL_TAB'; }\n  function f() { CRest::call('placement.bind', ['PLACEMENT' => $this->tab]); }\n}";
    assert.deepEqual(at(ctor, 'php'), ["placement:CRM_LEAD_DETAIL_TAB@placement.bind 4:'CRM_LEAD_DETAIL_TAB'"]);
  });

  it('Python: a module constant in a dict and in a keyword argument', () => {
    assert.deepEqual(at("EVENT = \"ONCRMLEADADD\"\n\nb24.call('event.bind', {'event': EVENT, 'handler': h})\n", 'python'), [
      "event:ONCRMLEADADD@event.bind 1:'ONCRMLEADADD'",
    ]);
    assert.deepEqual(at('from b24pysdk import Client\nTAB: str = "CRM_DEAL_DETAIL_TAB"\nclient.placement.bind(placement=TAB, handler=h)\n', 'python'), [
      "placement:CRM_DEAL_DETAIL_TAB@placement.bind 2:'CRM_DEAL_DETAIL_TAB'",
    ]);
  });

  it('Go and C# constants, as their literals are found', () => {
    const go =
      'package b24\n\nconst dealTab = "CRM_DEAL_DETAIL_TAB"\n\nfunc Install() { client.Call(ctx, "placement.bind", b24.Params{"PLACEMENT": dealTab}) }\n';
    assert.deepEqual(at(go, 'go'), ["placement:CRM_DEAL_DETAIL_TAB@placement.bind 3:'CRM_DEAL_DETAIL_TAB'"]);
    const cs = 'class Install {\n  const string Evt = "ONCRMDEALADD";\n  void Run() => client.Call("event.bind", new { @event = Evt, handler = Url });\n}';
    assert.deepEqual(at(cs, 'csharp'), ["event:ONCRMDEALADD@event.bind 2:'ONCRMDEALADD'"]);
  });

  it('a loop over an array of names binds each of them, written in place or named', () => {
    const js = "const EVENTS = ['ONCRMLEADADD', 'ONCRMDEALADD'];\nfor (const e of EVENTS) BX24.callMethod('event.bind', { event: e, handler });";
    assert.deepEqual(at(js, 'js'), ["event:ONCRMLEADADD@event.bind 1:'ONCRMLEADADD'", "event:ONCRMDEALADD@event.bind 1:'ONCRMDEALADD'"]);
    const inPlace =
      "for (const p of ['CRM_LEAD_DETAIL_TAB', 'CRM_DEAL_DETAIL_TAB',]) {\n  await $b24.callMethod('placement.bind', { PLACEMENT: p, HANDLER: h });\n}";
    assert.deepEqual(bindings(inPlace, 'js'), ['placement:CRM_LEAD_DETAIL_TAB@placement.bind', 'placement:CRM_DEAL_DETAIL_TAB@placement.bind']);
    const php = `<?php
$events = ['ONTASKADD', 'ONTASKUPDATE'];
foreach ($events as $event) {
  CRest::call('event.bind', ['event' => $event, 'handler' => $handler]);
}
class Install { const PLACEMENTS = array('tab' => 'CRM_DEAL_DETAIL_TAB');
  function run() { foreach (self::PLACEMENTS as $key => $code) { CRest::call('placement.bind', ['PLACEMENT' => $code]); } } }
foreach (['ONCRMLEADADD'] as $e) { CRest::call('event.unbind', ['EVENT' => $e]); }`;
    assert.deepEqual(at(php, 'php'), [
      "event:ONTASKADD@event.bind 2:'ONTASKADD'",
      "event:ONTASKUPDATE@event.bind 2:'ONTASKUPDATE'",
      "placement:CRM_DEAL_DETAIL_TAB@placement.bind 6:'CRM_DEAL_DETAIL_TAB'",
      "event:ONCRMLEADADD@event.unbind 8:'ONCRMLEADADD'",
    ]);
    const py = "EVENTS = ('ONCRMLEADADD', 'ONCRMDEALADD')\nfor name in EVENTS:\n    b24.call('event.bind', {'event': name, 'handler': h})\n";
    assert.deepEqual(bindings(py, 'python'), ['event:ONCRMLEADADD@event.bind', 'event:ONCRMDEALADD@event.bind']);
  });

  it('a registering method held in a constant takes the params of each call it fills', () => {
    const js =
      "const BIND = 'event.bind';\nconst EVT = 'ONCRMLEADADD';\nBX24.callMethod(BIND, { event: EVT });\nBX24.callMethod(BIND, { event: 'ONCRMDEALADD' });";
    assert.deepEqual(at(js, 'js'), ["event:ONCRMLEADADD@event.bind 2:'ONCRMLEADADD'", "event:ONCRMDEALADD@event.bind 4:'ONCRMDEALADD'"]);
    const php = "<?php\nclass I { const BIND = 'placement.bind';\n  function run() { CRest::call(self::BIND, array('PLACEMENT' => 'CRM_LEAD_DETAIL_TAB')); } }";
    assert.deepEqual(bindings(php, 'php'), ['placement:CRM_LEAD_DETAIL_TAB@placement.bind']);
    const py = "BIND = 'event.bind'\nb.call(BIND, {'event': 'ONTASKADD'})\nshow(BIND, {'event': 'ONTASKUPDATE'})\n";
    assert.deepEqual(bindings(py, 'python'), ['event:ONTASKADD@event.bind']);
  });

  it('the same value assigned twice is still certain', () => {
    const text = "<?php\nfunction a() { $e = 'ONTASKADD'; CRest::call('event.bind', ['EVENT' => $e]); }\nfunction b() { $e = 'ONTASKADD'; }";
    assert.deepEqual(at(text, 'php'), ["event:ONTASKADD@event.bind 2:'ONTASKADD'"]);
  });

  it('refuses what is not certain: reassigned, computed, changed in place, looped over, or never defined here', () => {
    const none = (text: string, family: LanguageFamily) => assert.deepEqual(bindings(text, family), [], text);
    none("let e = 'ONCRMLEADADD';\ne = 'ONCRMDEALADD';\nBX24.callMethod('event.bind', { event: e });", 'js');
    none("let e = 'ONCRMLEADADD';\nif (x) e = other;\nBX24.callMethod('event.bind', { event: e });", 'js');
    none("const e = pickEvent();\nBX24.callMethod('event.bind', { event: e });", 'js');
    none("const e = 'ONCRM' + entity + 'ADD';\nBX24.callMethod('event.bind', { event: e });", 'js');
    none("const e = `ONCRM${entity}ADD`;\nBX24.callMethod('event.bind', { event: e });", 'js');
    none("let e = 'ONCRMLEAD';\ne += 'ADD';\nBX24.callMethod('event.bind', { event: e });", 'js');
    none("const e = 'ONCRMLEADADD';\nBX24.callMethod('event.bind', { event: e.toUpperCase() });", 'js');
    none("const e = 'ONCRMLEADADD';\nBX24.callMethod('event.bind', { event: e || fallback });", 'js');
    none("import { EVT } from './events';\nBX24.callMethod('event.bind', { event: EVT });", 'js');
    none("for (const e of list()) BX24.callMethod('event.bind', { event: e });\nconst e = 'ONCRMLEADADD';", 'js');
    none("const list = ['ONCRMDEALADD'];\nfor (const e of list) BX24.callMethod('event.bind', { event: e });\nconst e = 'ONCRMLEADADD';", 'js');
    none("<?php\n$e = 'ONTASKADD';\n$e = getEvent();\nCRest::call('event.bind', ['EVENT' => $e]);", 'php');
    none("<?php\n$e = 'ONTASK';\n$e .= 'ADD';\nCRest::call('event.bind', ['EVENT' => $e]);", 'php');
    none("<?php\n$e = 'ONTASKADD';\nforeach ($events as $e) { CRest::call('event.bind', ['EVENT' => $e]); }", 'php');
    none("<?php\n$e = 'ONTASKADD';\nCRest::call('event.bind', ['EVENT' => strtoupper($e)]);", 'php');
    none("EVENT = 'ONCRMLEADADD'\nEVENT = os.environ['EVENT']\nb24.call('event.bind', {'event': EVENT})\n", 'python');
    none("EVENT = 'ONCRMLEADADD'\nfor EVENT in events:\n    b24.call('event.bind', {'event': EVENT})\n", 'python');
    // Loops over anything but one array of plain names.
    none("const EVENTS = ['ONCRMLEADADD', prefix + 'ADD'];\nfor (const e of EVENTS) BX24.callMethod('event.bind', { event: e });", 'js');
    none("let EVENTS = ['ONCRMLEADADD'];\nEVENTS = load();\nfor (const e of EVENTS) BX24.callMethod('event.bind', { event: e });", 'js');
    none("for (const e of Object.values(EVENTS)) BX24.callMethod('event.bind', { event: e });\nconst EVENTS = { a: 'ONCRMLEADADD' };", 'js');
    none("<?php\nforeach (getEvents() as $e) { CRest::call('event.bind', ['EVENT' => $e]); }\n$e = 'ONTASKADD';", 'php');
    none("EVENTS = {'lead': 'ONCRMLEADADD'}\nfor e in EVENTS:\n    b24.call('event.bind', {'event': e})\n", 'python');
    none("e = 'ONCRMLEADADD'\nfor k, e in pairs.items():\n    b24.call('event.bind', {'event': e})\n", 'python');
    none("e = 'ONCRMLEADADD'\nfor e, k in pairs:\n    b24.call('event.bind', {'event': e})\n", 'python');
    // A parameter holds whatever each caller passes, whatever the same name is assigned elsewhere.
    none("<?php\nfunction subscribe(string $event): void { CRest::call('event.bind', ['event' => $event]); }\n$event = 'ONTASKADD';", 'php');
    none("def subscribe(event):\n    b24.call('event.bind', {'event': event})\n\nevent = 'ONCRMLEADADD'\n", 'python');
    none(
      "const bindAll = (event, handler) => BX24.callMethod('event.bind', { event, handler });\nlet event = 'X';\nconst run = (event) => BX24.callMethod('event.bind', { event: event });\nevent = 'ONCRMLEADADD';",
      'js',
    );
    none("class I {\n  bind(event: string) { return BX24.callMethod('event.bind', { event: event }); }\n}\nconst event = 'ONCRMLEADADD';", 'js');
    // A constant named elsewhere is data, not a registration.
    none("const EVT = 'ONCRMLEADADD';\nBX24.callMethod('crm.lead.add', { fields: { event: EVT } });", 'js');
  });

  it('a keyword argument, a membership test, a condition and a call argument are not assignments', () => {
    const py = "EVENT = 'ONCRMLEADADD'\nsetup(EVENT='x')\nif EVENT in seen:\n    pass\nif check(EVENT):\n    b24.call('event.bind', {'event': EVENT})\n";
    assert.deepEqual(bindings(py, 'python'), ['event:ONCRMLEADADD@event.bind']);
    const js = "const EVT = 'ONCRMLEADADD';\nif (EVT) { log(EVT, 1); }\nwhile (ready(EVT)) {}\nBX24.callMethod('event.bind', { event: EVT });";
    assert.deepEqual(bindings(js, 'js'), ['event:ONCRMLEADADD@event.bind']);
  });
});
