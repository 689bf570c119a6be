import { strict as assert } from 'node:assert';
import { refs, run, unresolved } from './helpers';

describe('analysis: JavaScript / TypeScript', () => {
  it('finds BX24.callMethod and links its params literal', () => {
    const text = "BX24.callMethod('crm.lead.add', { fields: { TITLE: 'x' } }, cb);";
    const [ref] = run(text, 'js').references;
    assert.equal(ref.name, 'crm.lead.add');
    assert.equal(ref.context, 'call');
    assert.equal(text.slice(ref.start, ref.end), 'crm.lead.add');
    assert.equal(text.slice(ref.paramsRange!.start, ref.paramsRange!.end), "{ fields: { TITLE: 'x' } }");
  });

  it('reports an undocumented name in callMethod (so it can be flagged), but not in generic call functions', () => {
    const text = `BX24.callMethod('crm.lead.ad', {});
    await $b24.callListMethod('crm.deel.list');
    fn.call('config.app.title');
    client.call('service.user.fetch');
    BX24.callMethod('not a method');`;
    assert.deepEqual(refs(text, 'js'), ['crm.lead.ad@call', 'crm.deel.list@call']);
  });

  it('finds callBatch entries in object, array and {method, params} forms', () => {
    const text = `BX24.callBatch({
      a: ['crm.deal.list', { select: ['ID'] }],
      b: { method: 'user.get', params: { ID: 1 } },
    });
    $b24.callBatch([['crm.item.get', { id: 1 }], { method: 'crm.status.list' }]);`;
    assert.deepEqual(refs(text, 'js'), ['crm.deal.list@batch', 'user.get@batch', 'crm.item.get@batch', 'crm.status.list@batch']);
    const user = run(text, 'js').references[1];
    assert.equal(text.slice(user.paramsRange!.start, user.paramsRange!.end), '{ ID: 1 }');
  });

  it('finds b24jssdk list methods and actions, marking v3 calls', () => {
    const text = `await $b24.callListMethod('crm.deal.list', {});
    for await (const x of $b24.fetchListMethod('crm.item.list', {})) {}
    await $b24.actions.v2.call.make({ method: 'crm.lead.get', params: { id: 1 } });
    await $b24.actions.v3.call.make<Result>({ method: 'call.followup.get', params: { callId: 1 } });
    await $b24.actions.v2.batch.make({ calls: [['user.current', {}]] });`;
    const all = run(text, 'js').references;
    assert.deepEqual(
      all.map((r) => `${r.name}@${r.context}`),
      ['crm.deal.list@call', 'crm.item.list@call', 'crm.lead.get@call', 'call.followup.get@call', 'user.current@batch'],
    );
    assert.equal(all[3].version, 3);
    assert.equal(all[2].version, undefined);
  });

  it('finds batch command strings, also with a template tail', () => {
    const text = "BX24.callMethod('batch', { cmd: { a: 'crm.lead.get?id=1', b: `crm.deal.get?id=${id}`, c: 'profile' } });";
    assert.deepEqual(refs(text, 'js'), ['batch@call', 'crm.lead.get@batch', 'crm.deal.get@batch', 'profile@batch']);
  });

  it('counts dotless names only in call positions', () => {
    const text = `BX24.callMethod('profile');
    setTab('profile');
    const tabs = { profile: 'profile', scope: 'scope' };
    router.push({ name: 'methods' });`;
    assert.deepEqual(refs(text, 'js'), ['profile@call']);
  });

  it('ignores names in comments, i18n keys and import paths', () => {
    const text = `// BX24.callMethod('crm.lead.add')
    /* 'crm.deal.add' */
    import x from 'crm.lead.list';
    const label = t('crm.lead.get'), other = $t('user.get'), i = i18n.t('crm.deal.get');`;
    assert.deepEqual(refs(text, 'js'), []);
  });

  it('treats a whole string literal naming a method as a call (wrappers)', () => {
    const text = "call(domain, 'crm.deal.list'); myRest('crm.lead.get', { id: 1 }); if (m === 'user.get') {}";
    assert.deepEqual(refs(text, 'js'), ['crm.deal.list@call', 'crm.lead.get@literal', 'user.get@literal']);
  });

  it('reports constants used in the file, dotless ones only when they fill a slot', () => {
    const text = `const ADD_METHOD = 'crm.product.add';
    const UNUSED: string = 'crm.deal.add';
    const PROFILE = 'profile';
    const TAB = 'profile';
    BX24.callMethod(ADD_METHOD, {});
    BX24.callMethod(PROFILE);
    show(TAB);`;
    assert.deepEqual(refs(text, 'js'), ['crm.product.add@constant', 'crm.deal.add@literal', 'profile@constant']);
  });

  it('reports dynamic names as unresolved patterns, never as references', () => {
    const text = `BX24.callMethod('crm.' + entity + '.list');
    BX24.callMethod(\`crm.\${entity}.get\`);
    const m = 'crm.' + type + '.add';
    const key = \`crm.\${x}.title\`;
    BX24.callMethod(method);`;
    const a = run(text, 'js');
    assert.deepEqual(a.references, []);
    // `crm.*.title` matches no method and is outside a call: not reported.
    assert.deepEqual(unresolved(text, 'js'), ['crm.*.list@call', 'crm.*.get@call', 'crm.*.add@literal']);
  });

  it('reads REST URLs: webhook, OAuth, REST 3.0, suffixes and query tails', () => {
    const text = `fetch('https://x.bitrix24.com/rest/1/abc123/crm.lead.add.json?auth=1');
    fetch(\`\${portal}/rest/crm.deal.list.xml\`);
    fetch('https://x/rest/api/1/abc/tasks.task.get');
    fetch(hook + 'crm.company.add.json');
    fetch(\`\${hook}crm.\${e}.list.json\`);
    fetch('https://api.example.com/rest/v1/users');`;
    const a = run(text, 'js');
    assert.deepEqual(
      a.references.map((r) => `${r.name}@${r.context}${r.version ? '/v' + r.version : ''}`),
      ['crm.lead.add@url', 'crm.deal.list@url', 'tasks.task.get@url/v3', 'crm.company.add@url'],
    );
    assert.deepEqual(
      a.unresolved.map((u) => u.pattern),
      ['crm.*.list'],
    );
  });

  it('does not mistake a regular expression or JSX text for strings', () => {
    const text = `const re = /'crm.lead.add'/;
    const el = <p>Don't call <b>it</b></p>;
    const y = a / 2 / b;
    BX24.callMethod('crm.deal.get');`;
    assert.deepEqual(refs(text, 'js'), ['crm.deal.get@call']);
  });

  it('analyses the script blocks and template expressions of a Vue component', () => {
    const text = `<template>
  <button @click="run('crm.lead.add')">{{ $t('crm.deal.add') }}</button>
  <tab name="profile" />
</template>
<script setup lang="ts">
BX24.callMethod('user.current')
</script>
<style>.a { content: 'crm.deal.list' }</style>`;
    assert.deepEqual(refs(text, 'js'), ['crm.lead.add@literal', 'user.current@call']);
  });
});
