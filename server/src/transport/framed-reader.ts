/**
 * The server's reader for LSP over a byte stream (stdio): `Content-Length` framing, then JSON.
 *
 * vscode-jsonrpc's own reader joins and parses every message on the server's thread, so opening a
 * 20 MB minified file stalled the server about 200 ms before any of its code ran, and the server
 * then held the text although it never analyses a document that large. This reader does the
 * framing itself and sends bodies of `offThreadBytes` or more, piece by piece as they arrive, to a
 * worker thread (parse-worker.ts) that parses them. A document too large to analyse stays in that
 * thread: the server gets `bitrix24/documentHeld` instead of its text, the reader sends the
 * document's later edits and its close to the worker, and an edit that makes it small enough hands
 * it over as a `textDocument/didOpen`. Smaller bodies are parsed in place. The worker starts on
 * first need and stops when it holds nothing. Messages are delivered in the order they arrived.
 */
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { AbstractMessageReader, Disposable, type DataCallback, type Message } from 'vscode-languageserver/node';
import { MAX_ANALYSED_DOCUMENT } from '../publish-limits';
import { DocumentHeldNotification, DocumentReleasedNotification, type DocumentHeldParams, type DocumentReleasedParams } from '../protocol';
import type { FromWorker, ToWorker, WireMessage, WorkerSettings } from './parse-worker';

/** Bodies this size or larger are parsed off the server's thread. */
export const OFF_THREAD_BYTES = 4 * 1024 * 1024;
/** A header block longer than this is garbage, not LSP. */
const MAX_HEADER_BYTES = 8192;
/** The worker is stopped after this long with nothing to do and nothing held. */
const WORKER_IDLE_MS = 2000;

interface Slot {
  done: boolean;
  messages?: WireMessage[];
  error?: Error;
}

export interface FramedReaderOptions {
  /** Bodies of this many bytes or more go to the worker; `Infinity` keeps all parsing in place. */
  offThreadBytes?: number;
  /** Documents longer than this (characters) are held in the worker. */
  holdLongerThan?: number;
  /** The worker's script and Node options; by default the bundled `dist/server/parse-worker.js`. */
  worker?: { file: string; execArgv?: string[] };
}

export class FramedMessageReader extends AbstractMessageReader {
  private readonly offThreadBytes: number;
  private readonly settings: WorkerSettings;
  private readonly workerFile: string;
  private readonly workerArgv: string[];
  private callback: DataCallback | undefined;
  /** Bytes received and not yet consumed, in arrival order. */
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** The body length being waited for, or -1 while reading headers. */
  private bodyLength = -1;
  /** A body being forwarded to the worker as it arrives. */
  private streaming: { id: number; left: number } | undefined;
  /** Messages in arrival order; the head is delivered as soon as it is ready. */
  private readonly queue: Slot[] = [];
  private worker: Worker | undefined;
  private readonly jobs = new Map<number, Slot>();
  private nextJob = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  /** Documents whose text the worker holds. */
  private readonly held = new Set<string>();
  private shutdownSeen = false;

  constructor(
    private readonly input: Readable,
    options: FramedReaderOptions = {},
  ) {
    super();
    this.offThreadBytes = options.offThreadBytes ?? OFF_THREAD_BYTES;
    this.settings = {
      limit: options.holdLongerThan ?? MAX_ANALYSED_DOCUMENT,
      heldMethod: DocumentHeldNotification.method,
      releasedMethod: DocumentReleasedNotification.method,
    };
    // dist/server/ and dist/bin/ both reach the one worker bundle in dist/server/.
    this.workerFile = options.worker?.file ?? resolve(__dirname, '..', 'server', 'parse-worker.js');
    this.workerArgv = options.worker?.execArgv ?? [];
  }

  /** Whether a `shutdown` request came through, so an end of input afterwards is an orderly exit. */
  get sawShutdown(): boolean {
    return this.shutdownSeen;
  }

