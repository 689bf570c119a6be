/**
 * The extended rights model (`landing.site.setRights` / `getRights`) and the
 * effective operations a user holds on a site under either model.
 */
import { codesForUser } from './access-codes';
import { GRANTING_OPERATIONS, normaliseOperations, orderOperations } from './operations';
import { roleOperations } from './roles';
import { sectionOfType } from './sections';
import type { PortalState, RightsSet, Section, Site, SiteOperation, User } from './types';

/** A live (not deleted) site of `section` with this id, if any. */
export function findSite(state: PortalState, section: Section, siteId: number): Site | undefined {
  return state.sites.find((s) => s.id === siteId && !s.deleted && sectionOfType(s.type) === section);
}

/**
 * The `rights` parameter as the portal saves it. Codes are kept whatever
 * their format (an unsupported code is stored but matches nobody); each
 * code's operations are normalised. Missing, `{}` or `[]` mean "no rights".
 */
export function normaliseRightsSet(rights: unknown): RightsSet {
  if (rights === null || typeof rights !== 'object') return {};
  const entries: [string, unknown][] = Array.isArray(rights) ? rights.map((v, i) => [String(i), v]) : Object.entries(rights);
  const out: RightsSet = {};
  for (const [code, ops] of entries) {
    if (code.trim() !== '') out[code] = normaliseOperations(ops);
  }
  return out;
}

/**
 * `landing.site.setRights`: replaces the whole individual set of a site (or
 * the separate set saved under id `0`). Returns false when the site does not
 * exist in this section or is in the trash. With the role model on it
 * answers true and changes nothing, as the portal does.
 */
export function setSiteRights(state: PortalState, section: Section, siteId: number, rights: unknown): boolean {
  const site = siteId === 0 ? undefined : findSite(state, section, siteId);
  if (siteId !== 0 && !site) return false;
  if (state.roleModel) return true;
  const normalised = normaliseRightsSet(rights);
  if (site) site.rights = normalised;
  else state.defaultSiteRights[section] = normalised;
  return true;
}

/** The stored extended-model set of a site (or of id `0`); for inspection, not a REST method. */
export function storedSiteRights(state: PortalState, section: Section, siteId: number): RightsSet | undefined {
  if (siteId === 0) return state.defaultSiteRights[section];
  return findSite(state, section, siteId)?.rights;
}

/**
 * The operations `user` holds on a site: what `landing.site.getRights`
 * returns. Portal admins hold everything; a site without individual rights
 * is open to everyone with access to the section; otherwise the operations
 * of every matching access code are joined, so `denied` may come back next
 * to granting codes. Unknown or trashed sites give `[]`.
 */
export function siteOperationsFor(state: PortalState, user: User, section: Section, siteId: number): SiteOperation[] {
  if (siteId !== 0 && !findSite(state, section, siteId)) return [];
  if (user.admin) return [...GRANTING_OPERATIONS];
  if (user.sitesAccess === 'none') return [];
  const codes = codesForUser(state, user);
  if (state.roleModel) return roleOperations(state, section, siteId, codes);
  const set = siteId === 0 ? state.defaultSiteRights[section] : (findSite(state, section, siteId)?.rights ?? {});
  if (Object.keys(set).length === 0) return [...GRANTING_OPERATIONS];
  const ops: SiteOperation[] = [];
  for (const [code, granted] of Object.entries(set)) {
    if (codes.has(code)) ops.push(...granted);
  }
  return orderOperations(ops);
}
