import assert from 'node:assert/strict';
import { siteOperationsFor } from '../../../demo-portal/src/portal/site-rights';
import type { PortalState } from '../../../demo-portal/src/portal/types';
import { ALICE_ADMIN, CAROL_SITE_MANAGER, EVA_BACKEND, FRANK_SALES_EMEA, call, errorOf, freshState, resultOf, userOf } from './helpers';

const SITE_MANAGER_ROLE = 2;
const KNOWLEDGE_ADMIN_ROLE = 3;

describe('demo portal: role model', () => {
  let state: PortalState;
  beforeEach(() => {
    state = freshState();
  });
  const ops = (userId: number, siteId: number) => siteOperationsFor(state, userOf(state, userId), 'SITE', siteId);

  it('switches the model with landing.role.enable and reports it with isEnabled', () => {
    assert.equal(resultOf(call(state, ALICE_ADMIN, 'landing.role.isEnabled')), false);
    assert.equal(resultOf(call(state, ALICE_ADMIN, 'landing.role.enable', { mode: 1 })), true);
    assert.equal(resultOf(call(state, CAROL_SITE_MANAGER, 'landing.role.isEnabled')), true);
    assert.equal(resultOf(call(state, ALICE_ADMIN, 'landing.role.enable', { mode: 'false' })), true);
    assert.equal(resultOf(call(state, ALICE_ADMIN, 'landing.role.isEnabled')), false);
  });

  it('requires mode, and keeps switching from another section to the portal admin', () => {
    assert.equal(errorOf(call(state, ALICE_ADMIN, 'landing.role.enable', {})).code, 'MISSING_PARAMS');
    assert.equal(errorOf(call(state, CAROL_SITE_MANAGER, 'landing.role.enable', { mode: 1, scope: 'KNOWLEDGE' })).code, 'IS_NOT_ADMIN');
    assert.equal(resultOf(call(state, CAROL_SITE_MANAGER, 'landing.role.enable', { mode: 1 })), true);
    assert.equal(errorOf(call(state, EVA_BACKEND, 'landing.role.enable', { mode: 1 })).code, 'IS_NOT_ADMIN');
  });

  it('lists the roles of the section chosen by scope', () => {
    assert.deepEqual(resultOf(call(state, ALICE_ADMIN, 'landing.role.getList')), [
      { ID: '1', TITLE: 'Administrator', XML_ID: 'ADMIN' },
      { ID: '2', TITLE: 'Manager', XML_ID: 'MANAGER' },
    ]);
    const kb = resultOf(call(state, ALICE_ADMIN, 'landing.role.getList', { scope: 'KNOWLEDGE' })) as { ID: string }[];
    assert.deepEqual(
      kb.map((r) => r.ID),
      ['3', '4'],
    );
    assert.equal(errorOf(call(state, EVA_BACKEND, 'landing.role.getList')).code, 'IS_NOT_ADMIN');
  });

  it('answers ROLE_SCOPE_MISMATCH for a role of another section or none at all', () => {
    assert.equal(errorOf(call(state, ALICE_ADMIN, 'landing.role.getRights', { id: KNOWLEDGE_ADMIN_ROLE })).code, 'ROLE_SCOPE_MISMATCH');
    assert.equal(errorOf(call(state, ALICE_ADMIN, 'landing.role.getRights', { id: 999 })).code, 'ROLE_SCOPE_MISMATCH');
    assert.ok(resultOf(call(state, ALICE_ADMIN, 'landing.role.getRights', { id: KNOWLEDGE_ADMIN_ROLE, scope: 'KNOWLEDGE' })));
  });

  it('replaces role rights, adding read and skipping missing sites and non-list values', () => {
    const rights = { 0: ['edit'], 1: ['sett', 'denied'], 4: 'public', 999: ['read'], 6: ['edit'] };
    assert.equal(resultOf(call(state, ALICE_ADMIN, 'landing.role.setRights', { id: SITE_MANAGER_ROLE, rights })), true);
    // Site 4 had a string, site 999 does not exist and site 6 is a knowledge base: all skipped.
    assert.deepEqual(resultOf(call(state, ALICE_ADMIN, 'landing.role.getRights', { id: SITE_MANAGER_ROLE })), { 0: ['read', 'edit'], 1: ['denied'] });
  });

  it('returns [] for a role without rights', () => {
    call(state, ALICE_ADMIN, 'landing.role.setRights', { id: SITE_MANAGER_ROLE, rights: {} });
    assert.deepEqual(resultOf(call(state, ALICE_ADMIN, 'landing.role.getRights', { id: SITE_MANAGER_ROLE })), []);
  });

  it('requires id and rights for setRights', () => {
    assert.match(errorOf(call(state, ALICE_ADMIN, 'landing.role.setRights', { id: SITE_MANAGER_ROLE })).description, /rights/);
  });

  it('applies role rights per site with key 0 as the default, only while the model is on', () => {
    call(state, ALICE_ADMIN, 'landing.role.setAccessCodes', { id: SITE_MANAGER_ROLE, codes: ['DR4'] });
    call(state, ALICE_ADMIN, 'landing.role.setRights', { id: SITE_MANAGER_ROLE, rights: { 0: ['read'], 3: ['edit', 'public'] } });
    assert.deepEqual(ops(EVA_BACKEND, 2), [], 'extended model still in force');
    call(state, ALICE_ADMIN, 'landing.role.enable', { mode: true });
    assert.deepEqual(ops(EVA_BACKEND, 2), ['read']);
    assert.deepEqual(ops(EVA_BACKEND, 3), ['read', 'edit', 'public']);
    assert.deepEqual(ops(FRANK_SALES_EMEA, 3), [], 'holds no role');
  });

  it('setAccessCodes replaces the holders; without codes it clears them; a non-list is ERROR_ARGUMENT', () => {
    call(state, ALICE_ADMIN, 'landing.role.enable', { mode: 1 });
    call(state, ALICE_ADMIN, 'landing.role.setAccessCodes', { id: SITE_MANAGER_ROLE, codes: ['U5'] });
    assert.deepEqual(ops(EVA_BACKEND, 2), ['read']);
    call(state, ALICE_ADMIN, 'landing.role.setAccessCodes', { id: SITE_MANAGER_ROLE, codes: ['U6'] });
    assert.deepEqual(ops(EVA_BACKEND, 2), []);
    assert.deepEqual(ops(FRANK_SALES_EMEA, 2), ['read']);
    call(state, ALICE_ADMIN, 'landing.role.setAccessCodes', { id: SITE_MANAGER_ROLE });
    assert.deepEqual(ops(FRANK_SALES_EMEA, 2), []);
    assert.equal(errorOf(call(state, ALICE_ADMIN, 'landing.role.setAccessCodes', { id: SITE_MANAGER_ROLE, codes: 'U5' })).code, 'ERROR_ARGUMENT');
  });

  it("keeps each model's settings when switching between them", () => {
    call(state, ALICE_ADMIN, 'landing.role.setAccessCodes', { id: SITE_MANAGER_ROLE, codes: ['U5'] });
    call(state, ALICE_ADMIN, 'landing.role.setRights', { id: SITE_MANAGER_ROLE, rights: { 0: ['edit'] } });
    call(state, ALICE_ADMIN, 'landing.role.enable', { mode: 1 });
    assert.deepEqual(ops(EVA_BACKEND, 3), ['read', 'edit']);
    call(state, ALICE_ADMIN, 'landing.role.enable', { mode: 0 });
    assert.deepEqual(ops(EVA_BACKEND, 1), ['read'], 'the seeded AU read on site 1 is back');
    assert.deepEqual(ops(EVA_BACKEND, 3), ['read', 'edit', 'sett', 'public', 'delete'], 'site 3 has no individual rights');
    call(state, ALICE_ADMIN, 'landing.role.enable', { mode: 1 });
    assert.deepEqual(ops(EVA_BACKEND, 3), ['read', 'edit']);
  });
});
