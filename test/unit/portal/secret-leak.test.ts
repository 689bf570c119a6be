import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { ConnectionStore } from '../../../client/src/portal/connections';
import { parseWebhookUrl } from '../../../client/src/portal/portal-url';
import { portalHost } from '../../../client/src/rights/api';
import { applyRights } from '../../../client/src/rights/apply';
import { newRightsFile, withRule } from '../../../client/src/rights/rights-file';
import { saveRights } from '../../../client/src/rights/rights-store';
import { startDemoPortal } from '../../../demo-portal/src';
import { MemoryFs } from '../rights/memory-fs';
import { fakeIdentityPortal, FakeIdentityPortal } from './fake-identity-portal';
import { CapturingLog, FakeClock, MemorySecrets, MemorySettings, rejection, ScriptedPortal, startScriptedPortal } from './helpers';

const APP = { clientId: 'local.leak.app', clientSecret: 'leak-client-secret-42' };
const HOOK = 'leakhookcode0001';
const SCOPELESS_HOOK = 'leakhookcode0002';
const WRONG_HOOK = 'leakwrongcode003';
const AUTH_CODE = 'leak-authorization-code';
/** Every token the fake portal issues starts with one of these. */
const TOKEN_PREFIXES = ['oauth-access-', 'oauth-refresh-'];

/** Text that must never hold a secret: log lines, settings, error texts, results. */
class Artefacts {
  readonly items: Array<[string, string]> = [];
  add(where: string, value: unknown): void {
    if (value instanceof Error) {
      const e = value as Error & { detail?: string };
      this.items.push([`${where} (message)`, e.message], [`${where} (detail)`, e.detail ?? ''], [`${where} (stack)`, e.stack ?? '']);
      this.items.push([`${where} (json)`, JSON.stringify(value)]);
    } else {
      this.items.push([where, typeof value === 'string' ? value : JSON.stringify(value)]);
    }
  }
  /** Awaits `p` and records what it settled with, result or error. */
  async attempt(where: string, p: Promise<unknown>): Promise<void> {
    try {
      this.add(where, await p);
    } catch (e) {
      this.add(where, e);
    }
  }
  /** Where any secret turned up; the secret itself is not repeated in the report. */
  leaks(secrets: string[]): string[] {
    return this.items
      .filter(([, text]) => secrets.some((s) => text.includes(s)) || TOKEN_PREFIXES.some((p) => text.includes(p)))
      .map(([where, text]) => `${where}: ${secrets.reduce((t, s) => t.split(s).join('<SECRET>'), text).replace(/oauth-(access|refresh)-\S+/g, '<TOKEN>')}`);
  }
}

