import assert from 'node:assert/strict';
import { WorkspaceIndex, type ScanProgress } from '../../../server/src/workspace/workspace-index';
import type { Finding } from '../../../server/src/manifest/types';
import { MemoryFileSystem } from '../manifest/helpers/memory-fs';
import { simpleAnalyser } from '../manifest/helpers/simple-analyser';
import { testCatalogue } from '../manifest/helpers/test-catalogue';
import { defaultAnalyser } from '../../../server/src/workspace/default-analyser';
import { analyse } from '../../../server/src/analysis/analyse';

async function indexOf(files: Record<string, string>, options: { envKeys?: string[]; maxFileSize?: number; onProgress?: (p: ScanProgress) => void } = {}) {
  const fs = new MemoryFileSystem(files);
  const analysed: string[] = [];
  const index = new WorkspaceIndex({ roots: ['/ws'], fs, catalogue: testCatalogue(), analyser: simpleAnalyser(analysed), ...options });
  await index.scan();
  return { index, fs, analysed };
}

/** `code@relative/file:line` for every finding, sorted. */
const brief = (findings: Finding[]) => findings.map((f) => `${f.code}@${f.file.replace('/ws/', '')}:${f.range.start.line + 1}`).sort();

describe('workspace index: what it scans', () => {
  it('checks every source file against the manifest above it', async () => {
    const { index } = await indexOf({
      '/ws/bitrix24.json': '{ "scopes": ["crm", "task"] }',
      '/ws/src/a.js': "call('crm.lead.add')\n",
      '/ws/src/b.php': "call('im.notify.system.add')\n",
    });
    assert.deepEqual(brief(index.findings()), ['missing-scope-call@src/b.php:1', 'missing-scope@bitrix24.json:1', 'unused-scope@bitrix24.json:1']);
  });

  it('skips dependency and build folders, ignored files and files over the size limit', async () => {
    const { index, fs } = await indexOf(
      {
        '/ws/bitrix24.json': '{ "scopes": [] }',
        '/ws/.gitignore': 'generated/\n*.min.js\n',
        '/ws/node_modules/sdk/index.js': "call('crm.lead.add')",
        '/ws/vendor/b24/sdk.php': "call('crm.lead.add')",
        '/ws/dist/app.js': "call('crm.lead.add')",
        '/ws/build/app.js': "call('crm.lead.add')",
        '/ws/out/app.js': "call('crm.lead.add')",
        '/ws/.git/hooks/x.js': "call('crm.lead.add')",
        '/ws/generated/api.js': "call('crm.lead.add')",
        '/ws/src/app.min.js': "call('crm.lead.add')",
        '/ws/src/huge.js': `call('crm.lead.add')${' '.repeat(300)}`,
        '/ws/src/app.js': "call('tasks.task.add')",
      },
      { maxFileSize: 200 },
    );
    assert.deepEqual(brief(index.findings()), ['missing-scope-call@src/app.js:1', 'missing-scope@bitrix24.json:1']);
    assert.deepEqual(
      fs.reads.filter((p) => p.endsWith('.js')),
      ['/ws/src/app.js'],
    );
  });

  it('reads scopes from a .env file even though .gitignore ignores it', async () => {
    const { index } = await indexOf({
      '/ws/.gitignore': '.env\n',
      '/ws/.env': "BITRIX24_PHP_SDK_APPLICATION_SCOPE='crm,task'\n",
      '/ws/src/app.php': "call('crm.lead.add')",
    });
    assert.deepEqual(brief(index.findings()), ['unused-scope@.env:1']);
  });

  it('prefers bitrix24.json over .env, and .env.local over .env', async () => {
    const env = (scopes: string) => `BITRIX24_PHP_SDK_APPLICATION_SCOPE=${scopes}\n`;
    const both = await indexOf({ '/ws/bitrix24.json': '{ "scopes": ["crm"] }', '/ws/.env': env('task'), '/ws/a.js': "call('crm.lead.add')" });
    assert.deepEqual(brief(both.index.findings()), []);
    const local = await indexOf({ '/ws/.env': env('task'), '/ws/.env.local': env('crm'), '/ws/a.js': "call('crm.lead.add')" });
    assert.equal(local.index.manifestFor('/ws/a.js')?.file, '/ws/.env.local');
  });

  it('lets the nearest manifest cover its folder in a monorepo', async () => {
    const { index } = await indexOf({
      '/ws/bitrix24.json': '{ "scopes": ["crm"] }',
      '/ws/src/a.js': "call('crm.lead.add')",
      '/ws/packages/tasks/bitrix24.json': '{ "scopes": ["task"] }',
      '/ws/packages/tasks/b.js': "call('tasks.task.add')\ncall('crm.lead.add')",
    });
    assert.deepEqual(brief(index.findings()), ['missing-scope-call@packages/tasks/b.js:2', 'missing-scope@packages/tasks/bitrix24.json:1']);
    assert.equal(index.manifestFor('/ws/packages/tasks/b.js')?.file, '/ws/packages/tasks/bitrix24.json');
  });

  it('covers only what include lets in and exclude leaves out', async () => {
    const { index } = await indexOf({
      '/ws/bitrix24.json': '{ "scopes": ["crm"], "include": ["src/**"], "exclude": ["src/legacy"] }',
      '/ws/src/a.js': "call('crm.lead.add')",
      '/ws/src/legacy/old.js': "call('tasks.task.add')",
      '/ws/scripts/seed.js': "call('im.notify.system.add')",
    });
    assert.deepEqual(brief(index.findings()), []);
    assert.equal(index.manifestFor('/ws/src/legacy/old.js'), undefined);
  });

  it('reports progress while reading, ending at the total', async () => {
    const files: Record<string, string> = { '/ws/bitrix24.json': '{ "scopes": [] }' };
    for (let i = 0; i < 250; i++) files[`/ws/src/f${i}.js`] = '';
    const seen: ScanProgress[] = [];
    await indexOf(files, { onProgress: (p) => seen.push(p) });
    assert.ok(seen.length > 1);
    assert.deepEqual(seen[seen.length - 1], { done: 250, total: 250 });
    assert.ok(seen.every((p, i) => i === 0 || p.done > seen[i - 1].done));
  });
});

