/**
 * The accuracy targets on the official docs' examples (recall ≥ 98 %,
 * precision ≥ 99 %, for methods, events and placements, per page and per
 * example), and no disagreement beyond the understood ones listed in
 * scripts/accuracy/known-disagreements.txt. Needs the docs: found as every
 * docs reader finds them ($BITRIX24_REST_DOCS, else ../shared/bitrix24-rest-docs);
 * without them the test skips locally and fails on CI.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KINDS, measureDocs, precision, PRECISION_TARGET, recall, RECALL_TARGET, type DocsAccuracy } from '../../../scripts/accuracy/measure';
import { docsFolder, loadNames, repoRoot } from '../../../scripts/accuracy/names';
import { onCi } from '../../support/requirements';

const pct = (x: number): string => `${(100 * x).toFixed(2)} %`;

describe('analysis: accuracy on the documentation examples', function () {
  this.timeout(300_000);
  let result: DocsAccuracy | undefined;

  before(function () {
    const docs = docsFolder();
    if (!docs) {
      if (onCi()) throw new Error('The official docs are missing: set BITRIX24_REST_DOCS or place bitrix24-rest-docs beside the repository (required on CI).');
      this.skip();
    }
    const loaded = loadNames(docs);
    if (!loaded) throw new Error('No method names: server/src/catalogue/catalogue.json is missing');
    result = measureDocs(docs!, loaded.names);
  });

  for (const kind of KINDS) {
    it(`${kind}: recall ≥ ${RECALL_TARGET * 100} % and precision ≥ ${PRECISION_TARGET * 100} %, per page and per example`, () => {
      const k = result!.kinds[kind];
      assert.ok(k.pages.units > 0 && k.examples.units > 0, `no ${kind} in the corpus`);
      for (const [view, t] of [
        ['per page', k.pages],
        ['per example', k.examples],
      ] as const) {
        assert.ok(recall(t) >= RECALL_TARGET, `${kind} ${view}: recall ${pct(recall(t))} (${t.fn} missed)`);
        assert.ok(precision(t) >= PRECISION_TARGET, `${kind} ${view}: precision ${pct(precision(t))} (${t.fp} extra)`);
      }
    });
  }

  it('disagrees with the labels only where known and explained', () => {
    const known = new Set(
      readFileSync(join(repoRoot, 'scripts', 'accuracy', 'known-disagreements.txt'), 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#')),
    );
    const found = new Set(result!.disagreements);
    const unexplained = [...found].filter((d) => !known.has(d));
    const gone = [...known].filter((d) => !found.has(d));
    if (gone.length)
      console.log(`    ${gone.length} known disagreement(s) no longer occur; remove them from known-disagreements.txt:\n      ${gone.join('\n      ')}`);
    assert.deepEqual(unexplained, [], 'new disagreements between the analysis and the docs labels (a new miss, a new false positive, or a removed label)');
  });
});
