/**
 * The role model: roles per section, each with access codes (who holds it)
 * and rights per site (`0` = default for sites without their own entry).
 */
import { landingError } from './rest-error';
import { normaliseOperations, orderOperations } from './operations';
import { sectionOfType } from './sections';
import type { PortalState, Role, Section, SiteOperation } from './types';
import { isRecord } from '../util/is-record';

const ADDITIONAL_PREFIX: Record<Section, string> = { SITE: '', KNOWLEDGE: 'knowledge_', GROUP: 'group_', MAINPAGE: 'vibe_' };
const ADDITIONAL_BASE = ['menu24', 'create'];

/** `landing.role.getList`: the roles of one section. */
export function listRoles(state: PortalState, section: Section): { ID: string; TITLE: string; XML_ID: string }[] {
  return state.roles.filter((r) => r.section === section).map((r) => ({ ID: String(r.id), TITLE: r.title, XML_ID: r.xmlId }));
}

/** The role with this id in this section; a role of another section, or none, is `ROLE_SCOPE_MISMATCH`. */
export function findRole(state: PortalState, section: Section, roleId: number): Role {
  const role = state.roles.find((r) => r.id === roleId && r.section === section);
  if (!role) throw landingError('ROLE_SCOPE_MISMATCH', 'The role does not belong to the requested section.');
  return role;
}

/** `landing.role.getRights`: site id → operations, or `[]` when the role has none (PHP's empty array). */
export function roleRights(role: Role): Record<string, SiteOperation[]> | [] {
  return Object.keys(role.rights).length === 0 ? [] : { ...role.rights };
}

/**
 * `landing.role.setRights`: replaces the role's rights. Entries for sites
 * that do not exist in the role's section, or whose value is not a list, are
 * skipped without error. `additional`, when given, keeps only the codes of
 * the role's section.
 */
export function setRoleRights(state: PortalState, role: Role, rights: unknown, additional?: unknown): void {
  const entries =
    rights !== null && typeof rights === 'object'
      ? Array.isArray(rights)
        ? rights.map((v, i): [string, unknown] => [String(i), v])
        : Object.entries(rights)
      : [];
  const next: Record<string, SiteOperation[]> = {};
  for (const [key, value] of entries) {
    const siteId = Number(key);
    if (!Number.isInteger(siteId) || siteId < 0 || !(Array.isArray(value) || isRecord(value))) continue;
    if (siteId !== 0 && !state.sites.some((s) => s.id === siteId && !s.deleted && sectionOfType(s.type) === role.section)) continue;
    next[String(siteId)] = normaliseOperations(value);
  }
  role.rights = next;
  if (additional !== undefined) {
    const allowed = ADDITIONAL_BASE.map((c) => ADDITIONAL_PREFIX[role.section] + c);
    const given = Array.isArray(additional) ? additional : isRecord(additional) ? Object.values(additional) : [additional];
    role.additional = allowed.filter((c) => given.includes(c));
  }
}

/**
 * `landing.role.setAccessCodes`: replaces who holds the role. Missing codes
 * clear the list; a value that is not a list is `ERROR_ARGUMENT`.
 */
export function setRoleAccessCodes(role: Role, codes: unknown): void {
  if (codes === undefined || codes === null || codes === '') {
    role.accessCodes = [];
    return;
  }
  const list = Array.isArray(codes) ? codes : isRecord(codes) ? Object.values(codes) : undefined;
  if (!list) throw landingError('ERROR_ARGUMENT', 'The codes parameter must be an array of access codes.');
  role.accessCodes = [...new Set(list.filter((c): c is string => typeof c === 'string' && c !== ''))];
}

/** Operations a holder of `codes` gets on a site through the roles of its section. */
export function roleOperations(state: PortalState, section: Section, siteId: number, codes: ReadonlySet<string>): SiteOperation[] {
  const ops: SiteOperation[] = [];
  for (const role of state.roles) {
    if (role.section !== section || !role.accessCodes.some((c) => codes.has(c))) continue;
    ops.push(...(role.rights[String(siteId)] ?? role.rights['0'] ?? []));
  }
  return orderOperations(ops);
}
