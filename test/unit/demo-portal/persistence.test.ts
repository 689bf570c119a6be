import assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { startDemoPortal } from '../../../demo-portal/src';
import { loadState, removeStaleTempFiles, StateFileError, StateWriter, writeFileAtomic, type FileOps } from '../../../demo-portal/src/persistence';
import { freshState } from './helpers';

const realOps: FileOps = { open: fsp.open, rename: fsp.rename, unlink: fsp.unlink };

describe('demo portal: state file', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await fsp.mkdtemp(join(tmpdir(), 'demo-portal-state-'));
    file = join(dir, 'portal.json');
  });
  afterEach(async () => {
    await fsp.rm(dir, { recursive: true, force: true });
  });
  const leftovers = async () => (await fsp.readdir(dir)).filter((f) => f !== 'portal.json');

  it('round-trips the state', async () => {
    const state = freshState();
    await writeFileAtomic(file, JSON.stringify(state));
    assert.deepEqual(await loadState(file), state);
  });

  it('keeps the previous file intact when the process fails halfway through writing', async () => {
    await writeFileAtomic(file, '{"version":1,"old":true}');
    const crashingOps: FileOps = {
      ...realOps,
      open: (async (path: string, flags: string, mode: number) => {
        const handle = await fsp.open(path, flags, mode);
        return new Proxy(handle, {
          get(target, key) {
            if (key === 'writeFile') {
              return async (text: string) => {
                await target.writeFile(text.slice(0, text.length / 2));
                throw new Error('disk full');
              };
            }
            const value = Reflect.get(target, key) as unknown;
            return typeof value === 'function' ? value.bind(target) : value;
          },
        });
      }) as FileOps['open'],
    };
    await assert.rejects(writeFileAtomic(file, JSON.stringify(freshState()), crashingOps), /disk full/);
    assert.equal(await fsp.readFile(file, 'utf8'), '{"version":1,"old":true}');
    assert.deepEqual(await leftovers(), []);
  });

  it('keeps the previous file intact when the rename fails', async () => {
    await writeFileAtomic(file, 'before');
    const ops: FileOps = { ...realOps, rename: async () => Promise.reject(new Error('rename failed')) };
    await assert.rejects(writeFileAtomic(file, 'after', ops), /rename failed/);
    assert.equal(await fsp.readFile(file, 'utf8'), 'before');
    assert.deepEqual(await leftovers(), []);
  });

  it('serialises overlapping saves and ends with the latest state on disk', async () => {
    let version = 0;
    let writes = 0;
    const countingOps: FileOps = {
      ...realOps,
      rename: async (a, b) => {
        writes++;
        return fsp.rename(a, b);
      },
    };
    const writer = new StateWriter(file, () => JSON.stringify({ version }), countingOps);
    const saves: Promise<void>[] = [];
    for (let i = 1; i <= 5; i++) {
      version = i;
      saves.push(writer.save());
    }
    await Promise.all(saves);
    assert.deepEqual(JSON.parse(await fsp.readFile(file, 'utf8')), { version: 5 });
    assert.ok(writes <= 2, `saves made meanwhile share a write (${writes} writes)`);
  });

  it('reports a missing file as no state and an unusable one with its path', async () => {
    assert.equal(await loadState(file), undefined);
    await fsp.writeFile(file, '{"version":1,"users":');
    await assert.rejects(loadState(file), (e: Error) => e instanceof StateFileError && e.message.includes(file) && /not valid JSON/.test(e.message));
    await fsp.writeFile(file, '{"version":7}');
    await assert.rejects(loadState(file), /not a demo portal state/);
  });

  it('after a kill -9 mid-write, the next start deletes the temp file holding the webhook codes', async function () {
    this.timeout(20_000);
    const state = freshState();
    await writeFileAtomic(file, JSON.stringify(state));
    const code = state.webhooks[0].code;
    const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), join(__dirname, 'crash-mid-write.ts'), file, JSON.stringify(state)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    while (!out.includes('before-rename')) {
      const [chunk] = (await once(child.stdout, 'data')) as [string];
      out += chunk;
    }
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
    const [temp] = await leftovers();
    assert.ok(temp, 'the killed writer left its temp file (the case under test)');
    assert.ok((await fsp.readFile(join(dir, temp), 'utf8')).includes(code));
    if (process.platform !== 'win32') assert.equal((await fsp.stat(join(dir, temp))).mode & 0o077, 0, 'owner-only while it exists');

    const portal = await startDemoPortal({ statePath: file, rateLimit: false });
    try {
      assert.deepEqual(await leftovers(), [], 'no copy of the state is left beside it');
      assert.equal(portal.snapshot().webhooks[0].code, code, 'the state itself was kept');
    } finally {
      await portal.close();
    }
  });

  it('leaves the temp files of a writer that is still running, and files it does not own', async () => {
    const mine = `.portal.json.${process.pid}.0123abcd.tmp`;
    const gone = '.portal.json.999999999.89abcdef.tmp';
    const other = '.other.json.999999999.89abcdef.tmp';
    for (const name of [mine, gone, other]) await fsp.writeFile(join(dir, name), '{}');
    assert.equal(await removeStaleTempFiles(file), 1);
    assert.deepEqual((await leftovers()).sort(), [mine, other].sort());
  });
});
