import assert from 'node:assert/strict';
import { isLoopbackHost, parseEndpointUrl, parsePortalUrl, parseWebhookUrl } from '../../../client/src/portal/portal-url';

const CODE = 'a1b2c3d4e5f6g7h8';

describe('portal URL parsing and the HTTPS rule', () => {
  for (const url of [
    `https://acme.bitrix24.com/rest/7/${CODE}/`,
    `https://acme.bitrix24.com/rest/7/${CODE}`,
    `https://acme.bitrix24.com/rest/7/${CODE}/profile`,
    `https://acme.bitrix24.com/rest/7/${CODE}/crm.lead.list.json`,
    `  https://acme.bitrix24.com/rest/7/${CODE}/?x=1  `,
  ]) {
    it(`reads portal, user and code from ${url.trim()}`, () => {
      assert.deepEqual(parseWebhookUrl(url), { ok: true, value: { portal: 'https://acme.bitrix24.com', userId: '7', code: CODE } });
    });
  }

  it('keeps a non-default port in the portal origin', () => {
    const r = parseWebhookUrl(`https://box.example.org:8443/rest/1/${CODE}/`);
    assert.ok(r.ok && r.value.portal === 'https://box.example.org:8443');
  });

  it('allows plain http only on loopback', () => {
    for (const host of ['127.0.0.1:3000', '127.8.9.10', 'localhost:8080', '[::1]:9000']) {
      assert.ok(parseWebhookUrl(`http://${host}/rest/1/${CODE}/`).ok, host);
    }
    const r = parseWebhookUrl(`http://acme.bitrix24.com/rest/1/${CODE}/`);
    assert.ok(!r.ok && /https/.test(r.message));
    assert.ok(!parsePortalUrl('http://10.0.0.5').ok);
    assert.ok(!parseEndpointUrl('http://oauth.example.com/oauth/token/', 'token endpoint').ok);
  });

  it('recognises loopback hosts exactly', () => {
    assert.ok(isLoopbackHost('127.0.0.1') && isLoopbackHost('127.255.0.3') && isLoopbackHost('[::1]') && isLoopbackHost('LOCALHOST'));
    assert.ok(!isLoopbackHost('127.0.0.1.evil.com') && !isLoopbackHost('128.0.0.1') && !isLoopbackHost('localhost.evil.com') && !isLoopbackHost('127.0.0.300'));
  });

  const wrong: Array<[string, RegExp]> = [
    ['', /Enter the inbound webhook URL/],
    ['acme.bitrix24.com/rest/1/code', /not a URL/],
    ['ftp://acme.bitrix24.com/rest/1/abcdefgh/', /https:\/\//],
    ['https://acme.bitrix24.com/', /has the form/],
    ['https://acme.bitrix24.com/crm/deal/', /has the form/],
    ['https://acme.bitrix24.com/rest/1/', /incomplete/],
    [`https://acme.bitrix24.com/rest/admin/${CODE}/`, /numeric id/],
    ['https://acme.bitrix24.com/rest/1/ab%20c!/', /letters and digits/],
    [`https://acme.bitrix24.com/rest/1/${CODE}/profile/extra`, /Unexpected text/],
    [`https://me:pw@acme.bitrix24.com/rest/1/${CODE}/`, /user name and password/],
  ];
  for (const [input, message] of wrong) {
    it(`explains what is wrong with "${input}"`, () => {
      const r = parseWebhookUrl(input);
      assert.ok(!r.ok);
      assert.match(r.message, message);
      assert.ok(!r.message.includes(CODE), 'the message must not repeat the webhook code');
    });
  }

  it('reduces a portal address to its origin and keeps an endpoint path', () => {
    assert.deepEqual(parsePortalUrl('https://acme.bitrix24.com/crm/deal/?x'), { ok: true, value: 'https://acme.bitrix24.com' });
    assert.deepEqual(parseEndpointUrl('https://oauth.bitrix.info/oauth/token/?a=1', 'token endpoint'), {
      ok: true,
      value: 'https://oauth.bitrix.info/oauth/token/',
    });
  });
});
