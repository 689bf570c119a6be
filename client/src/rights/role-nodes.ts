/**
 * Tree nodes of the role model, as plain data: a node per site type, its
 * roles from the role file, and under each role who holds it (access codes
 * with their names) and its rights (default key `0`, then per site), each
 * marked when the file differs from the portal.
 */
import { accessCodeName, nameAccessCode } from './access-codes';
import type { LandingSection } from './api';
import { formatOperations, Operation, sameOperations } from './operations';
import { holdersPending, RoleEntry, RoleFile, sameRoleRights } from './role-file';
import { PortalRole, SECTION_LABELS, siteKeyLabel } from './role-plan';
import { infoNode, TreeNode } from './tree-nodes';
import { localize } from '../l10n/localize';

/** The site types whose roles the tree shows. */
export const ROLE_SECTIONS: readonly LandingSection[] = ['SITE', 'KNOWLEDGE', 'GROUP'];

/** "Roles: Sites and Stores" — expands into the roles of that site type. */
export function roleSectionNode(section: LandingSection, inEffect: boolean): TreeNode {
  return {
    id: `roles:${section}`,
    label: localize('Roles: {0}', SECTION_LABELS[section]),
    ...(inEffect ? {} : { description: localize('not in effect (extended model)') }),
    tooltip: localize(
      'The roles of {0}: who holds each role and its rights per site. Edits go to the role file; Apply Roles sends them.{1}',
      SECTION_LABELS[section],
      inEffect ? '' : localize('\nThe portal uses the extended model, so roles are saved but take effect only after switching to the role model.'),
    ),
    icon: 'organization',
    contextValue: 'roleSection',
    collapsible: inEffect ? 'expanded' : 'collapsed',
    ref: { type: 'roleSection', section },
  };
}

type Names = ReadonlyMap<string, string> | undefined;

/** The name of a code as the directory (or, without one, its kind) gives it; the code itself when invalid. */
const codeName = (code: string, names: Names): string => accessCodeName(code, names) ?? code;

/** Who holds the role, from the file; unknown until set here, since the portal cannot return it. */
export function holdersNode(section: LandingSection, role: RoleEntry, names: Names): TreeNode {
  const id = `roles:${section}:${role.id}:holders`;
  const pending = holdersPending(role);
  const ref = { type: 'roleHolders' as const, section, roleId: role.id };
  if (role.accessCodes === null) {
    return {
      id,
      label: localize('Holders'),
      description: localize('not set here'),
      tooltip: localize('The portal cannot return who holds a role. Set the holders here to manage them; Apply then replaces whoever holds the role now.'),
      icon: 'person',
      contextValue: 'roleHolders',
      collapsible: 'none',
      ref,
    };
  }
  const applied = role.appliedAccessCodes ?? [];
  const children = role.accessCodes.map((code): TreeNode => {
    const isNew = !applied.includes(code) || role.appliedAccessCodes === null;
    return {
      id: `${id}:${code}`,
      label: `${code}  ${codeName(code, names)}`,
      ...(isNew ? { description: localize('not applied') } : {}),
      tooltip: `${code}: ${codeName(code, names)}${names && !names.has(code) && code !== 'AU' ? localize('\nThe portal does not know this access code: it is saved without error but gives the role to nobody.') : ''}`,
      icon: names && !names.has(code) && code !== 'AU' ? 'warning' : 'account',
      contextValue: 'roleHolder',
      collapsible: 'none',
    };
  });
  const removed = role.appliedAccessCodes?.filter((c) => !role.accessCodes?.includes(c)) ?? [];
  for (const code of removed) {
    children.push({
      id: `${id}:removed:${code}`,
      label: `${code}  ${codeName(code, names)}`,
      description: localize('removed, not applied'),
      icon: 'remove',
      iconColor: 'disabledForeground',
      contextValue: 'roleHolder.removed',
      collapsible: 'none',
    });
  }
  return {
    id,
    label: localize('Holders'),
    // Names where the portal's directory knows them; the codes are in the tooltip and the children.
    description: `${role.accessCodes.length ? role.accessCodes.map((c) => names?.get(c) ?? c).join(', ') : localize('nobody')}${pending ? localize(' · not applied') : ''}`,
    tooltip: [
      localize(
        'Who holds the role (setAccessCodes replaces the whole list). The portal cannot return this list, so it is compared with what this workspace last sent.',
      ),
      ...role.accessCodes.map((c) => nameAccessCode(c, names)),
    ].join('\n'),
    icon: 'person',
    ...(pending ? { iconColor: 'charts.yellow' } : {}),
    contextValue: pending ? 'roleHolders.pending' : 'roleHolders',
    collapsible: 'expanded',
    ref,
    children: children.length ? children : [infoNode(`${id}:none`, localize('Nobody holds this role'))],
  };
}

