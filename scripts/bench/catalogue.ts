/**
 * Catalogue load benchmark: cold Catalogue.load() time and memory, each
 * sample in a fresh Node process running the bundled (shipped) form of the
 * module, plus the catalogue file size raw and gzipped.
 *
 *   npx tsx scripts/bench/catalogue.ts [runs]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
// @ts-expect-error a plain-JavaScript build helper shared with scripts/build.mjs
import { catalogueFromFile, writeCatalogueFiles } from '../lib/catalogue-from-file.mjs';

interface Sample {
  loadMs: number;
  loadCpuMs: number;
  queriesMs: number;
  heapMb: number;
  rssMb: number;
}

const root = join(__dirname, '..', '..');

// Runs in the child: load, first queries, memory after a full GC.
const CHILD = `
const mb = (n) => n / 1024 / 1024;
global.gc();
const before = process.memoryUsage();
const t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
const { Catalogue } = require(process.argv[1]);
const c = Catalogue.load();
const cpu = process.cpuUsage(cpu0);
const t1 = process.hrtime.bigint();
c.get('crm.lead.add'); c.complete('crm.', 50); c.suggest('crm.lead.ad');
const t2 = process.hrtime.bigint();
global.gc();
const after = process.memoryUsage();
process.stdout.write(JSON.stringify({
  loadMs: Number(t1 - t0) / 1e6, loadCpuMs: (cpu.user + cpu.system) / 1000, queriesMs: Number(t2 - t1) / 1e6,
  heapMb: mb(after.heapUsed - before.heapUsed), rssMb: mb(after.rss - before.rss),
}));
`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function row(name: string, value: number, target: number, unit: string): string {
  const ratio = (value / target).toFixed(2);
  return `${name.padEnd(32)} ${value.toFixed(1).padStart(8)} ${unit.padEnd(3)} target ≤ ${target} ${unit}  (${ratio}× of target) ${value <= target ? 'ok' : 'OVER'}`;
}

async function main(): Promise<number> {
  const runs = Math.max(1, Number(process.argv[2] ?? 5));
  const dir = mkdtempSync(join(tmpdir(), 'catalogue-bench-'));
  try {
    const bundle = join(dir, 'catalogue.js');
    // Loaded as the shipped server loads it: the JSON files beside the bundle, read on first use.
    writeCatalogueFiles(root, dir);
    await build({
      entryPoints: [join(root, 'server', 'src', 'catalogue', 'catalogue.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: bundle,
      logLevel: 'error',
      plugins: [catalogueFromFile(dir)],
    });
    const samples: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      const out = execFileSync(process.execPath, ['--expose-gc', '-e', CHILD, bundle], { encoding: 'utf8' });
      samples.push(JSON.parse(out) as Sample);
    }
    const raw = readFileSync(join(root, 'server', 'src', 'catalogue', 'catalogue.json'));
    const pick = (k: keyof Sample) => median(samples.map((s) => s[k]));
    const lines = [
      row('catalogue.json raw', raw.length / 1024, 1536, 'KiB'),
      row('catalogue.json gzip', gzipSync(raw, { level: 9 }).length / 1024, 200, 'KiB'),
      // CPU time is the stable number on a busy machine; wall time is shown for reference.
      row(`cold load CPU (median of ${runs})`, pick('loadCpuMs'), 100, 'ms'),
      row(`cold load wall (median of ${runs})`, pick('loadMs'), 250, 'ms'),
      row('first get+complete+suggest', pick('queriesMs'), 20, 'ms'),
      row('heap after load', pick('heapMb'), 20, 'MiB'),
      row('RSS after load', pick('rssMb'), 40, 'MiB'),
    ];
    process.stdout.write(lines.join('\n') + '\n');
    return lines.some((l) => l.endsWith('OVER')) ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().then((code) => (process.exitCode = code));
