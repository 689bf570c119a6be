/**
 * The plan of a role apply: per role, the holders (`setAccessCodes`) and the
 * rights per site key (`setRights`) that will be sent, compared with what the
 * portal holds now (rights, read at plan time) and what this workspace last
 * sent (holders, which the portal cannot return). Both methods replace the
 * whole list, so the plan shows the full lists.
 */
import { accessCodeName, nameAccessCode } from './access-codes';
import type { LandingSection } from './api';
import { formatOperations, Operation, sameOperations } from './operations';
import { unknownCodesMessage } from './plan';
import { holdersPending, RoleEntry, RoleFile, RoleRights, sameRoleRights, serialiseRoleRights, sortRoleRights } from './role-file';
import type { RightsModel } from './rights-model';
import { localize, wordTable } from '../l10n/localize';

/** A role as the portal reports it now. */
export interface PortalRole {
  id: number;
  title: string;
  xmlId: string;
  rights: RoleRights;
}

export type KeyChange = 'added' | 'removed' | 'changed' | 'unchanged';

export interface RoleRightDiff {
  /** `0` (default) or a site id. */
  key: string;
  change: KeyChange;
  before?: Operation[];
  after?: Operation[];
}

export interface HoldersPlan {
  /** Whether setAccessCodes is called. */
  send: boolean;
  /** Last sent from this workspace; `null` when unknown (the portal cannot return holders). */
  before: string[] | null;
  after: string[] | null;
  added: string[];
  removed: string[];
}

export interface RolePlanEntry {
  role: { id: number; title: string; xmlId: string };
  holders: HoldersPlan;
  rights: { send: boolean; before: RoleRights; after: RoleRights; diff: RoleRightDiff[] };
}

export type RolePlanWarningId =
  'not-in-effect' | 'holders-unknown' | 'holders-cleared' | 'unknown-sites' | 'role-missing' | 'new-role' | 'no-default' | 'unknown-codes';

export interface RolePlanWarning {
  id: RolePlanWarningId;
  message: string;
}

export interface RolePlan {
  portal: string;
  section: LandingSection;
  /** The model when the plan was made; apply stops if it changed. */
  model: RightsModel;
  /** Only roles with something to send. */
  roles: RolePlanEntry[];
  hasChanges: boolean;
  warnings: RolePlanWarning[];
  /** Names of the holders' access codes as the portal gave them (`access.name`), shown next to each code. */
  names?: ReadonlyMap<string, string>;
}

export const SECTION_LABELS: Readonly<Record<LandingSection, string>> = wordTable({
  SITE: () => localize('Sites and Stores'),
  KNOWLEDGE: () => localize('Knowledge Bases'),
  GROUP: () => localize('Group Knowledge Bases'),
  MAINPAGE: () => localize('Main Page'),
});

/** Site key by site key, default first. */
export function diffRoleRights(before: RoleRights, after: RoleRights): RoleRightDiff[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort((a, b) => Number(a) - Number(b));
  return keys.map((key) => {
    const b = before[key];
    const a = after[key];
    const change: KeyChange = !b ? 'added' : !a ? 'removed' : sameOperations(a, b) ? 'unchanged' : 'changed';
    return { key, change, ...(b ? { before: b } : {}), ...(a ? { after: a } : {}) };
  });
}

function holdersPlan(role: RoleEntry): HoldersPlan {
  const after = role.accessCodes;
  const before = role.appliedAccessCodes;
  const send = holdersPending(role);
  return {
    send,
    before,
    after,
    added: after ? after.filter((c) => !(before ?? []).includes(c)) : [],
    removed: after && before ? before.filter((c) => !after.includes(c)) : [],
  };
}

/**
 * Builds the plan for a role file against the portal's roles of its
 * section; `siteIds` (when known) are the section's sites, so entries the
 * portal would skip without a word are named.
 */
