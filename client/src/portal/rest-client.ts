/**
 * The one way the extension talks to a portal's REST API. Paces requests
 * with a leaky bucket, retries reads (never writes) on transient failures,
 * renews OAuth tokens once on `expired_token`, splits batches, follows paging,
 * and logs through a redacting logger.
 */
import { BatchCommand, batchCmd, BatchItem, chunkCommands, readBatchResult } from './batch';
import { Clock, systemClock } from './clock';
import { Credentials, methodUrl, OAuthCredentials, OAuthTokens, requestBody, secretsOf } from './credentials';
import { ErrorContext, errorFromResponse, isPortalError, localError, PortalError } from './errors';
import { isValidMethodName, MethodKind, methodKind } from './method-kind';
import { requestTokens } from './oauth';
import { RATE_LIMITS, RateLimit, RateLimiter } from './rate-limiter';
import { LogSink, PortalLogger, redactingLogger, Redactor } from './redact';
import { Envelope, exchange, FetchLike, toEnvelope } from './transport';
import { localize } from '../l10n/localize';

export interface RetryPolicy {
  /** Attempts in total for a read, including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface RestClientOptions {
  credentials: Credentials;
  fetch?: FetchLike;
  clock?: Clock;
  /** Share one limiter between clients of the same portal; otherwise one is made from `rateLimit`. */
  limiter?: RateLimiter;
  rateLimit?: RateLimit;
  log?: LogSink;
  /** Shared with the connection store so every secret it loaded is masked. */
  redactor?: Redactor;
  /** Per attempt; the portal itself stops a request after 60 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Jitter source, injectable for tests. */
  random?: () => number;
  /** Persists renewed OAuth tokens (the old refresh token stops working once used). */
  onTokens?: (tokens: OAuthTokens) => void | PromiseLike<void>;
  /** The scope a method needs, for "re-issue the webhook with scope X" advice. */
  requiredScope?: (method: string) => string | undefined;
  /** Overrides the name-based read/write rule. */
  classify?: (method: string) => MethodKind;
}

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Forces the classification: `true` never retries, `false` allows retries. */
  write?: boolean;
}

export interface ListOptions<T> extends CallOptions {
  /** Stop after this many items. */
  maxItems?: number;
  /** Where the items are in `result`; by default the result itself or its single array member. */
  pick?: (result: unknown) => T[] | undefined;
}

const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 10_000 };

export class RestClient {
  readonly portal: string;
  readonly authKind: Credentials['kind'];
  /** The portal's host, to tell portals apart in the log. */
  private readonly host: string;
  private creds: Credentials;
  private readonly fetchFn: FetchLike;
  private readonly clock: Clock;
  private readonly limiter: RateLimiter;
  private readonly redactor: Redactor;
  private readonly log: PortalLogger;
  private readonly retry: RetryPolicy;
  private refreshing: Promise<void> | undefined;
  private disposed = false;

