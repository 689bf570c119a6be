import assert from 'node:assert/strict';
import { appScopes } from '../../../server/src/workspace/app-scopes';
import { scopeMarkdown } from '../../../server/src/features/method-markdown';
import { WorkspaceIndex } from '../../../server/src/workspace/workspace-index';
import { MemoryFileSystem } from '../manifest/helpers/memory-fs';
import { simpleAnalyser } from '../manifest/helpers/simple-analyser';
import { testCatalogue } from '../manifest/helpers/test-catalogue';

async function indexOf(files: Record<string, string>) {
  const catalogue = testCatalogue();
  const index = new WorkspaceIndex({ roots: ['/ws'], fs: new MemoryFileSystem(files), catalogue, analyser: simpleAnalyser([]) });
  await index.scan();
  return { index, catalogue };
}

/** Applies one edit to a text (single-line or multi-line ranges). */
function apply(
  text: string,
  edit: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string },
): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(0, offset(edit.range.start)) + edit.newText + text.slice(offset(edit.range.end));
}

describe('app scopes (the App Scopes view)', () => {
  const manifest = '{\n  "scopes": ["crm", "task"]\n}\n';
  const files = {
    '/ws/bitrix24.json': manifest,
    '/ws/src/a.js': "call('crm.lead.add')\ncall('crm.deal.list')\n",
    '/ws/src/b.js': "\ncall('im.notify.system.add')\n",
  };

  it('lists needed, declared, missing and unused scopes with the places that need them', async () => {
    const { index, catalogue } = await indexOf(files);
    const [m] = appScopes(index, catalogue);
    assert.equal(m.uri, 'file:///ws/bitrix24.json');
    assert.equal(m.label, 'bitrix24.json');
    assert.deepEqual(m.declared, ['crm', 'task']);
    assert.deepEqual(m.needed, ['crm', 'im']);
    assert.deepEqual(m.missing, ['im']);
    assert.deepEqual(m.unused, ['task']);
    assert.equal(m.copyList, 'crm,im');
    const crm = m.scopes.find((s) => s.code === 'crm');
    assert.deepEqual(
      crm?.uses.map((u) => `${u.name}@${u.uri.replace('file:///ws/', '')}:${u.line}:${u.character}`),
      ['crm.lead.add@src/a.js:0:6', 'crm.deal.list@src/a.js:1:6'],
    );
    const im = m.scopes.find((s) => s.code === 'im');
    assert.equal(im?.status, 'missing');
    assert.deepEqual(
      im?.uses.map((u) => `${u.uri.replace('file:///ws/', '')}:${u.line}`),
      ['src/b.js:1'],
    );
    assert.equal(m.granted, undefined);
    assert.equal(crm?.granted, undefined);
    assert.deepEqual(m.scopesRange?.start, { line: 1, character: 2 });
  });

  it('offers the quick fixes as edits: adding a missing scope, removing an unused one', async () => {
    const { index, catalogue } = await indexOf(files);
    const [m] = appScopes(index, catalogue);
    const im = m.scopes.find((s) => s.code === 'im');
    const task = m.scopes.find((s) => s.code === 'task');
    assert.ok(im?.add, 'a missing scope can be added');
    assert.ok(task?.remove, 'an unused scope can be removed');
    assert.equal(m.scopes.find((s) => s.code === 'crm')?.remove, undefined, 'a used scope is not offered for removal');
    assert.deepEqual(JSON.parse(apply(manifest, im.add)).scopes, ['crm', 'im', 'task']);
    assert.deepEqual(JSON.parse(apply(manifest, task.remove)).scopes, ['crm']);
  });

  it('says what the connected portal grants', async () => {
    const { index, catalogue } = await indexOf(files);
    const [m] = appScopes(index, catalogue, { granted: ['im', 'crm'] });
    assert.deepEqual(m.granted, ['crm', 'im']);
    assert.deepEqual(
      m.scopes.map((s) => `${s.code}:${s.granted}`),
      ['crm:true', 'im:true', 'task:false'],
    );
  });

  it('answers for the manifest covering one file only', async () => {
    const { index, catalogue } = await indexOf({ ...files, '/ws/other/bitrix24.json': '{ "scopes": ["user"] }', '/ws/other/x.js': "call('user.get')" });
    assert.equal(appScopes(index, catalogue).length, 2);
    const only = appScopes(index, catalogue, { path: '/ws/other/x.js' });
    assert.deepEqual(
      only.map((m) => m.label),
      ['other/bitrix24.json'],
    );
    assert.deepEqual(only[0].needed, ['user']);
    assert.deepEqual(only[0].missing, []);
  });
});

describe('manifest hover on a scope code', () => {
  it("lists this app's uses with links instead of the catalogue count", () => {
    const catalogue = { methodsOfScope: () => new Array(432) } as never;
    const info = { code: 'crm', tool: 'CRM' } as never;
    assert.match(scopeMarkdown(info, catalogue), /Grants access to 432 documented methods/);
    const md = scopeMarkdown(info, catalogue, [{ kind: 'method', name: 'crm.deal.list', label: 'js/app.js', uri: 'file:///ws/js/app.js', line: 11 }]);
    assert.doesNotMatch(md, /432/);
    assert.match(md, /This app needs it for 1 use:/);
    assert.match(md, /- `crm\.deal\.list` — \[js\/app\.js:12\]\(file:\/\/\/ws\/js\/app\.js#L12\)/);
    assert.match(scopeMarkdown(info, catalogue, []), /No call, event or placement of this app needs it\./);
  });
});
