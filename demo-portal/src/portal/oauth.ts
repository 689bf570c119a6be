/**
 * The local OAuth 2.0 server: one-time authorization codes, access tokens
 * (one hour) and rotating refresh tokens (180 days), on an injected clock.
 */
import type { OAuthToken, PortalState } from './types';

export const CODE_TTL_MS = 30_000;
export const ACCESS_TTL_MS = 3_600_000;
export const REFRESH_TTL_MS = 180 * 24 * 3_600_000;

/** An authorization-server error (`invalid_grant`, ...) with its HTTP status. */
export class OAuthError extends Error {
  constructor(
    readonly code: string,
    readonly description: string,
    readonly status: number,
  ) {
    super(`${code}: ${description}`);
    this.name = 'OAuthError';
  }
}

/** Issues a one-time code for `userId` — what the user's consent in the portal would produce. */
export function issueCode(state: PortalState, clientId: string, userId: number, now: number, secret: () => string): string {
  if (!state.oauthClients.some((c) => c.clientId === clientId)) throw new OAuthError('invalid_client', 'Unknown client_id.', 401);
  const user = state.users.find((u) => u.id === userId && u.active);
  if (!user) throw new OAuthError('invalid_request', 'No active user with this id.', 400);
  state.oauthCodes = state.oauthCodes.filter((c) => c.expiresAt > now);
  const code = secret();
  state.oauthCodes.push({ code, clientId, userId, expiresAt: now + CODE_TTL_MS });
  return code;
}

export interface TokenRequest {
  grant_type?: unknown;
  client_id?: unknown;
  client_secret?: unknown;
  code?: unknown;
  refresh_token?: unknown;
}

/**
 * `/oauth/token/`: exchanges a code (once, within 30 s) or a refresh token
 * (once; it rotates) for a new token pair.
 */
export function exchangeToken(state: PortalState, request: TokenRequest, now: number, secret: () => string): OAuthToken {
  const { grant_type: grant, client_id: clientId, client_secret: clientSecret } = request;
  if (typeof grant !== 'string' || typeof clientId !== 'string' || typeof clientSecret !== 'string') {
    throw new OAuthError('invalid_request', 'grant_type, client_id and client_secret are required.', 400);
  }
  const client = state.oauthClients.find((c) => c.clientId === clientId);
  if (!client || client.clientSecret !== clientSecret) throw new OAuthError('invalid_client', 'Invalid client credentials.', 401);
  let userId: number;
  if (grant === 'authorization_code') {
    const found = state.oauthCodes.find((c) => c.code === request.code && c.clientId === clientId);
    state.oauthCodes = state.oauthCodes.filter((c) => c !== found && c.expiresAt > now);
    if (!found || found.expiresAt <= now) throw new OAuthError('invalid_grant', 'The authorization code is invalid or expired.', 400);
    userId = found.userId;
  } else if (grant === 'refresh_token') {
    const found = state.oauthTokens.find((t) => t.refreshToken === request.refresh_token && t.clientId === clientId);
    if (!found || !found.refreshable || found.refreshExpiresAt <= now) {
      throw new OAuthError('invalid_grant', 'The refresh token is invalid or expired.', 400);
    }
    found.refreshable = false;
    userId = found.userId;
  } else {
    throw new OAuthError('invalid_request', 'grant_type must be authorization_code or refresh_token.', 400);
  }
  // Tokens whose access and refresh lifetimes both ended are useless; dropping them keeps the state file small.
  state.oauthTokens = state.oauthTokens.filter((t) => t.expiresAt > now || (t.refreshable && t.refreshExpiresAt > now));
  const token: OAuthToken = {
    accessToken: secret(),
    refreshToken: secret(),
    clientId,
    userId,
    scopes: [...client.scopes],
    expiresAt: now + ACCESS_TTL_MS,
    refreshExpiresAt: now + REFRESH_TTL_MS,
    refreshable: true,
  };
  state.oauthTokens.push(token);
  return token;
}

/** The token behind an `auth` value: `valid`, `expired`, or `unknown`. */
export function checkAccessToken(
  state: PortalState,
  accessToken: string,
  now: number,
): { status: 'valid' | 'expired'; token: OAuthToken } | { status: 'unknown' } {
  const token = state.oauthTokens.find((t) => t.accessToken === accessToken);
  if (!token) return { status: 'unknown' };
  return { status: token.expiresAt > now ? 'valid' : 'expired', token };
}

/** Ends the life of every access token now (their refresh tokens still work) — the `expireTokens` fault. */
export function expireAllAccessTokens(state: PortalState, now: number): number {
  let count = 0;
  for (const t of state.oauthTokens) {
    if (t.expiresAt > now) {
      t.expiresAt = now;
      count++;
    }
  }
  return count;
}
