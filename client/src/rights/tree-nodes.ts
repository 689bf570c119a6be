/**
 * The Site Rights tree as plain data: each builder takes what the portal
 * and the rights file said and returns nodes with label, icon (a codicon id),
 * description, tooltip and a contextValue for menus. No `vscode` here, so
 * the tree's content is unit-tested without an editor.
 */
import type { LandingSection } from './api';
import { FailureAction, RightsFailure } from './failures';
import { formatOperationCodes, formatOperations, Operation } from './operations';
import type { RightsModel } from './rights-model';
import { hasPendingChanges, RightsFile } from './rights-file';
import { localize } from '../l10n/localize';

/** The model as the tree knows it: `unknown` when it could not be read, `unavailable` on plans without site rights. */
export type TreeModel = RightsModel | 'unknown' | 'unavailable';

/** Whether per-site rules can be edited and applied under this model. */
export function canEditRules(model: TreeModel): boolean {
  return model === 'extended' || model === 'unknown';
}

export interface SiteSummary {
  id: number;
  title: string;
  code: string;
  type: string;
  section: LandingSection;
}

export interface RoleSummary {
  id: number;
  title: string;
  xmlId: string;
}

/** What a node stands for, so commands and lazy loading know their target. */
export type NodeRef =
  | { type: 'section'; section: LandingSection }
  | { type: 'site'; site: SiteSummary }
  | { type: 'rules'; site: SiteSummary }
  | { type: 'rule'; site: SiteSummary; code: string }
  | { type: 'roles' }
  | { type: 'role'; role: RoleSummary }
  | { type: 'roleSection'; section: LandingSection }
  | { type: 'roleEntry'; section: LandingSection; roleId: number }
  | { type: 'roleHolders'; section: LandingSection; roleId: number }
  | { type: 'roleSite'; section: LandingSection; roleId: number; key: string };

export interface NodeCommand {
  command: string;
  title: string;
  args?: unknown[];
}

export interface TreeNode {
  /** Unique and stable across refreshes, so expansion state survives. */
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  /** A codicon id, e.g. `globe`. */
  icon: string;
  /** A theme colour id for the icon, e.g. `errorForeground`. */
  iconColor?: string;
  contextValue: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  command?: NodeCommand;
  ref?: NodeRef;
  /** Children known when the node is built; otherwise loaded on expand from `ref`. */
  children?: TreeNode[];
}

/**
 * Leads the label of anything with unapplied changes: a description is cut
 * off at the default sidebar width, a label's first character never is.
 */
export const PENDING_MARK = '● ';

// Getters: looked up in the display language when read, not when this module loads.
export const SECTIONS: readonly { section: LandingSection; label: string; empty: string }[] = [
  {
    section: 'SITE',
    get label() {
      return localize('Sites and Stores');
    },
    get empty() {
      return localize('No sites or stores you can see');
    },
  },
  {
    section: 'KNOWLEDGE',
    get label() {
      return localize('Knowledge Bases');
    },
    get empty() {
      return localize('No knowledge bases you can see');
    },
  },
  {
    section: 'GROUP',
    get label() {
      return localize('Group Knowledge Bases');
    },
    get empty() {
      return localize('No group knowledge bases you can see');
    },
  },
];

/** The connected portal and user at the top of the tree. */
export function portalNode(host: string, user?: { id: number; name: string; admin: boolean }): TreeNode {
  const who = user ? `${user.name || `User #${user.id}`}${user.admin ? ' (administrator)' : ''}` : undefined;
  return {
    id: 'portal',
    label: host,
    ...(who ? { description: who } : {}),
    tooltip: who ? localize('Connected to {0} as {1}, user U{2}.', host, who, String(user?.id)) : localize('Connected to {0}.', host),
    icon: 'cloud',
    contextValue: 'portal',
    collapsible: 'none',
  };
}

/** The rights model node; in the role model it holds the (read-only) roles. */
export function modelNode(model: RightsModel): TreeNode {
  if (model === 'extended') {
    return {
      id: 'model',
      label: localize('Rights model: extended'),
      description: localize('rules per site'),
      tooltip: localize(
        'Each site has its own access rules. Edit them under a site\'s "Configured rules", then Apply. Roles can be prepared below; they take effect only in the role model.',
      ),
      icon: 'shield',
      contextValue: 'model.extended',
      collapsible: 'collapsed',
      ref: { type: 'roles' },
    };
  }
  return {
    id: 'model',
    label: localize('Rights model: roles'),
    description: localize('site rules not in effect'),
    tooltip: localize(
      'The portal uses roles. Per-site rules cannot be edited here: setRights would report success and apply nothing. Edit the roles below (import them first), or use "Switch to Extended Model" to edit rules per site (administrator only).',
    ),
    icon: 'shield',
    iconColor: 'charts.yellow',
    contextValue: 'model.role',
    collapsible: 'expanded',
    ref: { type: 'roles' },
  };
}

/** One of the site sections (sites and stores, knowledge bases, group sites). */
export function sectionNode(section: LandingSection): TreeNode {
  const s = SECTIONS.find((x) => x.section === section) ?? SECTIONS[0];
  return {
    id: `section:${section}`,
    label: s.label,
    icon: section === 'SITE' ? 'globe' : 'book',
    contextValue: 'section',
    collapsible: section === 'SITE' ? 'expanded' : 'collapsed',
    ref: { type: 'section', section },
  };
}

