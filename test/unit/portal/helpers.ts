/**
 * Test doubles for the portal layer: a scripted HTTP server on loopback, a
 * clock the tests drive, in-memory secret and settings stores, and a log sink
 * that keeps every line.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { Clock } from '../../../client/src/portal/clock';
import { PortalSettings, SecretStore, SettingsStore } from '../../../client/src/portal/connections';
import { localError } from '../../../client/src/portal/errors';
import { LogSink } from '../../../client/src/portal/redact';

export interface Hit {
  /** REST method name from the path (`profile`), or `oauth/token`. */
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

export type Reply = { status?: number; json?: unknown; raw?: string; headers?: Record<string, string> } | 'hang' | 'reset';

export type Script = (hit: Hit, index: number) => Reply | Promise<Reply>;

export interface ScriptedPortal {
  baseUrl: string;
  hits: Hit[];
  /** Hits for one method. */
  count(method: string): number;
  /** Resolves when the server has received `n` requests in total. */
  received(n: number): Promise<void>;
  close(): Promise<void>;
}

function methodFromPath(path: string): string {
  if (path.startsWith('/oauth/token')) return 'oauth/token';
  const parts = path.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? '';
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** Starts a loopback HTTP server whose every answer comes from `script`. */
export async function startScriptedPortal(script: Script): Promise<ScriptedPortal> {
  const hits: Hit[] = [];
  const sockets = new Set<Socket>();
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const hit: Hit = { method: methodFromPath(url.pathname), path: url.pathname, query: url.searchParams, body: await readBody(req) };
      hits.push(hit);
      for (const w of waiters.filter((w) => hits.length >= w.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
      const reply = await script(hit, hits.length - 1);
      if (reply === 'hang') return;
      if (reply === 'reset') {
        req.socket.destroy();
        return;
      }
      const body = reply.raw ?? JSON.stringify(reply.json ?? {});
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      res.end(body);
    })();
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    hits,
    count: (method) => hits.filter((h) => h.method === method).length,
    received: (n) => (hits.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve }))),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A Bitrix24 success body. */
export function ok(result: unknown, extra: Record<string, unknown> = {}): Reply {
  return { json: { result, ...extra, time: { start: 0, finish: 0, duration: 0 } } };
}

/** A Bitrix24 error body with its status. */
export function fail(status: number, error: string, description = ''): Reply {
  return { status, json: { error, error_description: description } };
}

/**
 * A clock that never waits: `sleep` moves time to the sleeper's deadline at
 * once, so concurrent sleepers end at the latest deadline, as they would in real time.
 */
export class FakeClock implements Clock {
  t = 0;
  readonly sleeps: number[] = [];
  now(): number {
    return this.t;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(localError('cancelled'));
    this.sleeps.push(ms);
    const deadline = this.t + ms;
    return Promise.resolve().then(() => {
      this.t = Math.max(this.t, deadline);
    });
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export class MemorySecrets implements SecretStore {
  readonly data = new Map<string, string>();
  async get(key: string): Promise<string | undefined> {
    return this.data.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    this.data.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.data.delete(key);
  }
}

export class MemorySettings implements SettingsStore {
  value: PortalSettings = { portals: [] };
  /** Every value ever written, as JSON, for leak checks. */
  readonly writes: string[] = [];
  read(): PortalSettings {
    return structuredClone(this.value);
  }
  async write(settings: PortalSettings): Promise<void> {
    this.writes.push(JSON.stringify(settings));
    this.value = structuredClone(settings);
  }
}

export class CapturingLog implements LogSink {
  readonly lines: string[] = [];
  debug(m: string): void {
    this.lines.push(`debug ${m}`);
  }
  info(m: string): void {
    this.lines.push(`info ${m}`);
  }
  warn(m: string): void {
    this.lines.push(`warn ${m}`);
  }
  error(m: string): void {
    this.lines.push(`error ${m}`);
  }
}

/** Awaits `p` expecting a rejection and returns the error. */
export async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}