describe('portal secret-leak check: connect, use, disconnect', () => {
  let server: ScriptedPortal;
  let fake: FakeIdentityPortal;
  before(async () => {
    server = await startScriptedPortal((hit, i) => fake.script(hit, i));
  });
  after(() => server.close());

  it('no webhook code, token or client secret reaches logs, settings, errors or results', async () => {
    fake = fakeIdentityPortal(APP, () => server.baseUrl);
    fake.hooks.set(`1/${HOOK}`, { user: { id: '1', name: 'Ada', lastName: 'Admin', admin: true }, scopes: ['crm', 'user'] });
    fake.hooks.set(`5/${SCOPELESS_HOOK}`, { user: { id: '5', name: 'Sam', lastName: '', admin: false }, scopes: ['user'] });
    fake.grants.set(AUTH_CODE, { id: '1', name: 'Ada', lastName: 'Admin', admin: true });
    const log = new CapturingLog();
    const secrets = new MemorySecrets();
    const settings = new MemorySettings();
    const store = new ConnectionStore({ secrets, settings, log, clock: new FakeClock(), retry: { maxAttempts: 2 } });
    const seen = new Artefacts();
    const attempt = (where: string, p: Promise<unknown>) => seen.attempt(where, p);

    // Webhooks: a wrong code, a good one, a scope failure whose description echoes the URL.
    await attempt('connect with wrong code', store.connect({ kind: 'webhook', url: `${server.baseUrl}/rest/1/${WRONG_HOOK}/` }));
    await attempt('connect webhook', store.connect({ kind: 'webhook', url: `${server.baseUrl}/rest/1/${HOOK}/` }));
    await attempt('read', (await store.client()).call('crm.lead.list'));
    await attempt('write', (await store.client()).call('crm.lead.add', { fields: { TITLE: 'x' } }));
    await attempt('connect scopeless webhook', store.connect({ kind: 'webhook', url: `${server.baseUrl}/rest/5/${SCOPELESS_HOOK}/` }));
    await attempt('scope failure', (await store.client()).call('crm.lead.add', { fields: { TITLE: 'y' } }));
    await attempt('batch', (await store.client()).batch([{ method: 'crm.lead.list' }, { method: 'nope.get' }]));

    // A portal that is down, reached with a code.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await attempt('unreachable portal', store.connect({ kind: 'webhook', url: `http://127.0.0.1:${port}/rest/1/${HOOK}/` }));

    // OAuth: a wrong secret (echoed back by the server), a code exchange, expiry mid-session, renewal.
    const oauth = { kind: 'oauth' as const, portalUrl: server.baseUrl, tokenEndpoint: `${server.baseUrl}/oauth/token/`, clientId: APP.clientId };
    await attempt('oauth wrong secret', store.connect({ ...oauth, clientSecret: 'leak-wrong-secret-7', authorizationCode: AUTH_CODE }));
    await attempt('oauth connect', store.connect({ ...oauth, clientSecret: APP.clientSecret, authorizationCode: AUTH_CODE }));
    fake.accessTokens.clear();
    await attempt('oauth read after expiry', (await store.client()).call('crm.lead.list'));
    fake.grants.clear();
    fake.accessTokens.clear();
    await attempt('oauth renewal refused', (await store.client()).call('profile'));
    await attempt('verify', store.verify(`${server.baseUrl}`));

    // Positive control: the secrets were really in play.
    const all = [HOOK, SCOPELESS_HOOK, WRONG_HOOK, AUTH_CODE, APP.clientSecret, 'leak-wrong-secret-7'];
    const wire = server.hits.map((h) => `${h.path}?${h.query.toString()} ${JSON.stringify(h.body)}`).join('\n');
    for (const s of [HOOK, SCOPELESS_HOOK, AUTH_CODE, APP.clientSecret, 'oauth-access-1', 'oauth-refresh-1']) {
      assert.ok(wire.includes(s), 'the scenario must have sent each secret to the portal');
    }
    assert.ok(secrets.data.size > 0);

    for (const url of store.list().map((p) => p.url)) await store.disconnect(url);
    assert.equal(secrets.data.size, 0, 'disconnect must delete every stored secret');

    log.lines.forEach((line, i) => seen.add(`log line ${i + 1}`, line));
    settings.writes.forEach((w, i) => seen.add(`settings write ${i + 1}`, w));
    seen.add('settings', settings.value);
    assert.ok(log.lines.length > 10, 'the scenario should have logged');
    assert.deepEqual(seen.leaks(all), []);
  });

  it('against the demo portal: no code, token or secret in our logs, its logs, settings or errors', async () => {
    const portalLog: string[] = [];
    const demo = await startDemoPortal({ log: (line) => portalLog.push(line) });
    try {
      const log = new CapturingLog();
      const secrets = new MemorySecrets();
      const settings = new MemorySettings();
      const store = new ConnectionStore({ secrets, settings, log, clock: new FakeClock(), retry: { maxAttempts: 2 } });
      const seen = new Artefacts();
      const attempt = (where: string, p: Promise<unknown>) => seen.attempt(where, p);
      await attempt('connect limited', store.connect({ kind: 'webhook', url: demo.webhooks.limited }));
      await attempt('scope failure', (await store.client()).call('landing.site.getList'));
      await attempt('connect admin', store.connect({ kind: 'webhook', url: demo.webhooks.admin }));
      await attempt('list', (await store.client()).list('user.get'));
      await attempt('write', (await store.client()).call('landing.site.add', { fields: { TITLE: 'Leak check' } }));
      demo.faults.set({ status5xx: 503 });
      await attempt('storm', (await store.client()).call('user.current'));
      demo.faults.set({ status5xx: null, malformedJson: true });
      await attempt('garbled', (await store.client()).call('user.current'));
      demo.faults.clear();
      // A gateway 5xx after a save, settled by re-reading: the apply's message, the rights file and the journal.
      const rightsFs = new MemoryFs();
      const client = await store.client();
      await saveRights(
        rightsFs,
        portalHost(client.portal),
        withRule(newRightsFile(portalHost(client.portal), { id: 1, code: 'company', title: 'Company website', type: 'PAGE' }), 'AU', ['read']),
      );
      demo.faults.set({ failAfterApplying: { method: 'landing.site.setRights', status: 504 } });
      await attempt('apply after 504', applyRights({ api: client, fs: rightsFs, confirm: async () => true }, 1));
      rightsFs.files.forEach((text, path) => seen.add(`rights workspace file ${path}`, text));
      // Redirects to another origin (over http), for a write and a read; mistyped and hostile paths in the portal's log.
      demo.faults.set({ redirect: { status: 307, origin: 'http://127.0.0.1:9' } });
      await attempt('redirected write', client.call('landing.site.add', { fields: { TITLE: 'Leak check 2' } }));
      demo.faults.set({ redirect: { status: 302, origin: 'http://127.0.0.1:9' } });
      await attempt('redirected read', client.call('user.current'));
      demo.faults.clear();
      const adminCode = parseWebhookUrl(demo.webhooks.admin);
      assert.ok(adminCode.ok);
      for (const path of [
        `/rest/${adminCode.value.code}`,
        `/rest/1/${adminCode.value.code}/profile%0A${adminCode.value.code}`,
        `/rest/1/${adminCode.value.code}/pro%ZZ`,
      ]) {
        await attempt(
          `raw ${path.length}`,
          fetch(`${demo.baseUrl}${path}`, { method: 'POST' }).then((r) => r.text()),
        );
      }
      const authorize = (await (await fetch(`${demo.oauth.authorizeUrl}?client_id=${encodeURIComponent(demo.oauth.clientId)}`)).json()) as { code: string };
      const oauth = { kind: 'oauth' as const, portalUrl: demo.baseUrl, clientId: demo.oauth.clientId, tokenEndpoint: demo.oauth.tokenUrl };
      const tokens = new Set<string>();
      const collectTokens = (): void => demo.snapshot().oauthTokens.forEach((t) => tokens.add(t.accessToken).add(t.refreshToken));
      await attempt('oauth connect', store.connect({ ...oauth, clientSecret: demo.oauth.clientSecret, authorizationCode: authorize.code }));
      collectTokens();
      demo.faults.set({ expireTokens: true });
      await attempt('oauth after expiry', (await store.client()).call('user.current'));
      collectTokens();
      demo.faults.set({ redirect: { status: 308, origin: 'http://127.0.0.1:9' } });
      await attempt('oauth redirected write', (await store.client()).call('landing.site.add', { fields: { TITLE: 'Leak check 3' } }));
      demo.faults.clear();

      const codes = Object.values(demo.webhooks).map((url) => {
        const hook = parseWebhookUrl(url);
        assert.ok(hook.ok);
        return hook.value.code;
      });
      assert.ok(tokens.size >= 4, 'the scenario must have issued and renewed tokens');
      const all = [...codes, ...tokens, demo.oauth.clientSecret, authorize.code];

      for (const url of store.list().map((p) => p.url)) await store.disconnect(url);
      assert.equal(secrets.data.size, 0);
      log.lines.forEach((line, i) => seen.add(`log line ${i + 1}`, line));
      portalLog.forEach((line, i) => seen.add(`demo portal log line ${i + 1}`, line));
      settings.writes.forEach((w, i) => seen.add(`settings write ${i + 1}`, w));
      assert.ok(log.lines.length > 5 && portalLog.length > 10);
      // Positive control: the new paths were really taken.
      assert.ok(seen.items.some(([where, text]) => where.startsWith('apply after 504') && text.includes('Outcome unknown')));
      assert.ok(seen.items.some(([where, text]) => where.startsWith('oauth redirected write') && text.includes('HTTP 308')));
      assert.ok(portalLog.some((l) => l.includes('(not a method name)')) && portalLog.every((l) => !l.includes('\n')));
      assert.deepEqual(seen.leaks(all), []);
    } finally {
      await demo.close();
    }
  });

  it('the leak search itself finds a planted secret (control)', () => {
    const seen = new Artefacts();
    seen.add('planted', new Error(`failed at /rest/1/${HOOK}/profile`));
    seen.add('planted token', 'token oauth-access-9-xxxx');
    assert.equal(seen.leaks([HOOK]).length, 3); // error message, stack, token line
    assert.ok(seen.leaks([HOOK]).every((l) => !l.includes(HOOK) && !l.includes('oauth-access-9')));
  });

  it('a rejected connect leaves no webhook code in the error (wrong code is a secret too)', async () => {
    fake = fakeIdentityPortal(APP, () => server.baseUrl);
    const store = new ConnectionStore({ secrets: new MemorySecrets(), settings: new MemorySettings(), clock: new FakeClock() });
    const e = (await rejection(store.connect({ kind: 'webhook', url: `${server.baseUrl}/rest/1/${WRONG_HOOK}/` }))) as Error & { detail?: string };
    assert.ok(!`${e.message} ${e.detail ?? ''} ${e.stack ?? ''}`.includes(WRONG_HOOK));
  });
});
