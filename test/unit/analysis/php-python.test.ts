import { strict as assert } from 'node:assert';
import { refs, run, unresolved } from './helpers';

describe('analysis: PHP', () => {
  it('finds CRest::call, CRest::callBatch and b24phpsdk core calls with their params', () => {
    const text = `<?php
$r = CRest::call('crm.lead.add', ['fields' => ['TITLE' => 'x']]);
$b = CRest::callBatch(['a' => ['method' => 'crm.lead.get', 'params' => ['id' => 1]], 'b' => ['method' => 'crm.deal.fields']]);
$c = $b24->core->call('crm.deal.list', array('select' => ['ID']));`;
    const a = run(text, 'php').references;
    assert.deepEqual(
      a.map((r) => `${r.name}@${r.context}`),
      ['crm.lead.add@call', 'crm.lead.get@batch', 'crm.deal.fields@batch', 'crm.deal.list@call'],
    );
    assert.equal(text.slice(a[0].paramsRange!.start, a[0].paramsRange!.end), "['fields' => ['TITLE' => 'x']]");
    assert.equal(text.slice(a[1].paramsRange!.start, a[1].paramsRange!.end), "['id' => 1]");
    assert.equal(text.slice(a[3].paramsRange!.start, a[3].paramsRange!.end), "('select' => ['ID'])");
  });

  it('maps b24phpsdk typed services onto method names', () => {
    const text = '<?php $sb->getCRMScope()->lead()->get(1); $sb->getCRMScope()->leadUserfield()->list([], []); $sb->getCRMScope()->nothing()->here();';
    assert.deepEqual(refs(text, 'php'), ['crm.lead.get@call', 'crm.lead.userfield.list@call']);
  });

  it('reads only PHP blocks and <script> elements; comments of every PHP kind are skipped', () => {
    const text = `<h1>crm.lead.add</h1>
<?php // CRest::call('crm.lead.add') ?>
<?php # CRest::call('crm.deal.add')
/* CRest::call('crm.lead.get') */ $x = CRest::call('user.current'); ?>
<script>BX24.callMethod('crm.deal.get', { id: <?= $id ?> });</script>`;
    assert.deepEqual(refs(text, 'php'), ['user.current@call', 'crm.deal.get@call']);
  });

  it('handles define() and class constants, interpolation, heredoc and nowdoc', () => {
    const text = `<?php
define('LEAD_ADD', 'crm.lead.add');
class H { const TAB = 'profile'; const SCOPE = 'scope'; }
CRest::call(LEAD_ADD); CRest::call(H::SCOPE);
$dyn = CRest::call("crm.{$entity}.list");
$cmd = "crm.lead.get?id={$id}";
$sql = <<<'SQL'
  crm.deal.list
  SQL;
$txt = <<<TXT
  created via crm.lead.add by {$user}
  TXT;`;
    assert.deepEqual(refs(text, 'php'), ['crm.lead.add@constant', 'scope@constant', 'crm.lead.get@batch']);
    assert.deepEqual(unresolved(text, 'php'), ['crm.*.list@call']);
  });

  it('reads PHP fenced in Markdown without an open tag', () => {
    assert.deepEqual(refs("```php\n$r = CRest::call('user.get');\n```\n", 'markdown'), ['user.get@call']);
  });
});

describe('analysis: Python', () => {
  it('finds fast_bitrix24 calls, requests URLs and f-string tails', () => {
    const text = `b.call('crm.lead.add', {'fields': {}})
items = b.get_all('crm.deal.list', params={'select': ['ID']})
r = requests.post(f"{WEBHOOK}crm.lead.get.json", json={})
s = httpx.get(WEBHOOK + "user.get.json")
t = requests.post(f"{WEBHOOK}crm.{entity}.list.json")
# b.call('crm.deal.add')
"""Uses crm.deal.get."""`;
    const a = run(text, 'python');
    assert.deepEqual(
      a.references.map((r) => `${r.name}@${r.context}`),
      ['crm.lead.add@call', 'crm.deal.list@call', 'crm.lead.get@url', 'user.get@url'],
    );
    assert.equal(text.slice(a.references[1].paramsRange!.start, a.references[1].paramsRange!.end), "{'select': ['ID']}");
    assert.deepEqual(
      a.unresolved.map((u) => u.pattern),
      ['crm.*.list'],
    );
  });

  it('maps b24pysdk attribute chains, converting snake_case', () => {
    const text = 'client.crm.deal.get(bitrix_id=1)\nclient.crm.item.batch_import(data=[])\nself.user.get("x")';
    assert.deepEqual(refs(text, 'python'), ['crm.deal.get@call', 'crm.item.batchImport@call']);
  });

  it('reports format strings naming methods as unresolved', () => {
    const text = 'm = "crm.%s.add" % entity\nn = "crm.{}.list".format(entity)\no = "%s items" % n';
    assert.deepEqual(unresolved(text, 'python'), ['crm.*.add@literal', 'crm.*.list@literal']);
  });
});
