import assert from 'node:assert/strict';
import { decodeSegment, loggedMethod, safeLogLine } from '../../../demo-portal/src/http/log-line';
import { freshState } from './helpers';

describe('demo portal: request log lines', () => {
  it('escapes every control character, so one request is always one line', () => {
    const line = safeLogLine('profile\nforged 200\r\u0000\u001b[31m\u2028x', freshState());
    assert.equal(line, 'profile\\x0aforged 200\\x0d\\x00\\x1b[31m\\x2028x');
  });

  it('masks every webhook code, client secret and token the portal holds', () => {
    const state = freshState();
    state.oauthTokens.push({
      accessToken: 'access-token-123456',
      refreshToken: 'refresh-token-654321',
      clientId: 'c',
      userId: 1,
      scopes: [],
      expiresAt: 0,
      refreshExpiresAt: 0,
      refreshable: true,
    });
    const secrets = [state.webhooks[0].code, state.oauthClients[0].clientSecret, 'access-token-123456', 'refresh-token-654321'];
    const line = safeLogLine(`internal error: ${secrets.join(' / ')}`, state);
    for (const s of secrets) assert.ok(!line.includes(s));
    assert.equal(line, 'internal error: <secret> / <secret> / <secret> / <secret>');
  });

  it('names a method only when it looks like one', () => {
    assert.equal(loggedMethod('landing.site.getList'), 'landing.site.getList');
    assert.equal(loggedMethod('profile'), 'profile');
    assert.equal(loggedMethod('k3x9q2m8v7w1z5a0'), '(not a method name)');
    assert.equal(loggedMethod('profile\nx'), '(not a method name)');
    assert.equal(loggedMethod(''), '(not a method name)');
  });

  it('decodes a path segment, or says it cannot', () => {
    assert.equal(decodeSegment('user.get%2Ejson'), 'user.get.json');
    assert.equal(decodeSegment('pro%ZZ'), undefined);
    assert.equal(decodeSegment('%E0%A4%A'), undefined);
  });
});