describe('workspace index: keeping current', () => {
  const base = () => ({
    '/ws/bitrix24.json': '{ "scopes": ["crm"] }',
    '/ws/src/a.js': "call('crm.lead.add')",
    '/ws/src/b.js': '',
    '/ws/pkg/bitrix24.json': '{ "scopes": ["task"] }',
    '/ws/pkg/c.js': "call('tasks.task.add')",
  });

  it('re-checks an edited file and reports only the files whose findings changed', async () => {
    const { index } = await indexOf(base());
    index.takeChanges();
    await index.update('/ws/src/b.js', "call('im.notify.system.add')");
    const changes = index.takeChanges();
    // The edited file and its manifest, where the missing scope is reported once.
    assert.deepEqual([...changes.keys()].sort(), ['/ws/bitrix24.json', '/ws/src/b.js']);
    assert.deepEqual(brief(changes.get('/ws/src/b.js') ?? []), ['missing-scope-call@src/b.js:1']);
    assert.deepEqual(brief(changes.get('/ws/bitrix24.json') ?? []), ['missing-scope@bitrix24.json:1']);
    await index.update('/ws/src/b.js', '');
    assert.deepEqual([...index.takeChanges()].map(([f, list]) => [f, list.length]).sort(), [
      ['/ws/bitrix24.json', 0],
      ['/ws/src/b.js', 0],
    ]);
  });

  it('does not analyse a file again when its text did not change', async () => {
    const { index, analysed } = await indexOf(base());
    const before = analysed.length;
    await index.update('/ws/src/a.js', "call('crm.lead.add')");
    assert.equal(analysed.length, before);
  });

  it("takes over the editor's analysis of the same text, and analyses again when it was made with other names or as another language", async () => {
    const catalogue = testCatalogue();
    let analyses = 0;
    const analyser = {
      ...defaultAnalyser,
      analyse: (p: string, t: string, n: Parameters<typeof defaultAnalyser.analyse>[2]) => (analyses++, defaultAnalyser.analyse(p, t, n)),
    };
    const fs = new MemoryFileSystem({ '/ws/bitrix24.json': '{ "scopes": ["crm"] }', '/ws/src/b.js': '' });
    const index = new WorkspaceIndex({ roots: ['/ws'], fs, catalogue, analyser });
    await index.scan();
    const text = "call('im.notify.system.add')";
    const before = analyses;
    await index.update('/ws/src/b.js', text, { analysis: analyse(text, 'js', catalogue), family: 'js', names: catalogue });
    assert.equal(analyses, before, 'not analysed again');
    assert.deepEqual(brief(index.findings()), ['missing-scope-call@src/b.js:1', 'missing-scope@bitrix24.json:1', 'unused-scope@bitrix24.json:1']);
    const other = text + ' ';
    await index.update('/ws/src/b.js', other, { analysis: analyse(other, 'js', testCatalogue()), family: 'js', names: testCatalogue() });
    assert.equal(analyses, before + 1, 'made with another catalogue view: analysed again');
    await index.update('/ws/src/b.js', text, { analysis: analyse(text, 'php', catalogue), family: 'php', names: catalogue });
    assert.equal(analyses, before + 2, 'made as PHP for a .js file: analysed again');
    assert.deepEqual(brief(index.findings()), ['missing-scope-call@src/b.js:1', 'missing-scope@bitrix24.json:1', 'unused-scope@bitrix24.json:1']);
  });

  it('updates diagnostics across files when a manifest is edited', async () => {
    const { index } = await indexOf(base());
    await index.update('/ws/src/b.js', "call('im.notify.system.add')");
    index.takeChanges();
    await index.update('/ws/bitrix24.json', '{ "scopes": ["crm", "im", "user"] }');
    const changes = index.takeChanges();
    assert.deepEqual([...changes.keys()].sort(), ['/ws/bitrix24.json', '/ws/src/b.js']);
    assert.deepEqual(brief(changes.get('/ws/bitrix24.json') ?? []), ['unused-scope@bitrix24.json:1']);
  });

  it('forgets deleted files and folders, and what they needed', async () => {
    const { index, fs } = await indexOf(base());
    fs.delete('/ws/src/a.js');
    await index.remove('/ws/src/a.js');
    assert.deepEqual(brief(index.findings()), ['unused-scope@bitrix24.json:1']);
    fs.delete('/ws/pkg');
    await index.remove('/ws/pkg');
    assert.equal(index.manifests().length, 1);
    assert.equal(index.filesOf('/ws/pkg/bitrix24.json').length, 0);
  });

  it('follows a renamed file into the manifest that covers its new place', async () => {
    const { index, fs } = await indexOf(base());
    fs.write('/ws/pkg/a.js', fs.files.get('/ws/src/a.js') ?? '');
    fs.delete('/ws/src/a.js');
    await index.rename('/ws/src/a.js', '/ws/pkg/a.js');
    assert.deepEqual(brief(index.findings()), ['missing-scope-call@pkg/a.js:1', 'missing-scope@pkg/bitrix24.json:1', 'unused-scope@bitrix24.json:1']);
  });

  it('picks up files created on disk and new manifests', async () => {
    const { index, fs } = await indexOf(base());
    fs.write('/ws/lib/bitrix24.json', '{ "scopes": [] }');
    fs.write('/ws/lib/d.js', "call('crm.lead.add')");
    await index.changedOnDisk('/ws/lib');
    assert.deepEqual(brief(index.diagnosticsFor('/ws/lib/d.js')), ['missing-scope-call@lib/d.js:1']);
  });

  it('applies an edited .gitignore to files already indexed and to files it no longer ignores', async () => {
    const { index } = await indexOf({ ...base(), '/ws/.gitignore': 'gen/\n', '/ws/gen/x.js': "call('im.notify.system.add')" });
    await index.update('/ws/.gitignore', 'src/\n');
    assert.deepEqual(brief(index.findings()), ['missing-scope-call@gen/x.js:1', 'missing-scope@bitrix24.json:1', 'unused-scope@bitrix24.json:1']);
  });

  it('analyses files again when a manifest adds custom methods', async () => {
    const { index } = await indexOf({ '/ws/bitrix24.json': '{ "scopes": [] }', '/ws/a.js': "lit('vendor.report.get')" });
    assert.deepEqual(brief(index.findings()), []);
    await index.update('/ws/bitrix24.json', '{ "scopes": [], "methods": { "custom": [{ "name": "vendor.report.get", "scope": "crm" }] } }');
    assert.deepEqual(brief(index.findings()), ['missing-scope-call@a.js:1', 'missing-scope@bitrix24.json:1']);
  });

  it('keeps unsaved editor text over the disk until the editor closes the file', async () => {
    const { index } = await indexOf(base());
    await index.update('/ws/src/b.js', "call('im.notify.system.add')");
    await index.update('/ws/bitrix24.json', '{ "scopes": ["crm"], "methods": { "custom": [{ "name": "vendor.x", "scope": "crm" }] } }');
    assert.deepEqual(brief(index.diagnosticsFor('/ws/src/b.js')), ['missing-scope-call@src/b.js:1']);
    await index.changedOnDisk('/ws/src/b.js');
    assert.deepEqual(brief(index.diagnosticsFor('/ws/src/b.js')), []);
  });
});

