import assert from 'node:assert/strict';
import { OAuthCredentials, OAuthTokens } from '../../../client/src/portal/credentials';
import { isPortalError } from '../../../client/src/portal/errors';
import { RestClient } from '../../../client/src/portal/rest-client';
import { CapturingLog, fail, FakeClock, Hit, ok, rejection, Reply, ScriptedPortal, startScriptedPortal } from './helpers';

/**
 * A portal whose access tokens expire on demand and whose token endpoint
 * rotates the pair, like the real authorization server.
 */
describe('portal REST client: OAuth token renewal', () => {
  let portal: ScriptedPortal;
  let valid: Set<string>;
  let refreshable: Set<string>;
  let generation: number;
  let tokenReply: ((hit: Hit) => Reply) | undefined;
  let executedWrites: number;

  before(async () => {
    portal = await startScriptedPortal((hit) => {
      if (hit.method === 'oauth/token') {
        if (tokenReply) return tokenReply(hit);
        const old = hit.query.get('refresh_token') ?? '';
        if (hit.query.get('client_secret') !== 'app-secret-123' || !refreshable.delete(old)) return fail(400, 'invalid_grant', 'bad refresh token');
        generation += 1;
        valid.add(`access-${generation}`);
        refreshable.add(`refresh-${generation}`);
        return {
          json: { access_token: `access-${generation}`, refresh_token: `refresh-${generation}`, expires_in: 3600, client_endpoint: `${portal.baseUrl}/rest/` },
        };
      }
      if (!valid.has(String(hit.body.auth))) return fail(401, 'expired_token', 'The access token provided has expired.');
      if (hit.method === 'crm.lead.add') executedWrites += 1;
      return ok({ who: hit.body.auth });
    });
  });
  after(() => portal.close());
  beforeEach(() => {
    portal.hits.length = 0;
    valid = new Set(['access-0']);
    refreshable = new Set(['refresh-0']);
    generation = 0;
    tokenReply = undefined;
    executedWrites = 0;
  });

  function client(saved: OAuthTokens[] = [], log = new CapturingLog()): RestClient {
    const credentials: OAuthCredentials = {
      kind: 'oauth',
      portal: portal.baseUrl,
      clientId: 'local.app.1',
      clientSecret: 'app-secret-123',
      accessToken: 'access-0',
      refreshToken: 'refresh-0',
      tokenEndpoint: `${portal.baseUrl}/oauth/token/`,
    };
    return new RestClient({ credentials, clock: new FakeClock(), log, onTokens: (t) => void saved.push(t) });
  }

  it('sends the access token in the body, not the URL', async () => {
    await client().call('profile');
    assert.equal(portal.hits[0].path, '/rest/profile');
    assert.equal(portal.hits[0].body.auth, 'access-0');
  });

  it('renews on expired_token, retries once, and hands the new pair to be saved', async () => {
    const saved: OAuthTokens[] = [];
    const c = client(saved);
    valid.clear();
    assert.deepEqual(await c.call('crm.lead.list'), { who: 'access-1' });
    assert.equal(portal.count('oauth/token'), 1);
    const token = portal.hits.find((h) => h.method === 'oauth/token')!;
    assert.equal(token.query.get('grant_type'), 'refresh_token');
    assert.equal(token.query.get('client_id'), 'local.app.1');
    assert.equal(token.query.get('refresh_token'), 'refresh-0');
    assert.deepEqual(saved, [{ accessToken: 'access-1', refreshToken: 'refresh-1' }]);
    // Later calls use the new token without renewing again.
    await c.call('crm.lead.list');
    assert.equal(portal.count('oauth/token'), 1);
  });

  it('repeats a write once after renewal: the expired call was refused, not executed', async () => {
    valid.clear();
    await client().call('crm.lead.add', { fields: { TITLE: 'A' } });
    assert.equal(portal.count('crm.lead.add'), 2);
    assert.equal(executedWrites, 1);
  });

  it('renews once for many calls that expire together', async () => {
    const c = client();
    valid.clear();
    const results = await Promise.all(Array.from({ length: 6 }, () => c.call('crm.lead.list')));
    assert.equal(portal.count('oauth/token'), 1);
    assert.ok(results.every((r) => (r as { who: string }).who === 'access-1'));
  });

  it('stops after one renewal when the new token is refused too', async () => {
    tokenReply = () => ({ json: { access_token: 'access-dud', refresh_token: 'refresh-dud' } });
    valid.clear();
    const e = await rejection(client().call('crm.lead.list'));
    assert.ok(isPortalError(e) && e.kind === 'expired');
    assert.match(e.message, /Connect the portal again/);
    assert.equal(portal.count('crm.lead.list'), 2);
    assert.equal(portal.count('oauth/token'), 1);
  });

  it('reports a spent refresh token as "connect again", without the token in the message', async () => {
    refreshable.clear();
    valid.clear();
    const log = new CapturingLog();
    const e = await rejection(client([], log).call('crm.lead.list'));
    assert.ok(isPortalError(e) && e.kind === 'auth' && e.code === 'invalid_grant');
    assert.match(e.message, /Connect the portal again/);
    for (const text of [e.message, e.detail ?? '', ...log.lines]) {
      assert.ok(!text.includes('refresh-0') && !text.includes('app-secret-123'), text);
    }
  });

  it('keeps working when saving the new tokens fails, and says so in the log', async () => {
    const log = new CapturingLog();
    const credentials: OAuthCredentials = {
      kind: 'oauth',
      portal: portal.baseUrl,
      clientId: 'local.app.1',
      clientSecret: 'app-secret-123',
      accessToken: 'access-0',
      refreshToken: 'refresh-0',
      tokenEndpoint: `${portal.baseUrl}/oauth/token/`,
    };
    const c = new RestClient({ credentials, clock: new FakeClock(), log, onTokens: () => Promise.reject(new Error('disk full')) });
    valid.clear();
    await c.call('crm.lead.list');
    assert.ok(log.lines.some((l) => l.startsWith('error Could not save the renewed tokens')));
  });

  it('never tries to renew a webhook', async () => {
    const c = new RestClient({ credentials: { kind: 'webhook', portal: portal.baseUrl, userId: '1', code: 'hookcode123' }, clock: new FakeClock() });
    const e = await rejection(c.call('crm.lead.list'));
    assert.ok(isPortalError(e) && e.kind === 'expired');
    assert.equal(portal.count('oauth/token'), 0);
  });
});
