import assert from 'node:assert/strict';
import { appendJournal, JournalEntry, readJournal, restoreTarget } from '../../../client/src/rights/journal';
import { journalPath } from '../../../client/src/rights/rights-store';
import { MemoryFs } from './memory-fs';

const entry = (over: Partial<JournalEntry>): JournalEntry => ({
  time: '2025-01-01T00:00:00.000Z',
  portal: 'example.bitrix24.com',
  siteId: 12,
  siteTitle: 'Promo',
  action: 'apply',
  outcome: 'applied',
  before: { AU: ['read'] },
  after: { AU: ['read'], U1: ['read', 'edit'] },
  ...over,
});

describe('rights/journal', () => {
  it('appends one JSON line per entry and reads them back in order', async () => {
    const fs = new MemoryFs();
    await appendJournal(fs, entry({ time: 't1' }));
    await appendJournal(fs, entry({ time: 't2', outcome: 'rejected', error: 'IS_NOT_ADMIN' }));
    const text = fs.files.get(journalPath('example.bitrix24.com')) ?? '';
    assert.equal(text.split('\n').filter(Boolean).length, 2);
    const { entries, skipped } = await readJournal(fs, 'example.bitrix24.com');
    assert.deepEqual(
      entries.map((e) => [e.time, e.outcome]),
      [
        ['t1', 'applied'],
        ['t2', 'rejected'],
      ],
    );
    assert.equal(skipped, 0);
  });

  it('skips broken lines instead of failing', async () => {
    const fs = new MemoryFs();
    await appendJournal(fs, entry({ time: 't1' }));
    await fs.append(journalPath('example.bitrix24.com'), '{ not json\n{"time":"x"}\n');
    const { entries, skipped } = await readJournal(fs, 'example.bitrix24.com');
    assert.equal(entries.length, 1);
    assert.equal(skipped, 2);
  });

  it('reads a journal saved with a byte order mark', async () => {
    const fs = new MemoryFs();
    await fs.write(journalPath('example.bitrix24.com'), `\uFEFF${JSON.stringify(entry({ time: 't1' }))}\n`);
    const { entries, skipped } = await readJournal(fs, 'example.bitrix24.com');
    assert.deepEqual([entries.map((e) => e.time), skipped], [['t1'], 0]);
  });

  it('keeps the note of an unclear answer that was verified', async () => {
    const fs = new MemoryFs();
    await appendJournal(fs, entry({ error: 'HTTP 504; verified applied', verified: ['read'] }));
    const [read] = (await readJournal(fs, 'example.bitrix24.com')).entries;
    assert.deepEqual([read.outcome, read.error, read.verified], ['applied', 'HTTP 504; verified applied', ['read']]);
    assert.deepEqual(restoreTarget([read], 12), { ok: true, rules: { AU: ['read'] }, entry: read }, 'a verified apply is restorable');
  });

  it('restores the before-set of the last successful apply of that site', () => {
    const target = restoreTarget(
      [
        entry({ time: 't1', before: { AU: ['read'] } }),
        entry({ time: 't2', siteId: 99, before: { UA: ['read'] } }),
        entry({ time: 't3', before: { AU: ['read', 'edit'] } }),
        entry({ time: 't4', outcome: 'rejected', before: { G1: ['read'] } }),
      ],
      12,
    );
    assert.ok(target.ok);
    if (target.ok) {
      assert.deepEqual(target.rules, { AU: ['read', 'edit'] });
      assert.equal(target.entry.time, 't3');
    }
  });

  it('cannot restore what was never seen (first apply) or never applied', () => {
    const first = restoreTarget([entry({ before: null })], 12);
    assert.equal(first.ok, false);
    if (!first.ok) assert.match(first.message, /never visible/);
    const none = restoreTarget([entry({ outcome: 'uncertain' })], 12);
    assert.equal(none.ok, false);
    if (!none.ok) assert.match(none.message, /nothing to restore/);
  });
});
