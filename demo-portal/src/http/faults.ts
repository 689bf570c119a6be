/**
 * Fault switches for tests: slow answers, 5xx answers, dropped connections,
 * broken JSON, a one-shot error for a chosen method, forced token expiry and
 * the rate limit itself.
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
  private queue: FailNext[] = [];

  constructor(private readonly hooks: FaultHooks) {}

  set(patch: FaultPatch): FaultState {
    validate(patch);
    if (patch.latencyMs !== undefined) this.latencyMs = patch.latencyMs;
    if (patch.status5xx !== undefined) this.status5xx = patch.status5xx || null;
    if (patch.dropConnections !== undefined) this.dropConnections = patch.dropConnections;
    if (patch.malformedJson !== undefined) this.malformedJson = patch.malformedJson;
    if (patch.failNext === null) this.queue = [];
    else if (patch.failNext !== undefined) this.queue.push(...(Array.isArray(patch.failNext) ? patch.failNext : [patch.failNext]));
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
    return this.get();
  }

  get(): FaultState {
    return {
      latencyMs: this.latencyMs, status5xx: this.status5xx, dropConnections: this.dropConnections,
      malformedJson: this.malformedJson, failNext: this.queue.map((f) => ({ ...f })), rateLimit: this.hooks.rateLimit(),
    };
  }

  /** Takes the first queued failure matching `method`, as a RestError to throw. */
  takeFailure(method: string): RestError | undefined {
    const index = this.queue.findIndex((f) => f.method === undefined || f.method.toLowerCase() === method.toLowerCase());
    if (index === -1) return undefined;
    const [f] = this.queue.splice(index, 1);
    // Without an explicit status the code's documented one applies (see envelope.statusOf).
    return new RestError(f.error, f.description ?? `Injected failure: ${f.error}`, f.status);
  }
}

function validate(patch: FaultPatch): void {
  if (patch === null || typeof patch !== 'object') throw new FaultPatchError('expected an object of fault switches');
  const known = ['latencyMs', 'status5xx', 'dropConnections', 'malformedJson', 'failNext', 'expireTokens', 'rateLimit'];
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
  const rl = patch.rateLimit;
  if (rl && !(rl.limit >= 1 && rl.drainPerSecond >= 0)) throw new FaultPatchError('rateLimit needs limit >= 1 and drainPerSecond >= 0');
}
