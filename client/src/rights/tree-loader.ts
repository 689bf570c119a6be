/**
 * Fetches what each level of the Site Rights tree shows and builds its nodes.
 * Every failure becomes an error node in place of the data it stopped, so a
 * refresh never throws and never opens a pop-up.
 */
import { LandingSection, portalHost, RightsApi, withSection } from './api';
import { resolveNames } from './directory';
import { explainFailure } from './failures';
import { isOperation, Operation, orderOperations } from './operations';
import { readRightsModel } from './rights-model';
import { loadRights, RightsFileSystem } from './rights-store';
import {
  canEditRules,
  effectiveNode,
  errorNode,
  infoNode,
  loadMoreNode,
  modelNode,
  portalNode,
  roleNode,
  roleRightNode,
  RoleSummary,
  SECTIONS,
  sectionNode,
  siteNode,
  SiteSummary,
  TreeModel,
  TreeNode,
} from './tree-nodes';
import { rulesNode, RulesState } from './rule-nodes';
import { importHintNode, roleFileNodes } from './role-nodes';
import type { PortalRole } from './role-plan';
import { readPortalRoles, readSectionSites } from './role-portal';
import { loadRoleFile } from './role-store';
import { localize } from '../l10n/localize';

export interface LoaderDeps {
  api: RightsApi;
  /** Undefined when no folder is open: rules cannot be kept then. */
  fs: RightsFileSystem | undefined;
}

export const PAGE_SIZE = 20;

/** Portal, model and section nodes, and the model for the levels below. */
export async function loadRoot(deps: LoaderDeps): Promise<{ nodes: TreeNode[]; model: TreeModel }> {
  const host = portalHost(deps.api.portal);
  let user: { id: number; name: string; admin: boolean } | undefined;
  try {
    const p = await deps.api.call<Record<string, unknown>>('profile', {}, { write: false });
    const name = [p.NAME, p.LAST_NAME].filter((x) => typeof x === 'string' && x).join(' ');
    user = { id: Number(p.ID), name, admin: p.ADMIN === true };
  } catch (e) {
    const failure = explainFailure(e, localize('reach the portal'));
    // Without the portal answering at all, nothing below can load; one node says why.
    if (failure.reason === 'network' || failure.reason === 'auth' || failure.reason === 'rate-limit') {
      return { nodes: [portalNode(host), errorNode('root:error', failure)], model: 'unknown' };
    }
  }
  let model: TreeModel;
  let modelView: TreeNode;
  try {
    const m = await readRightsModel(deps.api);
    model = m;
    modelView = modelNode(m);
  } catch (e) {
    const failure = explainFailure(e, localize('read the rights model'));
    model = failure.reason === 'plan' ? 'unavailable' : 'unknown';
    modelView = errorNode('model:error', failure);
  }
  return { nodes: [portalNode(host, user), modelView, ...SECTIONS.map((s) => sectionNode(s.section))], model };
}

function toSite(row: unknown, section: LandingSection): SiteSummary | undefined {
  if (typeof row !== 'object' || row === null) return undefined;
  const r = row as Record<string, unknown>;
  const id = Number(r.ID);
  if (!Number.isInteger(id) || id <= 0) return undefined;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return { id, title: str(r.TITLE), code: str(r.CODE), type: str(r.TYPE) || 'PAGE', section };
}

/** One page of a section's sites, oldest first; asks for one extra row to know whether more exist. */
export async function loadSitesPage(
  api: RightsApi,
  section: LandingSection,
  offset: number,
  pageSize = PAGE_SIZE,
): Promise<{ sites: SiteSummary[]; hasMore: boolean }> {
  const rows = await api.call<unknown>(
    'landing.site.getList',
    withSection(section, { params: { select: ['ID', 'TITLE', 'CODE', 'TYPE'], order: { ID: 'ASC' }, limit: pageSize + 1, offset } }),
    { write: false },
  );
  const sites = (Array.isArray(rows) ? rows : []).map((r) => toSite(r, section)).filter((s): s is SiteSummary => s !== undefined);
  return { sites: sites.slice(0, pageSize), hasMore: sites.length > pageSize };
}