describe('workspace index: incremental results equal a fresh scan', () => {
  it('re-ranks alternatives in other files when an edit makes a broader scope necessary', async () => {
    const { index } = await indexOf({ '/ws/bitrix24.json': '{ "scopes": [] }', '/ws/a.js': "call('user.get')", '/ws/b.js': '' });
    const first = () => {
      const data = index.diagnosticsFor('/ws/a.js')[0].data;
      return data.kind === 'missing' ? data.scopes : [];
    };
    assert.deepEqual(first(), ['user_brief', 'user_basic', 'user']);
    index.takeChanges();
    await index.update('/ws/b.js', "call('user.add')");
    assert.deepEqual([...index.takeChanges().keys()].sort(), ['/ws/a.js', '/ws/b.js', '/ws/bitrix24.json']);
    assert.deepEqual(first(), ['user', 'user_brief', 'user_basic']);
  });

  it('after a series of edits, removals and manifest changes', async () => {
    const methods = ['crm.lead.add', 'user.get', 'user.add', 'tasks.task.add', 'im.notify.system.add', 'placement.bind', 'server.time'];
    const files: Record<string, string> = {
      '/ws/bitrix24.json': '{ "scopes": ["crm", "user_brief"] }',
      '/ws/pkg/bitrix24.json': '{ "kind": "webhook", "scopes": ["im"] }',
    };
    for (let i = 0; i < 12; i++) files[`/ws/${i % 3 === 0 ? 'pkg/' : ''}f${i}.js`] = `call('${methods[i % methods.length]}')`;
    const { index, fs } = await indexOf(files);
    let seed = 11;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let step = 0; step < 60; step++) {
      const i = next(12);
      const path = `/ws/${i % 3 === 0 ? 'pkg/' : ''}f${i}.js`;
      const action = next(10);
      if (action < 6) {
        const text = Array.from({ length: next(3) + 1 }, () => `call('${methods[next(methods.length)]}')`).join('\n');
        fs.write(path, text);
        await index.update(path, text);
      } else if (action < 8) {
        fs.delete(path);
        await index.remove(path);
      } else {
        const text = JSON.stringify({ scopes: ['crm', 'user', 'user_brief', 'task', 'im'].filter(() => next(2) === 0) });
        fs.write('/ws/bitrix24.json', text);
        await index.update('/ws/bitrix24.json', text);
      }
      if (step % 7 === 0) index.takeChanges();
    }
    const fresh = new WorkspaceIndex({ roots: ['/ws'], fs, catalogue: testCatalogue(), analyser: simpleAnalyser() });
    await fresh.scan();
    const sig = (list: Finding[]) => list.map((f) => JSON.stringify(f)).sort();
    assert.deepEqual(sig(index.findings()), sig(fresh.findings()));
  });
});

