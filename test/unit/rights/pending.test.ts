import assert from 'node:assert/strict';
import { pendingSites } from '../../../client/src/rights/pending';
import { markApplied, newRightsFile, withRule } from '../../../client/src/rights/rights-file';
import { rightsFilePath, saveRights } from '../../../client/src/rights/rights-store';
import { MemoryFs } from './memory-fs';

const HOST = 'example.bitrix24.com';
const site = (id: number) => ({ id, code: `s${id}`, title: `Site ${id}`, type: 'PAGE' });

describe('rights/pending (the view badge)', () => {
  it('counts the sites whose rights file differs from what was last applied', async () => {
    const fs = new MemoryFs();
    await saveRights(fs, HOST, withRule(newRightsFile(HOST, site(3)), 'AU', ['read'])); // never applied
    const applied = withRule(newRightsFile(HOST, site(1)), 'AU', ['read']);
    await saveRights(fs, HOST, markApplied(applied, applied.rules, '2026-01-01T00:00:00.000Z')); // in step
    const edited = markApplied(applied, applied.rules, '2026-01-01T00:00:00.000Z');
    await saveRights(fs, HOST, { ...withRule(edited, 'U1', ['read']), site: site(12) }); // edited since
    assert.deepEqual(await pendingSites(fs, HOST), [3, 12]);
  });

  it('skips broken files, other portals and other files in the folder', async () => {
    const fs = new MemoryFs();
    await fs.write(rightsFilePath(HOST, 4), '{ broken');
    await fs.write(rightsFilePath(HOST, 4).replace('4.json', 'journal.jsonl'), '{}\n');
    await saveRights(fs, 'other.bitrix24.com', withRule(newRightsFile('other.bitrix24.com', site(5)), 'AU', ['read']));
    assert.deepEqual(await pendingSites(fs, HOST), []);
    assert.deepEqual(await pendingSites(fs, 'other.bitrix24.com'), [5]);
  });

  it('is empty for a file system that cannot list folders', async () => {
    const fs = new MemoryFs();
    await saveRights(fs, HOST, withRule(newRightsFile(HOST, site(3)), 'AU', ['read']));
    assert.deepEqual(await pendingSites({ read: (p) => fs.read(p), write: (p, t) => fs.write(p, t), append: (p, t) => fs.append(p, t) }, HOST), []);
  });
});
