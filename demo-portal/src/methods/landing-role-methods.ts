/**
 * `landing.role.*`: switching between the extended and role models, and the
 * roles themselves.
 */
import { landingError } from '../portal/rest-error';
import { findRole, listRoles, roleRights, setRoleAccessCodes, setRoleRights } from '../portal/roles';
import { sectionFromScope } from '../portal/sections';
import { requireSectionAdmin } from './landing-access';
import { boolParam, intParam, requireParams } from './params';
import type { MethodSpec } from './types';

const LANDING = ['landing'];

/** The role methods, keyed by name. */
export const landingRoleMethods: Record<string, MethodSpec> = {
  'landing.role.isenabled': {
    scopes: LANDING,
    handler: ({ state, user }) => {
      requireSectionAdmin(user);
      return { result: state.roleModel };
    },
  },
  'landing.role.enable': {
    scopes: LANDING,
    mutates: true,
    handler: ({ state, user, params }) => {
      requireParams(params, 'mode');
      requireSectionAdmin(user);
      // Switching from a knowledge-base, group or main-page context is reserved to the portal admin.
      if (params.scope !== undefined && params.scope !== '' && !user.admin) {
        throw landingError('IS_NOT_ADMIN', 'Only the portal administrator can switch the model from this section.');
      }
      state.roleModel = boolParam(params.mode);
      return { result: true };
    },
  },
  'landing.role.getlist': {
    scopes: LANDING,
    handler: ({ state, user, params }) => {
      requireSectionAdmin(user);
      return { result: listRoles(state, sectionFromScope(params.scope)) };
    },
  },
  'landing.role.getrights': {
    scopes: LANDING,
    handler: ({ state, user, params }) => {
      requireParams(params, 'id');
      requireSectionAdmin(user);
      return { result: roleRights(findRole(state, sectionFromScope(params.scope), intParam(params.id, -1))) };
    },
  },
  'landing.role.setrights': {
    scopes: LANDING,
    mutates: true,
    handler: ({ state, user, params }) => {
      requireParams(params, 'id', 'rights');
      requireSectionAdmin(user);
      const role = findRole(state, sectionFromScope(params.scope), intParam(params.id, -1));
      setRoleRights(state, role, params.rights, params.additional);
      return { result: true };
    },
  },
  'landing.role.setaccesscodes': {
    scopes: LANDING,
    mutates: true,
    handler: ({ state, user, params }) => {
      requireParams(params, 'id');
      requireSectionAdmin(user);
      setRoleAccessCodes(findRole(state, sectionFromScope(params.scope), intParam(params.id, -1)), params.codes);
      return { result: true };
    },
  },
};
