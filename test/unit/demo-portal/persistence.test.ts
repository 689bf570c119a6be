import assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadState, StateFileError, StateWriter, writeFileAtomic, type FileOps } from '../../../demo-portal/src/persistence';
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
    const countingOps: FileOps = { ...realOps, rename: async (a, b) => { writes++; return fsp.rename(a, b); } };
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
});
