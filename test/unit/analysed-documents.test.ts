/** The server's document cache: large documents are read whole without analysis, and their memory is given back after closing. */
import assert from 'node:assert/strict';
import { AnalysedDocuments, COLLECT_AFTER_CLOSING } from '../../server/src/analysed-documents';
import { LineDocument } from '../../server/src/line-document';
import { MAX_ANALYSED_DOCUMENT } from '../../server/src/publish-limits';
import type { MethodNames } from '../../server/src/analysis/types';

const names: MethodNames = { has: (n: string) => n === 'crm.item.add', matches: () => false } as unknown as MethodNames;

describe('AnalysedDocuments', () => {
  it('skips the analysis of a document over the size limit and collects garbage once it is closed', () => {
    let collections = 0;
    const cache = new AnalysedDocuments(
      () => names,
      () => collections++,
    );
    const minified = "BX24.callMethod('crm.item.add');".repeat(Math.ceil((MAX_ANALYSED_DOCUMENT + 1) / 32));
    const big = LineDocument.create('file:///app.min.js', 'javascript', 1, minified);
    const analysed = cache.get(big);
    assert.equal(analysed?.analysis.references.length, 0);
    assert.equal(AnalysedDocuments.tooLarge(big), true);
    cache.forget(big.uri);
    assert.equal(collections, 1);
  });

  it('analyses an ordinary document and closes it without a collection', () => {
    let collections = 0;
    const cache = new AnalysedDocuments(
      () => names,
      () => collections++,
    );
    const doc = LineDocument.create('file:///app.js', 'javascript', 1, "BX24.callMethod('crm.item.add');\n");
    assert.equal(cache.get(doc)?.analysis.references.length, 1);
    cache.forget(doc.uri);
    assert.equal(collections, 0);
    assert.ok(COLLECT_AFTER_CLOSING > doc.getText().length);
  });
});
