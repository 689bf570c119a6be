/**
 * Recall and precision of the call-site analysis.
 *   npx tsx scripts/accuracy/run.ts [--strict] [--verbose]
 * Corpus 1: every method page's code examples in the official docs (read at
 * run time from the docs folder; skipped with a message when it is absent).
 * An example is recalled when the page's method is found in it; precision
 * counts every other reported method as a false positive (strict: pages that
 * legitimately call a second method count against us too).
 * Corpus 2: the hand-written fixture apps with labels (test/fixtures/apps).
 * --strict exits 1 when a target (recall ≥ 98 %, precision ≥ 99 %) is missed.
 */
import { join } from 'node:path';
import { analyze } from '../../server/src/analysis/analyze';
import { docExamples } from './docs-corpus';
import { runFixtureApps, score } from './fixture-apps';
import { docsFolder, loadNames, repoRoot } from './names';

const RECALL_TARGET = 0.98;
const PRECISION_TARGET = 0.99;
const verbose = process.argv.includes('--verbose');
const strict = process.argv.includes('--strict');

const pct = (n: number, d: number): string => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(2)} %`);
let belowTarget = false;

/** Prints recall = found/expected and precision = right/reported against the targets. */
function report(label: string, found: number, expected: number, right: number, reported: number): void {
  const ok = found >= RECALL_TARGET * expected && right >= PRECISION_TARGET * reported;
  if (!ok) belowTarget = true;
  console.log(`${label.padEnd(34)} recall ${pct(found, expected).padStart(8)}  precision ${pct(right, reported).padStart(8)}  ${ok ? 'ok' : 'BELOW TARGET'}`);
}

const docs = docsFolder();
const loaded = loadNames(docs);
if (!loaded) {
  console.log('No method names available (no server/src/catalogue/catalog.json and no docs copy): nothing to measure.');
  process.exit(0);
}
console.log(`method names: ${loaded.list.length} from ${loaded.source}`);

// Corpus 1: documentation examples.
if (!docs) {
  console.log('Official docs not found (set BITRIX24_DOCS or place bitrix24-rest-docs beside the repo): documentation corpus skipped.');
} else {
  const examples = docExamples(join(docs, 'en'), loaded.names);
  const perLabel = new Map<string, { n: number; hit: number; fp: number; tp: number }>();
  let hit = 0;
  let tp = 0;
  let fp = 0;
  let bytes = 0;
  const started = process.hrtime.bigint();
  for (const ex of examples) {
    bytes += ex.text.length;
    const refs = analyze(ex.text, ex.family, loaded.names).references;
    const want = ex.method.toLowerCase();
    const good = refs.filter((r) => r.name.toLowerCase() === want).length;
    const found = good > 0;
    const bad = refs.length - good;
    if (found) hit++;
    tp += good;
    fp += bad;
    const s = perLabel.get(ex.label) ?? { n: 0, hit: 0, fp: 0, tp: 0 };
    s.n++;
    s.hit += found ? 1 : 0;
    s.fp += bad;
    s.tp += good;
    perLabel.set(ex.label, s);
    if (verbose && !found) console.log(`  missed ${ex.method} in ${ex.page} [${ex.label}]`);
    if (verbose && bad) {
      for (const r of refs) if (r.name.toLowerCase() !== want) console.log(`  other  ${r.name} (${r.context}) in ${ex.page} [${ex.label}]`);
    }
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const pages = new Set(examples.map((e) => e.page)).size;
  console.log(`\ndocumentation: ${examples.length} examples from ${pages} method pages (${(bytes / 1e6).toFixed(1)} MB, analysed in ${ms.toFixed(0)} ms)`);
  for (const [label, s] of [...perLabel].sort((a, b) => b[1].n - a[1].n)) {
    if (s.n < 20) continue;
    console.log(`  ${label.padEnd(16)} ${String(s.n).padStart(5)} examples  recall ${pct(s.hit, s.n).padStart(8)}  precision ${pct(s.tp, s.tp + s.fp).padStart(8)}`);
  }
  report('documentation examples', hit, examples.length, tp, tp + fp);
  console.log(`  (recall per example; precision: ${tp} references to the page's method, ${fp} to other methods)`);
}

// Corpus 2: fixture apps.
const results = runFixtureApps(join(repoRoot, 'test', 'fixtures', 'apps'), loaded.names);
let tp = 0;
let fp = 0;
let fn = 0;
for (const r of results) {
  const s = score(r);
  tp += s.tp;
  fp += s.fp.length;
  fn += s.fn.length;
  for (const x of s.fp) console.log(`  false positive ${r.app}/${r.file} ${x}`);
  for (const x of s.fn) console.log(`  missed         ${r.app}/${r.file} ${x}`);
}
console.log(`\nfixture apps: ${results.length} files, ${tp + fn} labels`);
report('fixture apps (look-alikes)', tp, tp + fn, tp, tp + fp);

if (belowTarget && strict) process.exit(1);
