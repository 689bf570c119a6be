import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../../../scripts/catalog/build';
import { defaults, russianFile } from '../../../scripts/catalog/generate';
import { loadOverrides } from '../../../scripts/catalog/overrides';
import { serializeCatalogue, serializeRussian } from '../../../scripts/catalog/serialize';
import { updateDocs } from '../../../scripts/catalog/docs-report';
import { requireDocs } from '../../support/requirements';

// Regenerates the whole catalogue from the documentation ($BITRIX24_REST_DOCS,
// else ../shared/bitrix24-rest-docs) and compares it, and the generated
// blocks of docs/catalogue.md, with the checked-in files. Skipped (and says so) on a clone
// without the documentation; with CI set, that fails instead.
describe('catalogue regeneration from the documentation', function () {
  it('reproduces the checked-in catalog.json byte for byte', function () {
    requireDocs(this, join('en', 'api-reference'));
    this.timeout(120_000);
    const result = generate(defaults.docs, loadOverrides(defaults.overrides));
    const fresh = serializeCatalogue(result.data);
    const checkedIn = readFileSync(defaults.out, 'utf8');
    assert.ok(fresh === checkedIn, 'catalog.json is out of date: run `npm run catalog` and review the diff');
    assert.ok(serializeRussian(result.russian) === readFileSync(russianFile(defaults.out), 'utf8'), 'catalog.ru.json is out of date: run `npm run catalog`');
    const doc = readFileSync(defaults.doc, 'utf8');
    assert.ok(updateDocs(doc, result) === doc, 'the generated blocks of docs/catalogue.md are out of date: run `npm run catalog`');
    assert.deepEqual(result.report.unclassified, [], 'the documentation has pages the generator cannot classify');
    assert.deepEqual(result.report.staleOverrides, [], 'overrides.json has entries that match nothing');
  });
});