describe('workspace index: fixes and new manifests', () => {
  it('offers fixes that edit the manifest, including one adding every missing scope', async () => {
    const { index } = await indexOf({ '/ws/bitrix24.json': '{ "scopes": ["crm"] }', '/ws/a.js': "call('tasks.task.add')\ncall('user.get')" });
    const [first] = index.diagnosticsFor('/ws/a.js');
    const titles = index.codeActionsFor(first).map((f) => `${f.title}${f.isPreferred ? ' *' : ''}`);
    assert.deepEqual(titles, ["Add scope 'task' to bitrix24.json *", 'Add all missing scopes to bitrix24.json (task, user_brief)']);
    assert.ok(index.codeActionsFor(first).every((f) => f.file === '/ws/bitrix24.json'));
  });

  it('finds the fixes at a position of a file', async () => {
    const { index } = await indexOf({ '/ws/bitrix24.json': '{ "scopes": ["crm", "task"] }', '/ws/a.js': "call('crm.lead.add')\ncall('im.notify.system.add')" });
    const at = (path: string, line: number, character: number) =>
      index.codeActionsAt(path, { start: { line, character }, end: { line, character } }).flatMap((a) => a.fixes.map((f) => f.title));
    assert.deepEqual(at('/ws/a.js', 0, 8), []);
    assert.deepEqual(at('/ws/a.js', 1, 8), ["Add scope 'im' to bitrix24.json"]);
    assert.deepEqual(at('/ws/bitrix24.json', 0, 23), ["Remove unused scope 'task'"]);
  });

  it('edits the .env that declares the scopes', async () => {
    const { index } = await indexOf({ '/ws/.env': 'BITRIX24_PHP_SDK_APPLICATION_SCOPE=crm\n', '/ws/a.php': "call('tasks.task.add')" });
    const [fix] = index.codeActionsFor(index.diagnosticsFor('/ws/a.php')[0]);
    assert.equal(fix.file, '/ws/.env');
    assert.equal(fix.edit.newText, ',task');
  });

  it('proposes a manifest for a folder without one, from what its code calls', async () => {
    const { index } = await indexOf({ '/ws/a.js': "call('crm.lead.add')\ncall('user.get')\ncall(`crm.${x}.list`)" });
    const proposal = index.proposeManifest('/ws', 'local');
    assert.equal(proposal.file, '/ws/bitrix24.json');
    assert.deepEqual(proposal.scopes, ['crm', 'user_brief']);
    assert.match(proposal.notes.join('\n'), /Chose 'user_brief' for user.get/);
    assert.match(proposal.notes.join('\n'), /1 call builds the method name at run time/);
  });

  it('proposes a manifest for a subfolder a parent manifest covers, leaving out a nested app with its own', async () => {
    const { index } = await indexOf({
      '/ws/bitrix24.json': '{ "scopes": ["crm", "task", "im"] }',
      '/ws/a.js': "call('tasks.task.add')",
      '/ws/widget/w.js': "call('crm.lead.add')",
      '/ws/widget/deep/d.js': "call('user.get')",
      '/ws/widget/bot/bitrix24.json': '{ "scopes": ["im"] }',
      '/ws/widget/bot/b.js': "call('im.notify.system.add')",
    });
    const proposal = index.proposeManifest('/ws/widget', 'local');
    assert.equal(proposal.file, '/ws/widget/bitrix24.json');
    assert.deepEqual(proposal.scopes, ['crm', 'user_brief']);
  });
});

