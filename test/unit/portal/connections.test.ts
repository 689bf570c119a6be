import assert from 'node:assert/strict';
import { ConnectionStore } from '../../../client/src/portal/connections';
import { isPortalError } from '../../../client/src/portal/errors';
import { secretKey } from '../../../client/src/portal/secret-record';
import { credentialUse } from '../../../client/src/portal/trust';
import { fakeIdentityPortal, FakeIdentityPortal } from './fake-identity-portal';
import { CapturingLog, FakeClock, MemorySecrets, MemorySettings, rejection, ScriptedPortal, startScriptedPortal } from './helpers';

const APP = { clientId: 'local.65f0a1.12345678', clientSecret: 'app-secret-0123456789' };
const ADMIN = { id: '1', name: 'Anna', lastName: 'Admin', admin: true };
const CLERK = { id: '9', name: 'Carl', lastName: '', admin: false };

describe('portal connections', () => {
  let server: ScriptedPortal;
  let second: ScriptedPortal;
  let fake: FakeIdentityPortal;
  let fake2: FakeIdentityPortal;
  let secrets: MemorySecrets;
  let settings: MemorySettings;
  let trusted: boolean;
  let store: ConnectionStore;

  before(async () => {
    server = await startScriptedPortal((hit, i) => fake.script(hit, i));
    second = await startScriptedPortal((hit, i) => fake2.script(hit, i));
  });
  after(async () => {
    await server.close();
    await second.close();
  });
  beforeEach(() => {
    server.hits.length = 0;
    fake = fakeIdentityPortal(APP, () => server.baseUrl);
    fake.hooks.set('1/adminhookcode01', { user: ADMIN, scopes: ['user', 'crm', 'landing'] });
    fake.hooks.set('9/clerkhookcode09', { user: CLERK, scopes: ['user'] });
    fake2 = fakeIdentityPortal(APP, () => second.baseUrl);
    fake2.hooks.set('1/secondportal001', { user: CLERK, scopes: ['task'] });
    secrets = new MemorySecrets();
    settings = new MemorySettings();
    trusted = true;
    store = new ConnectionStore({ secrets, settings, log: new CapturingLog(), clock: new FakeClock(), workspaceTrusted: () => trusted });
  });

  it('connects with a webhook: says who you are and which scopes were granted', async () => {
    const identity = await store.connect({ kind: 'webhook', url: `${server.baseUrl}/rest/1/adminhookcode01/` });
    assert.deepEqual(identity, {
      portal: server.baseUrl,
      auth: 'webhook',
      user: { id: '1', name: 'Anna Admin', admin: true },
      scopes: ['crm', 'landing', 'user'],
    });
    assert.deepEqual(
      server.hits.map((h) => h.method),
      ['profile', 'scope'],
    );
  });

  it('keeps the secret in secret storage and only the origin and auth kind in settings', async () => {
    await store.connect({ kind: 'webhook', url: `${server.baseUrl}/rest/9/clerkhookcode09/profile` });
    assert.deepEqual(settings.value, { portals: [{ url: server.baseUrl, auth: 'webhook' }], active: server.baseUrl });
    assert.ok(secrets.data.get(secretKey(server.baseUrl))?.includes('clerkhookcode09'));
    assert.equal(store.active()?.url, server.baseUrl);
  });

  it('stores nothing when the portal rejects the webhook', async () => {
    const e = await rejection(store.connect({ kind: 'webhook', url: `${server.baseUrl}/rest/1/wrongcode1234/` }));
    assert.ok(isPortalError(e) && e.kind === 'auth');
    assert.equal(secrets.data.size, 0);
    assert.deepEqual(settings.value.portals, []);
  });

  it('rejects a malformed or insecure webhook URL before any request', async () => {
    for (const url of ['https://acme.bitrix24.com/', 'http://acme.bitrix24.com/rest/1/abcdefgh1/']) {
      const e = await rejection(store.connect({ kind: 'webhook', url }));
      assert.ok(isPortalError(e) && e.kind === 'bad-request' && e.code === 'INVALID_INPUT');
    }
    assert.equal(server.hits.length, 0);
  });

  it('holds several portals with one active, and gives the client of the active one by default', async () => {
    await store.connect({ kind: 'webhook', url: `${server.baseUrl}/rest/1/adminhookcode01/` });
    await store.connect({ kind: 'webhook', url: `${second.baseUrl}/rest/1/secondportal001/` });
    assert.deepEqual(
      store.list().map((p) => p.url),
      [server.baseUrl, second.baseUrl],
    );
    assert.equal(store.active()?.url, second.baseUrl);
    assert.deepEqual((await store.verify()).scopes, ['task']);
    await store.setActive(server.baseUrl);
    assert.equal((await store.client()).portal, server.baseUrl);
    assert.deepEqual(await (await store.client()).call('crm.lead.list'), [{ ID: '1' }]);
    await assert.rejects(store.setActive('https://unknown.example.com'), (e: unknown) => isPortalError(e) && e.kind === 'auth' && e.code === 'NOT_CONNECTED');
  });

  it('reconnecting a portal replaces its credentials', async () => {
    await store.connect({ kind: 'webhook', url: `${server.baseUrl}/rest/9/clerkhookcode09/` });
    const before = await store.client();
    const identity = await store.connect({ kind: 'webhook', url: `${server.baseUrl}/rest/1/adminhookcode01/` });
    assert.equal(identity.user.admin, true);
    assert.equal(store.list().length, 1);
    assert.ok(!secrets.data.get(secretKey(server.baseUrl))?.includes('clerkhookcode09'));
    await assert.rejects(before.call('profile'), (e: unknown) => isPortalError(e) && e.kind === 'auth' && e.code === 'NOT_CONNECTED');
    assert.equal((await store.verify()).user.id, '1');
  });

  it('disconnect deletes the secrets, the entry, and moves the active portal', async () => {
    await store.connect({ kind: 'webhook', url: `${server.baseUrl}/rest/1/adminhookcode01/` });
    await store.connect({ kind: 'webhook', url: `${second.baseUrl}/rest/1/secondportal001/` });
    const held = await store.client(second.baseUrl);
    await store.disconnect(second.baseUrl);
    assert.equal(secrets.data.has(secretKey(second.baseUrl)), false);
    assert.deepEqual(settings.value, { portals: [{ url: server.baseUrl, auth: 'webhook' }], active: server.baseUrl });
    await assert.rejects(store.client(second.baseUrl), (e: unknown) => isPortalError(e) && e.kind === 'auth' && e.code === 'NOT_CONNECTED');
    await assert.rejects(held.call('profile'), (e: unknown) => isPortalError(e) && e.kind === 'auth' && e.code === 'NOT_CONNECTED');
    await store.disconnect(server.baseUrl);
    assert.deepEqual(settings.value, { portals: [], active: undefined });
    assert.equal(secrets.data.size, 0);
  });

  describe('untrusted workspaces', () => {
    it('never sends stored credentials to a workspace-supplied portal address while untrusted', async () => {
      await store.connect({ kind: 'webhook', url: `${server.baseUrl}/rest/1/adminhookcode01/` });
      server.hits.length = 0;
      trusted = false;
      const e = await rejection(store.client(`${server.baseUrl}/`, { source: 'workspace' }));
      assert.ok(isPortalError(e) && e.kind === 'denied' && e.code === 'WORKSPACE_NOT_TRUSTED');
      assert.match(e.message, /Trust the workspace/);
      assert.equal(server.hits.length, 0);
      // The user's own choice still works, and trust lifts the block.
      await (await store.client(server.baseUrl)).call('profile');
      trusted = true;
      await (await store.client(server.baseUrl, { source: 'workspace' })).call('profile');
    });

    it('is a pure rule: only workspace addresses in untrusted workspaces are refused', () => {
      assert.deepEqual(credentialUse('workspace', false), { allowed: false, reason: 'untrusted-workspace' });
      assert.deepEqual(credentialUse('workspace', true), { allowed: true });
      assert.deepEqual(credentialUse('user', false), { allowed: true });
      assert.deepEqual(credentialUse('user', true), { allowed: true });
    });
  });

  describe('OAuth local apps', () => {
    const oauthInput = (extra: Record<string, string>) => ({
      kind: 'oauth' as const,
      portalUrl: server.baseUrl,
      ...APP,
      tokenEndpoint: `${server.baseUrl}/oauth/token/`,
      ...extra,
    });

    it('connects with an authorization code and stores the token pair as secrets', async () => {
      fake.grants.set('auth-code-abcdef', ADMIN);
      const identity = await store.connect(oauthInput({ authorizationCode: 'auth-code-abcdef' }));
      assert.equal(identity.auth, 'oauth');
      assert.equal(identity.user.name, 'Anna Admin');
      assert.deepEqual(identity.scopes, ['crm', 'user']);
      assert.deepEqual(settings.value.portals, [{ url: server.baseUrl, auth: 'oauth' }]);
      const saved = secrets.data.get(secretKey(server.baseUrl)) ?? '';
      assert.ok(saved.includes('oauth-refresh-1') && saved.includes(APP.clientSecret));
    });

    it('connects with a refresh token, and saves renewed tokens when the access token expires', async () => {
      fake.grants.set('refresh-token-given', CLERK);
      await store.connect(oauthInput({ refreshToken: 'refresh-token-given' }));
      fake.accessTokens.clear(); // every access token expires
      await (await store.client()).call('crm.lead.list');
      const saved = secrets.data.get(secretKey(server.baseUrl)) ?? '';
      assert.ok(saved.includes('oauth-refresh-2') && !saved.includes('oauth-refresh-1'), 'the rotated refresh token must be kept');
      // A fresh store (next session) works with what was saved.
      const next = new ConnectionStore({ secrets, settings, clock: new FakeClock() });
      fake.accessTokens.clear();
      await (await next.client()).call('profile');
    });

    it('refuses tokens that belong to another portal and stores nothing', async () => {
      fake.grants.set('auth-code-other', ADMIN);
      fake.clientEndpoint = () => 'https://someone-else.bitrix24.com/rest/';
      const e = await rejection(store.connect(oauthInput({ authorizationCode: 'auth-code-other' })));
      assert.ok(isPortalError(e) && e.code === 'INVALID_INPUT');
      assert.match(e.message, /someone-else/);
      assert.equal(secrets.data.size, 0);
      assert.equal(server.count('profile'), 0);
    });

    it('asks for a grant, and refuses a plain-http token endpoint off loopback', async () => {
      await assert.rejects(store.connect(oauthInput({})), /refresh token or an authorization code/);
      await assert.rejects(store.connect(oauthInput({ refreshToken: 'r-123456', tokenEndpoint: 'http://oauth.example.com/oauth/token/' })), /https/);
      assert.equal(server.hits.length, 0);
    });

    it('reports a wrong client secret as such', async () => {
      fake.grants.set('auth-code-x', ADMIN);
      const e = await rejection(store.connect({ ...oauthInput({ authorizationCode: 'auth-code-x' }), clientSecret: 'wrong-secret-999' }));
      assert.ok(isPortalError(e) && e.code === 'invalid_client');
      assert.ok(!e.message.includes('wrong-secret-999') && !(e.detail ?? '').includes('wrong-secret-999'));
    });
  });
});
