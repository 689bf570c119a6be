import assert from 'node:assert/strict';
import type { PortalState } from '../../../demo-portal/src/portal/types';
import { buildPhpQuery, parsePhpQuery } from '../../../demo-portal/src/util/php-query';
import { ALICE_ADMIN, EVA_BACKEND, call, freshState, resultOf } from './helpers';

type Row = Record<string, unknown>;

describe('demo portal: basic-scope methods', () => {
  let state: PortalState;
  beforeEach(() => {
    state = freshState();
  });

  it('scope lists the granted scopes, and with full=true every scope the portal knows', () => {
    assert.deepEqual(resultOf(call(state, EVA_BACKEND, 'scope', {}, ['landing', 'user'])), ['landing', 'user']);
    const all = resultOf(call(state, EVA_BACKEND, 'scope', { full: true }, ['landing'])) as string[];
    for (const s of ['department', 'landing', 'sonet_group', 'user', 'user_brief']) assert.ok(all.includes(s), s);
  });

  it('method.get tells whether a method exists and is callable with the granted scopes', () => {
    assert.deepEqual(resultOf(call(state, EVA_BACKEND, 'method.get', { name: 'landing.site.getRights' }, ['user'])), { isExisting: true, isAvailable: false });
    assert.deepEqual(resultOf(call(state, EVA_BACKEND, 'method.get', { name: 'landing.site.getrights' }, ['landing'])), {
      isExisting: true,
      isAvailable: true,
    });
    assert.deepEqual(resultOf(call(state, EVA_BACKEND, 'method.get', { name: 'no.such.method' })), { isExisting: false, isAvailable: false });
    assert.deepEqual(resultOf(call(state, EVA_BACKEND, 'method.get', {})), { isExisting: false, isAvailable: false });
  });

  it('access.name names known codes, leaves out unknown ones, and is false without codes', () => {
    const names = resultOf(call(state, EVA_BACKEND, 'access.name', { ACCESS: ['AU', 'G2', 'U5', 'D7', 'DR4', 'SG1', 'U999', 'NOPE'] })) as Row;
    assert.deepEqual(Object.keys(names), ['AU', 'G2', 'U5', 'D7', 'DR4', 'SG1']);
    assert.deepEqual(names.AU, { provider: '', name: 'All authorized users', provider_id: 'other' });
    assert.deepEqual(names.G2, { provider: '', name: 'All visitors', provider_id: 'other' });
    assert.equal((names.U5 as Row).name, 'Eva Schmidt');
    assert.equal((names.D7 as Row).name, 'Backend');
    assert.equal(resultOf(call(state, EVA_BACKEND, 'access.name', {})), false);
  });

  it('user.access is true for a held code or for an admin', () => {
    assert.equal(resultOf(call(state, EVA_BACKEND, 'user.access', { ACCESS: ['DR4'] })), true);
    assert.equal(resultOf(call(state, EVA_BACKEND, 'user.access', { ACCESS: ['DR2'] })), false);
    assert.equal(resultOf(call(state, ALICE_ADMIN, 'user.access', { ACCESS: ['DR2'] })), true);
  });
});

describe('demo portal: batch', () => {
  let state: PortalState;
  beforeEach(() => {
    state = freshState();
  });
  const batch = (params: Row, scopes?: string[]) => resultOf(call(state, EVA_BACKEND, 'batch', params, scopes)) as Row;

  it('runs sub-requests in order and passes earlier results on with $result[...]', () => {
    const out = batch({ cmd: { me: 'user.current', dep: 'department.get?ID=$result[me][UF_DEPARTMENT][0]' } });
    assert.equal(((out.result as Row).dep as Row[])[0].NAME, 'Backend');
    assert.deepEqual(out.result_total, { dep: 1 });
    assert.deepEqual(out.result_error, []);
    assert.deepEqual(out.result_next, []);
    assert.deepEqual(Object.keys(out.result_time as Row), ['me', 'dep']);
  });

  it('collects errors per sub-request and keeps going unless halt is set', () => {
    const cmd = { a: 'no.such.method', b: 'landing.site.getRights', c: 'profile' };
    const out = batch({ cmd });
    assert.deepEqual(Object.keys(out.result_error as Row), ['a', 'b']);
    assert.equal(((out.result_error as Row).b as Row).error, 'MISSING_PARAMS');
    assert.deepEqual(Object.keys(out.result as Row), ['c']);
    const halted = batch({ cmd, halt: 1 });
    assert.deepEqual(Object.keys(halted.result_error as Row), ['a']);
    assert.deepEqual(halted.result, []);
  });

  it("checks each sub-request's scope", () => {
    const out = batch({ cmd: { sites: 'landing.site.getList', me: 'profile' } }, ['user']);
    assert.equal(((out.result_error as Row).sites as Row).error, 'insufficient_scope');
    assert.ok((out.result as Row).me);
  });

  it('returns lists for list-shaped cmd and parses bracketed query parameters', () => {
    const out = batch({ cmd: ['user.get?FILTER[UF_DEPARTMENT]=3&SELECT[]=NAME', 'profile'] });
    assert.ok(Array.isArray(out.result));
    assert.deepEqual(
      ((out.result as unknown[])[0] as Row[]).map((r) => r.NAME),
      ['Carol', 'Grace'],
    );
  });

  it('refuses nested batch and sub-requests beyond 50', () => {
    const cmd: Row = { inner: 'batch?cmd[x]=profile' };
    for (let i = 0; i < 51; i++) cmd[`p${i}`] = 'profile';
    const out = batch({ cmd });
    const errors = out.result_error as Record<string, Row>;
    assert.deepEqual([errors.inner.error, Object.keys(errors).length], ['ERROR_BATCH_METHOD_NOT_ALLOWED', 3]);
    assert.equal(errors.p49.error, 'ERROR_BATCH_LENGTH_EXCEEDED');
    assert.equal(errors.p50.error, 'ERROR_BATCH_LENGTH_EXCEEDED');
    assert.equal(Object.keys(out.result as Row).length, 49);
  });

  it('changes state through write sub-requests', () => {
    const denied = batch({ cmd: { set: 'landing.site.setRights?id=1&rights[U5][]=edit' } });
    assert.equal(((denied.result_error as Row).set as Row).error, 'IS_NOT_ADMIN');
    resultOf(call(state, ALICE_ADMIN, 'batch', { cmd: { set: 'landing.site.setRights?id=1&rights[U5][]=edit' } }));
    assert.deepEqual(resultOf(call(state, EVA_BACKEND, 'landing.site.getRights', { id: 1 })), ['read', 'edit']);
  });
});

describe('demo portal: PHP-style query strings', () => {
  it('parses nested keys and list appends', () => {
    assert.deepEqual(parsePhpQuery('a=1&f[ID]=2&f[NAME][]=x&f[NAME][]=y&r[U1][]=read'), {
      a: '1',
      f: { ID: '2', NAME: ['x', 'y'] },
      r: { U1: ['read'] },
    });
  });

  it('round-trips through buildPhpQuery', () => {
    const params = { id: 5, rights: { AU: ['read'], U3: ['read', 'edit'] }, halt: true };
    assert.deepEqual(parsePhpQuery(buildPhpQuery(params)), { id: '5', rights: { AU: { 0: 'read' }, U3: { 0: 'read', 1: 'edit' } }, halt: '1' });
  });
});
