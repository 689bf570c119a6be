/**
 * One HTTP exchange with a portal: fetch with a timeout and cancellation,
 * read the whole body under the same deadline, parse JSON, and turn the
 * outcome into either an envelope or a PortalError. No retries here.
 */
import { ErrorContext, errorFromResponse, isPortalError, localError, PortalError } from './errors';
import { Redactor } from './redact';
import { isRecord } from '../util/is-record';
import { localize } from '../l10n/localize';

/** The subset of `fetch` the client uses; injectable for tests. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface HttpReply {
  status: number;
  /** Parsed JSON body, or undefined when the body was empty or not JSON. */
  json: unknown;
  /** True when there was a body but it did not parse as JSON. */
  malformed: boolean;
  retryAfterMs: number | undefined;
}

export interface ExchangeOptions {
  signal?: AbortSignal;
  timeoutMs: number;
  /** For error messages; never contains secrets. */
  ctx: ErrorContext;
  redactor: Redactor;
}

/** Performs one request, never following redirects; rejects only with `network`, `timeout`, `cancelled` or `redirect` PortalErrors. */
export async function exchange(fetchFn: FetchLike, url: string, init: RequestInit, opts: ExchangeOptions): Promise<HttpReply> {
  if (opts.signal?.aborted) throw localError('cancelled', opts.ctx);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, opts.timeoutMs);
  const onAbort = (): void => controller.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    // Following a redirect would re-send the body (with an OAuth token and a write's parameters) to
    // another address, over http if it says so; a 301/302 would even turn a write into a GET.
    const res = await fetchFn(url, { ...init, redirect: 'manual', signal: controller.signal });
    if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
      await res.body?.cancel().catch(() => undefined);
      const target = redirectTarget(url, res.headers.get('location'), opts.redactor);
      throw localError('redirect', { ...opts.ctx, status: res.status || undefined, target, detail: target });
    }
    const text = await res.text();
    let json: unknown;
    let malformed = false;
    if (text.trim() !== '') {
      try {
        json = JSON.parse(text);
      } catch {
        malformed = true;
      }
    }
    return { status: res.status, json, malformed, retryAfterMs: parseRetryAfter(res.headers.get('retry-after')) };
  } catch (e) {
    if (isPortalError(e)) throw e;
    if (opts.signal?.aborted) throw localError('cancelled', opts.ctx);
    if (timedOut) throw localError('timeout', opts.ctx);
    throw localError('network', { ...opts.ctx, detail: networkDetail(e, opts.redactor) });
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

/** The origin a redirect points to, for the message: never its path or query, which may carry a secret. */
function redirectTarget(from: string, location: string | null, redactor: Redactor): string {
  if (location === null || location.trim() === '') return localize('an address it did not give');
  try {
    const target = new URL(location, from);
    const origin = target.origin === 'null' ? `a ${target.protocol} address` : target.origin;
    return redactor.redactText(origin);
  } catch {
    return localize('an address that is not valid');
  }
}

/** A short, secret-free reason for a failed fetch: the system error code when there is one. */
function networkDetail(e: unknown, redactor: Redactor): string {
  const cause = e instanceof Error ? e.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  return redactor.redactText(e instanceof Error ? e.message : String(e));
}

function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** A successful Bitrix24 REST reply. */
export interface Envelope<T = unknown> {
  result: T;
  total?: number;
  next?: number;
}

/** The `{error, error_description}` of a reply, when it has one. */
export function replyError(reply: HttpReply, ctx: ErrorContext, redactor: Redactor): PortalError | undefined {
  const body = reply.json;
  if (isRecord(body) && typeof body.error === 'string') {
    const description = typeof body.error_description === 'string' ? redactor.redactText(body.error_description) : undefined;
    return errorFromResponse(body.error, { ...ctx, status: reply.status, detail: description, retryAfterMs: reply.retryAfterMs });
  }
  if (reply.status < 200 || reply.status >= 300) {
    return errorFromResponse(undefined, { ...ctx, status: reply.status, retryAfterMs: reply.retryAfterMs });
  }
  return undefined;
}

/** Turns a reply into an envelope or throws the PortalError it stands for. */
export function toEnvelope(reply: HttpReply, ctx: ErrorContext, redactor: Redactor): Envelope {
  const error = replyError(reply, ctx, redactor);
  if (error) throw error;
  const body = reply.json;
  if (reply.malformed || !isRecord(body) || !('result' in body)) {
    throw localError('malformed', { ...ctx, detail: reply.malformed ? 'invalid JSON' : 'no "result" member' });
  }
  return {
    result: body.result,
    total: asCount(body.total),
    next: asCount(body.next),
  };
}

/** A non-negative integer from a count field; portals send numbers, some proxies numeric strings. */
export function asCount(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
}
