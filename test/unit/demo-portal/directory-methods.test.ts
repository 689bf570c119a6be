import assert from 'node:assert/strict';
import { callMethod } from '../../../demo-portal/src/methods/registry';
import type { PortalState } from '../../../demo-portal/src/portal/types';
import { ALICE_ADMIN, BORIS_SALES, EVA_BACKEND, GRACE_DISMISSED, IRENE_EXTRANET, call, errorOf, freshState, resultOf, userOf } from './helpers';

type Row = Record<string, unknown>;
const idsOf = (rows: unknown) => (rows as Row[]).map((r) => Number(r.ID));

describe('demo portal: users, departments, workgroups', () => {
  let state: PortalState;
  beforeEach(() => {
    state = freshState();
  });

  describe('user.get / user.search / user.current', () => {
    it('lists users by ascending ID with a total', () => {
      const outcome = call(state, EVA_BACKEND, 'user.get');
      assert.ok(outcome.ok);
      assert.deepEqual(
        idsOf(outcome.output.result),
        state.users.map((u) => u.id),
      );
      assert.equal(outcome.output.total, state.users.length);
      assert.equal(outcome.output.next, undefined);
    });

    it('filters with FILTER or top-level keys, including operators and department membership', () => {
      assert.deepEqual(idsOf(resultOf(call(state, EVA_BACKEND, 'user.get', { FILTER: { UF_DEPARTMENT: 3 } }))), [3, 7]);
      assert.deepEqual(idsOf(resultOf(call(state, EVA_BACKEND, 'user.get', { ACTIVE: false }))), [GRACE_DISMISSED]);
      assert.deepEqual(idsOf(resultOf(call(state, EVA_BACKEND, 'user.get', { filter: { '>=ID': 8 } }))), [8, 9]);
      assert.deepEqual(idsOf(resultOf(call(state, EVA_BACKEND, 'user.get', { FILTER: { '%LAST_NAME': 'ov' } }))), [2, 4, 8]);
      assert.deepEqual(idsOf(resultOf(call(state, EVA_BACKEND, 'user.get', { FILTER: { USER_TYPE: 'extranet' } }))), [IRENE_EXTRANET]);
      assert.deepEqual(idsOf(resultOf(call(state, EVA_BACKEND, 'user.get', { FILTER: { NAME_SEARCH: 'eva sch' } }))), [EVA_BACKEND]);
    });

    it('sorts by the requested field and direction', () => {
      const names = (resultOf(call(state, EVA_BACKEND, 'user.get', { sort: 'NAME', order: 'DESC' })) as Row[]).map((r) => r.NAME);
      assert.deepEqual(names, [...names].sort().reverse());
    });

    it('pages by 50 with next and total on the large seed', () => {
      const large = freshState('large');
      const first = call(large, ALICE_ADMIN, 'user.get');
      assert.ok(first.ok);
      assert.equal((first.output.result as Row[]).length, 50);
      assert.equal(first.output.next, 50);
      assert.equal(first.output.total, large.users.length);
      const second = call(large, ALICE_ADMIN, 'user.get', { start: 50 });
      assert.ok(second.ok);
      assert.equal((second.output.result as Row[]).length, large.users.length - 50);
      assert.equal(second.output.next, undefined);
    });

    it('shows only the fields the user scope allows', () => {
      const brief = resultOf(call(state, ALICE_ADMIN, 'user.current', {}, ['user_brief'])) as Row;
      const basic = resultOf(call(state, ALICE_ADMIN, 'user.current', {}, ['user_basic'])) as Row;
      const full = resultOf(call(state, ALICE_ADMIN, 'user.current', {}, ['user'])) as Row;
      assert.equal(brief.EMAIL, undefined);
      assert.equal(basic.EMAIL, 'alice.morgan@example.com');
      assert.equal(full.LAST_LOGIN !== undefined && brief.LAST_LOGIN === undefined, true);
      assert.deepEqual(brief.UF_DEPARTMENT, [1]);
    });

    it('honours select but always keeps ID', () => {
      const rows = resultOf(call(state, ALICE_ADMIN, 'user.get', { SELECT: ['NAME'], FILTER: { ID: 5 } })) as Row[];
      assert.deepEqual(rows, [{ ID: '5', NAME: 'Eva' }]);
    });

    it('user.search finds by name prefix, position and department name, FIND searching all', () => {
      assert.deepEqual(idsOf(resultOf(call(state, EVA_BACKEND, 'user.search', { FILTER: { FIND: 'ev' } }))), [EVA_BACKEND]);
      assert.deepEqual(idsOf(resultOf(call(state, EVA_BACKEND, 'user.search', { FILTER: { FIND: 'backend' } }))), [EVA_BACKEND]);
      assert.deepEqual(idsOf(resultOf(call(state, EVA_BACKEND, 'user.search', { FILTER: { UF_DEPARTMENT_NAME: 'Market' } }))), [3, 7]);
      assert.deepEqual(idsOf(resultOf(call(state, EVA_BACKEND, 'user.search', { FILTER: { LAST_NAME: 'organ' } }))), [], 'prefix, not substring');
    });

    it('profile answers without any scope; user methods need one', () => {
      assert.equal((resultOf(call(state, BORIS_SALES, 'profile', {}, [])) as Row).ID, '2');
      const error = errorOf(call(state, BORIS_SALES, 'user.current', {}, ['landing']));
      assert.deepEqual([error.code, error.status], ['insufficient_scope', 403]);
    });
  });

  describe('department.get', () => {
    it('returns the nested structure with PARENT only below the root', () => {
      const rows = resultOf(call(state, EVA_BACKEND, 'department.get')) as Row[];
      assert.equal(rows.length, 8);
      const root = rows.find((r) => r.ID === '1');
      assert.equal(root?.PARENT, undefined);
      assert.equal(rows.find((r) => r.ID === '8')?.PARENT, '7');
      assert.equal(typeof rows[0].SORT, 'number');
    });

    it('filters by PARENT and ID', () => {
      assert.deepEqual(idsOf(resultOf(call(state, EVA_BACKEND, 'department.get', { PARENT: 4 }))).sort(), [6, 7]);
      assert.deepEqual(idsOf(resultOf(call(state, EVA_BACKEND, 'department.get', { id: 8 }))), [8]);
    });

    it('needs the department scope', () => {
      assert.equal(errorOf(call(state, EVA_BACKEND, 'department.get', {}, ['user'])).code, 'insufficient_scope');
    });
  });

  describe('sonet_group.get', () => {
    it("shows visible groups and the caller's own, newest first", () => {
      assert.deepEqual(idsOf(resultOf(call(state, EVA_BACKEND, 'sonet_group.get'))), [4, 3, 1]);
      assert.deepEqual(idsOf(resultOf(call(state, IRENE_EXTRANET, 'sonet_group.get'))), [4, 3, 2, 1]);
    });

    it('shows hidden groups to an admin only with IS_ADMIN=Y', () => {
      const hidden = state.sonetGroups.find((g) => g.id === 2);
      assert.ok(hidden && !hidden.visible);
      hidden.ownerId = IRENE_EXTRANET;
      assert.deepEqual(idsOf(resultOf(call(state, ALICE_ADMIN, 'sonet_group.get'))), [4, 3, 1]);
      assert.deepEqual(idsOf(resultOf(call(state, ALICE_ADMIN, 'sonet_group.get', { IS_ADMIN: 'Y', ORDER: { ID: 'ASC' } }))), [1, 2, 3, 4]);
      assert.deepEqual(idsOf(resultOf(call(state, BORIS_SALES, 'sonet_group.get', { IS_ADMIN: 'Y' }))), [4, 3, 2, 1], 'Boris is a member of group 2');
      assert.deepEqual(idsOf(resultOf(call(state, EVA_BACKEND, 'sonet_group.get', { IS_ADMIN: 'Y' }))), [4, 3, 1], 'ignored for non-admins');
    });

    it('filters by FILTER and GROUP_ID', () => {
      assert.deepEqual(idsOf(resultOf(call(state, EVA_BACKEND, 'sonet_group.get', { FILTER: { CLOSED: 'Y' } }))), [4]);
      assert.deepEqual(idsOf(resultOf(call(state, EVA_BACKEND, 'sonet_group.get', { GROUP_ID: 3 }))), [3]);
    });
  });

  it('matches method names case-insensitively and reports unknown ones with 404', () => {
    const caller = { state, user: userOf(state, EVA_BACKEND), scopes: ['user'], now: () => 0 };
    assert.ok(callMethod(caller, 'USER.Current', {}).ok);
    const missing = callMethod(caller, 'crm.lead.add', {});
    assert.ok(!missing.ok);
    assert.deepEqual([missing.error.code, missing.error.status], ['ERROR_METHOD_NOT_FOUND', 404]);
  });
});
