import assert from 'node:assert/strict';
import { REDACTED, redactingLogger, Redactor } from '../../../client/src/portal/redact';
import { CapturingLog } from './helpers';

describe('portal redaction', () => {
  it('masks the code of any webhook URL, known or not', () => {
    const r = new Redactor();
    assert.equal(
      r.redact('POST https://acme.bitrix24.com/rest/12/abcdef0123456789/crm.lead.add'),
      `POST https://acme.bitrix24.com/rest/12/${REDACTED}/crm.lead.add`,
    );
    assert.equal(r.redact(new URL('https://acme.bitrix24.com/rest/1/q1w2e3r4t5/')), `https://acme.bitrix24.com/rest/1/${REDACTED}/`);
  });

  it('masks token and secret query parameters and JSON members', () => {
    const r = new Redactor();
    const url = 'https://oauth.bitrix.info/oauth/token/?grant_type=refresh_token&client_id=app.1&client_secret=S3cr3t&refresh_token=R3fr3sh';
    const out = r.redact(url);
    assert.ok(!out.includes('S3cr3t') && !out.includes('R3fr3sh'), out);
    assert.ok(out.includes('client_id=app.1'), 'non-secret parameters stay readable');
    const json = r.redact('{"auth":"tok123456","access_token": "tok654321","title":"Deal"}');
    assert.ok(!json.includes('tok123456') && !json.includes('tok654321') && json.includes('Deal'), json);
    assert.equal(r.redact('Authorization: Bearer abc.def-ghi'), `Authorization: Bearer ${REDACTED}`);
  });

  it('masks secret-named members of objects but keeps ordinary CODE fields', () => {
    const r = new Redactor();
    const out = r.redact({ accessToken: 'aaaaaaa1', nested: { client_secret: 'bbbbbbb2' }, CODE: 'site_code', code: 'error_code' });
    assert.ok(!out.includes('aaaaaaa1') && !out.includes('bbbbbbb2'), out);
    assert.ok(out.includes('site_code'));
  });

  it('masks every known secret wherever it appears, also URL-encoded', () => {
    const r = new Redactor();
    r.addSecret('plain-secret-value', 'with space+plus/slash');
    const out = r.redact(`x plain-secret-value y ${encodeURIComponent('with space+plus/slash')} z`);
    assert.equal(out, `x ${REDACTED} y ${REDACTED} z`);
    assert.ok(r.leaks('...plain-secret-value...'));
    assert.ok(!r.leaks(out));
  });

  it('ignores values too short to be secrets, so ordinary text survives', () => {
    const r = new Redactor();
    r.addSecret('1', 'ab', undefined, '');
    assert.equal(r.redact('user 1 has ab'), 'user 1 has ab');
  });

  it('masks secrets inside errors and their causes', () => {
    const r = new Redactor();
    r.addSecret('hidden-token-77');
    const e = new Error('outer hidden-token-77', { cause: new Error('inner /rest/1/zzzzzzzzzz/profile') });
    const out = r.redact(e);
    assert.ok(!out.includes('hidden-token-77') && !out.includes('zzzzzzzzzz'), out);
    assert.match(out, /cause/);
  });

  it('routes every logger line and detail through the redactor', () => {
    const r = new Redactor();
    r.addSecret('log-secret-123');
    const sink = new CapturingLog();
    const log = redactingLogger(sink, r);
    log.info('calling https://p.example/rest/1/log-secret-123/profile', { refresh_token: 'whatever-it-is' });
    log.warn('warn log-secret-123');
    log.error('error', new Error('log-secret-123'));
    log.debug('debug log-secret-123');
    assert.equal(sink.lines.length, 4);
    for (const line of sink.lines) assert.ok(!line.includes('log-secret-123') && !line.includes('whatever-it-is'), line);
  });
});
