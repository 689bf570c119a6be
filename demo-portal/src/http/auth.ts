/**
 * Who a request acts for: a webhook (user id and code in the path) or an
 * OAuth access token (`auth` parameter).
 */
import { checkAccessToken } from '../portal/oauth';
import { RestError } from '../portal/rest-error';
import type { PortalState, User } from '../portal/types';

export type AuthResult = { ok: true; user: User; scopes: readonly string[] } | { ok: false; error: RestError };

const NO_AUTH = new RestError('NO_AUTH_FOUND', 'Wrong authorization data', 401);

/** Resolves `/rest/<userId>/<code>/...`. */
export function authenticateWebhook(state: PortalState, userId: string, code: string): AuthResult {
  const hook = state.webhooks.find((w) => String(w.userId) === userId && w.code === code);
  if (!hook) return { ok: false, error: NO_AUTH };
  return withActiveUser(state, hook.userId, hook.scopes);
}

/** Resolves an `auth=<access_token>` request. */
export function authenticateToken(state: PortalState, accessToken: unknown, now: number): AuthResult {
  if (typeof accessToken !== 'string' || accessToken === '') return { ok: false, error: NO_AUTH };
  const checked = checkAccessToken(state, accessToken, now);
  if (checked.status === 'unknown') return { ok: false, error: NO_AUTH };
  if (checked.status === 'expired') {
    return { ok: false, error: new RestError('expired_token', 'The access token provided has expired.', 401) };
  }
  return withActiveUser(state, checked.token.userId, checked.token.scopes);
}

function withActiveUser(state: PortalState, userId: number, scopes: readonly string[]): AuthResult {
  const user = state.users.find((u) => u.id === userId);
  if (!user || !user.active) return { ok: false, error: new RestError('INVALID_CREDENTIALS', 'Invalid request credentials', 403) };
  return { ok: true, user, scopes };
}
