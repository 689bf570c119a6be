/**
 * `/oauth/authorize/` and `/oauth/token/`: the portal plays its own
 * authorization server. Authorize stands in for the user's consent screen:
 * it issues a code for `user_id` (the first admin when omitted).
 */
import type { ServerResponse } from 'node:http';
import type { Params } from '../methods/types';
import { exchangeToken, issueCode, OAuthError, type TokenRequest } from '../portal/oauth';
import { sendJson } from './envelope';
import type { Runtime } from './runtime';

/** Handles `/oauth/...` once parameters are read. */
export async function handleOAuth(rt: Runtime, res: ServerResponse, path: string, params: Params): Promise<void> {
  const route = path.replace(/\/+$/, '');
  const host = new URL(rt.baseUrl).host;
  try {
    if (route === '/oauth/token') {
      const token = exchangeToken(rt.state, params as TokenRequest, rt.now(), () => rt.secret());
      await rt.persist();
      return sendJson(res, 200, {
        access_token: token.accessToken,
        expires: Math.floor(token.expiresAt / 1000),
        expires_in: Math.round((token.expiresAt - rt.now()) / 1000),
        scope: token.scopes.join(','),
        domain: host,
        server_endpoint: `${rt.baseUrl}/rest/`,
        client_endpoint: `${rt.baseUrl}/rest/`,
        member_id: rt.state.memberId,
        status: 'L',
        user_id: token.userId,
        refresh_token: token.refreshToken,
      });
    }
    if (route === '/oauth/authorize') {
      const clientId = typeof params.client_id === 'string' ? params.client_id : '';
      const userId = params.user_id === undefined ? (rt.state.users.find((u) => u.admin && u.active)?.id ?? 1) : Number(params.user_id);
      const code = issueCode(rt.state, clientId, userId, rt.now(), () => rt.secret());
      await rt.persist();
      const client = rt.state.oauthClients.find((c) => c.clientId === clientId);
      const answer: Record<string, string> = {
        code,
        state: typeof params.state === 'string' ? params.state : '',
        domain: host,
        member_id: rt.state.memberId,
        scope: client?.scopes.join(',') ?? '',
        server_domain: host,
      };
      if (client?.redirectUri) {
        const target = new URL(client.redirectUri);
        for (const [k, v] of Object.entries(answer)) target.searchParams.set(k, v);
        res.writeHead(302, { Location: target.toString() });
        res.end();
        return;
      }
      // An app without a redirect address gets the code shown instead, as the portal does.
      return sendJson(res, 200, answer);
    }
    return sendJson(res, 404, { error: 'invalid_request', error_description: 'Unknown OAuth endpoint.' });
  } catch (error) {
    if (error instanceof OAuthError) return sendJson(res, error.status, { error: error.code, error_description: error.description });
    throw error;
  }
}
