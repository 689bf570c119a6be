import assert from 'node:assert/strict';
import { errorFromResponse, isPortalError, PortalError, PortalErrorKind } from '../../../client/src/portal/errors';
import { RestClient } from '../../../client/src/portal/rest-client';
import { CapturingLog, fail, FakeClock, rejection, ScriptedPortal, startScriptedPortal } from './helpers';

const CODE = 'k3x9q2m8v7w1z5a0';

describe('portal errors: mapping of Bitrix24 codes and statuses', () => {
  let reply: { status: number; error?: string; description?: string };
  let portal: ScriptedPortal;
  before(async () => {
    portal = await startScriptedPortal(() =>
      reply.error ? fail(reply.status, reply.error, reply.description) : { status: reply.status, raw: '<html>proxy error</html>' },
    );
  });
  after(() => portal.close());

  function client(authKind: 'webhook' | 'oauth' = 'webhook'): RestClient {
    const credentials =
      authKind === 'webhook'
        ? { kind: 'webhook' as const, portal: portal.baseUrl, userId: '1', code: CODE }
        : {
            kind: 'oauth' as const,
            portal: portal.baseUrl,
            clientId: 'local.app',
            clientSecret: 'sEcReTsEcReT',
            accessToken: 'acc3ss-token-1',
            refreshToken: 'refr3sh-token-1',
            tokenEndpoint: `${portal.baseUrl}/oauth/token/`,
          };
    return new RestClient({
      credentials,
      clock: new FakeClock(),
      log: new CapturingLog(),
      retry: { maxAttempts: 1 },
      requiredScope: (m) => (m.startsWith('crm.') ? 'crm' : undefined),
    });
  }

  async function failure(method = 'crm.lead.add', authKind: 'webhook' | 'oauth' = 'webhook'): Promise<PortalError> {
    const e = await rejection(client(authKind).call(method, { fields: { TITLE: 'x' } }));
    assert.ok(isPortalError(e), `expected a PortalError, got ${String(e)}`);
    return e;
  }

  const table: Array<[number, string | undefined, PortalErrorKind, boolean]> = [
    [401, 'NO_AUTH_FOUND', 'auth', false],
    [401, 'expired_token', 'expired', false],
    [403, 'insufficient_scope', 'scope', false],
    [403, 'ACCESS_DENIED', 'denied', false],
    [403, 'INVALID_CREDENTIALS', 'denied', false],
    [403, 'IS_NOT_ADMIN', 'not-admin', false],
    [404, 'ERROR_METHOD_NOT_FOUND', 'not-found', false],
    [400, 'MISSING_PARAMS', 'bad-request', false],
    [503, 'QUERY_LIMIT_EXCEEDED', 'rate-limit', true],
    [429, 'OPERATION_TIME_LIMIT', 'rate-limit', true],
    [503, 'OVERLOAD_LIMIT', 'rate-limit', false],
    [500, 'INTERNAL_SERVER_ERROR', 'server', false],
    [500, undefined, 'server', false],
    [502, undefined, 'server', true],
    [503, undefined, 'server', true],
    [504, undefined, 'server', true],
    [401, undefined, 'auth', false],
    [403, undefined, 'denied', false],
    [404, undefined, 'not-found', false],
    [429, undefined, 'rate-limit', true],
  ];
  for (const [status, code, kind, transient] of table) {
    it(`HTTP ${status} ${code ?? '(no JSON body)'} → ${kind}${transient ? ', transient' : ''}`, async () => {
      reply = { status, error: code, description: 'details from the portal' };
      const e = await failure();
      assert.equal(e.kind, kind);
      assert.equal(e.status, status);
      assert.equal(e.code, code);
      assert.equal(e.transient, transient);
      assert.equal(e.method, 'crm.lead.add');
      assert.ok(e.message.length > 20, 'the message should tell the user what to do');
    });
  }

  it('names the missing scope and says to re-issue the webhook', async () => {
    reply = { status: 403, error: 'insufficient_scope' };
    const e = await failure();
    assert.match(e.message, /“crm” scope/);
    assert.match(e.message, /Re-issue the inbound webhook/);
  });

  it('tells OAuth users to update the app instead of a webhook', async () => {
    reply = { status: 403, error: 'insufficient_scope' };
    const e = await failure('crm.lead.add', 'oauth');
    assert.match(e.message, /local app/);
    assert.doesNotMatch(e.message, /webhook/);
  });

  it('says an administrator is needed for IS_NOT_ADMIN', async () => {
    reply = { status: 403, error: 'IS_NOT_ADMIN' };
    assert.match((await failure('landing.site.setRights')).message, /administrator/);
  });

  it('keeps the portal description for the log, redacted, and shows MISSING_PARAMS details', async () => {
    reply = { status: 400, error: 'MISSING_PARAMS', description: `Missing: fields (called via /rest/1/${CODE}/crm.lead.add)` };
    const e = await failure();
    assert.ok(!e.message.includes(CODE) && !(e.detail ?? '').includes(CODE));
    assert.match(e.message, /Missing: fields/);
  });

  it('maps a code by name even when the status differs (landing answers ACCESS_DENIED with 400)', () => {
    assert.equal(errorFromResponse('ACCESS_DENIED', { status: 400 }).kind, 'denied');
    assert.equal(errorFromResponse('SOMETHING_NEW', { status: 418 }).kind, 'bad-request');
  });

  it('says when a failed write may still have run: any answer that is not a refusal', () => {
    const unknown = (code: string | undefined, status: number) => errorFromResponse(code, { status }).outcomeUnknown;
    for (const status of [500, 502, 503, 504, 520]) assert.equal(unknown(undefined, status), true, `a bare ${status}`);
    assert.equal(unknown('INTERNAL_SERVER_ERROR', 500), true);
    assert.equal(unknown('ERROR_UNEXPECTED_ANSWER', 200), true);
    // A Bitrix24 refusal is an answer from before the method ran, whatever its status.
    assert.equal(unknown('QUERY_LIMIT_EXCEEDED', 503), false);
    assert.equal(unknown('ACCESS_DENIED', 500), false);
    assert.equal(unknown('NOT_EXECUTED', 200), false);
    for (const status of [400, 401, 403, 404, 429]) assert.equal(unknown(undefined, status), false, `a bare ${status}`);
  });
});
