/**
 * What a REST method handler sees and returns. Handlers are pure: they read
 * and change the portal state and know nothing of HTTP.
 */
import type { RestError } from '../portal/rest-error';
import type { PortalState, User } from '../portal/types';

export type Params = Record<string, unknown>;

/** What a method returns before the envelope adds `time`. */
export interface MethodOutput {
  result: unknown;
  total?: number;
  next?: number;
}

/** The outcome of one call, as `batch` and the HTTP layer consume it. */
export type CallOutcome = { ok: true; output: MethodOutput; start: number; finish: number } | { ok: false; error: RestError; start: number; finish: number };

export interface CallContext {
  state: PortalState;
  /** The user the webhook or token acts for. */
  user: User;
  /** Scopes granted to the webhook or OAuth app. */
  scopes: readonly string[];
  params: Params;
  /** ms since epoch, from the portal's clock */
  now: number;
  /** Calls another method with the same credentials (for `batch`). */
  call(method: string, params: Params): CallOutcome;
}

export interface MethodSpec {
  /** Any one of these scopes allows the call; an empty list means the basic scope (always allowed). */
  scopes: readonly string[];
  /** Calls that may change the state; the server persists after them. */
  mutates?: boolean;
  handler(ctx: CallContext): MethodOutput;
}
