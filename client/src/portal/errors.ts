/**
 * Typed errors for Bitrix24 REST calls. Every failure a caller can see is a
 * `PortalError` whose `message` tells the user what to do; the server's own
 * description (already redacted) goes to `detail` for the log only.
 */
import { localize } from '../l10n/localize';

export type PortalErrorKind =
  | 'auth'
  | 'expired'
  | 'scope'
  | 'denied'
  | 'not-admin'
  | 'not-found'
  | 'bad-request'
  | 'rate-limit'
  | 'server'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'malformed'
  | 'redirect';

export interface PortalErrorInit {
  kind: PortalErrorKind;
  message: string;
  /** The Bitrix24 error code (`error` field), when the portal sent one. */
  code?: string;
  status?: number;
  method?: string;
  /** The portal's `error_description` or a transport detail, redacted. For logs, not for users. */
  detail?: string;
  /** Server hint from a `Retry-After` header. */
  retryAfterMs?: number;
}

export class PortalError extends Error {
  readonly kind: PortalErrorKind;
  readonly code: string | undefined;
  readonly status: number | undefined;
  readonly method: string | undefined;
  readonly detail: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(init: PortalErrorInit) {
    super(init.message);
    this.name = 'PortalError';
    this.kind = init.kind;
    this.code = init.code;
    this.status = init.status;
    this.method = init.method;
    this.detail = init.detail;
    this.retryAfterMs = init.retryAfterMs;
  }

  /**
   * Whether repeating the same request may succeed. Only reads act on this:
   * a write that failed this way may still have been executed.
   */
  get transient(): boolean {
    switch (this.kind) {
      case 'rate-limit':
        // OVERLOAD_LIMIT is a manual block by support; waiting does not lift it.
        return this.code !== 'OVERLOAD_LIMIT';
      case 'network':
      case 'timeout':
      case 'malformed':
        return true;
      case 'server':
        return this.status === 502 || this.status === 503 || this.status === 504;
      default:
        return false;
    }
  }

  /**
   * Whether a *write* that failed this way may still have been carried out:
   * no answer came back, or an answer that does not say the portal refused
   * (a 5xx page from a proxy, a server error, a reply that is not REST JSON).
   * A Bitrix24 refusal code (auth, scope, rights, parameters, rate limit) is
   * an answer from before the method ran, whatever its HTTP status. A redirect
   * (refused, never followed) is not: whatever sent it may have run the write
   * first, so only reading the portal again can tell.
   */
  get outcomeUnknown(): boolean {
    switch (this.kind) {
      case 'network':
      case 'timeout':
      case 'malformed':
      case 'redirect':
        return true;
      case 'server':
        return this.code !== 'NOT_EXECUTED';
      default:
        return false;
    }
  }
}

/** True when `e` is a PortalError (also across duplicated module instances). */
export function isPortalError(e: unknown): e is PortalError {
  return e instanceof PortalError || (e instanceof Error && e.name === 'PortalError' && 'kind' in e);
}

/** What the mapping needs to phrase advice; none of it is secret. */
export interface ErrorContext {
  method?: string;
  authKind?: 'webhook' | 'oauth';
  /** The scope the method needs, when the caller knows it (from the method catalogue). */
  requiredScope?: string;
  status?: number;
  detail?: string;
  retryAfterMs?: number;
  /** For `redirect`: the origin the answer pointed to (never its path or query, which may hold secrets). */
  target?: string;
}

const CODE_KINDS: Readonly<Record<string, PortalErrorKind>> = {
  // Raised on this side, never by a portal.
  NOT_CONNECTED: 'auth',
  WORKSPACE_NOT_TRUSTED: 'denied',
  NOT_EXECUTED: 'server',
  // Bitrix24 and its authorization server.
  NO_AUTH_FOUND: 'auth',
  invalid_token: 'auth',
  invalid_grant: 'auth',
  invalid_client: 'auth',
  WRONG_AUTH_TYPE: 'auth',
  expired_token: 'expired',
  insufficient_scope: 'scope',
  invalid_scope: 'scope',
  ACCESS_DENIED: 'denied',
  INVALID_CREDENTIALS: 'denied',
  user_access_error: 'denied',
  PAYMENT_REQUIRED: 'denied',
  IS_NOT_ADMIN: 'not-admin',
  ERROR_METHOD_NOT_FOUND: 'not-found',
  ERROR_MANIFEST_IS_NOT_AVAILABLE: 'not-found',
  NOT_FOUND: 'not-found',
  MISSING_PARAMS: 'bad-request',
  INVALID_REQUEST: 'bad-request',
  invalid_request: 'bad-request',
  ERROR_ARGUMENT: 'bad-request',
  INVALID_ARG_VALUE: 'bad-request',
  ERROR_CORE: 'bad-request',
  ERROR_BATCH_LENGTH_EXCEEDED: 'bad-request',
  ERROR_BATCH_METHOD_NOT_ALLOWED: 'bad-request',
  QUERY_LIMIT_EXCEEDED: 'rate-limit',
  OPERATION_TIME_LIMIT: 'rate-limit',
  OVERLOAD_LIMIT: 'rate-limit',
  INTERNAL_SERVER_ERROR: 'server',
  ERROR_UNEXPECTED_ANSWER: 'server',
  PORTAL_DELETED: 'server',
};

