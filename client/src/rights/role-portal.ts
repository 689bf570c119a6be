/**
 * Reading the role model from the portal: the roles of a section with their
 * rights per site, and the section's sites (ids and titles) for the plan.
 */
import { LandingSection, RightsApi, withSection } from './api';
import { readRoleRights } from './role-file';
import type { PortalRole } from './role-plan';

/** `landing.role.getList` + `landing.role.getRights` for each role of the section. */
export async function readPortalRoles(api: RightsApi, section: LandingSection): Promise<PortalRole[]> {
  const rows = await api.call<unknown>('landing.role.getList', withSection(section, {}), { write: false });
  const roles: PortalRole[] = [];
  for (const row of Array.isArray(rows) ? rows : []) {
    const r = (row ?? {}) as Record<string, unknown>;
    const id = Number(r.ID);
    if (!Number.isInteger(id) || id <= 0) continue;
    const rights = await api.call<unknown>('landing.role.getRights', withSection(section, { id }), { write: false });
    roles.push({ id, title: String(r.TITLE ?? ''), xmlId: String(r.XML_ID ?? ''), rights: readRoleRights(rights) });
  }
  return roles.sort((a, b) => a.id - b.id);
}

/** Reads one role's rights back (verification). */
export async function readOneRole(api: RightsApi, section: LandingSection, id: number) {
  return readRoleRights(await api.call<unknown>('landing.role.getRights', withSection(section, { id }), { write: false }));
}

const PAGE = 50;
const MAX_PAGES = 20;

/**
 * Ids and titles of the section's sites the user can see; `complete` is
 * false when there were more than this reads, so "unknown site" warnings
 * are left out rather than wrong.
 */
export async function readSectionSites(api: RightsApi, section: LandingSection): Promise<{ titles: Map<number, string>; complete: boolean }> {
  const titles = new Map<number, string>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const rows = await api.call<unknown>(
      'landing.site.getList',
      withSection(section, { params: { select: ['ID', 'TITLE'], order: { ID: 'ASC' }, limit: PAGE, offset: page * PAGE } }),
      { write: false },
    );
    const list = Array.isArray(rows) ? rows : [];
    for (const row of list) {
      const r = (row ?? {}) as Record<string, unknown>;
      const id = Number(r.ID);
      if (Number.isInteger(id) && id > 0) titles.set(id, typeof r.TITLE === 'string' ? r.TITLE : '');
    }
    if (list.length < PAGE) return { titles, complete: true };
  }
  return { titles, complete: false };
}