/** One site key of a role's rights: desired operations, and the portal's when they differ. */
export function roleSiteNode(
  section: LandingSection,
  role: RoleEntry,
  key: string,
  ops: readonly Operation[] | undefined,
  portalOps: readonly Operation[] | undefined,
  titles: ReadonlyMap<number, string>,
): TreeNode {
  const label = siteKeyLabel(key, titles);
  const state =
    ops === undefined
      ? localize('removed, not applied')
      : portalOps === undefined
        ? localize('not applied')
        : sameOperations(ops, portalOps)
          ? ''
          : localize('not applied, portal has {0}', formatOperations(portalOps));
  return {
    id: `roles:${section}:${role.id}:site:${key}`,
    label,
    description: `${formatOperations(ops ?? portalOps ?? [])}${state ? ` · ${state}` : ''}`,
    tooltip: localize(
      '{0}: {1} on {2}.{3}{4}',
      role.title,
      formatOperations(ops ?? []),
      label,
      key === '0' ? localize('\nKey 0 is the default for every site without its own entry.') : '',
      state ? `\n${state}.` : '',
    ),
    icon: ops === undefined ? 'remove' : key === '0' ? 'globe' : 'browser',
    ...(ops === undefined
      ? { iconColor: 'disabledForeground' }
      : state
        ? { iconColor: 'charts.yellow' }
        : ops.includes('denied')
          ? { iconColor: 'errorForeground' }
          : {}),
    contextValue: ops === undefined ? 'roleSite.removed' : 'roleSite',
    collapsible: 'none',
    ref: { type: 'roleSite', section, roleId: role.id, key },
  };
}

/** A role of the file with its holders and rights as children. */
export function roleEntryNode(
  section: LandingSection,
  role: RoleEntry,
  portal: PortalRole | undefined,
  names: Names,
  titles: ReadonlyMap<number, string>,
): TreeNode {
  const portalRights = portal?.rights ?? {};
  const keys = [...new Set([...Object.keys(role.rights), ...Object.keys(portalRights)])].sort((a, b) => Number(a) - Number(b));
  const rightsPending = portal !== undefined && !sameRoleRights(role.rights, portalRights);
  const pending = rightsPending || holdersPending(role);
  const children = [
    holdersNode(section, role, names),
    ...keys.map((k) => roleSiteNode(section, role, k, role.rights[k], portal ? portalRights[k] : role.rights[k], titles)),
  ];
  if (!role.rights['0'] && !portalRights['0'])
    children.splice(1, 0, infoNode(`roles:${section}:${role.id}:nodefault`, localize('No default rights (key 0): other sites give nothing'), 'info'));
  return {
    id: `roles:${section}:${role.id}`,
    label: role.title || `Role #${role.id}`,
    description: `${role.xmlId ? `${role.xmlId.toLowerCase()} · ` : ''}#${role.id}${!portal ? localize(' · not on the portal') : pending ? localize(' · not applied') : ''}`,
    tooltip: !portal
      ? localize('The portal has no such role in this site type any more. Import from the portal to refresh the file.')
      : pending
        ? localize('The role file differs from the portal. Show the role plan, then Apply Roles.')
        : localize('The portal holds this role as shown (holders as last sent from here).'),
    icon: 'person-add',
    ...(pending ? { iconColor: 'charts.yellow' } : !portal ? { iconColor: 'disabledForeground' } : {}),
    contextValue: pending ? 'roleEntry.pending' : 'roleEntry',
    collapsible: 'expanded',
    ref: { type: 'roleEntry', section, roleId: role.id },
    children,
  };
}

/** The children of a role section node when a role file exists. */
export function roleFileNodes(file: RoleFile, portal: readonly PortalRole[] | undefined, names: Names, titles: ReadonlyMap<number, string>): TreeNode[] {
  const section = file.section;
  const nodes = file.roles.map((r) => roleEntryNode(section, r, portal ? portal.find((p) => p.id === r.id) : undefined, names, titles));
  const missing = portal?.filter((p) => !file.roles.some((r) => r.id === p.id)) ?? [];
  for (const p of missing) {
    nodes.push(
      infoNode(`roles:${section}:new:${p.id}`, localize('"{0}" is on the portal but not in the file: import to add it', p.title), 'cloud-download', {
        command: 'bitrix24.rights.importRoles',
        title: localize('Import Roles from Portal'),
        args: [section],
      }),
    );
  }
  return nodes.length ? nodes : [infoNode(`roles:${section}:empty`, localize('No roles in this site type'))];
}

/** The first child of a role section without a role file: how to start editing. */
export function importHintNode(section: LandingSection): TreeNode {
  return infoNode(`roles:${section}:import`, localize('Import from portal to edit these roles'), 'cloud-download', {
    command: 'bitrix24.rights.importRoles',
    title: localize('Import Roles from Portal'),
    args: [section],
  });
}
