/**
 * Real workspaces: one file or pattern that cannot be read or compiled is
 * reported on itself and the rest is checked as usual; platform folders and
 * what a manifest excludes are never read.
 */
import assert from 'node:assert/strict';
import { WorkspaceIndex, type ScanProgress } from '../../../server/src/workspace/workspace-index';
import { DEFAULT_SCAN_EXCLUDE } from '../../../server/src/workspace/workspace-walk';
import type { Finding } from '../../../server/src/manifest/types';
import { MemoryFileSystem } from '../manifest/helpers/memory-fs';
import { simpleAnalyser } from '../manifest/helpers/simple-analyser';
import { testCatalogue } from '../manifest/helpers/test-catalogue';

interface Setup {
  unreadable?: string[];
  links?: string[];
  exclude?: readonly string[];
  onProgress?: (p: ScanProgress) => void;
}

async function indexOf(files: Record<string, string>, setup: Setup = {}) {
  const fs = new MemoryFileSystem(files);
  setup.unreadable?.forEach((p) => fs.unreadable.add(p));
  setup.links?.forEach((p) => fs.links.add(p));
  const notices: string[] = [];
  const index = new WorkspaceIndex({
    roots: ['/ws'],
    fs,
    catalogue: testCatalogue(),
    analyser: simpleAnalyser(),
    exclude: setup.exclude,
    onProgress: setup.onProgress,
    onNotice: (m) => notices.push(m),
  });
  await index.scan();
  return { index, fs, notices };
}

/** `code@file:line`, sorted; a missing scope shows as its hint on each call (its one problem on the manifest is left out here). */
const brief = (findings: Finding[]) =>
  findings
    .filter((f) => f.code !== 'missing-scope')
    .map((f) => `${f.code}@${f.file.replace('/ws/', '')}:${f.range.start.line + 1}`)
    .sort();

describe('workspace index: one bad file or pattern stays on itself', () => {
  it('reports an unreadable file covered by a manifest and checks every other file', async () => {
    const { index } = await indexOf(
      {
        '/ws/bitrix24.json': '{ "scopes": ["crm"] }',
        '/ws/local/php_interface/dbconn.php': "call('tasks.task.add')",
        '/ws/local/app.php': "call('crm.lead.add')\ncall('im.notify.system.add')",
      },
      { unreadable: ['/ws/local/php_interface/dbconn.php'] },
    );
    assert.deepEqual(brief(index.findings()), ['missing-scope-call@local/app.php:2', 'unreadable-file@local/php_interface/dbconn.php:1']);
    const [problem] = index.diagnosticsFor('/ws/local/php_interface/dbconn.php');
    assert.match(problem.message, /permission denied/);
  });

  it('reports an unreadable folder on itself, and only logs files no manifest covers', async () => {
    const { index, notices } = await indexOf(
      {
        '/ws/app/bitrix24.json': '{ "scopes": ["crm"] }',
        '/ws/app/secret/a.js': "call('crm.lead.add')",
        '/ws/app/b.js': "call('crm.lead.add')\ncall('tasks.task.add')",
        '/ws/tools/private.js': "call('crm.lead.add')",
      },
      { unreadable: ['/ws/app/secret', '/ws/tools/private.js'] },
    );
    assert.deepEqual(brief(index.findings()), ['missing-scope-call@app/b.js:2', 'unreadable-file@app/secret:1']);
    assert.equal(notices.length, 1);
    assert.match(notices[0], /tools\/private\.js.*could not be read \(permission denied\)/);
  });

  it('clears the problem once the file can be read again', async () => {
    const { index, fs } = await indexOf({ '/ws/bitrix24.json': '{ "scopes": [] }', '/ws/a.js': '// no calls' }, { unreadable: ['/ws/a.js'] });
    assert.deepEqual(brief(index.findings()), ['unreadable-file@a.js:1']);
    index.takeChanges();
    fs.unreadable.delete('/ws/a.js');
    await index.changedOnDisk('/ws/a.js');
    assert.deepEqual(
      [...index.takeChanges()].map(([f, l]) => [f, l.length]),
      [['/ws/a.js', 0]],
    );
    assert.deepEqual(brief(index.findings()), []);
  });

  it('reports an unreadable bitrix24.json on itself', async () => {
    const { index } = await indexOf(
      { '/ws/bitrix24.json': '{ "scopes": ["crm"] }', '/ws/a.js': "call('crm.lead.add')" },
      { unreadable: ['/ws/bitrix24.json'] },
    );
    const found = index.diagnosticsFor('/ws/bitrix24.json');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /Could not read bitrix24\.json \(permission denied\)/);
  });

  it('reports a .gitignore line that does not compile on that line and applies the other lines', async () => {
    const { index } = await indexOf({
      '/ws/bitrix24.json': '{ "scopes": [] }',
      '/ws/.gitignore': 'generated/\n[z-a]\n',
      '/ws/generated/x.js': "call('crm.lead.add')",
      '/ws/src/a.js': "call('tasks.task.add')",
    });
    assert.deepEqual(brief(index.findings()), ['invalid-ignore-pattern@.gitignore:2', 'missing-scope-call@src/a.js:1']);
  });

  it('reports a manifest glob that does not compile on the glob and keeps the others', async () => {
    const { index } = await indexOf({
      '/ws/bitrix24.json': '{ "scopes": [], "exclude": ["[z-a]", "legacy"] }',
      '/ws/legacy/old.js': "call('crm.lead.add')",
      '/ws/src/a.js': "call('tasks.task.add')",
    });
    assert.deepEqual(brief(index.findings()), ['manifest-invalid-value@bitrix24.json:1', 'missing-scope-call@src/a.js:1']);
    assert.match(index.diagnosticsFor('/ws/bitrix24.json')[0].message, /"\[z-a\]" is not a usable pattern \(a character range is out of order\)/);
  });

  it('reports a bitrix24.json nested 10,000 levels deep on itself and checks the other manifests', async () => {
    const { index } = await indexOf({
      '/ws/a/bitrix24.json': '['.repeat(10_000) + ']'.repeat(10_000),
      '/ws/a/x.js': "call('crm.lead.add')",
      '/ws/b/bitrix24.json': '{ "scopes": [] }',
      '/ws/b/y.js': "call('crm.lead.add')",
    });
    assert.deepEqual(brief(index.findings()), ['manifest-invalid-json@a/bitrix24.json:1', 'missing-scope-call@b/y.js:1']);
  });

  it('does not read a bitrix24.json over 1 MB, and says so on it', async () => {
    const big = `{ "scopes": ["crm"], "pad": "${'x'.repeat(1024 * 1024)}" }`;
    const { index, fs } = await indexOf({ '/ws/bitrix24.json': big, '/ws/a.js': "call('crm.lead.add')" });
    assert.ok(!fs.reads.includes('/ws/bitrix24.json'));
    const [problem] = index.diagnosticsFor('/ws/bitrix24.json');
    assert.match(problem.message, /manifests over 1 MB are not read/);
  });

  it('reads files with a byte order mark like any other', async () => {
    const { index } = await indexOf({
      '/ws/bitrix24.json': '\uFEFF{ "scopes": ["crm"] }',
      '/ws/sub/.env': "\uFEFFBITRIX24_PHP_SDK_APPLICATION_SCOPE='task'\n",
      '/ws/sub/a.php': "call('tasks.task.add')",
      '/ws/a.js': "call('crm.lead.add')",
    });
    assert.deepEqual(brief(index.findings()), []);
  });
});

