/** The line-array document gives the same text and positions as the reference TextDocument, edit after edit. */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineDocument } from '../../server/src/line-document';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

describe('LineDocument', () => {
  it('matches TextDocument over 3,000 random edits with \\n, \\r\\n and \\r line ends, ranges past the end included', () => {
    const random = rng(42);
    const pieces = ['a', 'bc', '\n', '\r\n', '\r', 'x\ny', '', 'BX24.callMethod(', "'crm.item.add')", '\r\n\r\n', 'é'];
    const start = 'line one\r\nline two\nthree\rfour\n';
    const ref = TextDocument.create('file:///a.js', 'javascript', 1, start);
    const doc = LineDocument.create('file:///a.js', 'javascript', 1, start);
    for (let v = 2; v < 3002; v++) {
      const text = ref.getText();
      const at = () => ref.positionAt(Math.floor(random() * (text.length + 1)));
      let a = at();
      let b = random() < 0.5 ? a : at();
      if (b.line < a.line || (b.line === a.line && b.character < a.character)) [a, b] = [b, a];
      if (random() < 0.05) b = { line: b.line + 3, character: 99 }; // past the end
      if (random() < 0.05) a = { line: a.line, character: a.character + 50 }; // past the end of a line
      const insert = Array.from({ length: Math.floor(random() * 3) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const change = random() < 0.02 ? { text: insert + text.slice(0, 40) } : { range: { start: a, end: b }, text: insert };
      TextDocument.update(ref, [change], v);
      LineDocument.update(doc, [change], v);
      assert.equal(doc.getText(), ref.getText(), `text after edit ${v}`);
      assert.equal(doc.lineCount, ref.lineCount, `line count after edit ${v}`);
      const probe = Math.floor(random() * (ref.getText().length + 1));
      assert.deepEqual(doc.positionAt(probe), ref.positionAt(probe), `positionAt(${probe}) after edit ${v}`);
      const pos = ref.positionAt(probe);
      assert.equal(doc.offsetAt(pos), ref.offsetAt(pos), `offsetAt after edit ${v}`);
      assert.equal(doc.offsetAt({ line: pos.line, character: 999 }), ref.offsetAt({ line: pos.line, character: 999 }));
    }
    assert.equal(doc.version, 3001);
  });

  it('gives the same positions as TextDocument in a document just opened, asked in any order, before it is ever split into lines', () => {
    const random = rng(7);
    const pieces = ['a', 'bc', '\n', '\r\n', '\r', '\n\r', 'é', "b.callMethod('q.a')", ''];
    for (let round = 0; round < 200; round++) {
      const text = Array.from({ length: Math.floor(random() * 40) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const ref = TextDocument.create('file:///a.js', 'javascript', 1, text);
      const doc = LineDocument.create('file:///a.js', 'javascript', 1, text);
      for (let k = 0; k < 30; k++) {
        const offset = Math.floor(random() * (text.length + 3)) - 1;
        assert.deepEqual(doc.positionAt(offset), ref.positionAt(offset), `positionAt(${offset}) of ${JSON.stringify(text)}`);
        const pos = { line: Math.floor(random() * (ref.lineCount + 2)) - (random() < 0.1 ? 1 : 0), character: Math.floor(random() * 12) };
        assert.equal(doc.offsetAt(pos), ref.offsetAt(pos), `offsetAt(${JSON.stringify(pos)}) of ${JSON.stringify(text)}`);
      }
      assert.equal(doc.lineCount, ref.lineCount);
      assert.deepEqual(doc.positionAt(text.length), ref.positionAt(text.length));
    }
  });

  it('applies 1,000 one-character edits to a 1 MB document by touching only their lines', () => {
    const line = "  const res = await b24.callMethod('crm.item.add', { id });\n";
    const doc = LineDocument.create('file:///big.js', 'javascript', 1, line.repeat(Math.ceil(1e6 / line.length)));
    for (let v = 2; v <= 1001; v++) {
      LineDocument.update(doc, [{ range: { start: { line: v, character: 0 }, end: { line: v, character: 0 } }, text: 'x' }], v);
    }
    assert.equal(doc.getText({ start: { line: 5, character: 0 }, end: { line: 5, character: 3 } }), 'x  ');
    assert.equal(doc.getText().length, Math.ceil(1e6 / line.length) * line.length + 1000);
  });
});
