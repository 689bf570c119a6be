import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import * as FakeTimers from '@sinonjs/fake-timers';
import { isPortalError } from '../../../client/src/portal/errors';
import { RestClient, RestClientOptions } from '../../../client/src/portal/rest-client';
import { fail, FakeClock, ok, rejection, ScriptedPortal, Script, startScriptedPortal } from './helpers';

describe('portal REST client: timeouts, cancellation, broken replies', () => {
  let portal: ScriptedPortal;
  let script: Script;
  before(async () => {
    portal = await startScriptedPortal((hit, i) => script(hit, i));
  });
  after(() => portal.close());
  beforeEach(() => {
    portal.hits.length = 0;
  });

  const client = (extra: Partial<RestClientOptions> = {}): RestClient =>
    new RestClient({
      credentials: { kind: 'webhook', portal: portal.baseUrl, userId: '1', code: 'timeoutcode9' },
      clock: new FakeClock(),
      random: () => 0.5,
      ...extra,
    });

  // Request timeouts run on fake timers, moved on only once the portal holds the request:
  // a loaded machine can neither fire them early nor make an answer miss them.
  describe('request timeouts (fake timers)', () => {
    let timers: ReturnType<typeof FakeTimers.install>;
    beforeEach(() => {
      timers = FakeTimers.install({ toFake: ['setTimeout', 'clearTimeout'], shouldClearNativeTimers: true });
    });
    afterEach(() => timers.uninstall());

    /** Resolves once `promise` settled, or false when it is still pending after the event loop turned. */
    const settledSoon = async (promise: Promise<unknown>): Promise<boolean> => {
      let settled = false;
      void promise.then(
        () => (settled = true),
        () => (settled = true),
      );
      await new Promise((resolve) => setImmediate(resolve));
      return settled;
    };

    it('times out a write on a portal that never answers, and does not send it again', async () => {
      script = () => 'hang';
      const pending = rejection(client().call('crm.lead.add', { fields: {} }, { timeoutMs: 100 }));
      await portal.received(1);
      timers.tick(99);
      assert.equal(await settledSoon(pending), false, 'not before its 100 ms');
      timers.tick(1);
      const e = await pending;
      assert.ok(isPortalError(e) && e.kind === 'timeout');
      assert.equal(portal.count('crm.lead.add'), 1);
    });

    it('retries a timed-out read within its attempt budget, then settles', async () => {
      script = () => 'hang';
      const pending = rejection(client({ timeoutMs: 50, retry: { maxAttempts: 2 } }).call('crm.lead.list'));
      await portal.received(1);
      timers.tick(50);
      await portal.received(2);
      timers.tick(50);
      const e = await pending;
      assert.ok(isPortalError(e) && e.kind === 'timeout');
      assert.equal(portal.count('crm.lead.list'), 2);
    });

    it('recovers a read when only the first attempt hangs', async () => {
      script = (_hit, i) => (i === 0 ? 'hang' : ok([1]));
      const pending = client({ timeoutMs: 50 }).call('crm.lead.list');
      await portal.received(1);
      timers.tick(50);
      assert.deepEqual(await pending, [1]);
    });
  });

  it('cancels a call that is waiting for the portal, and does not retry it', async () => {
    script = () => 'hang';
    const controller = new AbortController();
    const pending = client().call('crm.lead.list', {}, { signal: controller.signal });
    await portal.received(1);
    controller.abort();
    const e = await rejection(pending);
    assert.ok(isPortalError(e) && e.kind === 'cancelled');
    assert.equal(portal.hits.length, 1);
  });

  it('sends nothing when already cancelled', async () => {
    script = () => ok(true);
    const controller = new AbortController();
    controller.abort();
    const e = await rejection(client().call('profile', {}, { signal: controller.signal }));
    assert.ok(isPortalError(e) && e.kind === 'cancelled');
    assert.equal(portal.hits.length, 0);
  });

  it('stops retrying when cancelled during the backoff', async () => {
    const controller = new AbortController();
    script = () => fail(503, 'QUERY_LIMIT_EXCEEDED');
    // The user cancels while the client is waiting to retry.
    const fake = new FakeClock();
    const clock = { now: () => fake.now(), sleep: (ms: number, signal?: AbortSignal) => (controller.abort(), fake.sleep(ms, signal)) };
    const e = await rejection(client({ clock }).call('crm.lead.list', {}, { signal: controller.signal }));
    assert.ok(isPortalError(e) && e.kind === 'cancelled');
    assert.equal(portal.hits.length, 1);
  });

  it('reports malformed JSON and a JSON body without "result" as malformed', async () => {
    for (const raw of ['{"result": [1,', '<html>login</html>', '{"total": 3}', '[1, 2]']) {
      script = () => ({ raw });
      const e = await rejection(client().call('crm.lead.add', {}));
      assert.ok(isPortalError(e) && e.kind === 'malformed', raw);
      assert.match(e.message, /not Bitrix24 REST JSON/);
    }
  });

  it('reports a refused connection as a network error naming the cause', async () => {
    const spare = createServer();
    await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
    const { port } = spare.address() as { port: number };
    await new Promise<void>((resolve) => spare.close(() => resolve()));
    const c = new RestClient({
      credentials: { kind: 'webhook', portal: `http://127.0.0.1:${port}`, userId: '1', code: 'refusedcode1' },
      clock: new FakeClock(),
      retry: { maxAttempts: 2 },
    });
    const e = await rejection(c.call('profile'));
    assert.ok(isPortalError(e) && e.kind === 'network');
    assert.match(e.message, /ECONNREFUSED/);
    assert.ok(!e.message.includes('refusedcode1'));
  });
});
