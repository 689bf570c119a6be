import assert from 'node:assert/strict';
import { isPortalError } from '../../../client/src/portal/errors';
import { encodeQuery } from '../../../client/src/portal/query-string';
import { RestClient } from '../../../client/src/portal/rest-client';
import { FakeClock, fail, ok, rejection, ScriptedPortal, Script, startScriptedPortal } from './helpers';

const ITEMS = Array.from({ length: 120 }, (_, i) => ({ ID: String(i + 1) }));

/** PHP's json_encode: an array keyed exactly 0..n-1 becomes a list, so an empty one is []. */
function php(map: Record<string, unknown>): unknown {
  const keys = Object.keys(map);
  return keys.every((k, i) => k === String(i)) ? Object.values(map) : map;
}

/** Answers a batch the way the portal does: results and errors by key, encoded as PHP would. */
function answerBatch(cmd: Record<string, string>): ReturnType<typeof ok> {
  const result: Record<string, unknown> = {};
  const errors: Record<string, unknown> = {};
  for (const [key, line] of Object.entries(cmd)) {
    const [method, query = ''] = line.split('?');
    if (method === 'crm.nothing.get') errors[key] = { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' };
    else result[key] = { method, query: decodeURIComponent(query) };
  }
  return ok({ result: php(result), result_error: php(errors), result_total: [], result_next: [] });
}

describe('portal REST client: batch and paging', () => {
  let portal: ScriptedPortal;
  let script: Script;
  before(async () => {
    portal = await startScriptedPortal((hit, i) => script(hit, i));
  });
  after(() => portal.close());
  beforeEach(() => {
    portal.hits.length = 0;
  });

  const client = (): RestClient =>
    new RestClient({ credentials: { kind: 'webhook', portal: portal.baseUrl, userId: '3', code: 'batchcode42' }, clock: new FakeClock(), random: () => 0.5 });

  it('splits 120 commands into batches of at most 50 and merges the results by key', async () => {
    script = (hit) => answerBatch(hit.body.cmd as Record<string, string>);
    const commands = Object.fromEntries(ITEMS.map((it) => [`lead_${it.ID}`, { method: 'crm.lead.get', params: { id: it.ID } }]));
    const results = await client().batch(commands);
    assert.deepEqual(
      portal.hits.map((h) => Object.keys(h.body.cmd as object).length),
      [50, 50, 20],
    );
    assert.equal(results.size, 120);
    assert.deepEqual(results.get('lead_120'), { ok: true, result: { method: 'crm.lead.get', query: 'id=120' }, total: undefined, next: undefined });
  });

  it('encodes nested parameters the way PHP reads them', async () => {
    script = (hit) => answerBatch(hit.body.cmd as Record<string, string>);
    const results = await client().batch([
      { method: 'crm.deal.list', params: { filter: { '>OPPORTUNITY': 100, CLOSED: 'N' }, select: ['ID', 'TITLE'], skip: null } },
    ]);
    const first = results.get('0');
    assert.ok(first?.ok);
    assert.equal((first.result as { query: string }).query, 'filter[>OPPORTUNITY]=100&filter[CLOSED]=N&select[0]=ID&select[1]=TITLE');
    assert.equal(encodeQuery({ flag: true, off: false, q: 'a b&c' }), 'flag=1&off=0&q=a%20b%26c');
  });

  it('reads results that come back as a list (commands keyed 0..n-1)', async () => {
    script = (hit) => answerBatch(hit.body.cmd as Record<string, string>);
    const results = await client().batch([
      { method: 'user.get', params: { ID: 1 } },
      { method: 'user.get', params: { ID: 2 } },
    ]);
    assert.deepEqual(
      [...results.values()].map((r) => r.ok && (r.result as { query: string }).query),
      ['ID=1', 'ID=2'],
    );
  });

  it('reports per-command errors as typed errors, next to the successes', async () => {
    script = (hit) => answerBatch(hit.body.cmd as Record<string, string>);
    const results = await client().batch({ good: { method: 'crm.lead.get', params: { id: 1 } }, bad: { method: 'crm.nothing.get' } });
    assert.ok(results.get('good')?.ok);
    const bad = results.get('bad');
    assert.ok(bad && !bad.ok && bad.error.kind === 'not-found' && bad.error.method === 'crm.nothing.get');
  });

  it('with halt, stops sending further chunks after a failure', async () => {
    script = (hit) => answerBatch(hit.body.cmd as Record<string, string>);
    const commands = [{ method: 'crm.nothing.get' }, ...ITEMS.slice(0, 60).map((it) => ({ method: 'crm.lead.get', params: { id: it.ID } }))];
    const results = await client().batch(commands, { halt: true });
    assert.equal(portal.count('batch'), 1);
    assert.equal(portal.hits[0].body.halt, 1);
    const skipped = results.get('55');
    assert.ok(skipped && !skipped.ok && skipped.error.code === 'NOT_EXECUTED');
  });

  it('retries a batch of reads but never a batch containing a write', async () => {
    script = (hit, i) => (i === 0 ? fail(503, 'QUERY_LIMIT_EXCEEDED') : answerBatch(hit.body.cmd as Record<string, string>));
    await client().batch([{ method: 'crm.lead.get' }, { method: 'crm.deal.list' }]);
    assert.equal(portal.count('batch'), 2);

    portal.hits.length = 0;
    const e = await rejection(client().batch([{ method: 'crm.lead.get' }, { method: 'crm.lead.delete', params: { id: 1 } }]));
    assert.ok(isPortalError(e) && e.kind === 'rate-limit');
    assert.equal(portal.count('batch'), 1);
  });

  it('refuses a nested batch and malformed method names before sending anything', async () => {
    script = () => ok(true);
    for (const p of [client().batch([{ method: 'batch' }]), client().call('crm.lead.get/../../other'), client().call('batch')]) {
      const e = await rejection(p);
      assert.ok(isPortalError(e) && e.code === 'INVALID_METHOD');
    }
    assert.equal(portal.hits.length, 0);
  });

  it('follows start/next across pages and returns every item in order', async () => {
    script = (hit) => {
      const start = Number(hit.body.start ?? 0);
      const page = ITEMS.slice(start, start + 50);
      return ok(page, { total: ITEMS.length, ...(start + 50 < ITEMS.length ? { next: start + 50 } : {}) });
    };
    const all = await client().list<{ ID: string }>('crm.lead.list', { select: ['ID'] });
    assert.deepEqual(all, ITEMS);
    assert.deepEqual(
      portal.hits.map((h) => h.body.start),
      [undefined, 50, 100],
    );
    assert.deepEqual(portal.hits[2].body.select, ['ID']);
  });

  it('finds items wrapped in an object ({ tasks: [...] }) and stops at maxItems', async () => {
    script = (hit) => {
      const start = Number(hit.body.start ?? 0);
      return ok({ tasks: ITEMS.slice(start, start + 50) }, { next: start + 50 });
    };
    const some = await client().list('tasks.task.list', {}, { maxItems: 70 });
    assert.equal(some.length, 70);
    assert.equal(portal.hits.length, 2);
  });

  it('fails instead of looping when the portal repeats the same page', async () => {
    script = () => ok([{ ID: '1' }], { next: 50 });
    const e = await rejection(client().list('crm.lead.list'));
    assert.ok(isPortalError(e) && e.kind === 'malformed');
    assert.equal(portal.hits.length, 2);
  });
});
