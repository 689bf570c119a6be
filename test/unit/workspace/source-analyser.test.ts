/** Calls with positions: the same for any size, and a large file's conversion takes turns with other work. */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toCalls, toCallsTakingTurns } from '../../../server/src/workspace/source-analyser';
import { analyse } from '../../../server/src/analysis/analyse';
import { testCatalogue } from '../manifest/helpers/test-catalogue';

describe('source analyser: calls with positions', () => {
  const text = Array.from({ length: 12_000 }, (_, i) => (i % 3 === 0 ? `\r\n  call('crm.lead.add'); // ${i}` : `call('tasks.task.add')`)).join('\n');
  const analysis = analyse(text, 'js', testCatalogue());

  it('puts every call where the editor would, however many there are', async () => {
    assert.equal(analysis.references.length, 12_000);
    const doc = TextDocument.create('file:///a.js', 'javascript', 1, text);
    const taken = await toCallsTakingTurns(text, analysis);
    assert.deepEqual(taken, toCalls(text, analysis));
    for (const i of [0, 1, 2, 5_000, 11_999]) {
      const r = analysis.references[i];
      assert.deepEqual(taken.calls[i].range, { start: doc.positionAt(r.start), end: doc.positionAt(r.end) });
      assert.equal(taken.calls[i].name, r.name);
    }
  });

  it('lets other work run while a large file is converted, and does a small one at once', async () => {
    let ranMeanwhile = false;
    setImmediate(() => (ranMeanwhile = true));
    await toCallsTakingTurns(text, analysis, 0);
    assert.ok(ranMeanwhile, 'an immediate queued before the conversion ran before it finished');
    ranMeanwhile = false;
    setImmediate(() => (ranMeanwhile = true));
    const small = analyse("call('crm.lead.add')", 'js', testCatalogue());
    await toCallsTakingTurns("call('crm.lead.add')", small, 0);
    assert.equal(ranMeanwhile, false);
  });
});
