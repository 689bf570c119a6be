import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../../../scripts/catalogue/build';
import { defaults, russianFile } from '../../../scripts/catalogue/generate';
import { loadOverrides } from '../../../scripts/catalogue/overrides';
import { serialiseCatalogue, serialiseRussian } from '../../../scripts/catalogue/serialise';
import { updateDocs } from '../../../scripts/catalogue/docs-report';
import { requireDocs } from '../../support/requirements';

// Regenerates the whole catalogue from the documentation ($BITRIX24_REST_DOCS,
// else ../shared/bitrix24-rest-docs) and compares it, and the generated
// blocks of docs/catalogue.md, with the checked-in files. Skipped (and says so) on a clone
// without the documentation; with CI set, that fails instead.
describe('catalogue regeneration from the documentation', function () {
  it('reproduces the checked-in catalogue.json byte for byte', function () {
    requireDocs(this, join('en', 'api-reference'));
    this.timeout(120_000);
    const result = generate(defaults.docs, loadOverrides(defaults.overrides));
    const fresh = serialiseCatalogue(result.data);
    const checkedIn = readFileSync(defaults.out, 'utf8');
    assert.ok(fresh === checkedIn, 'catalogue.json is out of date: run `npm run catalog` and review the diff');
    assert.ok(serialiseRussian(result.russian) === readFileSync(russianFile(defaults.out), 'utf8'), 'catalogue.ru.json is out of date: run `npm run catalog`');
    const doc = readFileSync(defaults.doc, 'utf8');
    assert.ok(updateDocs(doc, result) === doc, 'the generated blocks of docs/catalogue.md are out of date: run `npm run catalog`');
    assert.deepEqual(result.report.unclassified, [], 'the documentation has pages the generator cannot classify');
    assert.deepEqual(result.report.staleOverrides, [], 'overrides.json has entries that match nothing');
  });
});
