/**
 * The stdio reader's worker thread (see framed-reader.ts): parses big message bodies, and keeps
 * the text of documents too large to analyse, so the server's thread never holds or copies them.
 *
 * In: `{ id, piece, last }` pieces of one body (forwarded as they arrive), or `{ id, message }` a
 * message already parsed that concerns a held document (an edit, a close).
 * Out: `{ id, deliver }` the messages the server gets in its place, or `{ id, error }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

export type ToWorker = { id: number; piece: Uint8Array; last: boolean } | { id: number; message: WireMessage };
/** Given by the reader, so this thread loads nothing of the server but the text document. */
export interface WorkerSettings {
  /** Documents longer than this (characters) are held here. */
  limit: number;
  heldMethod: string;
  releasedMethod: string;
}
export type FromWorker = { id: number; deliver: WireMessage[] } | { id: number; error: string };

export interface WireMessage {
  jsonrpc: string;
  method?: string;
  params?: unknown;
  id?: number | string | null;
}

interface DocumentParams {
  textDocument: { uri: string; languageId?: string; version?: number; text?: string };
  contentChanges?: TextDocumentContentChangeEvent[];
}

const held = new Map<string, TextDocument>();
const pending = new Map<number, Uint8Array[]>();

/** What the server gets for `message`: itself, or what stands in for a held document (`store`). */
export function handle(message: WireMessage, store: Map<string, TextDocument>, settings: WorkerSettings): WireMessage[] {
  const { limit } = settings;
  const heldNote = (doc: TextDocument): WireMessage => ({
    jsonrpc: '2.0',
    method: settings.heldMethod,
    params: { uri: doc.uri, languageId: doc.languageId, version: doc.version, length: doc.getText().length },
  });
  const released = (uri: string, reopened: boolean): WireMessage => ({ jsonrpc: '2.0', method: settings.releasedMethod, params: { uri, reopened } });
  const params = message.params as DocumentParams | undefined;
  const td = params?.textDocument;
  if (!td || typeof td.uri !== 'string') return [message];
  switch (message.method) {
    case 'textDocument/didOpen': {
      if (typeof td.text !== 'string' || td.text.length <= limit) return [message];
      const doc = TextDocument.create(td.uri, td.languageId ?? 'plaintext', td.version ?? 0, td.text);
      store.set(td.uri, doc);
      return [heldNote(doc)];
    }
    case 'textDocument/didChange': {
      const doc = store.get(td.uri);
      if (!doc) return [message];
      TextDocument.update(doc, params.contentChanges ?? [], td.version ?? doc.version + 1);
      if (doc.getText().length > limit) return [heldNote(doc)];
      store.delete(td.uri);
      const reopen = { uri: doc.uri, languageId: doc.languageId, version: doc.version, text: doc.getText() };
      return [released(td.uri, true), { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: reopen } }];
    }
    case 'textDocument/didClose':
      return store.delete(td.uri) ? [released(td.uri, false)] : [message];
    default:
      return [message];
  }
}

function receive(m: ToWorker): FromWorker | undefined {
  let message: WireMessage;
  if ('piece' in m) {
    const pieces = pending.get(m.id) ?? [];
    pieces.push(m.piece);
    if (!m.last) {
      pending.set(m.id, pieces);
      return undefined;
    }
    pending.delete(m.id);
    try {
      message = JSON.parse(Buffer.concat(pieces).toString('utf8')) as WireMessage;
    } catch (err) {
      return { id: m.id, error: `Message is not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
    }
  } else message = m.message;
  try {
    return { id: m.id, deliver: handle(message, held, workerData as WorkerSettings) };
  } catch (err) {
    return { id: m.id, error: `Message could not be applied to the held document: ${err instanceof Error ? err.message : String(err)}` };
  }
}

parentPort?.on('message', (m: ToWorker) => {
  const reply = receive(m);
  if (reply) parentPort!.postMessage(reply);
});