function kindFromStatus(status: number | undefined): PortalErrorKind {
  if (status === undefined) return 'server';
  if (status === 401) return 'auth';
  if (status === 403) return 'denied';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limit';
  if (status >= 400 && status < 500) return 'bad-request';
  return 'server';
}

/** Maps a Bitrix24 `{error, error_description}` body (or just a status) to a PortalError. */
export function errorFromResponse(code: string | undefined, ctx: ErrorContext): PortalError {
  const kind = (code !== undefined ? CODE_KINDS[code] : undefined) ?? kindFromStatus(ctx.status);
  return new PortalError({
    kind,
    code,
    status: ctx.status,
    method: ctx.method,
    detail: ctx.detail,
    retryAfterMs: ctx.retryAfterMs,
    message: adviceFor(kind, code, ctx),
  });
}

function adviceFor(kind: PortalErrorKind, code: string | undefined, ctx: ErrorContext): string {
  // The method in quotes, or "the request"; `M` starts a sentence.
  const m = ctx.method ? localize('“{0}”', ctx.method) : localize('the request');
  const M = ctx.method ? m : localize('The request');
  const isOAuth = ctx.authKind === 'oauth';
  switch (kind) {
    case 'auth':
      if (code === 'NOT_CONNECTED') return localize('This portal is not connected. Run “Bitrix24: Connect to Portal”.');
      if (code === 'invalid_grant') return localize('The portal no longer accepts the saved refresh token. Connect the portal again.');
      if (code === 'invalid_client')
        return localize('The client id or secret is wrong, or the app is not installed on this portal. Check the local app and connect again.');
      return isOAuth
        ? localize('The portal did not accept the access token. Connect the portal again.')
        : localize('The portal did not accept the webhook. Check that the webhook still exists and connect again with its URL.');
    case 'expired':
      return localize('The access token expired and could not be renewed. Connect the portal again.');
    case 'scope':
      if (ctx.requiredScope) {
        return isOAuth
          ? localize('{0} needs the “{1}” scope. Add it to the local app’s permissions, reinstall the app and connect again.', M, ctx.requiredScope)
          : localize('{0} needs the “{1}” scope. Re-issue the inbound webhook with it and connect with the new URL.', M, ctx.requiredScope);
      }
      return isOAuth
        ? localize('{0} needs a scope these credentials were not given. Add that scope to the local app’s permissions, reinstall the app and connect again.', M)
        : localize('{0} needs a scope these credentials were not given. Re-issue the inbound webhook with that scope and connect with the new URL.', M);
    case 'denied':
      if (code === 'WORKSPACE_NOT_TRUSTED') {
        return localize('This workspace chose the portal, and the workspace is not trusted. Trust the workspace to use your saved credentials with it.');
      }
      if (code === 'ACCESS_DENIED') return localize('The portal denied {0}: the REST API needs a commercial plan, or your user lacks access.', m);
      if (code === 'PAYMENT_REQUIRED') return localize('The app’s trial or paid period has ended. Renew it, then connect again.');
      if (code === 'user_access_error') return localize('An administrator limited this app to certain users. Ask them to give you access.');
      return localize('Your user may not run {0}. Connect as a user who has the rights it needs.', m);
    case 'not-admin':
      return localize('{0} needs a portal administrator. Connect with a webhook or app authorised by an administrator.', M);
    case 'not-found':
      return localize('The portal has no method {0}. Check the method name, or whether the module is installed on this portal.', m);
    case 'bad-request':
      return ctx.detail ? localize('The portal rejected the parameters of {0}: {1}', m, ctx.detail) : localize('The portal rejected the parameters of {0}.', m);
    case 'rate-limit':
      if (code === 'OVERLOAD_LIMIT') return localize('The portal has blocked its REST API for overload. Contact Bitrix24 support.');
      if (code === 'OPERATION_TIME_LIMIT') return localize('{0} used up its time budget on the portal. Try again in a few minutes.', M);
      return localize('The portal is limiting requests. Try again in a moment.');
    case 'server':
      if (code === 'NOT_EXECUTED') return localize('{0} was not run because an earlier command in the batch failed.', M);
      return ctx.status
        ? localize('The portal failed to handle {0} (HTTP {1}). Try again later.', m, ctx.status)
        : localize('The portal failed to handle {0}. Try again later.', m);
    case 'malformed':
      return localize('The portal sent a response to {0} that is not Bitrix24 REST JSON. Check the portal address.', m);
    case 'network':
      return ctx.detail
        ? localize('Could not reach the portal ({0}). Check the address and your network.', ctx.detail)
        : localize('Could not reach the portal. Check the address and your network.');
    case 'timeout':
      return localize('The portal did not answer {0} in time. Try again later.', m);
    case 'cancelled':
      return localize('{0} was cancelled.', M);
    case 'redirect':
      return localize(
        'The portal answered {0} with a redirect (HTTP {1}) to {2}. REST requests are never sent on to another address, so nothing was sent there. If the portal has moved, connect with its new address.',
        m,
        ctx.status ?? '3xx',
        ctx.target ?? localize('another address'),
      );
  }
}

/** A PortalError for a condition found on this side (transport failure, cancellation, bad input). */
export function localError(kind: PortalErrorKind, ctx: ErrorContext = {}, code?: string): PortalError {
  return new PortalError({ kind, code, status: ctx.status, method: ctx.method, detail: ctx.detail, message: adviceFor(kind, code, ctx) });
}
