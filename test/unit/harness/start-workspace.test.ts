// `npm start` opens a fresh copy of examples/ outside the tracked tree, so whatever the
// user does there (quick fixes, Apply, Export, per-portal rights folders) leaves the
// checkout's `git status` clean.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

function prepare(cacheDir: string, folder?: string): { folder: string; copied: boolean } {
  const script = `import { prepareWorkspace } from ${JSON.stringify(join(ROOT, 'scripts', 'start-workspace.mjs'))};
process.stdout.write(JSON.stringify(prepareWorkspace({ root: ${JSON.stringify(ROOT)}, cacheDir: ${JSON.stringify(cacheDir)}, folder: ${JSON.stringify(folder)} })));`;
  const res = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  return JSON.parse(res.stdout);
}

describe('npm start workspace', () => {
  let cache: string;
  beforeEach(() => {
    cache = mkdtempSync(join(tmpdir(), 'start-ws-'));
  });
  afterEach(() => rmSync(cache, { recursive: true, force: true }));

  it('opens a fresh copy of examples/, and edits in it never reach the checkout', () => {
    const { folder, copied } = prepare(cache);
    assert.ok(copied);
    assert.ok(relative(join(ROOT, 'examples'), folder).startsWith('..'), 'the copy is outside examples/');
    const manifest = readFileSync(join(folder, 'bitrix24.json'), 'utf8');
    assert.equal(manifest, readFileSync(join(ROOT, 'examples', 'bitrix24.json'), 'utf8'));
    // What a session does: a quick fix and a per-portal rights folder.
    writeFileSync(join(folder, 'bitrix24.json'), '{ "scopes": [] }\n');
    mkdirSync(join(folder, '.bitrix24', 'rights', '127.0.0.1_40123'), { recursive: true });
    assert.equal(readFileSync(join(ROOT, 'examples', 'bitrix24.json'), 'utf8'), manifest);
    assert.ok(!existsSync(join(ROOT, 'examples', '.bitrix24', 'rights', '127.0.0.1_40123')));
    // The next start shows the sample as shipped again.
    const again = prepare(cache);
    assert.equal(readFileSync(join(again.folder, 'bitrix24.json'), 'utf8'), manifest);
    assert.ok(!existsSync(join(again.folder, '.bitrix24', 'rights', '127.0.0.1_40123')));
  });

  it('keeps the default copy in a git-ignored folder of the checkout', () => {
    const res = spawnSync('git', ['check-ignore', '-q', '.vscode-test/start/examples/bitrix24.json'], { cwd: ROOT });
    assert.equal(res.status, 0, '.vscode-test/start/examples is git-ignored');
  });

  it('opens a folder given on the command line as it is', () => {
    const own = join(cache, 'my-app');
    mkdirSync(own);
    assert.deepEqual(prepare(cache, own), { folder: own, copied: false });
  });
});