/** A site by id from whichever section lists it; undefined when none does (deleted, trashed, or hidden from the user). */
export async function findSiteOnPortal(api: RightsApi, siteId: number): Promise<SiteSummary | undefined> {
  for (const { section } of SECTIONS) {
    const rows = await api.call<unknown>(
      'landing.site.getList',
      withSection(section, { params: { select: ['ID', 'TITLE', 'CODE', 'TYPE'], filter: { ID: siteId } } }),
      { write: false },
    );
    const site = (Array.isArray(rows) ? rows : []).map((r) => toSite(r, section)).find((s) => s?.id === siteId);
    if (site) return site;
  }
  return undefined;
}

/** What the tree keeps per section between "load more" clicks. */
export interface SectionPages {
  sites: SiteSummary[];
  hasMore: boolean;
}

/** Loads the next page onto what is shown; a failure keeps the loaded sites and adds an error node. */
export async function loadMoreSites(
  api: RightsApi,
  section: LandingSection,
  pages: SectionPages | undefined,
): Promise<{ pages: SectionPages; error?: TreeNode }> {
  const shown = pages?.sites ?? [];
  try {
    const next = await loadSitesPage(api, section, shown.length);
    const known = new Set(shown.map((s) => s.id));
    return { pages: { sites: [...shown, ...next.sites.filter((s) => !known.has(s.id))], hasMore: next.hasMore } };
  } catch (e) {
    const doing = localize('load {0}', SECTIONS.find((s) => s.section === section)?.label.toLowerCase() ?? 'sites');
    return { pages: { sites: shown, hasMore: pages?.hasMore ?? true }, error: errorNode(`section:${section}:error`, explainFailure(e, doing)) };
  }
}

/** The children of a section node from its loaded pages. */
export async function sectionChildren(deps: LoaderDeps, section: LandingSection, pages: SectionPages, model: TreeModel, error?: TreeNode): Promise<TreeNode[]> {
  const host = portalHost(deps.api.portal);
  const nodes: TreeNode[] = [];
  for (const site of pages.sites) {
    const loaded = deps.fs ? await loadRights(deps.fs, host, site.id).catch(() => undefined) : undefined;
    nodes.push(siteNode(site, model, loaded?.status === 'ok' ? loaded.file : undefined));
  }
  if (error) nodes.push(error);
  else if (pages.hasMore) nodes.push(loadMoreNode(section, pages.sites.length));
  if (nodes.length === 0) nodes.push(infoNode(`section:${section}:empty`, SECTIONS.find((s) => s.section === section)?.empty ?? localize('No sites')));
  return nodes;
}

/** A site's children: the connected user's effective rights and the configured rules. */
export async function loadSiteChildren(deps: LoaderDeps, site: SiteSummary, model: TreeModel): Promise<TreeNode[]> {
  const nodes: TreeNode[] = [];
  try {
    const ops = await deps.api.call<unknown>('landing.site.getRights', withSection(site.section, { id: site.id }), { write: false });
    nodes.push(effectiveNode(site, (Array.isArray(ops) ? ops : []).filter(isOperation)));
  } catch (e) {
    nodes.push(errorNode(`site:${site.id}:effective:error`, explainFailure(e, localize('read your rights on this site'))));
  }
  if (!deps.fs) {
    nodes.push(
      infoNode(`site:${site.id}:nofolder`, localize("Open a folder to keep this site's rules in a rights file"), 'folder-opened', {
        command: 'vscode.openFolder',
        title: localize('Open Folder'),
      }),
    );
    return nodes;
  }
  const loaded = await loadRights(deps.fs, portalHost(deps.api.portal), site.id);
  const state: RulesState =
    loaded.status === 'ok' ? { status: 'ok', path: loaded.path, file: loaded.file } : loaded.status === 'invalid' ? loaded : { status: 'missing' };
  const codes = state.status === 'ok' && canEditRules(model) ? Object.keys(state.file.rules) : [];
  nodes.push(rulesNode(site, state, await resolveNames(deps.api, codes), model));
  return nodes;
}

