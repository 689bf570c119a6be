/**
 * Fault switches for tests: slow answers, 5xx answers, dropped connections,
 * broken JSON, a one-shot error for a chosen method, a 5xx after the method
 * ran (a gateway timing out on a save that went through), redirects to
 * another origin, forced token expiry and the rate limit itself.
 */
import { RestError } from '../portal/rest-error';
import type { RateLimitSettings } from './rate-limit';

/** One queued failure: the next call of `method` (any method when omitted) answers with `error`. */
export interface FailNext {
  method?: string;
  error: string;
  description?: string;
  status?: number;
}

/** One queued gateway failure: the next call of `method` (any when omitted) runs, then answers `status`. */
export interface FailAfterApplying {
  method?: string;
  status: number;
}

/** Answer REST requests (for `method` only, when given) with a redirect to the same path on `origin`. */
export interface RedirectFault {
  status: number;
  origin: string;
  method?: string;
  /** Run the method first, then redirect (a proxy that forwarded the request and answered with a redirect). */
  afterApplying?: boolean;
}

const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

/** The switches as they are read back. */
export interface FaultState {
  /** Delay added before every REST and OAuth answer. */
  latencyMs: number;
  /** When set, every REST and OAuth request answers with this 5xx status. */
  status5xx: number | null;
  /** Close connections without answering. */
  dropConnections: boolean;
  /** Answer with JSON cut off halfway. */
  malformedJson: boolean;
  /** Queued one-shot failures, consumed in order. */
  failNext: FailNext[];
  /** Queued one-shot 5xx answers given after the method ran. */
  failAfterApplying: FailAfterApplying[];
  /** The redirect every matching REST request gets, or null. */
  redirect: RedirectFault | null;
  /** Current rate limit, or null when off. */
  rateLimit: RateLimitSettings | null;
}

/** What may be sent to change them; `expireTokens: true` ends every access token now. */
export interface FaultPatch {
  latencyMs?: number;
  status5xx?: number | null | false;
  dropConnections?: boolean;
  malformedJson?: boolean;
  failNext?: FailNext | FailNext[] | null;
  failAfterApplying?: FailAfterApplying | FailAfterApplying[] | null;
  redirect?: RedirectFault | null | false;
  expireTokens?: boolean;
  rateLimit?: RateLimitSettings | null | false;
}

/** The programmatic handle tests use (also reachable over `/_demo/faults`). */
export interface FaultSwitches {
  set(patch: FaultPatch): FaultState;
  clear(): FaultState;
  get(): FaultState;
}

/** Reports a patch that does not make sense, so a typo in a test fails loudly. */
export class FaultPatchError extends Error {}

export interface FaultHooks {
  expireTokens(): void;
  setRateLimit(settings: RateLimitSettings | null): void;
  rateLimit(): RateLimitSettings | null;
}

/** Holds the switches; the server consults it on every request. */
export class Faults implements FaultSwitches {
  latencyMs = 0;
  status5xx: number | null = null;
  dropConnections = false;
  malformedJson = false;
  redirect: RedirectFault | null = null;
  private queue: FailNext[] = [];
  private afterQueue: FailAfterApplying[] = [];

  constructor(private readonly hooks: FaultHooks) {}

  set(patch: FaultPatch): FaultState {
    validate(patch);
    if (patch.latencyMs !== undefined) this.latencyMs = patch.latencyMs;
    if (patch.status5xx !== undefined) this.status5xx = patch.status5xx || null;
    if (patch.dropConnections !== undefined) this.dropConnections = patch.dropConnections;
    if (patch.malformedJson !== undefined) this.malformedJson = patch.malformedJson;
    if (patch.failNext === null) this.queue = [];
    else if (patch.failNext !== undefined) this.queue.push(...(Array.isArray(patch.failNext) ? patch.failNext : [patch.failNext]));
    if (patch.failAfterApplying === null) this.afterQueue = [];
    else if (patch.failAfterApplying !== undefined) this.afterQueue.push(...listOf(patch.failAfterApplying));
    if (patch.redirect !== undefined) this.redirect = patch.redirect ? { ...patch.redirect, origin: new URL(patch.redirect.origin).origin } : null;
    if (patch.rateLimit !== undefined) this.hooks.setRateLimit(patch.rateLimit || null);
    if (patch.expireTokens) this.hooks.expireTokens();
    return this.get();
  }

