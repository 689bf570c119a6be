import assert from 'node:assert/strict';
import { renderMarkdown } from '../../../server/src/workspace/report';
import { WorkspaceIndex } from '../../../server/src/workspace/workspace-index';
import { MemoryFileSystem } from '../manifest/helpers/memory-fs';
import { simpleAnalyser } from '../manifest/helpers/simple-analyser';
import { testCatalogue } from '../manifest/helpers/test-catalogue';

async function workspace() {
  const fs = new MemoryFileSystem({
    '/ws/bitrix24.json': '{ "kind": "local", "scopes": ["crm", "user", "user_brief", "task"], "methods": { "ignore": ["im.*"] } }',
    '/ws/src/a.js': "call('crm.lead.add')\ncall('user.get')\ncall('im.notify.system.add')",
    '/ws/src/b.js': "call('crm.deal.list')\ncall('calendar.event.get')\ncall(`crm.${x}.add`)\ncall('telephony.x')\ncall('voximplant.user.get')",
  });
  const index = new WorkspaceIndex({ roots: ['/ws'], fs, catalogue: testCatalogue(), analyser: simpleAnalyser() });
  await index.scan();
  return index;
}

describe('scope report', () => {
  it('lists each declared scope with its status and the calls that need it', async () => {
    const report = (await workspace()).report('/ws/bitrix24.json');
    assert.deepEqual(
      report.scopes.map((s) => [s.code, s.status, s.calls.map((c) => `${c.method}@${c.file}:${c.line}`)]),
      [
        ['crm', 'used', ['crm.lead.add@src/a.js:1', 'crm.deal.list@src/b.js:1']],
        ['user', 'unused-scope', ['user.get@src/a.js:2']],
        ['user_brief', 'used', ['user.get@src/a.js:2']],
        ['task', 'unused-scope', []],
      ],
    );
  });

  it('lists every call with its requirement, including unknown, ignored and dynamic ones', async () => {
    const report = (await workspace()).report('/ws/bitrix24.json');
    assert.deepEqual(
      report.calls.map((c) => [c.method, c.requirement, c.resolved, c.satisfied ?? null, c.ignored ?? false]),
      [
        ['crm.lead.add', 'crm', true, true, false],
        ['user.get', 'user | user_brief | user_basic', true, true, false],
        ['im.notify.system.add', 'im', true, null, true],
        ['crm.deal.list', 'crm', true, true, false],
        ['calendar.event.get', 'unknown method', true, null, false],
        ['telephony.x', 'unknown method', true, null, false],
        ['voximplant.user.get', 'telephony', true, false, false],
        ['crm.*.add', 'unknown (name built at run time)', false, null, false],
      ],
    );
    assert.deepEqual(
      report.missing.map((m) => [m.scopes, m.calls.map((c) => c.method)]),
      [['telephony', ['voximplant.user.get']]],
    );
  });

  it('renders locations as links when asked, for the rendered preview', async () => {
    const md = renderMarkdown((await workspace()).report('/ws/bitrix24.json'), { link: (file, line) => `file:///ws/${file}#L${line}` });
    assert.match(md, /^- `telephony`: `voximplant\.user\.get` at \[src\/b\.js:5\]\(file:\/\/\/ws\/src\/b\.js#L5\)$/m);
    assert.match(md, /^\| \[src\/b\.js:5\]\(file:\/\/\/ws\/src\/b\.js#L5\) \| `voximplant\.user\.get` \|/m);
    const odd = renderMarkdown((await workspace()).report('/ws/bitrix24.json'), { link: () => 'file:///my app (1)/a.js#L1' });
    assert.match(odd, /\(file:\/\/\/my%20app%20%281%29\/a\.js#L1\)/);
  });

  it('renders Markdown a reader can follow', async () => {
    const md = renderMarkdown((await workspace()).report('/ws/bitrix24.json'));
    assert.match(md, /^# Scope report: bitrix24\.json$/m);
    assert.match(md, /^Kind: local\. 4 declared scope\(s\), 8 call\(s\) in 2 file\(s\)\.$/m);
    assert.match(md, /^\| `user` \| unused-scope \| 1 \|$/m);
    assert.match(md, /^### `crm`\n\n- `crm\.lead\.add` at src\/a\.js:1\n- `crm\.deal\.list` at src\/b\.js:1$/m);
    assert.match(md, /^## Missing scopes\n\n- `telephony`: `voximplant\.user\.get` at src\/b\.js:5$/m);
    assert.match(md, /^\| src\/b\.js:5 \| `voximplant\.user\.get` \| telephony \| \*\*missing\*\* \|$/m);
    assert.match(md, /^\| src\/a\.js:2 \| `user\.get` \| user \\\| user_brief \\\| user_basic \| yes \|$/m);
    assert.match(md, /^\| src\/b\.js:3 \| `crm\.\*\.add` \| unknown \(name built at run time\) \| dynamic \|$/m);
  });

  it('reports the files no manifest covers', async () => {
    const fs = new MemoryFileSystem({ '/ws/a.js': "call('crm.lead.add')" });
    const index = new WorkspaceIndex({ roots: ['/ws'], fs, catalogue: testCatalogue(), analyser: simpleAnalyser() });
    await index.scan();
    const report = index.report();
    assert.equal(report.manifest, undefined);
    assert.deepEqual(
      report.calls.map((c) => c.method),
      ['crm.lead.add'],
    );
    assert.match(renderMarkdown(report), /^# Scope report: files without a manifest$/m);
  });
});

describe('scope report: events and placements', () => {
  it('lists bound events and placements with their requirement, under the scopes they use', async () => {
    const fs = new MemoryFileSystem({
      '/ws/bitrix24.json': '{ "scopes": ["crm"] }',
      '/ws/app.js': "bindEvent('ONCRMDEALADD')\nbindPlacement('CRM_DEAL_DETAIL_TAB')",
    });
    const index = new WorkspaceIndex({ roots: ['/ws'], fs, catalogue: testCatalogue(), analyser: simpleAnalyser() });
    await index.scan();
    const report = index.report('/ws/bitrix24.json');
    assert.deepEqual(
      report.calls.map((c) => [c.kind, c.method, c.requirement, c.satisfied]),
      [
        ['event', 'ONCRMDEALADD', 'crm', true],
        ['placement', 'CRM_DEAL_DETAIL_TAB', 'placement + crm', false],
      ],
    );
    assert.deepEqual(
      report.scopes.map((s) => [s.code, s.status, s.calls.length]),
      [['crm', 'used', 2]],
    );
    assert.deepEqual(
      report.missing.map((m) => m.scopes),
      ['placement'],
    );
    assert.match(renderMarkdown(report), /\| app\.js:1 \| event `ONCRMDEALADD` \| crm \| yes \|/);
  });
});