/** The role model's roles of a site type as the portal lists them, read-only. */
export async function loadRoles(api: RightsApi, section: LandingSection = 'SITE'): Promise<TreeNode[]> {
  try {
    const rows = await api.call<unknown>('landing.role.getList', withSection(section, {}), { write: false });
    const roles: RoleSummary[] = (Array.isArray(rows) ? rows : []).flatMap((r: unknown) => {
      const x = (r ?? {}) as Record<string, unknown>;
      const id = Number(x.ID);
      return Number.isInteger(id) && id > 0 ? [{ id, title: String(x.TITLE ?? ''), xmlId: String(x.XML_ID ?? '') }] : [];
    });
    return roles.length ? roles.map(roleNode) : [infoNode('roles:empty', localize('No roles'))];
  } catch (e) {
    return [errorNode('roles:error', explainFailure(e, localize('list the roles')))];
  }
}

/** A role's rights per site (`landing.role.getRights`); `titles` names the sites already loaded. */
export async function loadRoleRights(
  api: RightsApi,
  role: RoleSummary,
  titles: ReadonlyMap<number, string>,
  section: LandingSection = 'SITE',
): Promise<TreeNode[]> {
  try {
    const result = await api.call<unknown>('landing.role.getRights', withSection(section, { id: role.id }), { write: false });
    // An empty PHP array arrives as [], a filled one as an object keyed by site id.
    const entries = typeof result === 'object' && result !== null && !Array.isArray(result) ? Object.entries(result as Record<string, unknown>) : [];
    const nodes = entries
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([siteId, ops]) => {
        const list: Operation[] = orderOperations(Array.isArray(ops) ? ops.filter(isOperation) : []);
        return roleRightNode(role, siteId, list, titles.get(Number(siteId)));
      });
    return nodes.length ? nodes : [infoNode(`role:${role.id}:empty`, localize('No site rights saved for this role'))];
  } catch (e) {
    return [errorNode(`role:${role.id}:error`, explainFailure(e, localize("read the role's rights")))];
  }
}

/**
 * A site type's roles: from its role file when there is one (compared with
 * the portal), otherwise the portal's roles read-only under an import hint.
 */
export async function loadRoleSection(deps: LoaderDeps, section: LandingSection): Promise<TreeNode[]> {
  const host = portalHost(deps.api.portal);
  const loaded = deps.fs ? await loadRoleFile(deps.fs, host, section) : undefined;
  if (!loaded || loaded.status === 'missing') {
    const roles = await loadRoles(deps.api, section);
    return deps.fs ? [importHintNode(section), ...roles] : roles;
  }
  if (loaded.status === 'invalid') {
    return loaded.problems.map((p, i) =>
      infoNode(`roles:${section}:problem:${i}`, p, 'error', { command: 'bitrix24.rights.openRoleFile', title: localize('Open Role File'), args: [section] }),
    );
  }
  let portal: PortalRole[] | undefined;
  let error: TreeNode | undefined;
  try {
    portal = await readPortalRoles(deps.api, section);
  } catch (e) {
    error = errorNode(`roles:${section}:error`, explainFailure(e, localize('read the roles from the portal')));
  }
  const sites = await readSectionSites(deps.api, section).catch(() => ({ titles: new Map<number, string>() }));
  const codes = [...new Set(loaded.file.roles.flatMap((r) => r.accessCodes ?? []))];
  const names = await resolveNames(deps.api, codes);
  const nodes = roleFileNodes(loaded.file, portal, names, sites.titles);
  return error ? [error, ...nodes] : nodes;
}