describe('workspace index: what is left out of the scan', () => {
  const site = () => ({
    '/ws/bitrix24.json': '{ "scopes": ["crm"] }',
    '/ws/bitrix/modules/main/lib/rest.php': "call('tasks.task.add')",
    '/ws/bitrix/php_interface/init.php': "call('tasks.task.add')",
    '/ws/upload/cache/x.js': "call('tasks.task.add')",
    '/ws/vendor/sdk/a.php': "call('tasks.task.add')",
    '/ws/local/components/acme/deals/component.php': "call('crm.deal.list')",
    '/ws/local/templates/.default/components/bitrix/news.list/script.js': "call('crm.lead.add')",
  });

  it('leaves a 1C-Bitrix core, uploads and dependencies out by default, and keeps local/ in', async () => {
    const { index, fs } = await indexOf(site());
    assert.deepEqual(brief(index.findings()), []);
    assert.ok(fs.reads.every((p) => !p.startsWith('/ws/bitrix/') && !p.startsWith('/ws/upload/') && !p.startsWith('/ws/vendor/')));
    assert.deepEqual(index.leftOut().excluded, ['bitrix', 'upload', 'vendor']);
  });

  it('reads the core when the exclusions leave it in, and follows a change of exclusions', async () => {
    const { index } = await indexOf(site(), { exclude: DEFAULT_SCAN_EXCLUDE.filter((g) => g !== 'bitrix') });
    assert.deepEqual(brief(index.findings()), ['missing-scope-call@bitrix/modules/main/lib/rest.php:1', 'missing-scope-call@bitrix/php_interface/init.php:1']);
    await index.setExclude([...DEFAULT_SCAN_EXCLUDE, 'local/templates']);
    assert.deepEqual(brief(index.findings()), []);
    assert.deepEqual(
      index.filesOf('/ws/bitrix24.json').map((f) => f.file),
      ['/ws/local/components/acme/deals/component.php'],
    );
  });

  it('never reads what a manifest excludes, and reads it once the exclude is removed', async () => {
    const { index, fs } = await indexOf({
      '/ws/bitrix24.json': '{ "scopes": ["crm"], "exclude": ["legacy"] }',
      '/ws/legacy/old.js': "call('tasks.task.add')",
      '/ws/a.js': "call('crm.lead.add')",
    });
    assert.ok(!fs.reads.includes('/ws/legacy/old.js'));
    assert.deepEqual(brief(index.findings()), []);
    await index.update('/ws/bitrix24.json', '{ "scopes": ["crm"] }');
    assert.deepEqual(brief(index.findings()), ['missing-scope-call@legacy/old.js:1']);
    await index.update('/ws/bitrix24.json', '{ "scopes": ["crm"], "exclude": ["legacy"] }');
    assert.deepEqual(brief(index.findings()), []);
  });

  it('lists symbolic links it did not follow', async () => {
    const { index } = await indexOf({ '/ws/bitrix24.json': '{ "scopes": [] }', '/ws/a.js': '' }, { links: ['/ws/shared'] });
    assert.deepEqual(index.leftOut().links, ['shared']);
  });

  it('reports progress file by file from zero to the total', async () => {
    const files: Record<string, string> = { '/ws/bitrix24.json': '{ "scopes": [] }' };
    for (let i = 0; i < 300; i++) files[`/ws/src/f${i}.js`] = '';
    const seen: ScanProgress[] = [];
    await indexOf(files, { onProgress: (p) => seen.push(p) });
    assert.deepEqual(seen[0], { done: 0, total: 300 });
    assert.deepEqual(seen[seen.length - 1], { done: 300, total: 300 });
    assert.ok(seen.length >= 100, `${seen.length} progress reports`);
  });
});
