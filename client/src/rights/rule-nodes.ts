/**
 * Tree nodes for a site's configured rules (from its rights file): the rules
 * node, one node per access code with its resolved name, and codes removed
 * since the last apply.
 */
import { AccessCodeKind, accessCodeKind, describeAccessCode, parseAccessCode } from './access-codes';
import { formatOperationCodes, formatOperations, Operation, sameOperations } from './operations';
import { localTime, TimeFormat } from './times';
import { hasPendingChanges, RightsFile } from './rights-file';
import { canEditRules, infoNode, NodeRef, PENDING_MARK, SiteSummary, TreeModel, TreeNode } from './tree-nodes';
import { localize } from '../l10n/localize';

/** The access code names `access.name` returned; codes missing from it are unknown to the portal. */
export type AccessNames = ReadonlyMap<string, string>;

const KIND_ICON: Readonly<Record<AccessCodeKind, string>> = {
  user: 'person',
  'intranet-user': 'person',
  'user-group': 'organization',
  department: 'symbol-namespace',
  'department-tree': 'type-hierarchy',
  workgroup: 'comment-discussion',
  'all-authorised': 'account',
  everyone: 'globe',
};

/** One configured rule of a site's rights file. */
export function ruleNode(site: SiteSummary, file: RightsFile, code: string, names: AccessNames | undefined, editable: boolean): TreeNode {
  const ops = file.rules[code] ?? [];
  const parsed = parseAccessCode(code);
  const fallback = parsed.ok ? describeAccessCode(parsed.value) : code;
  const name = names?.get(code);
  const unknownToPortal = names !== undefined && name === undefined && code !== 'AU' && code !== 'UA';
  const applied = file.lastApplied?.rules[code];
  const state = !applied ? localize('not applied') : sameOperations(applied, ops) ? '' : localize('not applied, was {0}', formatOperations(applied));
  const kind = accessCodeKind(code);
  return {
    id: `site:${site.id}:rule:${code}`,
    label: localize('{0}{1}  {2}', state ? PENDING_MARK : '', code, name ?? fallback),
    description: `${formatOperations(ops)}${state ? ` · ${state}` : ''}`,
    tooltip: [
      `${code}: ${name ?? fallback}`,
      localize('Operations: {0} (codes: {1})', formatOperations(ops), formatOperationCodes(ops)),
      unknownToPortal ? localize('The portal does not know this access code: it will be saved without error but grants nothing.') : '',
      state ? localize('In the rights file only ({0}).', state) : localize('Applied as shown.'),
    ]
      .filter(Boolean)
      .join('\n'),
    icon: unknownToPortal ? 'warning' : kind ? KIND_ICON[kind] : 'question',
    ...(unknownToPortal ? { iconColor: 'problemsWarningIcon.foreground' } : ops.includes('denied') ? { iconColor: 'errorForeground' } : {}),
    contextValue: editable ? 'rule' : 'rule.readonly',
    collapsible: 'none',
    ref: { type: 'rule', site, code },
  };
}

/** Codes the last apply sent that the desired set no longer has: shown so a removal is visible before Apply. */
export function removedRuleNode(site: SiteSummary, code: string, ops: readonly Operation[]): TreeNode {
  return {
    id: `site:${site.id}:removed:${code}`,
    label: `${PENDING_MARK}${code}`,
    description: localize('{0} · removed, not applied', formatOperations(ops)),
    tooltip: localize(
      '{0} was applied with {1} ({2}) and is removed in the rights file. Apply to remove it on the portal.',
      code,
      formatOperations(ops),
      formatOperationCodes(ops),
    ),
    icon: 'remove',
    iconColor: 'disabledForeground',
    contextValue: 'rule.removed',
    collapsible: 'none',
  };
}

export type RulesState = { status: 'missing' } | { status: 'invalid'; path: string; problems: string[] } | { status: 'ok'; path: string; file: RightsFile };

/** "Configured rules": the desired set from the rights file, with its rules as children. */
export function rulesNode(site: SiteSummary, state: RulesState, names: AccessNames | undefined, model: TreeModel, time: TimeFormat = {}): TreeNode {
  const editable = canEditRules(model);
  const base = { id: `site:${site.id}:rules`, label: localize('Configured rules'), ref: { type: 'rules', site } as NodeRef };
  if (state.status === 'invalid') {
    return {
      ...base,
      description: localize('rights file has problems'),
      tooltip: `${state.path}:\n${state.problems.join('\n')}`,
      icon: 'error',
      iconColor: 'errorForeground',
      contextValue: 'rules.invalid',
      collapsible: 'expanded',
      children: state.problems.map((p, i) =>
        infoNode(`site:${site.id}:problem:${i}`, p, 'error', {
          command: 'bitrix24.rights.openRightsFile',
          title: localize('Open Rights File'),
          args: [site.id],
        }),
      ),
    };
  }
  if (!editable) {
    const role = model === 'role';
    return {
      ...base,
      description: role ? localize('editing off: role model') : localize('editing off: not on this plan'),
      tooltip: role
        ? localize(
            'The portal uses the role model, so per-site rules do not apply (setRights would report success and apply nothing). Switch to the extended model to edit them.',
          )
        : localize("The portal's plan does not include site access rights, so rules cannot be applied."),
      icon: 'circle-slash',
      contextValue: 'rules.readonly',
      collapsible: 'none',
    };
  }
  if (state.status === 'missing') {
    return {
      ...base,
      description: localize('no rights file yet'),
      tooltip: localize("The portal cannot list a site's rules, so they are kept in a rights file in this workspace. Add an access code to create it."),
      icon: 'list-unordered',
      contextValue: 'rules',
      collapsible: 'expanded',
      children: [
        infoNode(`site:${site.id}:empty`, localize('Add an access code to start'), 'add', {
          command: 'bitrix24.rights.addAccessCode',
          title: localize('Add Access Code'),
          args: [site.id],
        }),
      ],
    };
  }
  const { file } = state;
  const codes = Object.keys(file.rules);
  const pending = hasPendingChanges(file);
  const removed = file.lastApplied ? Object.keys(file.lastApplied.rules).filter((c) => !(c in file.rules)) : [];
  const children = [
    ...codes.map((code) => ruleNode(site, file, code, names, editable)),
    ...removed.map((code) => removedRuleNode(site, code, file.lastApplied?.rules[code] ?? [])),
  ];
  return {
    ...base,
    label: `${pending ? PENDING_MARK : ''}${base.label}`,
    description: `${codes.length === 1 ? localize('1 rule') : localize('{0} rules', codes.length)} · ${pending ? localize('not applied') : localize('applied {0}', localTime(file.lastApplied?.at ?? '', time))}`,
    tooltip: localize('From {0}.{1}', state.path, pending ? localize(' Show Plan, then Apply to send the full set to the portal.') : ''),
    icon: 'list-unordered',
    ...(pending ? { iconColor: 'charts.yellow' } : {}),
    contextValue: pending ? 'rules.pending' : 'rules',
    collapsible: 'expanded',
    children: children.length ? children : [infoNode(`site:${site.id}:none`, localize("No rules: applying clears the site's individual rights"), 'info')],
  };
}
