import assert from 'node:assert/strict';
import { isPortalError } from '../../../client/src/portal/errors';
import { RATE_LIMITS } from '../../../client/src/portal/rate-limiter';
import { RestClient, RestClientOptions } from '../../../client/src/portal/rest-client';
import { CapturingLog, fail, FakeClock, ok, rejection, Reply, ScriptedPortal, Script, startScriptedPortal } from './helpers';

const CODE = 'r7t2y9u4i1o6p3a8';

describe('portal REST client: retries for reads only', () => {
  let portal: ScriptedPortal;
  let script: Script;
  let clock: FakeClock;
  let log: CapturingLog;
  before(async () => {
    portal = await startScriptedPortal((hit, i) => script(hit, i));
  });
  after(() => portal.close());
  beforeEach(() => {
    portal.hits.length = 0;
    clock = new FakeClock();
    log = new CapturingLog();
  });

  function client(extra: Partial<RestClientOptions> = {}): RestClient {
    return new RestClient({
      credentials: { kind: 'webhook', portal: portal.baseUrl, userId: '1', code: CODE },
      clock,
      log,
      random: () => 0.5,
      ...extra,
    });
  }

  /** Fails the first `n` requests with `reply`, then answers `ok`. */
  function failFirst(n: number, reply: Reply): Script {
    return (_hit, i) => (i < n ? reply : ok({ ID: '7' }));
  }

  it('recovers a read from a 503 storm with growing backoff', async () => {
    script = failFirst(3, fail(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests'));
    assert.deepEqual(await client().call('crm.lead.get', { id: 7 }), { ID: '7' });
    assert.equal(portal.count('crm.lead.get'), 4);
    const delays = log.lines
      .filter((l) => l.startsWith(`warn ${new URL(portal.baseUrl).host} crm.lead.get (read) failed: QUERY_LIMIT_EXCEEDED`))
      .map((l) => Number(/in (\d+) ms/.exec(l)?.[1]));
    assert.equal(delays.length, 3);
    assert.ok(delays[0] < delays[1] && delays[1] < delays[2], `backoff should grow: ${delays.join(', ')}`);
    for (const d of delays) assert.ok(clock.sleeps.includes(d));
  });

  it('gives up on a read after the attempt budget, without hanging', async () => {
    script = () => fail(503, 'QUERY_LIMIT_EXCEEDED');
    const e = await rejection(client({ retry: { maxAttempts: 3 } }).call('crm.lead.list'));
    assert.ok(isPortalError(e) && e.kind === 'rate-limit');
    assert.equal(portal.count('crm.lead.list'), 3);
  });

  for (const [label, reply] of [
    ['503 QUERY_LIMIT_EXCEEDED', fail(503, 'QUERY_LIMIT_EXCEEDED')],
    ['429 OPERATION_TIME_LIMIT', fail(429, 'OPERATION_TIME_LIMIT')],
    ['502 from a proxy', { status: 502, raw: '<html>Bad gateway</html>' }],
    ['a dropped connection', 'reset'],
    ['malformed JSON', { raw: '{"result": [1, 2' }],
  ] as Array<[string, Reply]>) {
    it(`retries a read after ${label}`, async () => {
      script = failFirst(1, reply);
      await client().call('crm.deal.list');
      assert.equal(portal.count('crm.deal.list'), 2);
    });

    it(`never repeats a write after ${label}`, async () => {
      script = failFirst(1, reply);
      const e = await rejection(client().call('crm.deal.add', { fields: { TITLE: 'Once' } }));
      assert.ok(isPortalError(e));
      assert.equal(portal.count('crm.deal.add'), 1);
    });
  }

  it('does not retry reads on errors that repeating cannot fix', async () => {
    for (const reply of [fail(403, 'insufficient_scope'), fail(404, 'ERROR_METHOD_NOT_FOUND'), fail(400, 'MISSING_PARAMS'), fail(503, 'OVERLOAD_LIMIT')]) {
      portal.hits.length = 0;
      script = failFirst(1, reply);
      await rejection(client().call('crm.lead.list'));
      assert.equal(portal.count('crm.lead.list'), 1);
    }
  });

  it('treats unknown method shapes as writes, and honours per-call and per-client overrides', async () => {
    script = failFirst(1, fail(503, 'QUERY_LIMIT_EXCEEDED'));
    await rejection(client().call('vendor.thing.frobnicate'));
    assert.equal(portal.count('vendor.thing.frobnicate'), 1);

    portal.hits.length = 0;
    script = failFirst(1, fail(503, 'QUERY_LIMIT_EXCEEDED'));
    await client().call('vendor.thing.frobnicate', {}, { write: false });
    assert.equal(portal.count('vendor.thing.frobnicate'), 2);

    portal.hits.length = 0;
    script = failFirst(1, fail(503, 'QUERY_LIMIT_EXCEEDED'));
    await rejection(client().call('crm.lead.list', {}, { write: true }));
    assert.equal(portal.count('crm.lead.list'), 1);

    portal.hits.length = 0;
    script = failFirst(1, fail(503, 'QUERY_LIMIT_EXCEEDED'));
    await client({ classify: () => 'read' }).call('vendor.thing.frobnicate');
    assert.equal(portal.count('vendor.thing.frobnicate'), 2);
  });

  it('waits at least as long as Retry-After asks (within the cap)', async () => {
    script = failFirst(1, { status: 429, json: { error: 'OPERATION_TIME_LIMIT' }, headers: { 'retry-after': '7' } });
    await client().call('tasks.task.list');
    assert.ok(clock.sleeps.includes(7000), `sleeps: ${clock.sleeps.join(', ')}`);
  });

  it('paces a burst past the portal limit: reads all succeed, no write runs twice', async () => {
    // The portal's own counter (X = 50, Y = 2/s) on the shared fake clock; the
    // client is misconfigured with Enterprise limits so it overshoots.
    let level = 0;
    let last = 0;
    const executed = new Map<string, number>();
    script = (hit) => {
      level = Math.max(0, level - ((clock.t - last) * 2) / 1000);
      last = clock.t;
      if (level + 1 > 50) return fail(503, 'QUERY_LIMIT_EXCEEDED');
      level += 1;
      const id = String((hit.body.fields as { TITLE?: string } | undefined)?.TITLE ?? hit.body.id);
      executed.set(id, (executed.get(id) ?? 0) + 1);
      return ok(true);
    };
    const c = client({ rateLimit: RATE_LIMITS.enterprise });
    for (let i = 0; i < 70; i++) await c.call('crm.lead.get', { id: `r${i}` });
    const rejected = portal.hits.length - 70;
    assert.ok(rejected > 0, 'the scenario must push past the portal limit');
    assert.ok(rejected < 10, `after the first refusal the client should pace itself (${rejected} refusals)`);

    let failedWrites = 0;
    for (let i = 0; i < 70; i++) {
      try {
        await c.call('crm.lead.add', { fields: { TITLE: `w${i}` } });
      } catch (e) {
        assert.ok(isPortalError(e) && e.kind === 'rate-limit');
        failedWrites += 1;
      }
    }
    const writeHits = portal.hits.filter((h) => h.method === 'crm.lead.add').map((h) => (h.body.fields as { TITLE: string }).TITLE);
    assert.equal(new Set(writeHits).size, writeHits.length, 'no write may be sent twice');
    assert.equal(writeHits.length, 70);
    assert.ok([...executed.values()].every((n) => n === 1));
    assert.ok(failedWrites < 70);
  });
});
