/**
 * What a REST client needs to authenticate, and how each kind turns into a
 * request: a webhook puts its code in the URL path, OAuth sends the access
 * token as the `auth` body parameter (never in a URL, so it stays out of proxy logs).
 */

export type AuthKind = 'webhook' | 'oauth';

export interface WebhookCredentials {
  kind: 'webhook';
  /** Portal origin. */
  portal: string;
  userId: string;
  code: string;
}

export interface OAuthTokens {
  accessToken: string;
  refreshToken: string;
}

export interface OAuthCredentials extends OAuthTokens {
  kind: 'oauth';
  /** Portal origin. */
  portal: string;
  clientId: string;
  clientSecret: string;
  /** Authorization server token URL (`https://oauth.bitrix.info/oauth/token/` for cloud portals). */
  tokenEndpoint: string;
}

export type Credentials = WebhookCredentials | OAuthCredentials;

/** The authorization server of cloud portals. */
export const DEFAULT_TOKEN_ENDPOINT = 'https://oauth.bitrix.info/oauth/token/';

/** URL a method is POSTed to. `method` must already be validated. */
export function methodUrl(creds: Credentials, method: string): string {
  return creds.kind === 'webhook' ? `${creds.portal}/rest/${creds.userId}/${creds.code}/${method}` : `${creds.portal}/rest/${method}`;
}

/** The JSON body for a call: the params, plus the access token for OAuth. */
export function requestBody(creds: Credentials, params: Record<string, unknown>): Record<string, unknown> {
  return creds.kind === 'oauth' ? { ...params, auth: creds.accessToken } : params;
}

/** The secret values inside `creds`, for a Redactor. */
export function secretsOf(creds: Credentials): string[] {
  return creds.kind === 'webhook' ? [creds.code] : [creds.accessToken, creds.refreshToken, creds.clientSecret];
}
