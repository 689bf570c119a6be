/**
 * Recall and precision of the call-site analysis on the official docs' examples.
 *   npx tsx scripts/accuracy/run.ts [--strict] [--verbose]
 * Methods, events and placements apart; per page (a page's mirrored language
 * tabs count once), per example and per language. See measure.ts for the
 * labels. The docs are read at run time ($BITRIX24_REST_DOCS, else
 * ../shared/bitrix24-rest-docs); without them there is nothing to measure.
 * The fixture apps (test/fixtures/apps) are a regression golden checked by
 * test/unit/analysis/fixture-apps.test.ts, not a measurement, so they are
 * not scored here. --strict exits 1 when a target (recall ≥ 98 %,
 * precision ≥ 99 %) is missed; --verbose lists every disagreement.
 */
import { KINDS, measureDocs, precision, PRECISION_TARGET, recall, RECALL_TARGET, type Tally } from './measure';
import { docsFolder, loadNames } from './names';

const verbose = process.argv.includes('--verbose');
const strict = process.argv.includes('--strict');

const pct = (x: number): string => `${(100 * x).toFixed(2)} %`.padStart(8);
let belowTarget = false;

function line(label: string, t: Tally, unit: string, judge: boolean): void {
  const ok = recall(t) >= RECALL_TARGET && precision(t) >= PRECISION_TARGET;
  if (judge && !ok) belowTarget = true;
  const verdict = judge ? (ok ? '  ok' : '  BELOW TARGET') : '';
  console.log(
    `  ${label.padEnd(14)} ${String(t.units).padStart(6)} ${unit.padEnd(8)} recall ${pct(recall(t))}  precision ${pct(precision(t))}  (${t.tp} found, ${t.fn} missed, ${t.fp} extra)${verdict}`,
  );
}

const docs = docsFolder();
const loaded = loadNames(docs);
if (!docs || !loaded) {
  console.log('Official docs not found (set BITRIX24_REST_DOCS or place bitrix24-rest-docs beside the repository): nothing to measure.');
  process.exit(strict ? 1 : 0);
}
console.log(`method names: ${loaded.list.length} from ${loaded.source}`);
const r = measureDocs(docs, loaded.names);
console.log(`documentation: ${r.examples} examples on ${r.pages} pages (${(r.bytes / 1e6).toFixed(1)} MB, analysed in ${r.ms.toFixed(0)} ms)`);
for (const kind of KINDS) {
  const k = r.kinds[kind];
  console.log(`\n${kind}`);
  line('per page', k.pages, 'pages', true);
  line('per example', k.examples, 'examples', true);
  for (const [lang, t] of [...k.languages].sort((a, b) => b[1].units - a[1].units)) line(`  ${lang}`, t, 'examples', false);
}
console.log(`\ntargets: recall ≥ ${RECALL_TARGET * 100} %, precision ≥ ${PRECISION_TARGET * 100} % (per page and per example, each kind)`);
console.log(`${r.disagreements.length} distinct disagreements${verbose ? ':' : ' (--verbose lists them)'}`);
if (verbose) for (const d of r.disagreements) console.log(`  ${d}`);
if (belowTarget && strict) process.exit(1);