  clear(): FaultState {
    this.latencyMs = 0;
    this.status5xx = null;
    this.dropConnections = false;
    this.malformedJson = false;
    this.queue = [];
    this.afterQueue = [];
    this.redirect = null;
    return this.get();
  }

  get(): FaultState {
    return {
      latencyMs: this.latencyMs,
      status5xx: this.status5xx,
      dropConnections: this.dropConnections,
      malformedJson: this.malformedJson,
      failNext: this.queue.map((f) => ({ ...f })),
      failAfterApplying: this.afterQueue.map((f) => ({ ...f })),
      redirect: this.redirect && { ...this.redirect },
      rateLimit: this.hooks.rateLimit(),
    };
  }

  /** Takes the first queued after-the-fact failure matching `method`: the status to answer with. */
  takeFailureAfter(method: string): number | undefined {
    const index = this.afterQueue.findIndex((f) => matches(f.method, method));
    return index === -1 ? undefined : this.afterQueue.splice(index, 1)[0].status;
  }

  /** The redirect a request for `method` gets, if any. */
  redirectFor(method: string): RedirectFault | undefined {
    return this.redirect && matches(this.redirect.method, method) ? this.redirect : undefined;
  }

  /** Takes the first queued failure matching `method`, as a RestError to throw. */
  takeFailure(method: string): RestError | undefined {
    const index = this.queue.findIndex((f) => matches(f.method, method));
    if (index === -1) return undefined;
    const [f] = this.queue.splice(index, 1);
    // Without an explicit status the code's documented one applies (see envelope.statusOf).
    return new RestError(f.error, f.description ?? `Injected failure: ${f.error}`, f.status);
  }
}

function matches(wanted: string | undefined, method: string): boolean {
  return wanted === undefined || wanted.toLowerCase() === method.toLowerCase();
}

function listOf<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

function validate(patch: FaultPatch): void {
  if (patch === null || typeof patch !== 'object') throw new FaultPatchError('expected an object of fault switches');
  const known = ['latencyMs', 'status5xx', 'dropConnections', 'malformedJson', 'failNext', 'failAfterApplying', 'redirect', 'expireTokens', 'rateLimit'];
  const unknown = Object.keys(patch).filter((k) => !known.includes(k));
  if (unknown.length > 0) throw new FaultPatchError(`unknown switch: ${unknown.join(', ')} (known: ${known.join(', ')})`);
  if (patch.latencyMs !== undefined && !(Number.isFinite(patch.latencyMs) && patch.latencyMs >= 0)) {
    throw new FaultPatchError('latencyMs must be a non-negative number');
  }
  if (patch.status5xx && !(Number.isInteger(patch.status5xx) && patch.status5xx >= 500 && patch.status5xx <= 599)) {
    throw new FaultPatchError('status5xx must be a status between 500 and 599, or null');
  }
  const fails = patch.failNext ? (Array.isArray(patch.failNext) ? patch.failNext : [patch.failNext]) : [];
  if (fails.some((f) => !f || typeof f.error !== 'string' || f.error === '')) throw new FaultPatchError('failNext needs an error code');
  const after = patch.failAfterApplying ? listOf(patch.failAfterApplying) : [];
  if (after.some((f) => !f || !(Number.isInteger(f.status) && f.status >= 500 && f.status <= 599))) {
    throw new FaultPatchError('failAfterApplying needs a status between 500 and 599');
  }
  const r = patch.redirect;
  if (r) {
    if (!REDIRECT_STATUSES.includes(r.status)) throw new FaultPatchError(`redirect.status must be one of ${REDIRECT_STATUSES.join(', ')}`);
    let protocol = '';
    try {
      protocol = new URL(r.origin).protocol;
    } catch {
      // reported below
    }
    if (protocol !== 'http:' && protocol !== 'https:') throw new FaultPatchError('redirect.origin must be an http:// or https:// origin');
    if (r.afterApplying !== undefined && typeof r.afterApplying !== 'boolean') throw new FaultPatchError('redirect.afterApplying must be true or false');
  }
  const rl = patch.rateLimit;
  if (rl && !(rl.limit >= 1 && rl.drainPerSecond >= 0)) throw new FaultPatchError('rateLimit needs limit >= 1 and drainPerSecond >= 0');
}