  constructor(private readonly options: RestClientOptions) {
    this.creds = { ...options.credentials };
    this.portal = this.creds.portal;
    this.authKind = this.creds.kind;
    this.host = new URL(this.portal).host;
    this.fetchFn = options.fetch ?? ((url, init) => fetch(url, init));
    this.clock = options.clock ?? systemClock;
    this.limiter = options.limiter ?? new RateLimiter(options.rateLimit ?? RATE_LIMITS.standard, this.clock);
    this.redactor = options.redactor ?? new Redactor();
    this.redactor.addSecret(...secretsOf(this.creds));
    this.log = redactingLogger(options.log, this.redactor);
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  /** Calls `method` and returns its `result`. */
  async call<T = unknown>(method: string, params: Record<string, unknown> = {}, opts: CallOptions = {}): Promise<T> {
    return (await this.request<T>(method, params, opts)).result;
  }

  /** Calls `method` and returns the whole envelope (`result`, `total`, `next`). */
  async request<T = unknown>(method: string, params: Record<string, unknown> = {}, opts: CallOptions = {}): Promise<Envelope<T>> {
    checkMethodName(method);
    return (await this.send(method, params, this.kindOf(method, opts), opts)) as Envelope<T>;
  }

  /**
   * Runs commands through `batch`, 50 per request. An array is keyed "0", "1", ...
   * A batch is a read only when every command is. With `halt`, commands after
   * the first failure are reported as not executed.
   */
  async batch(commands: Record<string, BatchCommand> | BatchCommand[], opts: CallOptions & { halt?: boolean } = {}): Promise<Map<string, BatchItem>> {
    const entries: Array<[string, BatchCommand]> = Array.isArray(commands) ? commands.map((c, i) => [String(i), c]) : Object.entries(commands);
    for (const [, c] of entries) checkMethodName(c.method);
    const kind: MethodKind =
      opts.write !== undefined ? (opts.write ? 'write' : 'read') : entries.every(([, c]) => this.kindOf(c.method, {}) === 'read') ? 'read' : 'write';
    const items = new Map<string, BatchItem>();
    let halted = false;
    for (const chunk of chunkCommands(entries)) {
      if (halted) {
        for (const [key, c] of chunk) {
          items.set(key, { ok: false, error: errorFromResponse('NOT_EXECUTED', this.ctx(c.method)) });
        }
        continue;
      }
      const env = await this.send('batch', { halt: opts.halt ? 1 : 0, cmd: batchCmd(chunk) }, kind, opts);
      for (const [key, item] of readBatchResult(env.result, chunk, this.ctx('batch'), this.redactor)) {
        items.set(key, item);
        if (!item.ok && opts.halt) halted = true;
      }
    }
    return items;
  }

  /** Fetches every page of a list method by following `next`. */
  async list<T = unknown>(method: string, params: Record<string, unknown> = {}, opts: ListOptions<T> = {}): Promise<T[]> {
    const items: T[] = [];
    const pick = opts.pick ?? defaultPick<T>;
    let start: number | undefined;
    for (;;) {
      const env = await this.request(method, start === undefined ? params : { ...params, start }, opts);
      const page = pick(env.result);
      if (!page) throw localError('malformed', { ...this.ctx(method), detail: 'list result without items' });
      items.push(...page);
      if (opts.maxItems !== undefined && items.length >= opts.maxItems) return items.slice(0, opts.maxItems);
      if (env.next === undefined) return items;
      // A `next` that does not move forward would loop forever.
      if (start !== undefined && env.next <= start) {
        throw localError('malformed', { ...this.ctx(method), detail: `paging did not advance (next=${env.next})` });
      }
      start = env.next;
    }
  }

  /** Forgets the credentials; later calls fail with "not connected". */
  dispose(): void {
    this.disposed = true;
  }

  private kindOf(method: string, opts: CallOptions): MethodKind {
    if (opts.write !== undefined) return opts.write ? 'write' : 'read';
    return (this.options.classify ?? methodKind)(method);
  }

  private ctx(method: string): ErrorContext {
    return { method, authKind: this.authKind, requiredScope: this.options.requiredScope?.(method) };
  }

  private async send(method: string, params: Record<string, unknown>, kind: MethodKind, opts: CallOptions): Promise<Envelope> {
    const ctx = this.ctx(method);
    const timeoutMs = opts.timeoutMs ?? this.options.timeoutMs ?? 60_000;
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      if (this.disposed) throw errorFromResponse('NOT_CONNECTED', ctx);
      await this.limiter.acquire(opts.signal);
      const creds = this.creds;
      const started = this.clock.now();
      try {
        const init: RequestInit = {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(requestBody(creds, params)),
        };
        const reply = await exchange(this.fetchFn, methodUrl(creds, method), init, { signal: opts.signal, timeoutMs, ctx, redactor: this.redactor });
        const env = toEnvelope(reply, ctx, this.redactor);
        this.log.debug(`${this.host} ${method} (${kind}) → ${reply.status} in ${Math.round(this.clock.now() - started)} ms`);
        return env;
      } catch (e) {
        if (!isPortalError(e)) throw e;
        if (e.kind === 'expired' && creds.kind === 'oauth' && !refreshed) {
          // The portal refused before running the method, so one retry is safe for writes too.
          refreshed = true;
          attempt -= 1;
          this.log.info(`${this.host} ${method}: access token expired; renewing it`);
          await this.refresh(creds, opts.signal);
          continue;
        }
        // Only this code means the portal's request counter is full; OPERATION_TIME_LIMIT is a per-method time budget.
        if (e.code === 'QUERY_LIMIT_EXCEEDED') this.limiter.saturate();
        const retry = kind === 'read' && e.transient && attempt < this.retry.maxAttempts;
        const delay = retry ? this.backoff(attempt, e.retryAfterMs) : 0;
        const what = `${this.host} ${method} (${kind}) failed: ${e.code ?? e.kind}${e.status ? ` HTTP ${e.status}` : ''}${e.detail ? ` (${e.detail})` : ''}`;
        this.log.warn(retry ? `${what}; retry ${attempt + 1}/${this.retry.maxAttempts} in ${Math.round(delay)} ms` : what);
        if (!retry) throw e;
        await this.clock.sleep(delay, opts.signal);
      }
    }
  }

  private backoff(attempt: number, retryAfterMs: number | undefined): number {
    const exp = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    const jittered = exp * (0.5 + (this.options.random ?? Math.random)() / 2);
    return Math.min(this.retry.maxDelayMs, Math.max(jittered, retryAfterMs ?? 0));
  }

  /**
   * Renews the token pair once for all concurrent callers that saw the same
   * expired token. The renewal runs to completion even if this caller is
   * cancelled: the old refresh token is spent, so the new pair must be kept.
   */
  private async refresh(stale: OAuthCredentials, signal: AbortSignal | undefined): Promise<void> {
    const current = this.creds;
    if (current.kind !== 'oauth' || current.accessToken !== stale.accessToken) return;
    this.refreshing ??= this.renew(current).finally(() => {
      this.refreshing = undefined;
    });
    await abortable(this.refreshing, signal);
  }

  private async renew(creds: OAuthCredentials): Promise<void> {
    const tokens = await requestTokens(
      this.fetchFn,
      creds.tokenEndpoint,
      creds,
      { type: 'refresh_token', refreshToken: creds.refreshToken },
      { timeoutMs: this.options.timeoutMs ?? 60_000, redactor: this.redactor },
    );
    this.creds = { ...creds, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
    try {
      await this.options.onTokens?.({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });
    } catch (e) {
      this.log.error('Could not save the renewed tokens; the next session will need to connect again.', e);
    }
  }
}

/** Refuses names that are not REST methods (they would change the URL path) and `batch` (use `batch()`). */
function checkMethodName(method: string): void {
  if (!isValidMethodName(method)) {
    throw new PortalError({ kind: 'bad-request', code: 'INVALID_METHOD', method, message: localize('“{0}” is not a REST method name.', method) });
  }
  if (method.toLowerCase() === 'batch') {
    throw new PortalError({
      kind: 'bad-request',
      code: 'INVALID_METHOD',
      method,
      message: 'Batches go through batch(), which splits them into requests of 50 commands.',
    });
  }
}

function defaultPick<T>(result: unknown): T[] | undefined {
  if (Array.isArray(result)) return result as T[];
  if (typeof result === 'object' && result !== null) {
    const arrays = Object.values(result).filter(Array.isArray);
    if (arrays.length === 1) return arrays[0] as T[];
  }
  return undefined;
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(localError('cancelled'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(localError('cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
