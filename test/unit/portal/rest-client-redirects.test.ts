import assert from 'node:assert/strict';
import { isPortalError, PortalError } from '../../../client/src/portal/errors';
import { parseWebhookUrl } from '../../../client/src/portal/portal-url';
import { RestClient } from '../../../client/src/portal/rest-client';
import { startDemoPortal } from '../../../demo-portal/src';
import { CapturingLog, FakeClock, ok, rejection, ScriptedPortal, startScriptedPortal } from './helpers';

/**
 * A portal (or something in front of it) that answers with a redirect: the
 * client must not follow it, so the body — an OAuth token, a write's
 * parameters — never reaches the other address, and a write never turns
 * into a GET answered by another host. The user is told the status and the
 * target origin, never a path or secret.
 */
describe('portal REST client: redirects are refused', () => {
  let portal: ScriptedPortal;
  let elsewhere: ScriptedPortal;
  let redirect: { status: number; location: string } | undefined;
  const CODE = 'webhookcode12345';
  const TOKEN = 'oauth-access-token-777';

  before(async () => {
    elsewhere = await startScriptedPortal(() => ok(true));
    portal = await startScriptedPortal((hit) =>
      redirect ? { status: redirect.status, raw: '', headers: { location: redirect.location.replace('$PATH', hit.path) } } : ok(true),
    );
  });
  after(async () => {
    await portal.close();
    await elsewhere.close();
  });
  beforeEach(() => {
    portal.hits.length = 0;
    elsewhere.hits.length = 0;
  });

  const webhookClient = (log: CapturingLog) =>
    new RestClient({ credentials: { kind: 'webhook', portal: portal.baseUrl, userId: '1', code: CODE }, clock: new FakeClock(), log, random: () => 0.5 });
  const oauthClient = (log: CapturingLog) =>
    new RestClient({
      credentials: {
        kind: 'oauth',
        portal: portal.baseUrl,
        tokenEndpoint: `${portal.baseUrl}/oauth/token/`,
        clientId: 'app',
        clientSecret: 'app-secret',
        accessToken: TOKEN,
        refreshToken: 'refresh-1',
      },
      clock: new FakeClock(),
      log,
      random: () => 0.5,
    });

  for (const status of [301, 302, 307, 308]) {
    for (const scheme of ['https', 'http'] as const) {
      it(`refuses ${status} to an ${scheme}:// origin for a write and a read, sending nothing there`, async () => {
        const target = scheme === 'http' ? elsewhere.baseUrl : 'https://portal-moved.example.com';
        redirect = { status, location: `${target}$PATH?auth=${TOKEN}` };
        const log = new CapturingLog();
        for (const [client, write] of [
          [webhookClient(log), true],
          [oauthClient(log), false],
        ] as const) {
          const hitsBefore = portal.hits.length;
          const e = await rejection(client.call('landing.site.setRights', { id: 1, rights: { AU: ['read'] } }, { write }));
          assert.ok(isPortalError(e));
          assert.equal((e as PortalError).kind, 'redirect');
          assert.equal((e as PortalError).status, status);
          const targetOrigin = new URL(target).origin;
          assert.match(e.message, new RegExp(`HTTP ${status}\\) to ${targetOrigin.replace(/[.:/]/g, '\\$&')}\\.`));
          assert.doesNotMatch(e.message, /rest\/|auth=/, 'the message names only the origin');
          // One request, not retried even as a read, and nothing reached the other origin.
          assert.equal(portal.hits.length - hitsBefore, 1);
          assert.equal(elsewhere.hits.length, 0);
          for (const text of [e.message, (e as PortalError).detail ?? '', ...log.lines]) {
            assert.ok(!text.includes(CODE) && !text.includes(TOKEN), `a secret leaked: ${text}`);
          }
          assert.equal((e as PortalError).outcomeUnknown, true, 'whatever answered with a redirect may have run the write first');
        }
      });
    }
  }

  it('names no address when the redirect has no valid Location', async () => {
    redirect = { status: 307, location: 'http://[::1' };
    const e = await rejection(webhookClient(new CapturingLog()).call('profile'));
    assert.ok(isPortalError(e) && e.kind === 'redirect');
    assert.match(e.message, /HTTP 307\) to an address that is not valid/);
  });

  it('refuses a redirect from the OAuth token endpoint while renewing a token', async () => {
    let tokenCalls = 0;
    const renewing = await startScriptedPortal((hit) => {
      if (hit.method === 'oauth/token') {
        tokenCalls += 1;
        return { status: 307, raw: '', headers: { location: `${elsewhere.baseUrl}/oauth/token/` } };
      }
      return { status: 401, json: { error: 'expired_token', error_description: 'expired' } };
    });
    try {
      const client = new RestClient({
        credentials: {
          kind: 'oauth',
          portal: renewing.baseUrl,
          tokenEndpoint: `${renewing.baseUrl}/oauth/token/`,
          clientId: 'app',
          clientSecret: 'app-secret',
          accessToken: TOKEN,
          refreshToken: 'refresh-1',
        },
        clock: new FakeClock(),
      });
      const e = await rejection(client.call('profile'));
      assert.ok(isPortalError(e) && e.kind === 'redirect');
      assert.equal(tokenCalls, 1);
      assert.equal(elsewhere.hits.length, 0, 'the client secret and refresh token never left for the other origin');
    } finally {
      await renewing.close();
    }
  });

  it('needs no exception for the local demo portal: its REST answers are direct', async () => {
    const demo = await startDemoPortal({ port: 0, rateLimit: false });
    try {
      const hook = parseWebhookUrl(demo.webhooks.admin);
      assert.ok(hook.ok);
      const client = new RestClient({ credentials: { kind: 'webhook', ...hook.value }, clock: new FakeClock() });
      assert.equal(((await client.call('profile')) as { ID: string }).ID, '1');
    } finally {
      await demo.close();
    }
  });
});