describe('workspace index: the missing-scope problem follows edits', () => {
  const related = (index: WorkspaceIndex) =>
    index
      .diagnosticsFor('/ws/bitrix24.json')
      .filter((f) => f.code === 'missing-scope')
      .map(
        (f) =>
          `${f.data.kind === 'missing' ? f.data.scopes[0] : ''}: ${(f.related ?? []).map((r) => `${r.file.replace('/ws/', '')}:${r.range.start.line + 1}`).join(' ')}`,
      );

  it('moves, adds and drops related uses as files change, and leaves the manifest alone when no use changes', async () => {
    const { index } = await indexOf({
      '/ws/bitrix24.json': '{ "scopes": ["task"] }',
      '/ws/a.js': "call('crm.lead.add')",
      '/ws/b.js': "call('tasks.task.add')",
    });
    assert.deepEqual(related(index), ['crm: a.js:1']);
    await index.update('/ws/a.js', "\ncall('crm.lead.add')\ncall('crm.deal.add')");
    assert.deepEqual(related(index), ['crm: a.js:2 a.js:3']);
    index.takeChanges();
    await index.update('/ws/b.js', "call('tasks.task.add')\n// a comment");
    assert.deepEqual([...index.takeChanges().keys()], [], 'nothing to publish again');
    await index.update('/ws/b.js', "call('im.notify.system.add')\nbindEvent('ONCRMDEALADD')");
    assert.deepEqual(related(index), ['crm: a.js:2 a.js:3 b.js:2', 'im: b.js:1']);
    const fresh = new WorkspaceIndex({
      roots: ['/ws'],
      fs: new MemoryFileSystem({
        '/ws/bitrix24.json': '{ "scopes": ["task"] }',
        '/ws/a.js': "\ncall('crm.lead.add')\ncall('crm.deal.add')",
        '/ws/b.js': "call('im.notify.system.add')\nbindEvent('ONCRMDEALADD')",
      }),
      catalogue: testCatalogue(),
      analyser: simpleAnalyser(),
    });
    await fresh.scan();
    const all = (i: WorkspaceIndex) =>
      i
        .findings()
        .map((f) => JSON.stringify(f))
        .sort();
    assert.deepEqual(all(fresh), all(index), 'incremental results equal a fresh scan');
  });
});
