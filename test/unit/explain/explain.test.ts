/**
 * The explain engine: every code the documentation lists on its common error
 * pages is explained (with its documented status), and the diagnosis uses
 * the method, the manifest and the portal's grants when it has them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Catalogue } from '../../../server/src/catalogue/catalogue';
import { CODES } from '../../../server/src/explain/codes';
import { explainInput, formatExplanations } from '../../../server/src/explain/explain';
import { parseErrorInput } from '../../../server/src/explain/parse';

interface Documented {
  source: { repository: string; commit: string } | null;
  codes: { code: string; status?: number; pages: string[] }[];
}
const documented = JSON.parse(readFileSync(join(__dirname, '../../../server/src/explain/documented-codes.json'), 'utf8')) as Documented;
const catalogue = Catalogue.load();

describe('explain: documented error codes', () => {
  it('the list comes from the docs, with provenance, and covers the common pages', () => {
    assert.match(documented.source?.commit ?? '', /^[0-9a-f]{7,40}$/);
    const codes = documented.codes.map((c) => c.code);
    for (const c of [
      'insufficient_scope',
      'ACCESS_DENIED',
      'METHOD_CONFIRM_WAITING',
      'QUERY_LIMIT_EXCEEDED',
      'OPERATION_TIME_LIMIT',
      'expired_token',
      'BITRIX_REST_V3_EXCEPTION_INSUFFICIENTSCOPEEXCEPTION',
      'BITRIX_REST_V3_EXCEPTION_ACCESSDENIEDEXCEPTION',
      'invalid_grant',
    ]) {
      assert.ok(codes.includes(c), `${c} is in the generated list`);
    }
    assert.ok(documented.codes.length >= 35, `${documented.codes.length} codes`);
  });

  for (const d of documented.codes) {
    it(`explains ${d.code}`, () => {
      const [x] = explainInput(d.code).explanations;
      assert.ok(x, 'one explanation');
      assert.equal(x.known, true, 'a code the engine knows');
      assert.notEqual(x.kind, 'unknown');
      assert.ok(x.diagnosis.length > 20, 'says what happened');
      assert.ok(x.fixes.length > 0, 'says what to do');
      if (d.status !== undefined) assert.equal(x.status, d.status, 'with the documented HTTP status');
    });
  }

  it('every code the engine knows is documented, or one of the few commonly returned extras', () => {
    const listed = new Set(documented.codes.map((c) => c.code));
    const extras = Object.keys(CODES).filter((c) => !listed.has(c));
    assert.deepEqual(extras.sort(), ['WRONG_AUTH_TYPE', 'invalid_token']);
  });
});

describe('explain: parsing what developers paste', () => {
  it('a REST 2 body, a REST 3.0 body with validation, a bare code, a log line', () => {
    assert.deepEqual(parseErrorInput('{"error":"expired_token","error_description":"The access token provided has expired."}').errors, [
      { code: 'expired_token', description: 'The access token provided has expired.' },
    ]);
    const v3 = parseErrorInput(
      '{"error":{"code":"BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION","message":"bad","validation":[{"field":"id","message":"required"}]}}',
    );
    assert.equal(v3.errors[0].code, 'BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION');
    assert.deepEqual(v3.errors[0].validation, [{ field: 'id', message: 'required' }]);
    assert.deepEqual(parseErrorInput('  QUERY_LIMIT_EXCEEDED ').errors, [{ code: 'QUERY_LIMIT_EXCEEDED' }]);
    assert.deepEqual(parseErrorInput('POST crm.lead.add -> HTTP 503 QUERY_LIMIT_EXCEEDED (Too many requests)').errors, [
      { code: 'QUERY_LIMIT_EXCEEDED', status: 503 },
    ]);
  });

  it('a batch answer and a bare result_error map, each error under its command key', () => {
    const body = {
      result: { result: [], result_error: { get_user: { error: 'insufficient_scope', error_description: '' }, dept: { error: 'ACCESS_DENIED' } } },
    };
    const keys = parseErrorInput(JSON.stringify(body)).errors.map((e) => `${e.key}:${e.code}`);
    assert.deepEqual(keys, ['get_user:insufficient_scope', 'dept:ACCESS_DENIED']);
    const bare = parseErrorInput(JSON.stringify(body.result.result_error)).errors.map((e) => e.key);
    assert.deepEqual(bare, ['get_user', 'dept']);
  });

  it('bad input gets a reason, not an exception', () => {
    assert.equal(parseErrorInput('').problem, 'empty');
    assert.equal(parseErrorInput('{"result": 1}').problem, 'no-error-field');
    assert.equal(parseErrorInput('{not json').problem, 'bad-json');
    assert.match(explainInput('').problem ?? '', /The input is empty/);
    assert.match(explainInput('{"result": 1}').problem ?? '', /no `error` field/);
    assert.match(explainInput('{not json').problem ?? '', /does not parse/);
    assert.match(explainInput('all went fine').problem ?? '', /No error code found/);
  });
});

describe('explain: the diagnosis for this app', () => {
  it('insufficient_scope with the method: which scope, the manifest edit and the webhook re-issue', () => {
    const [x] = explainInput('{"error":"insufficient_scope","error_description":""}', {
      method: 'tasks.task.add',
      catalogue,
      manifest: { label: 'bitrix24.json', scopes: ['crm'], kind: 'webhook' },
      portal: { scopes: ['crm'], admin: false, auth: 'webhook' },
    }).explanations;
    assert.equal(x.kind, 'scope');
    assert.deepEqual(x.missingScopes, ['task']);
    assert.match(x.diagnosis, /tasks\.task\.add needs “task”/);
    assert.match(x.fixes[0], /Add “task” to "scopes" in bitrix24\.json/);
    assert.match(x.fixes.join('\n'), /re-issue the inbound webhook .*“task”/);
    assert.doesNotMatch(x.fixes.join('\n'), /reinstall/, 'no app advice for a webhook');
  });

  it('of several accepted scopes it proposes the narrowest, or the one already granted', () => {
    const [narrow] = explainInput('insufficient_scope', { method: 'user.get', catalogue, manifest: { label: 'bitrix24.json', scopes: [] } }).explanations;
    assert.deepEqual(narrow.missingScopes, ['user_brief']);
    const [granted] = explainInput('insufficient_scope', {
      method: 'user.get',
      catalogue,
      manifest: { label: 'm', scopes: [] },
      portal: { scopes: ['user_basic'] },
    }).explanations;
    assert.deepEqual(granted.missingScopes, ['user_basic']);
  });

  it('a batch with its cmd: each command gets its own method and scope', () => {
    const pasted = {
      cmd: { u: 'user.get?ID=1', d: 'department.get' },
      result: { result_error: { u: { error: 'insufficient_scope', error_description: '' }, d: { error: 'insufficient_scope', error_description: '' } } },
    };
    const xs = explainInput(JSON.stringify(pasted), { catalogue }).explanations;
    assert.deepEqual(
      xs.map((x) => [x.key, x.method, x.missingScopes?.join()]),
      [
        ['u', 'user.get', 'user_brief'],
        ['d', 'department.get', 'department'],
      ],
    );
    assert.match(formatExplanations({ explanations: xs }), /batch command “d” — department\.get/);
  });

  it('ACCESS_DENIED on an admin-only method is a user right: run as an administrator', () => {
    const admin = catalogue.methods().find((m) => m.whoClass === 'admin' && m.version === 2)!;
    const [x] = explainInput('ACCESS_DENIED', { method: admin.name, catalogue, portal: { admin: false } }).explanations;
    assert.equal(x.kind, 'user-rights');
    assert.match(x.diagnosis, /User rights, not scope/);
    assert.match(x.fixes[0], /administrator/);
    assert.ok(x.facts.some((f) => /not a portal administrator/.test(f)));
  });

  it('REST 3.0 scope and access exceptions are told apart', () => {
    const [scope] = explainInput('{"error":{"code":"BITRIX_REST_V3_EXCEPTION_INSUFFICIENTSCOPEEXCEPTION","message":""}}').explanations;
    const [access] = explainInput('{"error":{"code":"BITRIX_REST_V3_EXCEPTION_ACCESSDENIEDEXCEPTION","message":""}}').explanations;
    assert.equal(scope.kind, 'scope');
    assert.equal(access.kind, 'user-rights');
    assert.equal(scope.status, 403);
    assert.equal(access.status, 403);
  });

  it('METHOD_CONFIRM_WAITING points at OnAppMethodConfirm and says whether the method is documented as needing it', () => {
    const confirm = catalogue.methods().find((m) => m.adminConfirm)!;
    const [x] = explainInput('{"error":"METHOD_CONFIRM_WAITING","error_description":"Waiting for confirmation"}', {
      method: confirm.name,
      catalogue,
    }).explanations;
    assert.equal(x.kind, 'confirmation');
    assert.match(x.fixes[0], /OnAppMethodConfirm/);
    assert.ok(x.facts.some((f) => f.includes('documented as needing administrator confirmation')));
  });

  it('WRONG_AUTH_TYPE from a webhook integration: move the call into an app', () => {
    const [x] = explainInput('WRONG_AUTH_TYPE', { catalogue, manifest: { label: 'bitrix24.json', scopes: [], kind: 'webhook' } }).explanations;
    assert.equal(x.kind, 'auth-type');
    assert.match(x.fixes[0], /webhook integration: move this call into a local or Market app/);
  });

  it('OPERATION_TIME_LIMIT: retry after operating_reset_at; QUERY_LIMIT_EXCEEDED: back off', () => {
    const body = JSON.stringify({ error: 'OPERATION_TIME_LIMIT', time: { operating_reset_at: 1_000_090 } });
    const [x] = explainInput(body, { now: 1_000_000_000 }).explanations;
    assert.equal(x.retryAfterSeconds, 90);
    assert.match(x.fixes[0], /after 90 s/);
    const [q] = explainInput('QUERY_LIMIT_EXCEEDED').explanations;
    assert.equal(q.retryAfterSeconds, 1);
    assert.match(q.fixes.join(' '), /2 requests per second/);
  });

  it('an unknown code falls back on its status and the method page', () => {
    const [x] = explainInput('{"error":"SOMETHING_ODD","status":404}', { method: 'crm.lead.add', catalogue }).explanations;
    assert.equal(x.known, false);
    assert.equal(x.kind, 'not-found');
    assert.match(x.fixes.join(' '), /apidocs\.bitrix24\.com\/api-reference\/crm\/leads/);
  });

  it('the text form caps long batches with "N more"', () => {
    const map = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`c${i}`, { error: 'ACCESS_DENIED' }]));
    const text = formatExplanations(explainInput(JSON.stringify(map)), 10);
    assert.equal((text.match(/^## /gm) ?? []).length, 10);
    assert.match(text, /… 4 more error\(s\) not shown/);
  });
});
