import assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoPortal, type DemoPortal } from '../../../demo-portal/src/index';
import { phpQuery, restCall, type Json } from '../../contract/rest-call';

async function post(url: string, body: unknown = {}): Promise<{ status: number; text: string; json: Json }> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  let json: Json = {};
  try {
    json = JSON.parse(text) as Json;
  } catch {
    // left empty; the test looks at text
  }
  return { status: res.status, text, json };
}

describe('demo portal over HTTP', () => {
  let portal: DemoPortal;
  const logs: string[] = [];
  beforeEach(async () => {
    logs.length = 0;
    portal = await startDemoPortal({ rateLimit: false, log: (line) => logs.push(line) });
  });
  afterEach(async () => {
    await portal.close();
  });

  describe('OAuth', () => {
    async function tokenFor(userId: number): Promise<Json> {
      const auth = await fetch(`${portal.oauth.authorizeUrl}?client_id=${portal.oauth.clientId}&state=xyz&user_id=${userId}`);
      const consent = (await auth.json()) as Json;
      assert.equal(consent.state, 'xyz');
      const q = new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: portal.oauth.clientId,
        client_secret: portal.oauth.clientSecret,
        code: String(consent.code),
      });
      const res = await fetch(`${portal.oauth.tokenUrl}?${q}`);
      assert.equal(res.status, 200);
      return (await res.json()) as Json;
    }

    it('issues tokens that act for the consenting user, with auth in the body or the query', async () => {
      const token = await tokenFor(5);
      assert.deepEqual([token.expires_in, token.user_id, token.client_endpoint], [3600, 5, `${portal.baseUrl}/rest/`]);
      const viaBody = await post(`${portal.baseUrl}/rest/user.current.json`, { auth: token.access_token });
      assert.equal((viaBody.json.result as Json).ID, '5');
      const viaQuery = await fetch(`${portal.baseUrl}/rest/profile?auth=${token.access_token}`);
      assert.equal(((await viaQuery.json()) as { result: Json }).result.ID, '5');
    });

    it('answers expired_token after forced expiry, and works again after a refresh', async () => {
      const token = await tokenFor(1);
      portal.faults.set({ expireTokens: true });
      const expired = await post(`${portal.baseUrl}/rest/profile`, { auth: token.access_token });
      assert.deepEqual([expired.status, expired.json.error], [401, 'expired_token']);
      const q = new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: portal.oauth.clientId,
        client_secret: portal.oauth.clientSecret,
        refresh_token: String(token.refresh_token),
      });
      const refreshed = (await (await fetch(`${portal.oauth.tokenUrl}?${q}`)).json()) as Json;
      assert.equal((await post(`${portal.baseUrl}/rest/profile`, { auth: refreshed.access_token })).status, 200);
    });

    it('answers NO_AUTH_FOUND for unknown or missing tokens and reports token endpoint errors', async () => {
      assert.equal((await post(`${portal.baseUrl}/rest/profile`, { auth: 'nope' })).json.error, 'NO_AUTH_FOUND');
      assert.equal((await post(`${portal.baseUrl}/rest/profile`)).status, 401);
      const bad = await post(portal.oauth.tokenUrl, {
        grant_type: 'authorization_code',
        client_id: portal.oauth.clientId,
        client_secret: portal.oauth.clientSecret,
        code: 'x',
      });
      assert.deepEqual([bad.status, bad.json.error], [400, 'invalid_grant']);
    });
  });

  describe('fault switches', () => {
    it("fails the next call of a chosen method once, with the code's documented status", async () => {
      portal.faults.set({ failNext: { method: 'profile', error: 'ACCESS_DENIED' } });
      const failed = await post(`${portal.webhooks.admin}profile`);
      assert.deepEqual([failed.status, failed.json.error], [403, 'ACCESS_DENIED']);
      assert.equal((await post(`${portal.webhooks.admin}profile`)).status, 200);
    });

    it("answers 5xx: 500 as the portal's JSON error, other codes as a proxy page", async () => {
      portal.faults.set({ status5xx: 500 });
      const own = await post(`${portal.webhooks.admin}profile`);
      assert.deepEqual([own.status, own.json.error], [500, 'INTERNAL_SERVER_ERROR']);
      portal.faults.set({ status5xx: 502 });
      const proxy = await post(`${portal.webhooks.admin}profile`);
      assert.equal(proxy.status, 502);
      assert.match(proxy.text, /<html>/);
    });

    it('drops connections, cuts JSON short and delays answers', async () => {
      portal.faults.set({ dropConnections: true });
      await assert.rejects(post(`${portal.webhooks.admin}profile`));
      portal.faults.set({ dropConnections: false, malformedJson: true });
      const broken = await post(`${portal.webhooks.admin}profile`);
      assert.equal(broken.status, 200);
      assert.throws(() => JSON.parse(broken.text));
      portal.faults.set({ malformedJson: false, latencyMs: 150 });
      const started = Date.now();
      assert.equal((await post(`${portal.webhooks.admin}profile`)).status, 200);
      assert.ok(Date.now() - started >= 140, 'the answer was held back');
    });

    it('can be flipped, read and cleared over /_demo/faults, rejecting unknown switches', async () => {
      const set = await post(`${portal.baseUrl}/_demo/faults`, { status5xx: 503, failNext: { error: 'X' } });
      assert.deepEqual([set.json.status5xx, (set.json.failNext as unknown[]).length], [503, 1]);
      assert.equal((await post(`${portal.webhooks.admin}profile`)).status, 503);
      const cleared = (await (await fetch(`${portal.baseUrl}/_demo/faults`, { method: 'DELETE' })).json()) as Json;
      assert.deepEqual([cleared.status5xx, cleared.failNext], [null, []]);
      assert.equal((await post(`${portal.webhooks.admin}profile`)).status, 200);
      const typo = await post(`${portal.baseUrl}/_demo/faults`, { latency: 100 });
      assert.deepEqual([typo.status, typo.json.error], [400, 'INVALID_FAULTS']);
    });

    it('turns on a rate limit that answers 503 QUERY_LIMIT_EXCEEDED, counting a batch as one request', async () => {
      await post(`${portal.baseUrl}/_demo/faults`, { rateLimit: { limit: 2, drainPerSecond: 0 } });
      const batch = await post(`${portal.webhooks.admin}batch`, { cmd: { a: 'profile', b: 'profile', c: 'profile' } });
      assert.equal(batch.status, 200);
      assert.equal((await post(`${portal.webhooks.admin}profile`)).status, 200);
      const limited = await post(`${portal.webhooks.admin}profile`);
      assert.deepEqual([limited.status, limited.json.error], [503, 'QUERY_LIMIT_EXCEEDED']);
    });
  });

  it('reads form-encoded and multipart bodies with PHP bracket syntax', async () => {
    const form = await fetch(`${portal.webhooks.admin}landing.site.setRights`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: phpQuery({ id: 1, rights: { U5: ['edit'] } }),
    });
    assert.equal(((await form.json()) as Json).result, true);
    assert.deepEqual((await restCall(portal.webhooks.user, 'landing.site.getRights', { id: 1 })).body.result, ['read', 'edit']);
    const data = new FormData();
    data.append('FILTER[ID]', '3');
    const multipart = (await (await fetch(`${portal.webhooks.admin}user.get`, { method: 'POST', body: data })).json()) as { result: Json[] };
    assert.deepEqual(
      multipart.result.map((u) => u.ID),
      ['3'],
    );
  });

  it('resets to the seed over /_demo/reset, keeping webhooks valid', async () => {
    await restCall(portal.webhooks.admin, 'landing.site.setRights', { id: 1, rights: { U5: ['denied'] } });
    assert.deepEqual((await restCall(portal.webhooks.user, 'landing.site.getRights', { id: 1 })).body.result, ['denied']);
    assert.equal((await post(`${portal.baseUrl}/_demo/reset`)).status, 200);
    assert.deepEqual((await restCall(portal.webhooks.user, 'landing.site.getRights', { id: 1 })).body.result, ['read']);
  });

  it('keeps secrets out of /_demo/state and out of the request log', async () => {
    const token = (await (await fetch(`${portal.oauth.authorizeUrl}?client_id=${portal.oauth.clientId}`)).json()) as Json;
    await post(`${portal.webhooks.admin}profile`);
    await post(`${portal.baseUrl}/rest/1/wrong-code/profile`);
    await post(portal.webhooks.admin.replace(/\/$/, ''));
    const state = await (await fetch(`${portal.baseUrl}/_demo/state`)).text();
    const secrets = [...Object.values(portal.webhooks).map((u) => u.split('/').at(-2) ?? ''), portal.oauth.clientSecret, String(token.code)];
    for (const secret of secrets) {
      assert.ok(secret.length >= 16);
      assert.ok(!state.includes(secret), 'state leaks a secret');
      assert.ok(!logs.join('\n').includes(secret), 'log leaks a secret');
    }
    assert.ok(!logs.join('\n').includes('wrong-code'));
    assert.ok(JSON.parse(state).sites.length > 0);
  });

  it('never logs a webhook code sent where the method belongs (/rest/<code>), known or not', async () => {
    const code = portal.webhooks.admin.split('/').at(-2) ?? '';
    const foreign = 'q7w8e9r0t1y2u3i4';
    for (const path of [`/rest/${code}`, `/rest/${code}.json`, `/rest/${code}/`, `/rest/${foreign}`, `/rest/1/${foreign}/profile`]) {
      const res = await post(`${portal.baseUrl}${path}`);
      assert.ok(res.status >= 400 && res.status < 500, `${res.status} for a mistyped webhook URL`);
    }
    const log = logs.join('\n');
    assert.ok(log.length > 0 && !log.includes(code) && !log.includes(foreign), 'the log holds a webhook code');
    assert.match(log, /\(not a method name\) 401 NO_AUTH_FOUND/);
  });

  it('escapes control characters, so an encoded newline cannot forge a log line', async () => {
    await post(`${portal.webhooks.admin}profile%0Aforged.line%20200%20user=1`);
    await post(`${portal.baseUrl}/rest/profile%0D%0Aforged.line%20200%20user=1`);
    assert.equal(logs.length, 2);
    assert.ok(
      logs.every((line) => !/[\r\n]/.test(line)),
      'a log line holds a line break',
    );
    assert.ok(!logs.some((line) => line.startsWith('forged')));
  });

  it('answers 400, not 500, to a malformed %-escape anywhere in the REST path', async () => {
    for (const url of [`${portal.webhooks.admin}pro%ZZfile`, `${portal.baseUrl}/rest/1/%E0%A4%A/profile`, `${portal.baseUrl}/rest/%`]) {
      const res = await post(url);
      assert.equal(res.status, 400);
      assert.equal(res.json.error, 'INVALID_REQUEST');
    }
    assert.ok(logs.every((line) => !line.startsWith('internal error')));
  });
});

