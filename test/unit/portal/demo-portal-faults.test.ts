import assert from 'node:assert/strict';
import { DemoPortal, startDemoPortal } from '../../../demo-portal/src';
import { Clock } from '../../../client/src/portal/clock';
import { ConnectionStore } from '../../../client/src/portal/connections';
import { isPortalError, PortalError } from '../../../client/src/portal/errors';
import { parseWebhookUrl } from '../../../client/src/portal/portal-url';
import { RATE_LIMITS } from '../../../client/src/portal/rate-limiter';
import { RestClient, RestClientOptions } from '../../../client/src/portal/rest-client';
import { FaultPatchError } from '../../../demo-portal/src/http/faults';
import { CapturingLog, FakeClock, MemorySecrets, MemorySettings, rejection, startScriptedPortal } from './helpers';

/**
 * The REST client against the real demo portal and its fault switches:
 * bursts past the limit, 5xx storms, token expiry mid-session, malformed
 * JSON, slow answers and dropped connections. Nothing may hang, reads must
 * recover, and no write may run twice (checked in the portal's own state).
 */
describe('portal REST client against the demo portal, with faults', () => {
  let demo: DemoPortal;
  let clock: FakeClock;
  let portalLog: string[];
  const record = (line: string): void => void portalLog.push(line);
  /** Called on each backoff or pacing wait: the place a test ends a storm. */
  let onSleep: (count: number) => void;
  let sleeps: number;
  let clientClock: Clock;

  beforeEach(async () => {
    clock = new FakeClock();
    clock.t = Date.now();
    portalLog = [];
    sleeps = 0;
    onSleep = () => undefined;
    clientClock = {
      now: () => clock.now(),
      sleep: (ms, signal) => {
        onSleep(++sleeps);
        return clock.sleep(ms, signal);
      },
    };
    demo = await startDemoPortal({ now: () => clock.t, log: record });
  });
  afterEach(() => demo.close());

  function client(name = 'admin', extra: Partial<RestClientOptions> = {}): RestClient {
    const hook = parseWebhookUrl(demo.webhooks[name]);
    assert.ok(hook.ok);
    return new RestClient({ credentials: { kind: 'webhook', ...hook.value }, clock: clientClock, random: () => 0.5, log: new CapturingLog(), ...extra });
  }

  const sitesTitled = (title: string): number => demo.snapshot().sites.filter((s) => s.title === title).length;
  const addSite = (c: RestClient, title: string): Promise<unknown> => c.call('landing.site.add', { fields: { TITLE: title } });

  it('connects with the admin and user webhooks and tells them apart', async () => {
    const store = new ConnectionStore({ secrets: new MemorySecrets(), settings: new MemorySettings(), clock: clientClock });
    const admin = await store.connect({ kind: 'webhook', url: demo.webhooks.admin });
    assert.equal(admin.user.admin, true);
    assert.ok(admin.scopes.includes('landing') && admin.scopes.includes('user'));
    const user = await store.connect({ kind: 'webhook', url: demo.webhooks.user });
    assert.equal(user.user.admin, false);
  });

  it('a burst past the limit: every read succeeds, refused writes are not sent again', async () => {
    // Misconfigured as Enterprise (burst 250) against an ordinary portal (burst 50, 2/s).
    const c = client('admin', { rateLimit: RATE_LIMITS.enterprise });
    for (let i = 0; i < 70; i++) await c.call('user.current');
    const refusals = portalLog.filter((l) => l.includes('QUERY_LIMIT_EXCEEDED')).length;
    assert.ok(refusals > 0 && refusals < 10, `refusals: ${refusals}`);

    const outcomes = [];
    for (let i = 0; i < 20; i++)
      outcomes.push(
        await addSite(c, `Burst ${i}`).then(
          () => 'ok',
          (e: PortalError) => e.kind,
        ),
      );
    for (let i = 0; i < 20; i++) assert.equal(sitesTitled(`Burst ${i}`), outcomes[i] === 'ok' ? 1 : 0, `write ${i}: ${outcomes[i]}`);
    assert.ok(outcomes.every((o) => o === 'ok' || o === 'rate-limit'));
  });

  it('a 503 storm: a read waits it out; a write fails once and is not repeated', async () => {
    demo.faults.set({ status5xx: 503 });
    onSleep = (n) => n === 2 && demo.faults.clear(); // the storm ends during the second wait
    assert.equal(((await client().call('user.current')) as { ID: string }).ID, '1');

    demo.faults.set({ status5xx: 503 });
    onSleep = () => demo.faults.clear();
    const e = await rejection(addSite(client(), 'Storm'));
    assert.ok(isPortalError(e) && e.kind === 'server' && e.status === 503);
    assert.equal(sitesTitled('Storm'), 0);
    assert.equal(sleeps, 2, 'the write must not have waited to retry');
  });

  it('QUERY_LIMIT_EXCEEDED for a few calls in a row: the read recovers', async () => {
    demo.faults.set({ failNext: [1, 2, 3].map(() => ({ method: 'landing.site.getList', error: 'QUERY_LIMIT_EXCEEDED' })) });
    const sites = await client().list('landing.site.getList');
    assert.ok(sites.length > 0);
  });

  it('malformed JSON: a read recovers; a write that ran is reported, not repeated', async () => {
    demo.faults.set({ malformedJson: true });
    onSleep = () => demo.faults.clear();
    await client().call('user.current');

    demo.faults.set({ malformedJson: true });
    const e = await rejection(addSite(client(), 'Garbled'));
    assert.ok(isPortalError(e) && e.kind === 'malformed');
    assert.equal(sitesTitled('Garbled'), 1, 'the portal ran it once; the client must not have sent it again');
  });

  it('dropped connections: a read recovers; a write is not repeated', async () => {
    demo.faults.set({ dropConnections: true });
    onSleep = () => demo.faults.clear();
    await client().call('user.current');

    demo.faults.set({ dropConnections: true });
    const e = await rejection(addSite(client(), 'Dropped'));
    assert.ok(isPortalError(e) && e.kind === 'network');
    demo.faults.clear();
    assert.equal(sitesTitled('Dropped'), 0);
  });

  it('a slow portal: calls time out and settle; a read recovers when it speeds up', async () => {
    demo.faults.set({ latencyMs: 400 });
    const e = await rejection(addSite(client('admin', { timeoutMs: 80 }), 'Slow'));
    assert.ok(isPortalError(e) && e.kind === 'timeout');
    // (That the timed-out write is not sent again is counted in rest-client-timeouts.test.ts.)
    onSleep = () => demo.faults.set({ latencyMs: 0 });
    await client('admin', { timeoutMs: 80 }).call('user.current');
    const c = client('admin', { timeoutMs: 80 });
    demo.faults.set({ latencyMs: 400 });
    onSleep = () => undefined;
    const controller = new AbortController();
    const pending = c.call('user.current', {}, { signal: controller.signal, timeoutMs: 10_000 });
    controller.abort();
    const cancelled = await rejection(pending);
    assert.ok(isPortalError(cancelled) && cancelled.kind === 'cancelled');
  });

  it('token expiry mid-session (OAuth): renewed once, saved, and a write runs exactly once', async () => {
    const secrets = new MemorySecrets();
    const store = new ConnectionStore({ secrets, settings: new MemorySettings(), clock: clientClock });
    const authorize = (await (await fetch(`${demo.oauth.authorizeUrl}?client_id=${encodeURIComponent(demo.oauth.clientId)}`)).json()) as { code: string };
    await store.connect({
      kind: 'oauth',
      portalUrl: demo.baseUrl,
      clientId: demo.oauth.clientId,
      clientSecret: demo.oauth.clientSecret,
      authorizationCode: authorize.code,
      tokenEndpoint: demo.oauth.tokenUrl,
    });
    const savedBefore = [...secrets.data.values()][0];
    const c = await store.client();
    await c.call('user.current');
    demo.faults.set({ expireTokens: true });
    await addSite(c, 'After expiry');
    assert.equal(sitesTitled('After expiry'), 1);
    assert.equal(portalLog.filter((l) => l.includes('expired_token')).length, 1);
    assert.notEqual([...secrets.data.values()][0], savedBefore, 'the renewed pair must be saved');
    demo.faults.set({ expireTokens: true });
    assert.deepEqual((await c.list('user.get')).length > 0, true);
  });

  it('a gateway 5xx after a save went through: the write ran once and the error says the outcome is unknown', async () => {
    for (const status of [500, 502, 503, 504]) {
      demo.faults.set({ failAfterApplying: { method: 'landing.site.add', status } });
      const e = await rejection(addSite(client(), `After ${status}`));
      assert.ok(isPortalError(e));
      assert.equal((e as PortalError).status, status);
      assert.equal((e as PortalError).outcomeUnknown, true, `${status} after running`);
      assert.equal(sitesTitled(`After ${status}`), 1, 'the save happened, exactly once');
    }
    assert.deepEqual(demo.faults.get().failAfterApplying, [], 'each switch fires once');
    // Other methods are not affected while one is queued.
    demo.faults.set({ failAfterApplying: { method: 'landing.site.setRights', status: 504 } });
    assert.ok(Array.isArray(await client().call('landing.site.getList')));
  });

  it('a redirect to another origin: refused with the status and origin, nothing reaches the other origin', async () => {
    const other = await startScriptedPortal(() => ({ json: { result: 'wrong host' } }));
    try {
      const code = demo.webhooks.admin.split('/').at(-2) ?? '';
      for (const status of [301, 302, 307, 308]) {
        demo.faults.set({ redirect: { status, origin: other.baseUrl, method: 'landing.site.add' } });
        const e = await rejection(addSite(client(), `Redirected ${status}`));
        assert.ok(isPortalError(e) && e.kind === 'redirect');
        assert.match(e.message, new RegExp(`HTTP ${status}\\) to ${other.baseUrl.replace(/[.:/]/g, '\\$&')}\\.`));
        assert.ok(!e.message.includes(code));
        assert.equal(sitesTitled(`Redirected ${status}`), 0);
        assert.equal(e.outcomeUnknown, true, 'the client cannot tell that from a redirect sent after the save');
      }
      // A proxy that forwarded the call and then answered with a redirect: the save happened, once.
      demo.faults.set({ redirect: { status: 307, origin: other.baseUrl, method: 'landing.site.add', afterApplying: true } });
      const after = await rejection(addSite(client(), 'Redirected after saving'));
      assert.ok(isPortalError(after) && after.kind === 'redirect' && after.outcomeUnknown);
      assert.equal(sitesTitled('Redirected after saving'), 1);
      assert.ok(Array.isArray(await client().call('landing.site.getList')), 'a redirect for one method leaves the others alone');
      assert.equal(other.hits.length, 0, 'nothing was sent to the other origin');
      assert.ok(portalLog.some((l) => l.includes(`redirect to ${other.baseUrl}`)));
      assert.ok(!portalLog.join('\n').includes(code));
    } finally {
      await other.close();
    }
  });

  it('refuses fault switches that make no sense', () => {
    assert.throws(() => demo.faults.set({ failAfterApplying: { status: 404 } }), FaultPatchError);
    assert.throws(() => demo.faults.set({ redirect: { status: 200, origin: 'http://127.0.0.1:1' } }), FaultPatchError);
    assert.throws(() => demo.faults.set({ redirect: { status: 307, origin: 'ftp://example.com' } }), FaultPatchError);
    assert.throws(
      () => demo.faults.set({ redirect: { status: 307, origin: 'https://moved.example.com', afterApplying: 'yes' as unknown as boolean } }),
      FaultPatchError,
    );
    demo.faults.set({ redirect: { status: 307, origin: 'https://moved.example.com/some/path' }, failAfterApplying: { status: 502 } });
    assert.equal(demo.faults.get().redirect?.origin, 'https://moved.example.com');
    const cleared = demo.faults.clear();
    assert.equal(cleared.redirect, null);
    assert.deepEqual(cleared.failAfterApplying, []);
  });

  it('paging and batch against the large seed', async () => {
    await demo.close();
    demo = await startDemoPortal({ seed: 'large', now: () => clock.t, log: record });
    const c = client();
    const users = await c.list<{ ID: string }>('user.get');
    assert.equal(users.length, demo.snapshot().users.length);
    assert.equal(new Set(users.map((u) => u.ID)).size, users.length);
    const results = await c.batch(users.map((u) => ({ method: 'user.get', params: { ID: u.ID } })));
    assert.equal(results.size, users.length);
    const failed = [...results.entries()].filter(([, r]) => !r.ok).map(([k, r]) => `${k}: ${r.ok ? '' : r.error.code + ' ' + r.error.detail}`);
    assert.deepEqual(failed.slice(0, 3), []);
    assert.equal(portalLog.filter((l) => l.startsWith('batch ')).length, Math.ceil(users.length / 50));
  });
});
