import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { runFixtureApps } from '../../../scripts/accuracy/fixture-apps';
import { loadNames } from '../../../scripts/accuracy/names';

// The hand-written apps with look-alikes (i18n keys, import paths, `profile` tabs,
// comments, dynamic names): a regression golden, checked with the real catalogue
// against their labels and the analysis' known, explained deviations from them.
describe('analysis: fixture apps', function () {
  const loaded = loadNames(undefined);
  if (!loaded) {
    it.skip('needs server/src/catalogue/catalogue.json');
    return;
  }
  const results = runFixtureApps(join(__dirname, '..', '..', 'fixtures', 'apps'), loaded.names);

  it('has labelled files to check', () => {
    assert.ok(results.length >= 10);
  });

  for (const r of results) {
    it(`${r.app}/${r.file} reports exactly its labels (and its known deviations)`, () => {
      const sort = (xs: string[]): string[] => [...xs].sort((a, b) => a.localeCompare(b));
      assert.deepEqual(sort(r.found), sort(r.golden));
    });
  }
});