describe('demo portal state file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fsp.mkdtemp(join(tmpdir(), 'demo-portal-'));
  });
  afterEach(async () => {
    await fsp.rm(dir, { recursive: true, force: true });
  });

  it('keeps webhooks and changes across restarts', async () => {
    const statePath = join(dir, 'portal.json');
    const first = await startDemoPortal({ statePath, rateLimit: false });
    await restCall(first.webhooks.admin, 'landing.site.setRights', { id: 1, rights: { U5: ['sett'] } });
    const hook = first.webhooks.user.replace(first.baseUrl, '');
    await first.close();
    const second = await startDemoPortal({ statePath, rateLimit: false });
    try {
      assert.equal(second.webhooks.user.replace(second.baseUrl, ''), hook);
      assert.deepEqual((await restCall(second.webhooks.user, 'landing.site.getRights', { id: 1 })).body.result, ['read', 'sett']);
    } finally {
      await second.close();
    }
  });

  it('refuses webhooks of a dismissed user with 403 INVALID_CREDENTIALS', async () => {
    const statePath = join(dir, 'portal.json');
    const first = await startDemoPortal({ statePath, rateLimit: false });
    await first.close();
    const state = JSON.parse(await fsp.readFile(statePath, 'utf8')) as { webhooks: Json[] };
    state.webhooks.push({ name: 'dismissed', userId: 7, code: 'dismissedcode0001', scopes: ['user'] });
    await fsp.writeFile(statePath, JSON.stringify(state));
    const second = await startDemoPortal({ statePath, rateLimit: false });
    try {
      const res = await restCall(second.webhooks.dismissed, 'profile');
      assert.deepEqual([res.status, res.body.error], [403, 'INVALID_CREDENTIALS']);
    } finally {
      await second.close();
    }
  });
});