/** A site; `file` is its rights file when one exists, for the pending marker. */
export function siteNode(site: SiteSummary, model: TreeModel, file?: RightsFile): TreeNode {
  const pending = canEditRules(model) && file !== undefined && hasPendingChanges(file);
  // Portals report codes as `/promo/`; the slashes add nothing in a description.
  const code = site.code.replace(/^\/+|\/+$/g, '');
  const parts = [code, `#${site.id}`, site.type].filter(Boolean);
  return {
    id: `site:${site.id}`,
    label: `${pending ? PENDING_MARK : ''}${site.title || code || `Site #${site.id}`}`,
    description: `${parts.join(' · ')}${pending ? localize(' · not applied') : ''}`,
    tooltip: localize(
      '{0} — id {1}, code "{2}", type {3}.{4}',
      site.title,
      site.id,
      site.code,
      site.type,
      pending ? localize('\nThe rights file has changes that are not applied yet.') : '',
    ),
    icon: site.type === 'STORE' ? 'package' : site.section === 'SITE' ? 'browser' : 'book',
    ...(pending ? { iconColor: 'charts.yellow' } : {}),
    contextValue: !canEditRules(model) ? 'site.readonly' : pending ? 'site.pending' : 'site',
    collapsible: 'collapsed',
    ref: { type: 'site', site },
  };
}

/** "Your effective rights": what getRights reports for the connected user only. */
export function effectiveNode(site: SiteSummary, ops: readonly Operation[]): TreeNode {
  return {
    id: `site:${site.id}:effective`,
    label: localize('Your effective rights'),
    description: ops.length ? formatOperations(ops) : localize('no access'),
    tooltip: localize(
      "What landing.site.getRights reports for the connected user ({0}). The portal returns only your own operations, never the site's full rule set; the configured rules below come from the rights file.",
      formatOperationCodes(ops),
    ),
    icon: ops.includes('denied') || ops.length === 0 ? 'lock' : 'person',
    contextValue: 'effective',
    collapsible: 'none',
  };
}

/** "Load more" at the end of a paged section. */
export function loadMoreNode(section: LandingSection, loaded: number): TreeNode {
  return {
    id: `section:${section}:more`,
    label: localize('Load more…'),
    description: `${loaded} shown`,
    icon: 'ellipsis',
    contextValue: 'loadMore',
    collapsible: 'none',
    command: { command: 'bitrix24.rights.loadMore', title: localize('Load More'), args: [section] },
  };
}

/** A role of the role model, read-only; its site rights load on expand. */
export function roleNode(role: RoleSummary): TreeNode {
  return {
    id: `role:${role.id}`,
    label: role.title || `Role #${role.id}`,
    description: role.xmlId ? role.xmlId.toLowerCase() : undefined,
    tooltip: localize('A role of the role model (read-only here). Its access codes cannot be read through the REST API.'),
    icon: 'person-add',
    contextValue: 'role',
    collapsible: 'collapsed',
    ref: { type: 'role', role },
  };
}

/** One entry of `landing.role.getRights`: site id `0` is the default for sites without their own entry. */
export function roleRightNode(role: RoleSummary, siteId: string, ops: readonly Operation[], siteTitle: string | undefined): TreeNode {
  const label = siteId === '0' ? localize('All sites without their own setting') : (siteTitle ?? `Site #${siteId}`);
  return {
    id: `role:${role.id}:site:${siteId}`,
    label,
    description: formatOperations(ops),
    tooltip: localize('{0}: {1} ({2}) on {3}.', role.title, formatOperations(ops), formatOperationCodes(ops), label),
    icon: siteId === '0' ? 'globe' : 'browser',
    contextValue: 'roleRight',
    collapsible: 'none',
  };
}

/** A neutral leaf: an empty list, a hint, a problem line. */
export function infoNode(id: string, label: string, icon = 'info', command?: NodeCommand): TreeNode {
  return { id, label, icon, contextValue: 'info', collapsible: 'none', ...(command ? { command } : {}) };
}

/**
 * A failure as a node: plain words as the label, the actions as children
 * (clicking the node runs the first), details in the tooltip. Never a pop-up.
 */
export function errorNode(id: string, failure: RightsFailure): TreeNode {
  const [first] = failure.actions;
  return {
    id,
    label: failure.message,
    ...(failure.code ? { description: failure.code } : {}),
    tooltip: [failure.message, failure.detail ? localize('Portal said: {0}', failure.detail) : ''].filter(Boolean).join('\n'),
    icon: failure.reason === 'rate-limit' ? 'watch' : failure.reason === 'network' ? 'debug-disconnect' : 'error',
    iconColor: 'errorForeground',
    contextValue: `error.${failure.reason}`,
    collapsible: failure.actions.length > 1 ? 'expanded' : 'none',
    ...(first ? { command: toCommand(first) } : {}),
    ...(failure.actions.length > 1 ? { children: failure.actions.map((a, i) => infoNode(`${id}:action:${i}`, a.title, 'arrow-right', toCommand(a))) } : {}),
  };
}

function toCommand(a: FailureAction): NodeCommand {
  return { command: a.command, title: a.title, ...(a.args ? { args: a.args } : {}) };
}
