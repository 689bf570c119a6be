import assert from 'node:assert/strict';
import type { PortalState } from '../../../demo-portal/src/portal/types';
import { ALICE_ADMIN, CAROL_SITE_MANAGER, EVA_BACKEND, HENRY_NO_SITES, call, errorOf, freshState, resultOf } from './helpers';

type Row = Record<string, unknown>;
const ids = (rows: unknown) => (rows as Row[]).map((r) => Number(r.ID));

describe('demo portal: landing site methods', () => {
  let state: PortalState;
  beforeEach(() => {
    state = freshState();
  });

  it('lists only the sites the caller can view, without trashed ones', () => {
    assert.deepEqual(ids(resultOf(call(state, ALICE_ADMIN, 'landing.site.getList'))), [1, 2, 3, 4]);
    // Eva: no code on the store, site 4 grants her read through DR4 and SG3.
    assert.deepEqual(ids(resultOf(call(state, EVA_BACKEND, 'landing.site.getList'))), [1, 3, 4]);
  });

  it("hides a site where any of the caller's codes is denied", () => {
    resultOf(call(state, ALICE_ADMIN, 'landing.site.setRights', { id: 3, rights: { AU: ['read'], DR7: ['denied'] } }));
    assert.deepEqual(ids(resultOf(call(state, EVA_BACKEND, 'landing.site.getList'))), [1, 4]);
    assert.deepEqual(resultOf(call(state, EVA_BACKEND, 'landing.site.getRights', { id: 3 })), ['denied', 'read']);
  });

  it('shows knowledge bases and group sites only with the matching scope parameter', () => {
    const sites = (params: Row) => resultOf(call(state, ALICE_ADMIN, 'landing.site.getList', params)) as Row[];
    assert.deepEqual(
      sites({ scope: 'KNOWLEDGE' }).map((s) => s.TYPE),
      ['KNOWLEDGE'],
    );
    assert.deepEqual(
      sites({ scope: 'GROUP' }).map((s) => s.TYPE),
      ['GROUP'],
    );
    assert.ok(sites({}).every((s) => ['PAGE', 'STORE', 'SMN'].includes(String(s.TYPE))));
    assert.deepEqual(sites({ params: { filter: { TYPE: 'KNOWLEDGE' } } }).length, 4, "a type outside the section falls back to the section's types");
  });

  it('applies select (always with ID and TYPE), filter and order', () => {
    const rows = resultOf(
      call(state, ALICE_ADMIN, 'landing.site.getList', {
        params: { select: ['TITLE'], filter: { '%TITLE': 'PRO', '!ID': 2 }, order: { ID: 'DESC' } },
      }),
    ) as Row[];
    assert.deepEqual(
      rows.map((r) => Object.keys(r).sort()),
      rows.map(() => ['ID', 'TITLE', 'TYPE']),
    );
    assert.deepEqual(ids(rows), [3]);
    const all = resultOf(call(state, ALICE_ADMIN, 'landing.site.getList', { params: { filter: { '!ID': 2 }, order: { ID: 'DESC' } } }));
    assert.deepEqual(ids(all), [4, 3, 1]);
  });

  it('returns trashed sites when the filter names DELETED', () => {
    const rows = resultOf(call(state, ALICE_ADMIN, 'landing.site.getList', { params: { filter: { DELETED: 'Y' } } }));
    assert.deepEqual(ids(rows), [5]);
  });

  it('creates an unpublished site with a unique code and returns its id', () => {
    const id = resultOf(call(state, CAROL_SITE_MANAGER, 'landing.site.add', { fields: { TITLE: 'Promo', CODE: 'company' } }));
    assert.equal(typeof id, 'number');
    const row = (resultOf(call(state, ALICE_ADMIN, 'landing.site.getList', { params: { filter: { ID: id } } })) as Row[])[0];
    assert.equal(row.CODE, '/company2/');
    assert.equal(row.ACTIVE, 'N');
    const digits = resultOf(call(state, ALICE_ADMIN, 'landing.site.add', { fields: { TITLE: 'Numbers', CODE: '2024' } }));
    assert.equal((resultOf(call(state, ALICE_ADMIN, 'landing.site.getList', { params: { filter: { ID: digits } } })) as Row[])[0].CODE, '/site2024/');
  });

  it('refuses site creation to users without full access and for a type outside the section', () => {
    assert.equal(errorOf(call(state, EVA_BACKEND, 'landing.site.add', { fields: { TITLE: 'Mine' } })).code, 'ACCESS_DENIED');
    assert.equal(errorOf(call(state, ALICE_ADMIN, 'landing.site.add', { fields: { TITLE: 'KB', TYPE: 'KNOWLEDGE' } })).code, 'ACCESS_DENIED');
    assert.ok(resultOf(call(state, ALICE_ADMIN, 'landing.site.add', { scope: 'KNOWLEDGE', fields: { TITLE: 'KB', TYPE: 'KNOWLEDGE' } })));
    assert.equal(errorOf(call(state, ALICE_ADMIN, 'landing.site.add', { fields: { TITLE: 'x', CODE: 'a/b' } })).code, 'SLASH_IS_NOT_ALLOWED');
  });

  it('answers getRights and setRights without id with MISSING_PARAMS (HTTP 400)', () => {
    for (const method of ['landing.site.getRights', 'landing.site.setRights']) {
      const error = errorOf(call(state, ALICE_ADMIN, method, { rights: {} }));
      assert.equal(error.code, 'MISSING_PARAMS');
      assert.equal(error.status, 400);
      assert.match(error.description, /id/);
    }
  });

  it('lets only admins and full-access users set rights', () => {
    const eva = errorOf(call(state, EVA_BACKEND, 'landing.site.setRights', { id: 1, rights: {} }));
    assert.deepEqual([eva.code, eva.status], ['IS_NOT_ADMIN', 400]);
    assert.equal(errorOf(call(state, HENRY_NO_SITES, 'landing.site.setRights', { id: 1, rights: {} })).code, 'ACCESS_DENIED');
    assert.equal(resultOf(call(state, CAROL_SITE_MANAGER, 'landing.site.setRights', { id: 1, rights: { U5: ['edit'] } })), true);
    assert.deepEqual(resultOf(call(state, EVA_BACKEND, 'landing.site.getRights', { id: '1' })), ['read', 'edit']);
  });

  it('refuses every landing method to a user without access to the section', () => {
    for (const method of ['landing.site.getList', 'landing.site.getRights', 'landing.role.isEnabled']) {
      assert.equal(errorOf(call(state, HENRY_NO_SITES, method, { id: 1 })).code, 'ACCESS_DENIED', method);
    }
  });

  it('setRights answers false for a missing site', () => {
    assert.equal(resultOf(call(state, ALICE_ADMIN, 'landing.site.setRights', { id: 12345, rights: { AU: ['read'] } })), false);
  });

  it('deletes a site only for users holding delete on it', () => {
    assert.equal(errorOf(call(state, EVA_BACKEND, 'landing.site.delete', { id: 4 })).code, 'ACCESS_DENIED');
    assert.equal(resultOf(call(state, ALICE_ADMIN, 'landing.site.delete', { id: 4 })), true);
    assert.ok(!ids(resultOf(call(state, ALICE_ADMIN, 'landing.site.getList'))).includes(4));
  });
});
