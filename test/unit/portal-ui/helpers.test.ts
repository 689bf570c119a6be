/** Pure helpers behind the portal commands and status bar: settings, inputs, wording. */
import assert from 'node:assert/strict';
import type { PortalIdentity } from '../../../client/src/portal';
import {
  connectInputFrom,
  portalArg,
  portalOfInput,
  tokenEndpointFor,
  validateClientId,
  validatePortalInput,
  validateWebhookInput,
} from '../../../client/src/portal-ui/connect-input';
import { describeIdentity, factsFrom } from '../../../client/src/portal/facts';
import { readPortalSettings, settingValues } from '../../../client/src/portal/settings-shape';
import { escapeIcons, statusView } from '../../../client/src/portal-ui/status-text';

const PORTAL = 'https://example.bitrix24.com';
const CODE = 'a1b2c3d4e5f6g7h8';

function identity(over: Partial<PortalIdentity['user']> = {}, scopes = ['crm', 'user']): PortalIdentity {
  return { portal: PORTAL, auth: 'webhook', user: { id: '5', name: 'Eva Schmidt', admin: false, ...over }, scopes };
}

describe('portal settings', () => {
  it('reads origins and auth kinds, dropping malformed entries, duplicates and insecure addresses', () => {
    const read = readPortalSettings(
      [
        { url: 'https://example.bitrix24.com/some/path', auth: 'webhook' },
        { url: 'https://example.bitrix24.com', auth: 'oauth' },
        { url: 'http://insecure.example.com', auth: 'webhook' },
        { url: 'http://127.0.0.1:8080', auth: 'oauth' },
        { url: 'https://x.bitrix24.com', auth: 'password' },
        'https://y.bitrix24.com',
        null,
      ],
      'http://127.0.0.1:8080/',
    );
    assert.deepEqual(read, {
      portals: [
        { url: 'https://example.bitrix24.com', auth: 'webhook' },
        { url: 'http://127.0.0.1:8080', auth: 'oauth' },
      ],
      active: 'http://127.0.0.1:8080',
    });
  });

  it('has no active portal when the setting names one that is not connected', () => {
    assert.deepEqual(readPortalSettings([{ url: PORTAL, auth: 'webhook' }], 'https://other.bitrix24.com'), { portals: [{ url: PORTAL, auth: 'webhook' }] });
    assert.deepEqual(readPortalSettings(undefined, undefined), { portals: [] });
  });

  it('removes both settings once the last portal is disconnected', () => {
    assert.deepEqual(settingValues({ portals: [] }), { portals: undefined, active: undefined });
    assert.deepEqual(settingValues({ portals: [{ url: PORTAL, auth: 'oauth' }], active: PORTAL }), {
      portals: [{ url: PORTAL, auth: 'oauth' }],
      active: PORTAL,
    });
  });
});