export function buildRolePlan(file: RoleFile, portal: readonly PortalRole[], model: RightsModel, siteIds?: ReadonlySet<number>): RolePlan {
  const warnings: RolePlanWarning[] = [];
  const entries: RolePlanEntry[] = [];
  const missing: string[] = [];
  for (const role of file.roles) {
    const now = portal.find((p) => p.id === role.id);
    if (!now) {
      missing.push(`"${role.title || `#${role.id}`}"`);
      continue;
    }
    const after = sortRoleRights(role.rights);
    const holders = holdersPlan(role);
    const rightsSend = !sameRoleRights(now.rights, after);
    if (!rightsSend && !holders.send) continue;
    entries.push({
      role: { id: role.id, title: role.title || now.title, xmlId: role.xmlId || now.xmlId },
      holders,
      rights: { send: rightsSend, before: now.rights, after, diff: diffRoleRights(now.rights, after) },
    });
  }
  if (missing.length) {
    warnings.push({
      id: 'role-missing',
      message:
        missing.length === 1
          ? localize(
              'The portal has no role {0} in {1} any more; it is left out. Import from the portal to refresh the file.',
              missing.join(', '),
              SECTION_LABELS[file.section],
            )
          : localize(
              'The portal has no roles {0} in {1} any more; they are left out. Import from the portal to refresh the file.',
              missing.join(', '),
              SECTION_LABELS[file.section],
            ),
    });
  }
  const added = portal.filter((p) => !file.roles.some((r) => r.id === p.id)).map((p) => `"${p.title}"`);
  if (added.length)
    warnings.push({
      id: 'new-role',
      message:
        added.length === 1
          ? localize('The portal has role {0} the file does not list; it is left as it is.', added.join(', '))
          : localize('The portal has roles {0} the file does not list; they are left as they are.', added.join(', ')),
    });
  if (model === 'extended' && entries.length) {
    warnings.push({
      id: 'not-in-effect',
      message: localize('The portal uses the extended model: the roles are saved now but take effect only when the role model is switched on.'),
    });
  }
  const unknownHolders = entries.filter((e) => e.holders.send && e.holders.before === null).map((e) => `"${e.role.title}"`);
  if (unknownHolders.length) {
    warnings.push({
      id: 'holders-unknown',
      message:
        unknownHolders.length === 1
          ? localize(
              'The portal cannot return who holds a role. The holders of {0} were never set from this workspace: whoever holds it now is replaced by the list below.',
              unknownHolders.join(', '),
            )
          : localize(
              'The portal cannot return who holds a role. The holders of {0} were never set from this workspace: whoever holds them now is replaced by the list below.',
              unknownHolders.join(', '),
            ),
    });
  }
  const cleared = entries.filter((e) => e.holders.send && e.holders.after?.length === 0).map((e) => `"${e.role.title}"`);
  if (cleared.length) {
    warnings.push({ id: 'holders-cleared', message: localize('{0} will have no holders. Its saved site rights stay on the portal.', cleared.join(', ')) });
  }
  const noDefault = entries.filter((e) => e.rights.send && e.rights.before['0'] && !e.rights.after['0']).map((e) => `"${e.role.title}"`);
  if (noDefault.length)
    warnings.push({
      id: 'no-default',
      message: localize('{0} loses its default rights (key 0): sites without their own entry give its holders nothing.', noDefault.join(', ')),
    });
  if (siteIds) {
    const unknown = [
      ...new Set(entries.flatMap((e) => (e.rights.send ? Object.keys(e.rights.after) : [])).filter((k) => k !== '0' && !siteIds.has(Number(k)))),
    ];
    if (unknown.length) {
      warnings.push({
        id: 'unknown-sites',
        message: localize(
          '{0} has no site {1}: the portal skips such entries without an error, and verification will show them missing.',
          SECTION_LABELS[file.section],
          unknown.map((k) => `#${k}`).join(', '),
        ),
      });
    }
  }
  return { portal: file.portal, section: file.section, model, roles: entries, hasChanges: entries.length > 0, warnings };
}

/** Every access code the plan's holders name, before and after, to look their names up. */
export function holderCodes(plan: RolePlan): string[] {
  return [...new Set(plan.roles.flatMap((e) => [...(e.holders.before ?? []), ...(e.holders.after ?? [])]))].sort();
}

/**
 * The plan with its holders named from the portal's directory (`access.name`),
 * and warned about holders sent that the portal does not know, as a site
 * plan warns about its codes.
 */
export function withHolderNames(plan: RolePlan, names: ReadonlyMap<string, string>): RolePlan {
  const sent = [...new Set(plan.roles.flatMap((e) => (e.holders.send ? (e.holders.after ?? []) : [])))].sort();
  const message = unknownCodesMessage(sent, names);
  return message ? { ...plan, names, warnings: [...plan.warnings, { id: 'unknown-codes', message }] } : { ...plan, names };
}

/** Holders as a reader knows them: `DR3 (Marketing), U5 (Eva Schmidt)`, or "nobody". */
export function nameHolders(codes: readonly string[], names?: ReadonlyMap<string, string>): string {
  return codes.length ? codes.map((c) => nameAccessCode(c, names)).join(', ') : localize('nobody');
}

/** "2 roles: holders of 1, rights of 2" — or "no changes". */
export function summariseRolePlan(plan: RolePlan): string {
  if (!plan.hasChanges) return localize('no changes');
  const holders = plan.roles.filter((r) => r.holders.send).length;
  const rights = plan.roles.filter((r) => r.rights.send).length;
  const parts = [holders ? localize('holders of {0}', holders) : '', rights ? localize('rights of {0}', rights) : ''].filter(Boolean);
  return plan.roles.length === 1 ? localize('1 role: {0}', parts.join(', ')) : localize('{0} roles: {1}', plan.roles.length, parts.join(', '));
}

const MARK: Readonly<Record<KeyChange, string>> = { added: '+', removed: '-', changed: '~', unchanged: ' ' };

/** A site key in words, with the site's title when known. */
export function siteKeyLabel(key: string, titles?: ReadonlyMap<number, string>): string {
  if (key === '0') return localize('All sites without their own setting (0)');
  const title = titles?.get(Number(key));
  return title ? `${title} (#${key})` : `Site #${key}`;
}

/** The plan as plain text, for the confirmation's detail and a read-only document. */
export function renderRolePlan(plan: RolePlan, titles?: ReadonlyMap<number, string>): string {
  const lines = [
    localize('Role plan: {0} on {1}', SECTION_LABELS[plan.section], plan.portal),
    localize(
      'Rights model now: {0}',
      plan.model === 'role' ? localize('roles (changes take effect at once)') : localize('extended (roles are saved, not in effect)'),
    ),
    localize('Changes: {0}', summariseRolePlan(plan)),
    '',
  ];
  for (const w of plan.warnings) lines.push(`! ${w.message}`);
  if (plan.warnings.length) lines.push('');
  for (const entry of plan.roles) {
    lines.push(`Role "${entry.role.title}" (#${entry.role.id}):`);
    const h = entry.holders;
    if (h.send) {
      const was = h.before === null ? localize('unknown: never set from this workspace') : nameHolders(h.before, plan.names);
      lines.push(localize('  holders (replace all): {0} (was {1})', nameHolders(h.after ?? [], plan.names), was));
    } else {
      lines.push(localize('  holders: unchanged{0}', entry.holders.after === null ? localize(' (not managed in this file)') : ''));
    }
    if (entry.rights.send) {
      lines.push(localize('  rights (replace all):'));
      for (const d of entry.rights.diff) {
        const label = siteKeyLabel(d.key, titles);
        if (d.change === 'removed') lines.push(`  ${MARK[d.change]} ${label}: ${formatOperations(d.before ?? [])} (removed)`);
        else if (d.change === 'changed')
          lines.push(localize('  {0} {1}: {2} (was {3})', MARK[d.change], label, formatOperations(d.after ?? []), formatOperations(d.before ?? [])));
        else lines.push(`  ${MARK[d.change]} ${label}: ${formatOperations(d.after ?? [])}`);
      }
      if (entry.rights.diff.length === 0) lines.push(localize('    (no rights)'));
    } else {
      lines.push(localize('  rights: unchanged'));
    }
    lines.push('');
  }
  if (!plan.hasChanges) lines.push(localize('The portal already holds these roles.'));
  return `${lines.join('\n').trimEnd()}\n`;
}

/** A holders list one code a line, each followed by a `//` comment naming it (JSON with comments). */
function holdersJson(holders: readonly string[] | null, names?: ReadonlyMap<string, string>): string {
  if (holders === null) return 'null';
  if (holders.length === 0) return '[]';
  const sorted = [...holders].sort();
  const lines = sorted.map((code, i) => {
    const name = accessCodeName(code, names);
    return `      ${JSON.stringify(code)}${i < sorted.length - 1 ? ',' : ''}${name ? `  // ${name}` : ''}`;
  });
  return `[\n${lines.join('\n')}\n    ]`;
}

function sideJson(plan: RolePlan, side: 'before' | 'after'): string {
  const blocks = plan.roles.map((e) => {
    // Holders that are not sent read the same on both sides.
    const holders = side === 'before' && e.holders.send ? e.holders.before : e.holders.after;
    const rights = side === 'before' ? e.rights.before : e.rights.after;
    return `  ${JSON.stringify(`${e.role.title} #${e.role.id}`)}: {\n    "accessCodes": ${holdersJson(holders, plan.names)},\n    "rights": ${serialiseRoleRights(
      rights,
      '    ',
    )}\n  }`;
  });
  return blocks.length ? `{\n${blocks.join(',\n')}\n}\n` : '{}\n';
}

/**
 * The two sides of a diff view: the portal now (and holders last sent) ↔
 * what will be sent, as JSON with comments: each holder's code is named.
 */
export function rolePlanSides(plan: RolePlan): { before: string; after: string } {
  return { before: sideJson(plan, 'before'), after: sideJson(plan, 'after') };
}

/** Whether two role snapshots (from the portal) are the same, for "did anyone change it meanwhile". */
export function samePortalRoles(a: readonly PortalRole[], b: readonly PortalRole[]): boolean {
  return (
    a.length === b.length &&
    a.every((r) => {
      const o = b.find((x) => x.id === r.id);
      return o !== undefined && sameRoleRights(r.rights, o.rights);
    })
  );
}