  /** Documents held off the server's thread now. */
  get heldDocuments(): ReadonlySet<string> {
    return this.held;
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer) => this.take(chunk);
    const onError = (err: Error) => this.fireError(err);
    const onEnd = () => this.fireClose();
    this.input.on('data', onData);
    this.input.on('error', onError);
    this.input.on('end', onEnd);
    this.input.on('close', onEnd);
    return Disposable.create(() => {
      this.callback = undefined;
      this.input.off('data', onData);
      this.input.off('error', onError);
      this.input.off('end', onEnd);
      this.input.off('close', onEnd);
      this.stopWorker(true);
    });
  }

  override dispose(): void {
    super.dispose();
    this.stopWorker(true);
  }

  private take(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      if (this.streaming) {
        if (!this.forward()) return;
        continue;
      }
      if (this.bodyLength < 0) {
        const header = this.readHeader();
        if (header === undefined) return;
        if (header instanceof Error) {
          // The stream cannot be re-synchronised: drop what is buffered and report.
          this.chunks = [];
          this.buffered = 0;
          this.fireError(header);
          return;
        }
        this.bodyLength = header;
        if (header >= this.offThreadBytes && this.startWorker()) {
          const id = this.nextJob++;
          this.jobs.set(id, this.enqueue());
          this.streaming = { id, left: header };
          this.bodyLength = -1;
          continue;
        }
      }
      if (this.buffered < this.bodyLength) return;
      const body = this.consume(this.bodyLength);
      const bytes = this.bodyLength;
      this.bodyLength = -1;
      this.parseInPlace(body, bytes);
    }
  }

  /** Sends what has arrived of the streaming body to the worker; true when the body is complete. */
  private forward(): boolean {
    const s = this.streaming!;
    const n = Math.min(s.left, this.buffered);
    const pieces = this.consume(n);
    s.left -= n;
    pieces.forEach((p, i) => {
      // Moved to the worker, not cloned: a pipe chunk that owns its memory goes as it is; a piece of
      // one (at a message boundary) is copied first (at most 64 KiB).
      const memory = p.buffer;
      const own = memory instanceof ArrayBuffer && p.byteOffset === 0 && p.byteLength === memory.byteLength;
      const piece = own ? new Uint8Array(memory) : Uint8Array.prototype.slice.call(p);
      const message: ToWorker = { id: s.id, piece, last: s.left === 0 && i === pieces.length - 1 };
      this.worker!.postMessage(message, [piece.buffer as ArrayBuffer]);
    });
    if (s.left > 0) return false;
    if (n === 0) this.worker!.postMessage({ id: s.id, piece: new Uint8Array(0), last: true } satisfies ToWorker);
    this.streaming = undefined;
    return true;
  }

  /** The body length from a complete header block (consumed), undefined while incomplete. */
  private readHeader(): number | Error | undefined {
    if (this.buffered === 0) return undefined;
    const head = this.peek(Math.min(this.buffered, MAX_HEADER_BYTES));
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return this.buffered >= MAX_HEADER_BYTES ? new Error(`Header block longer than ${MAX_HEADER_BYTES} bytes: not an LSP message.`) : undefined;
    this.consume(end + 4);
    let length: number | undefined;
    for (const line of head.subarray(0, end).toString('ascii').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon < 0) return new Error(`Malformed header line: ${JSON.stringify(line.slice(0, 80))}`);
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-length') length = /^\d+$/.test(value) ? Number(value) : NaN;
      else if (name === 'content-type' && /charset=/i.test(value) && !/charset=utf-?8/i.test(value)) return new Error(`Unsupported content type: ${value}`);
    }
    if (length === undefined || !Number.isSafeInteger(length)) return new Error('Header block without a valid Content-Length.');
    return length;
  }

  /** The first `n` buffered bytes, without consuming them (joins only the chunks it needs). */
  private peek(n: number): Buffer {
    if (this.chunks[0].length >= n) return this.chunks[0].subarray(0, n);
    const parts: Buffer[] = [];
    let got = 0;
    for (const c of this.chunks) {
      if (got >= n) break;
      parts.push(c.subarray(0, n - got));
      got += Math.min(c.length, n - got);
    }
    return Buffer.concat(parts, got);
  }

  /** Removes the first `n` buffered bytes and returns them as the pieces they arrived in. */
  private consume(n: number): Buffer[] {
    const out: Buffer[] = [];
    let left = n;
    while (left > 0) {
      const c = this.chunks[0];
      if (c.length <= left) {
        out.push(c);
        this.chunks.shift();
        left -= c.length;
      } else {
        out.push(c.subarray(0, left));
        this.chunks[0] = c.subarray(left);
        left = 0;
      }
    }
    this.buffered -= n;
    return out;
  }

  private enqueue(): Slot {
    const slot: Slot = { done: false };
    this.queue.push(slot);
    return slot;
  }

  private parseInPlace(body: Buffer[], bytes: number): void {
    const slot = this.enqueue();
    let message: WireMessage;
    try {
      message = JSON.parse(Buffer.concat(body, bytes).toString('utf8')) as WireMessage;
    } catch (err) {
      slot.error = new Error(`Message is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
      slot.done = true;
      this.deliver();
      return;
    }
    // An edit or the close of a held document goes to the worker that holds its text; so does every
    // edit and close while the worker is busy, as its document may be the one being opened there.
    const uri = (message.params as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
    const documentEvent = message.method === 'textDocument/didChange' || message.method === 'textDocument/didClose';
    if (documentEvent && typeof uri === 'string' && this.worker && (this.held.has(uri) || this.jobs.size > 0)) {
      const id = this.nextJob++;
      this.jobs.set(id, slot);
      this.worker.postMessage({ id, message } satisfies ToWorker);
      return;
    }
    slot.messages = [message];
    slot.done = true;
    this.deliver();
  }

  /** Hands over everything ready at the head of the queue. */
  private deliver(): void {
    while (this.queue.length > 0 && this.queue[0].done) {
      const slot = this.queue.shift()!;
      if (slot.error) {
        this.fireError(slot.error);
        continue;
      }
      for (const message of slot.messages ?? []) {
        if (message.method === 'shutdown') this.shutdownSeen = true;
        else if (message.method === this.settings.heldMethod) this.held.add((message.params as DocumentHeldParams).uri);
        else if (message.method === this.settings.releasedMethod) this.held.delete((message.params as DocumentReleasedParams).uri);
        this.callback?.(message as Message);
      }
    }
    this.stopWhenIdle();
  }

  private startWorker(): Worker | undefined {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.worker) return this.worker;
    let worker: Worker;
    if (!existsSync(this.workerFile)) return undefined; // run from sources without a build: parse in place
    try {
      // No inherited execArgv: a profiler or preload given to the server is not wanted in the parser.
      worker = new Worker(this.workerFile, { execArgv: this.workerArgv, workerData: this.settings });
    } catch {
      return undefined; // no worker here: parse in place
    }
    worker.unref();
    worker.on('message', (reply: FromWorker) => {
      const slot = this.jobs.get(reply.id);
      if (!slot) return;
      this.jobs.delete(reply.id);
      if ('error' in reply) slot.error = new Error(reply.error);
      else slot.messages = reply.deliver;
      slot.done = true;
      this.deliver();
    });
    const fail = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.streaming = undefined;
      // Whatever it held is lost: report each message instead of waiting for it, and let the
      // server drop the documents it was holding.
      for (const slot of this.jobs.values()) {
        slot.error = new Error(`The message parser stopped (${why}); a message was dropped.`);
        slot.done = true;
      }
      this.jobs.clear();
      const lost = [...this.held].map((uri) => ({ jsonrpc: '2.0', method: this.settings.releasedMethod, params: { uri, reopened: false } }));
      if (lost.length) this.queue.push({ done: true, messages: lost });
      this.deliver();
    };
    worker.on('error', (err) => fail(err.message));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    this.worker = worker;
    return worker;
  }

  private stopWhenIdle(): void {
    if (!this.worker || this.idleTimer || this.jobs.size > 0 || this.held.size > 0 || this.streaming) return;
    this.idleTimer = setTimeout(() => this.stopWorker(), WORKER_IDLE_MS).unref();
  }

  /** Stops the worker once it has nothing to do and holds nothing (or at once, `force`, when the reader is disposed). */
  private stopWorker(force = false): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const worker = this.worker;
    if (!worker || (!force && (this.jobs.size > 0 || this.held.size > 0 || this.streaming))) return;
    this.worker = undefined;
    void worker.terminate();
  }
}
