/**
 * Catalogue load benchmark: cold load time and memory of Catalogue.load(),
 * each sample in a fresh process, plus the catalogue file size.
 *
 *   npx tsx scripts/bench/catalogue.ts [runs]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface Sample {
  loadMs: number;
  firstQueriesMs: number;
  heapMb: number;
  rssMb: number;
}

const mb = (n: number) => n / 1024 / 1024;

function child(): void {
  // Loaded lazily so the measurement covers module load, JSON parse, validation and indexing.
  global.gc?.();
  const before = process.memoryUsage();
  const t0 = process.hrtime.bigint();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Catalogue } = require('../../server/src/catalogue/catalogue') as typeof import('../../server/src/catalogue/catalogue');
  const c = Catalogue.load();
  const t1 = process.hrtime.bigint();
  c.get('crm.lead.add');
  c.complete('crm.', 50);
  c.suggest('crm.lead.ad');
  const t2 = process.hrtime.bigint();
  global.gc?.();
  const after = process.memoryUsage();
  const s: Sample = {
    loadMs: Number(t1 - t0) / 1e6,
    firstQueriesMs: Number(t2 - t1) / 1e6,
    heapMb: mb(after.heapUsed - before.heapUsed),
    rssMb: mb(after.rss - before.rss),
  };
  process.stdout.write(JSON.stringify(s));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function main(): void {
  const runs = Math.max(1, Number(process.argv[2] ?? 5));
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ['--expose-gc', '--require', 'tsx/cjs', __filename, '--child'], { encoding: 'utf8' });
    samples.push(JSON.parse(out) as Sample);
  }
  const file = join(__dirname, '..', '..', 'server', 'src', 'catalogue', 'catalog.json');
  const raw = readFileSync(file);
  const pick = (k: keyof Sample) => median(samples.map((s) => s[k])).toFixed(1);
  process.stdout.write(
    [
      `catalog.json: ${(raw.length / 1024).toFixed(0)} KiB raw, ${(gzipSync(raw, { level: 9 }).length / 1024).toFixed(0)} KiB gzip`,
      `cold Catalogue.load() (median of ${runs} fresh processes): ${pick('loadMs')} ms`,
      `first get + complete + suggest: ${pick('firstQueriesMs')} ms`,
      `heap delta: ${pick('heapMb')} MiB, RSS delta: ${pick('rssMb')} MiB`,
    ].join('\n') + '\n',
  );
}

if (process.argv.includes('--child')) child();
else main();
