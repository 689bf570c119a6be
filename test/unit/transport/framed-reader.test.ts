/** The server's stdio reader: framing across any chunking, order kept when big bodies are parsed in a worker, bad input reported. */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { Message } from 'vscode-languageserver/node';
import { join } from 'node:path';
import { FramedMessageReader } from '../../../server/src/transport/framed-reader';

/** The worker from its TypeScript source, as the bundled one runs it. */
const WORKER = { file: join(__dirname, '../../../server/src/transport/parse-worker.ts'), execArgv: ['--require', 'tsx/cjs'] };

const frame = (message: unknown, header = ''): Buffer => {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n${header}\r\n`, 'ascii'), body]);
};

/** A reader on a fresh stream, collecting messages and errors. */
function open(offThreadBytes?: number, holdLongerThan?: number) {
  const input = new PassThrough();
  const reader = new FramedMessageReader(input, { offThreadBytes, holdLongerThan, worker: WORKER });
  const messages: Message[] = [];
  const errors: string[] = [];
  const waiters: (() => void)[] = [];
  const changed = () => waiters.splice(0).forEach((w) => w());
  reader.listen((m) => {
    messages.push(m);
    changed();
  });
  reader.onError((e) => {
    errors.push(e.message);
    changed();
  });
  const until = async (done: () => boolean) => {
    while (!done()) await new Promise<void>((r) => waiters.push(r));
  };
  return { input, reader, messages, errors, until };
}

const didOpen = (i: number, text: string) => ({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: `file:///f${i}.js`, text } } });

describe('FramedMessageReader', () => {
  it('reads the same messages whatever the chunking: one byte at a time, several messages in one chunk, a UTF-8 character split', async () => {
    const sent = [didOpen(1, 'сделка ✓ 😀'), { jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: {} }, didOpen(3, 'x'.repeat(20_000))];
    const bytes = Buffer.concat([frame(sent[0], 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n'), frame(sent[1]), frame(sent[2])]);
    for (const size of [1, 7, 64, 65_536, bytes.length]) {
      const r = open();
      for (let at = 0; at < bytes.length; at += size) r.input.write(bytes.subarray(at, at + size));
      await r.until(() => r.messages.length === 3);
      assert.deepEqual(r.messages, sent, `chunks of ${size} bytes`);
      assert.deepEqual(r.errors, []);
      r.reader.dispose();
    }
  });

  it('keeps arrival order when big bodies are parsed in a worker and small ones in place', async () => {
    const r = open(1000, 1_000_000);
    const sent = [
      didOpen(1, 'a'.repeat(5000)),
      { jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: {} },
      didOpen(3, 'сделка'.repeat(2000)),
      didOpen(4, 'small'),
    ];
    r.input.write(Buffer.concat(sent.map((m) => frame(m))));
    await r.until(() => r.messages.length === 4);
    assert.deepEqual(r.messages, sent);
    r.reader.dispose();
  });

  it('reports a body that is not JSON, in place or in the worker, and goes on with the next message', async () => {
    for (const offThreadBytes of [Number.POSITIVE_INFINITY, 10]) {
      const r = open(offThreadBytes);
      const bad = Buffer.from('{"jsonrpc":"2.0", "method": ', 'utf8');
      r.input.write(Buffer.concat([Buffer.from(`Content-Length: ${bad.length}\r\n\r\n`), bad, frame(didOpen(1, 'after'))]));
      await r.until(() => r.messages.length === 1 && r.errors.length === 1);
      assert.match(r.errors[0], /not valid JSON/);
      assert.deepEqual(r.messages, [didOpen(1, 'after')]);
      r.reader.dispose();
    }
  });

  it('reports a header block that is not LSP instead of waiting forever', async () => {
    for (const garbage of ['Content-Length: twelve\r\n\r\n{}', 'hello\r\n\r\n', `X-${'a'.repeat(9000)}`]) {
      const r = open();
      r.input.write(garbage);
      await r.until(() => r.errors.length === 1);
      assert.deepEqual(r.messages, []);
      r.reader.dispose();
    }
  });

  it('tells an end of input after shutdown from one without it', async () => {
    for (const withShutdown of [false, true]) {
      const r = open();
      const closed = new Promise<void>((resolve) => r.reader.onClose(() => resolve()));
      if (withShutdown) r.input.write(frame({ jsonrpc: '2.0', id: 9, method: 'shutdown' }));
      r.input.end();
      await closed;
      assert.equal(r.messages.length, withShutdown ? 1 : 0);
      assert.equal(r.reader.sawShutdown, withShutdown);
      r.reader.dispose();
    }
  });

  it('keeps a document too large to analyse in the worker: the server gets its length, its edits there, its text back once small enough', async () => {
    const r = open(1000, 5000);
    const uri = 'file:///app.min.js';
    const big = 'x'.repeat(8000) + '\nсделка';
    const send = (m: unknown) => r.input.write(frame(m));
    send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'javascript', version: 1, text: big } } });
    await r.until(() => r.messages.length === 1);
    assert.deepEqual(r.messages[0], {
      jsonrpc: '2.0',
      method: 'bitrix24/documentHeld',
      params: { uri, languageId: 'javascript', version: 1, length: big.length },
    });
    assert.deepEqual([...r.reader.heldDocuments], [uri]);
    // A small edit is parsed in place and goes to the worker: still too large.
    const change = (version: number, range: unknown, text: string) => ({
      jsonrpc: '2.0',
      method: 'textDocument/didChange',
      params: { textDocument: { uri, version }, contentChanges: [{ range, text }] },
    });
    send(change(2, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, 'BX24.callMethod("crm.deal.add"); '));
    send({ jsonrpc: '2.0', id: 7, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///other.js' }, position: { line: 0, character: 0 } } });
    await r.until(() => r.messages.length === 3);
    assert.equal(r.messages[1].jsonrpc, '2.0');
    assert.deepEqual((r.messages[1] as unknown as { params: unknown }).params, { uri, languageId: 'javascript', version: 2, length: big.length + 33 });
    assert.equal((r.messages[2] as unknown as { id: number }).id, 7, 'a request after the held edit comes after it');
    // Deleting the long first line makes it small: released, then opened with the edited text.
    send(change(3, { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, ''));
    await r.until(() => r.messages.length === 5);
    assert.deepEqual(r.messages.slice(3), [
      { jsonrpc: '2.0', method: 'bitrix24/documentReleased', params: { uri, reopened: true } },
      {
        jsonrpc: '2.0',
        method: 'textDocument/didOpen',
        params: { textDocument: { uri, languageId: 'javascript', version: 3, text: 'BX24.callMethod("crm.deal.add"); сделка' } },
      },
    ]);
    assert.equal(r.reader.heldDocuments.size, 0);
    // Now the server has it: its edits go there as they are.
    const later = change(4, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '// ');
    send(later);
    await r.until(() => r.messages.length === 6);
    assert.deepEqual(r.messages[5], later);
    r.reader.dispose();
  });

  it('closing a held document releases it, and the server is told it closed', async () => {
    const r = open(1000, 5000);
    const uri = 'file:///huge.js';
    r.input.write(
      frame({
        jsonrpc: '2.0',
        method: 'textDocument/didOpen',
        params: { textDocument: { uri, languageId: 'javascript', version: 1, text: 'y'.repeat(9000) } },
      }),
    );
    r.input.write(frame({ jsonrpc: '2.0', method: 'textDocument/didClose', params: { textDocument: { uri } } }));
    await r.until(() => r.messages.length === 2);
    assert.equal(r.messages[0].jsonrpc, '2.0');
    assert.deepEqual(r.messages[1], { jsonrpc: '2.0', method: 'bitrix24/documentReleased', params: { uri, reopened: false } });
    assert.equal(r.reader.heldDocuments.size, 0);
    r.reader.dispose();
  });

  it('a big body that is not a document open is parsed in the worker and delivered whole', async () => {
    const r = open(1000, 5000);
    const request = { jsonrpc: '2.0', id: 3, method: 'workspace/executeCommand', params: { arguments: ['z'.repeat(12_000)] } };
    r.input.write(frame(request));
    await r.until(() => r.messages.length === 1);
    assert.deepEqual(r.messages, [request]);
    r.reader.dispose();
  });
});