describe('connect inputs', () => {
  it('validates the webhook URL without repeating it, and stays quiet while the box is empty', () => {
    assert.equal(validateWebhookInput(''), undefined);
    assert.equal(validateWebhookInput(`${PORTAL}/rest/1/${CODE}/`), undefined);
    const insecure = validateWebhookInput(`http://example.bitrix24.com/rest/1/${CODE}/`);
    assert.match(insecure ?? '', /https/);
    const noCode = validateWebhookInput(`${PORTAL}/rest/1/`);
    assert.match(noCode ?? '', /user id and a code/);
    for (const message of [insecure, noCode, validateWebhookInput(`${PORTAL}/crm/${CODE}`)]) assert.ok(message && !message.includes(CODE));
  });

  it('validates the portal address and client id', () => {
    assert.equal(validatePortalInput('https://example.bitrix24.com/'), undefined);
    assert.match(validatePortalInput('ftp://example.com') ?? '', /https:\/\//);
    assert.match(validateClientId('local.abc 123') ?? '', /no spaces/);
    assert.equal(validateClientId('local.65f0a1.12345678'), undefined);
  });

  it('takes a webhook or complete OAuth input as the command argument, and ignores anything else', () => {
    assert.deepEqual(connectInputFrom({ kind: 'webhook', url: `${PORTAL}/rest/1/${CODE}/` }), { kind: 'webhook', url: `${PORTAL}/rest/1/${CODE}/` });
    const oauth = { kind: 'oauth', portalUrl: PORTAL, clientId: 'local.1', clientSecret: 's3cret', authorizationCode: 'abc' };
    assert.deepEqual(connectInputFrom(oauth), oauth);
    assert.equal(connectInputFrom({ ...oauth, authorizationCode: undefined }), undefined);
    assert.equal(connectInputFrom({ kind: 'webhook' }), undefined);
    assert.equal(connectInputFrom('https://example.bitrix24.com'), undefined);
    assert.equal(connectInputFrom(undefined), undefined);
  });

  it('reads a portal from a command argument', () => {
    assert.equal(portalArg(PORTAL), PORTAL);
    assert.equal(portalArg({ url: PORTAL }), PORTAL);
    assert.equal(portalArg({ label: 'x' }), undefined);
    assert.equal(portalArg(undefined), undefined);
  });

  it('finds the portal of an input for progress titles', () => {
    assert.equal(portalOfInput({ kind: 'webhook', url: `${PORTAL}/rest/1/${CODE}/` }), PORTAL);
    assert.equal(portalOfInput({ kind: 'oauth', portalUrl: `${PORTAL}/crm/`, clientId: 'a', clientSecret: 'b' }), PORTAL);
    assert.equal(portalOfInput({ kind: 'webhook', url: 'nonsense' }), undefined);
  });

  it("uses Bitrix24's authorization server for cloud portals and a local portal's own token URL", () => {
    assert.equal(tokenEndpointFor(PORTAL), 'https://oauth.bitrix.info/oauth/token/');
    assert.equal(tokenEndpointFor('http://127.0.0.1:4321'), 'http://127.0.0.1:4321/oauth/token/');
  });
});

describe('connection wording', () => {
  it('says who you are, whether you are an administrator and what was granted', () => {
    assert.equal(
      describeIdentity(identity()),
      'Connected to example.bitrix24.com as Eva Schmidt (not an administrator). Scopes granted to this webhook: crm, user.',
    );
    assert.match(describeIdentity({ ...identity({ admin: true }, []), auth: 'oauth' }), /\(administrator\)\. Scopes granted to this local app: none\./);
  });

  it('turns an identity into live-check facts', () => {
    assert.deepEqual(factsFrom(identity({ admin: true }), 1234), { portal: PORTAL, fetchedAt: 1234, scopes: ['crm', 'user'], admin: true, auth: 'webhook' });
    assert.deepEqual(factsFrom(identity(), 1, { 'a.b': { exists: true, available: false } }).methods, { 'a.b': { exists: true, available: false } });
  });
});

describe('portal status bar text', () => {
  const entry = { url: PORTAL, auth: 'webhook' as const };

  it('offers to connect when nothing is connected', () => {
    const view = statusView({ verifying: false, count: 0 });
    assert.equal(view.text, '$(debug-disconnect) Bitrix24: not connected');
    assert.equal(view.command, 'bitrix24.connect');
  });

  it('names the host and the user, marking administrators', () => {
    assert.equal(statusView({ active: entry, identity: identity(), verifying: false, count: 1 }).text, '$(plug) example.bitrix24.com — Eva Schmidt');
    const admin = statusView({ active: entry, identity: identity({ admin: true }), verifying: false, count: 2 });
    assert.equal(admin.text, '$(plug) example.bitrix24.com — Eva Schmidt (admin)');
    assert.equal(admin.command, 'bitrix24.switchPortal');
    assert.match(admin.tooltip, /Scopes: crm, user/);
  });

  it('shows progress, then problems, with a warning colour', () => {
    assert.equal(statusView({ active: entry, verifying: true, count: 1 }).text, '$(sync~spin) example.bitrix24.com');
    const refused = statusView({ active: entry, verifying: false, count: 1, problem: { kind: 'credentials', message: 'Connect again.' } });
    assert.equal(refused.text, '$(warning) example.bitrix24.com — reconnect needed');
    assert.equal(refused.warning, true);
    const offline = statusView({
      active: entry,
      identity: identity(),
      verifying: false,
      count: 1,
      problem: { kind: 'unreachable', message: 'Could not reach the portal.' },
    });
    assert.equal(offline.text, '$(warning) example.bitrix24.com — Eva Schmidt');
    assert.match(offline.tooltip, /The last check failed: Could not reach the portal\./);
  });

  it('does not let a user name render as an icon', () => {
    assert.equal(escapeIcons('$(alert) Mallory'), '\\$(alert) Mallory');
    assert.equal(
      statusView({ active: entry, identity: identity({ name: '$(zap)' }), verifying: false, count: 1 }).text,
      '$(plug) example.bitrix24.com — \\$(zap)',
    );
  });
});
