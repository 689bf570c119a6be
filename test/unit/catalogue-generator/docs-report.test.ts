import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { generate } from '../../../scripts/catalogue/build';
import { countsBlock, replaceBlock, updateDocs } from '../../../scripts/catalogue/docs-report';
import { noOverrides } from '../../../scripts/catalogue/overrides';

describe('catalogue generator: generated blocks of docs/catalogue.md', () => {
  const result = generate(join(__dirname, '..', '..', 'fixtures', 'catalogue-pages'), noOverrides());

  it('gives the counts of a run, events and placements included', () => {
    const block = countsBlock(result);
    assert.match(block, /\| events \| 6 \|/);
    assert.match(block, /\| placements \| 6 \(templates: 1\) \|/);
    assert.match(block, /5 event pages, 2 overviews, 0 methods, 0 JS call-card events, 0 guides; not classified: 1/);
    assert.match(block, /documentation of 2025-03-04 \(en 1111111/);
  });

  it('replaces only the text between the markers, and again without change', () => {
    const doc =
      'intro\n<!-- generated:counts:start -->\nold\n<!-- generated:counts:end -->\nrest\n<!-- generated:disagreements:start -->\n<!-- generated:disagreements:end -->\n';
    const once = updateDocs(doc, result);
    assert.ok(once.startsWith('intro\n<!-- generated:counts:start -->\nCounts at'));
    assert.ok(once.includes('\n<!-- generated:counts:end -->\nrest\n<!-- generated:disagreements:start -->\n2 disagreements:'));
    assert.equal(updateDocs(once, result), once);
  });

  it('says which markers are missing', () => {
    assert.throws(() => replaceBlock('no markers', 'counts', 'x'), /generated:counts:start/);
  });
});
