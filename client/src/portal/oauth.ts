/**
 * The OAuth token endpoint: exchanging an authorization code or a refresh
 * token for a new token pair (docs: OAuth 2.0 protocol, token renewal).
 */
import { OAuthTokens } from './credentials';
import { localError } from './errors';
import { Redactor } from './redact';
import { exchange, FetchLike, replyError } from './transport';

export type TokenGrant = { type: 'refresh_token'; refreshToken: string } | { type: 'authorization_code'; code: string };

export interface TokenReply extends OAuthTokens {
  /** The portal's REST address as the authorization server reports it. */
  clientEndpoint: string | undefined;
  scopes: string[] | undefined;
}

export interface TokenRequestOptions {
  signal?: AbortSignal;
  timeoutMs: number;
  redactor: Redactor;
}

/** Requests a token pair; new tokens are registered with the redactor before anything can log them. */
export async function requestTokens(
  fetchFn: FetchLike,
  endpoint: string,
  client: { clientId: string; clientSecret: string },
  grant: TokenGrant,
  opts: TokenRequestOptions,
): Promise<TokenReply> {
  const secret = grant.type === 'refresh_token' ? grant.refreshToken : grant.code;
  opts.redactor.addSecret(client.clientSecret, secret);
  const query = new URLSearchParams({ grant_type: grant.type, client_id: client.clientId, client_secret: client.clientSecret });
  query.set(grant.type === 'refresh_token' ? 'refresh_token' : 'code', secret);
  const ctx = { method: 'oauth/token', authKind: 'oauth' as const };
  const url = `${endpoint}${endpoint.includes('?') ? '&' : '?'}${query.toString()}`;
  const reply = await exchange(fetchFn, url, { method: 'GET', headers: { accept: 'application/json' } }, { ...opts, ctx });
  const error = replyError(reply, ctx, opts.redactor);
  if (error) throw error;
  const body = reply.json as Record<string, unknown> | undefined;
  const accessToken = body?.access_token;
  const refreshToken = body?.refresh_token;
  if (typeof accessToken !== 'string' || typeof refreshToken !== 'string' || accessToken === '' || refreshToken === '') {
    throw localError('malformed', { ...ctx, detail: 'token reply without access_token/refresh_token' });
  }
  opts.redactor.addSecret(accessToken, refreshToken);
  return {
    accessToken,
    refreshToken,
    clientEndpoint: typeof body?.client_endpoint === 'string' ? body.client_endpoint : undefined,
    scopes:
      typeof body?.scope === 'string'
        ? body.scope
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined,
  };
}
