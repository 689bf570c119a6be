/**
 * A scripted portal that knows webhooks and OAuth tokens well enough for the
 * connection tests: `profile`, `scope`, a CRM read and write, and a rotating
 * token endpoint. Its error descriptions echo credentials on purpose, to prove
 * that redaction catches what a careless server sends back.
 */
import { fail, Hit, ok, Reply, Script } from './helpers';

export interface FakeUser {
  id: string;
  name: string;
  lastName: string;
  admin: boolean;
}

export interface FakeIdentityPortal {
  script: Script;
  hooks: Map<string, { user: FakeUser; scopes: string[] }>;
  /** Authorization codes and refresh tokens that the token endpoint accepts once. */
  grants: Map<string, FakeUser>;
  accessTokens: Map<string, FakeUser>;
  /** What the token endpoint reports as the portal's REST address. */
  clientEndpoint: () => string;
  appScopes: string[];
  leads: number;
}

/** Creates the fake; `baseUrl` reads the server's address once it listens. */
export function fakeIdentityPortal(app: { clientId: string; clientSecret: string }, baseUrl: () => string): FakeIdentityPortal {
  let issued = 0;
  const portal: FakeIdentityPortal = {
    hooks: new Map(),
    grants: new Map(),
    accessTokens: new Map(),
    clientEndpoint: () => `${baseUrl()}/rest/`,
    appScopes: ['crm', 'user'],
    leads: 0,
    script: (hit: Hit): Reply => {
      if (hit.method === 'oauth/token') return token(hit);
      const parts = hit.path.split('/').filter(Boolean);
      let who: { user: FakeUser; scopes: string[] } | undefined;
      if (parts.length === 4) {
        who = portal.hooks.get(`${parts[1]}/${parts[2]}`);
        if (!who) return fail(401, 'NO_AUTH_FOUND', `Wrong authorization data for webhook ${parts[2]}`);
      } else {
        const user = portal.accessTokens.get(String(hit.body.auth));
        if (!user) return fail(401, 'expired_token', `The access token ${String(hit.body.auth)} has expired`);
        who = { user, scopes: portal.appScopes };
      }
      switch (hit.method) {
        case 'profile':
          return ok({ ID: who.user.id, NAME: who.user.name, LAST_NAME: who.user.lastName, ADMIN: who.user.admin });
        case 'scope':
          return ok(who.scopes);
        case 'crm.lead.list':
          return who.scopes.includes('crm') ? ok([{ ID: '1' }]) : fail(403, 'insufficient_scope', `Scope crm is required (request ${hit.path})`);
        case 'crm.lead.add':
          if (!who.scopes.includes('crm')) return fail(403, 'insufficient_scope', `Scope crm is required (request ${hit.path})`);
          portal.leads += 1;
          return ok(portal.leads);
        default:
          return fail(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!');
      }
    },
  };

  function token(hit: Hit): Reply {
    const q = hit.query;
    if (q.get('client_id') !== app.clientId || q.get('client_secret') !== app.clientSecret) {
      return fail(401, 'invalid_client', `Bad client secret ${q.get('client_secret') ?? ''}`);
    }
    const grant = q.get('grant_type') === 'authorization_code' ? q.get('code') : q.get('refresh_token');
    const user = grant ? portal.grants.get(grant) : undefined;
    if (!grant || !user) return fail(400, 'invalid_grant', `Unknown grant ${grant ?? ''}`);
    portal.grants.delete(grant);
    issued += 1;
    const access = `oauth-access-${issued}-${'x'.repeat(12)}`;
    const refresh = `oauth-refresh-${issued}-${'y'.repeat(12)}`;
    portal.accessTokens.set(access, user);
    portal.grants.set(refresh, user);
    return {
      json: { access_token: access, refresh_token: refresh, expires_in: 3600, scope: portal.appScopes.join(','), client_endpoint: portal.clientEndpoint() },
    };
  }
  return portal;
}
