/**
 * `landing.site.*`: listing, creating and deleting sites, and the extended
 * rights model (`getRights` / `setRights`).
 */
import { sectionFromScope } from '../portal/sections';
import { setSiteRights, siteOperationsFor } from '../portal/site-rights';
import { addSite, deleteSite, listSites } from '../portal/sites';
import { requireSectionAccess, requireSectionAdmin } from './landing-access';
import { intParam, requireParams } from './params';
import type { MethodSpec } from './types';

const LANDING = ['landing'];

/** The site methods, keyed by name. */
export const landingSiteMethods: Record<string, MethodSpec> = {
  'landing.site.getlist': {
    scopes: LANDING,
    handler: ({ state, user, params }) => {
      requireSectionAccess(user);
      const options = params.params !== null && typeof params.params === 'object' ? params.params : {};
      return { result: listSites(state, user, sectionFromScope(params.scope), options) };
    },
  },
  'landing.site.add': {
    scopes: LANDING,
    mutates: true,
    handler: ({ state, user, params, now }) => {
      requireParams(params, 'fields');
      requireSectionAccess(user);
      return { result: addSite(state, user, sectionFromScope(params.scope), params.fields, now) };
    },
  },
  'landing.site.delete': {
    scopes: LANDING,
    mutates: true,
    handler: ({ state, user, params }) => {
      requireParams(params, 'id');
      requireSectionAccess(user);
      return { result: deleteSite(state, user, sectionFromScope(params.scope), intParam(params.id, -1)) };
    },
  },
  'landing.site.getrights': {
    scopes: LANDING,
    handler: ({ state, user, params }) => {
      requireParams(params, 'id');
      requireSectionAccess(user);
      return { result: siteOperationsFor(state, user, sectionFromScope(params.scope), intParam(params.id, -1)) };
    },
  },
  'landing.site.setrights': {
    scopes: LANDING,
    mutates: true,
    handler: ({ state, user, params }) => {
      requireParams(params, 'id');
      requireSectionAdmin(user);
      return { result: setSiteRights(state, sectionFromScope(params.scope), intParam(params.id, -1), params.rights) };
    },
  },
};
