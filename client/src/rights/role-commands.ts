/**
 * Role model commands: import, edit holders and per-site rights (the role
 * file only), show the plan, apply, restore, and switching models. Every
 * command also takes prompt-free arguments for automation:
 *
 *   bitrix24.rights.importRoles         { section, confirm? }
 *   bitrix24.rights.editRoleHolders     { section, roleId, accessCodes: [...] }
 *   bitrix24.rights.setRoleSiteRights   { section, roleId, key: 0 | siteId, operations: [...] }
 *   bitrix24.rights.removeRoleSiteRights{ section, roleId, key }
 *   bitrix24.rights.showRolePlan / applyRoles / restoreRoles { section, confirm? }
 *   bitrix24.rights.switchToRoles / restoreModel { confirm: true }
 *   (bitrix24.rights.switchToExtended { confirm: true } lives with the site commands)
 *
 * `confirm: true` answers the question only; the plan is still shown.
 */
import * as vscode from 'vscode';
import { pickAccessCode, pickOperations } from './access-code-picker';
import { parseAccessCode } from './access-codes';
import { LandingSection, portalHost, type RightsApi } from './api';
import { CommandDeps, requireApi, requireFolder, requireWritableFolder, showNotice } from './command-guards';
import { restorePreviousModel, switchModel, SwitchOutcome } from './model-switch';
import { normaliseOperations, Operation } from './operations';
import { withFirstProblem } from './outcome-notice';
import { closePlanTabs, confirmCancelDefault, confirmModelSwitch, confirmRolePlan, planBase, PlanDocuments, showRolePlanDiff } from './plan-view';
import { applyRoles, importRoles, planRoles, restoreRoles, RoleApplyOutcome } from './role-apply';
import { RoleEntry, RoleFile, withAccessCodes, withRole, withRoleRight } from './role-file';
import { ROLE_SECTIONS } from './role-nodes';
import { RolePlan, SECTION_LABELS, siteKeyLabel } from './role-plan';
import { readSectionSites } from './role-portal';
import { loadRoleFile, roleFilePath, saveRoleFile } from './role-store';
import { switchToRolesWarning } from './rights-model';
import type { TreeNode } from './tree-nodes';

interface RoleArgs {
  section?: LandingSection;
  roleId?: number;
  key?: string;
  accessCodes?: string[];
  operations?: Operation[];
  confirm: boolean;
  scripted: boolean;
}

function isNode(arg: unknown): arg is TreeNode {
  return typeof arg === 'object' && arg !== null && 'contextValue' in arg && 'id' in arg;
}

/** Reads a tree node, a section name, or prompt-free arguments; a malformed script argument throws. */
function readArgs(arg: unknown): RoleArgs {
  if (typeof arg === 'string') return { section: sectionOf(arg), confirm: false, scripted: false };
  if (isNode(arg)) {
    const ref = arg.ref;
    const out: RoleArgs = { confirm: false, scripted: false };
    if (ref && 'section' in ref) out.section = ref.section;
    if (ref && 'roleId' in ref) out.roleId = ref.roleId;
    if (ref?.type === 'roleSite') out.key = ref.key;
    return out;
  }
  if (typeof arg !== 'object' || arg === null) return { confirm: false, scripted: false };
  const a = arg as Record<string, unknown>;
  const fail = (m: string): never => {
    throw new Error(vscode.l10n.t('Site Rights: {0}', m));
  };
  const out: RoleArgs = { confirm: a.confirm === true, scripted: true };
  if (a.section !== undefined) out.section = sectionOf(a.section) ?? fail(vscode.l10n.t('"section" must be SITE, KNOWLEDGE or GROUP.'));
  if (a.roleId !== undefined)
    out.roleId = typeof a.roleId === 'number' && Number.isInteger(a.roleId) && a.roleId > 0 ? a.roleId : fail(vscode.l10n.t('"roleId" must be a role id.'));
  if (a.key !== undefined) out.key = /^(0|[1-9]\d*)$/.test(String(a.key)) ? String(a.key) : fail(vscode.l10n.t('"key" must be 0 (default) or a site id.'));
  if (a.accessCodes !== undefined) {
    if (!Array.isArray(a.accessCodes)) fail(vscode.l10n.t('"accessCodes" must be a list of access codes.'));
    out.accessCodes = (a.accessCodes as unknown[]).map((c) => {
      const p = parseAccessCode(String(c));
      return p.ok ? p.value.code : fail(p.message);
    });
  }
  if (a.operations !== undefined) {
    const norm = Array.isArray(a.operations) && a.operations.length ? normaliseOperations(a.operations) : undefined;
    out.operations = norm?.ok ? norm.ops : fail(vscode.l10n.t('"operations" must be a non-empty list such as ["read", "edit"].'));
  }
  return out;
}

function sectionOf(v: unknown): LandingSection | undefined {
  const s = typeof v === 'string' ? v.toUpperCase() : '';
  return (ROLE_SECTIONS as readonly string[]).includes(s) ? (s as LandingSection) : undefined;
}

async function pickSection(args: RoleArgs): Promise<LandingSection | undefined> {
  if (args.section) return args.section;
  const picked = await vscode.window.showQuickPick(
    ROLE_SECTIONS.map((s) => ({ label: SECTION_LABELS[s], section: s })),
    { placeHolder: vscode.l10n.t('Roles of which site type?') },
  );
  return picked?.section;
}

/** What Apply Roles and Restore Roles resolve with. */
export interface RoleCommandResult extends RoleApplyOutcome {
  notice?: { level: 'info' | 'warning' | 'error'; text: string };
}

/** Registers the role commands. */
export function registerRoleCommands(context: vscode.ExtensionContext, deps: CommandDeps, docs: PlanDocuments): void {
  const tell = (level: 'info' | 'warning' | 'error', text: string, actions: { title: string; command: string; args?: unknown[] }[] = []) => {
    deps.log.info(`Site Rights (roles): ${text}`);
    showNotice({ level, text, actions });
    return { level, text };
  };

  /** The role file of a section and one role of it, or undefined after saying what is missing. */
  const roleTarget = async (args: RoleArgs) => {
    const api = await requireApi(deps);
    const folder = api && (await requireWritableFolder(deps));
    const section = api && folder && (await pickSection(args));
    if (!api || !folder || !section) return undefined;
    const host = portalHost(api.portal);
    const loaded = await loadRoleFile(folder.fs, host, section);
    if (loaded.status !== 'ok') {
      const text =
        loaded.status === 'missing'
          ? vscode.l10n.t('Import the roles of {0} from the portal first.', SECTION_LABELS[section])
          : vscode.l10n.t('The role file has problems: {0}', loaded.problems[0]);
      tell('warning', text, [
        loaded.status === 'missing'
          ? { title: vscode.l10n.t('Import Roles from Portal'), command: 'bitrix24.rights.importRoles', args: [section] }
          : { title: vscode.l10n.t('Open Role File'), command: 'bitrix24.rights.openRoleFile', args: [section] },
      ]);
      return undefined;
    }
    let roleId = args.roleId;
    if (roleId === undefined) {
      const picked = await vscode.window.showQuickPick(
        loaded.file.roles.map((r) => ({ label: r.title, description: `#${r.id}`, id: r.id })),
        { placeHolder: vscode.l10n.t('Which role?') },
      );
      roleId = picked?.id;
    }
    const role = loaded.file.roles.find((r) => r.id === roleId);
    if (roleId !== undefined && !role)
      tell('warning', vscode.l10n.t('Role #{0} is not in the role file of {1}; import from the portal to refresh it.', roleId, SECTION_LABELS[section]));
    return role ? { api, fs: folder.fs, host, section, file: loaded.file, role } : undefined;
  };

  const saveRole = async (
    t: { fs: NonNullable<Awaited<ReturnType<typeof requireFolder>>>['fs']; host: string; section: LandingSection; file: RoleFile },
    role: RoleEntry,
  ) => {
    const path = await saveRoleFile(t.fs, t.host, withRole(t.file, role));
    deps.log.info(`Site Rights: role "${role.title}" (#${role.id}) edited → ${path}`);
    deps.tree.rolesChanged(t.section);
    return role;
  };

  const editHolders = async (arg: unknown) => {
    const args = readArgs(arg);
    const t = await roleTarget(args);
    if (!t) return undefined;
    let codes = args.accessCodes;
    if (!codes) {
      const current = t.role.accessCodes ?? [];
      const add = { label: vscode.l10n.t('$(add) Add an access code…'), add: true, code: '' };
      const picked = await vscode.window.showQuickPick([...current.map((c) => ({ label: c, picked: true, add: false, code: c })), add], {
        canPickMany: true,
        title: vscode.l10n.t('Holders of "{0}"', t.role.title),
        placeHolder: vscode.l10n.t('Untick to remove; tick "Add" to add someone. Apply replaces the whole list.'),
      });
      if (!picked) return undefined;
      codes = picked.filter((p) => !p.add).map((p) => p.code);
      if (picked.some((p) => p.add)) {
        const code = await pickAccessCode(t.api, deps.log, { text: vscode.l10n.t('Add a holder to «{0}»', t.role.title) });
        if (code) codes.push(code);
      }
    }
    return saveRole(t, withAccessCodes(t.role, codes));
  };

  const setSiteRights = async (arg: unknown, remove: boolean) => {
    const args = readArgs(arg);
    const t = await roleTarget(args);
    if (!t) return undefined;
    let key = args.key;
    if (key === undefined) {
      const sites = await readSectionSites(t.api, t.section).catch(() => ({ titles: new Map<number, string>() }));
      const keys = remove ? Object.keys(t.role.rights) : ['0', ...[...sites.titles.keys()].map(String)];
      const picked = await vscode.window.showQuickPick(
        keys.map((k) => ({ label: siteKeyLabel(k, sites.titles), key: k })),
        { placeHolder: remove ? vscode.l10n.t("Remove the role's rights for which site?") : vscode.l10n.t('Rights of the role for which site?') },
      );
      key = picked?.key;
    }
    if (key === undefined) return undefined;
    if (remove) {
      if (!(key in t.role.rights)) return void tell('info', vscode.l10n.t('"{0}" has no rights of its own for {1}.', t.role.title, siteKeyLabel(key)));
      return saveRole(t, withRoleRight(t.role, key, undefined));
    }
    const ops =
      args.operations ??
      (await pickOperations(`${t.role.title}: ${siteKeyLabel(key)}`, t.role.rights[key] ?? ['read'], {
        text: vscode.l10n.t('Rights of «{0}» on {1}', t.role.title, siteKeyLabel(key)),
      }));
    return ops ? saveRole(t, withRoleRight(t.role, key, ops)) : undefined;
  };

  const applyOrRestore = async (arg: unknown, action: 'apply' | 'restore'): Promise<RoleCommandResult | undefined> => {
    const args = readArgs(arg);
    const api = await requireApi(deps);
    const folder = api && (await requireWritableFolder(deps));
    const section = api && folder && (await pickSection(args));
    if (!api || !folder || !section) return undefined;
    const confirm = async (plan: RolePlan) => {
      await showRolePlanDiff(docs, plan, action === 'restore' ? 'restored' : 'planned');
      deps.log.info(
        `Site Rights: role ${action} plan for ${section}: ${plan.roles.length} role(s)${plan.warnings.length ? ` (${plan.warnings.map((w) => w.id).join(', ')})` : ''}`,
      );
      return args.confirm || confirmRolePlan(plan, action);
    };
    const run = () => (action === 'restore' ? restoreRoles({ api, fs: folder.fs, confirm }, section) : applyRoles({ api, fs: folder.fs, confirm }, section));
    const outcome = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Window,
        title:
          action === 'restore'
            ? vscode.l10n.t('Site rights: restoring the roles of {0}', SECTION_LABELS[section])
            : vscode.l10n.t('Site rights: applying the roles of {0}', SECTION_LABELS[section]),
      },
      run,
    );
    deps.log.info(`Site Rights: roles ${outcome.status}${outcome.abortReason ? ` (${outcome.abortReason})` : ''}: ${outcome.message}`);
    if (outcome.abortReason === 'model-switched') deps.tree.refresh();
    else deps.tree.rolesChanged(section);
    if (outcome.status === 'cancelled') return outcome;
    await closePlanTabs(planBase.roles(portalHost(api.portal), section));
    const level = outcome.status === 'applied' && !outcome.mismatches && !outcome.problems ? 'info' : outcome.status === 'rejected' ? 'error' : 'warning';
    const actions =
      outcome.status === 'invalid-file'
        ? [
            {
              title: outcome.problems?.length ? vscode.l10n.t('Open Role File') : vscode.l10n.t('Import Roles from Portal'),
              command: outcome.problems?.length ? 'bitrix24.rights.openRoleFile' : 'bitrix24.rights.importRoles',
              args: [section],
            },
          ]
        : outcome.abortReason === 'model-switched' || outcome.abortReason === 'portal-changed' || outcome.abortReason === 'file-changed'
          ? [{ title: vscode.l10n.t('Show Role Plan'), command: 'bitrix24.rights.showRolePlan', args: [section] }]
          : outcome.status === 'partial' || outcome.status === 'applied'
            ? [{ title: vscode.l10n.t('Restore Previous Roles…'), command: 'bitrix24.rights.restoreRoles', args: [section] }]
            : (outcome.failure?.actions ?? []);
    // Like a site's rights file, a broken role file is named with its first problem (e.g. another portal's host).
    const text = outcome.status === 'invalid-file' ? withFirstProblem(outcome) : outcome.message;
    return { ...outcome, notice: tell(outcome.status === 'invalid-file' ? 'error' : level, text, actions) };
  };

  const doSwitch = async (outcomePromise: Promise<SwitchOutcome>) => {
    const out = await outcomePromise;
    deps.tree.refresh();
    const actions = (out.changedSections ?? []).map((c) => ({
      title: vscode.l10n.t('Restore Roles: {0}', SECTION_LABELS[c.section]),
      command: 'bitrix24.rights.restoreRolesSnapshot',
      args: [c.section],
    }));
    tell(out.status === 'failed' ? 'error' : 'info', [out.message, out.journalProblem ?? ''].filter(Boolean).join(' '), actions);
    return out;
  };

  /** A model switch goes ahead when a script said `confirm: true` or the user chose `verb` (Cancel is the default). */
  const switchAgreed = (args: RoleArgs, api: RightsApi, question: string, explanation: string, verb: string): Promise<boolean> | boolean =>
    args.confirm || confirmModelSwitch(docs, portalHost(api.portal), question, explanation, verb);

  // Set by restoreModel: the journaled roles of each site type, for "Restore Roles" after switching back.
  let snapshots = new Map<LandingSection, RoleFile['roles']>();

  const table: Record<string, (arg?: unknown) => unknown> = {
    'bitrix24.rights.importRoles': async (arg) => {
      const args = readArgs(arg);
      const api = await requireApi(deps);
      const folder = api && (await requireWritableFolder(deps));
      const section = api && folder && (await pickSection(args));
      if (!api || !folder || !section) return undefined;
      const confirmOverwrite = async (roles: string[]) =>
        args.confirm ||
        confirmCancelDefault(
          vscode.l10n.t('Import the roles of {0} from the portal?', SECTION_LABELS[section]),
          vscode.l10n.t('Import'),
          vscode.l10n.t('replaces the rights edits not applied yet'),
          [
            vscode.l10n.t(
              "The role file has rights edits not applied yet for {0}. Importing replaces them with the portal's rights. Holders set here are kept.",
              roles.join(', '),
            ),
          ],
          {
            icon: 'cloud-download',
            cancelNote: vscode.l10n.t('keep the role file as it is'),
            hint: vscode.l10n.t("Enter cancels; choose {0} to replace the edits with the portal's rights.", vscode.l10n.t('Import')),
          },
        );
      try {
        const out = await importRoles(api, folder.fs, section, { confirmOverwrite });
        deps.tree.rolesChanged(section);
        if (out.status !== 'cancelled')
          tell(
            out.status === 'imported' ? 'info' : 'error',
            out.status === 'invalid-file' ? withFirstProblem(out) : out.message,
            out.status === 'invalid-file' ? [{ title: vscode.l10n.t('Open Role File'), command: 'bitrix24.rights.openRoleFile', args: [section] }] : [],
          );
        return out;
      } catch (e) {
        tell('error', vscode.l10n.t('Could not import the roles: {0}', e instanceof Error ? e.message : String(e)));
        return undefined;
      }
    },
    'bitrix24.rights.editRoleHolders': editHolders,
    'bitrix24.rights.setRoleSiteRights': (arg) => setSiteRights(arg, false),
    'bitrix24.rights.removeRoleSiteRights': (arg) => setSiteRights(arg, true),
    'bitrix24.rights.showRolePlan': async (arg) => {
      const args = readArgs(arg);
      const api = await requireApi(deps);
      const folder = api && (await requireFolder(deps));
      const section = api && folder && (await pickSection(args));
      if (!api || !folder || !section) return undefined;
      const out = await planRoles(api, folder.fs, section);
      if (!('titles' in out)) return void tell('warning', out.message);
      await showRolePlanDiff(docs, out.plan);
      if (out.plan.warnings.length)
        tell('warning', out.plan.warnings.map((w) => w.message).join(' '), [
          { title: vscode.l10n.t('Apply Roles…'), command: 'bitrix24.rights.applyRoles', args: [section] },
        ]);
      return out.plan;
    },
    'bitrix24.rights.applyRoles': (arg) => applyOrRestore(arg, 'apply'),
    'bitrix24.rights.restoreRoles': (arg) => applyOrRestore(arg, 'restore'),
    'bitrix24.rights.openRoleFile': async (arg) => {
      const args = readArgs(arg);
      const api = await requireApi(deps);
      const section = api && (await pickSection(args));
      const uri = api && section && deps.fileUri(roleFilePath(portalHost(api.portal), section));
      if (!uri) return;
      await vscode.window.showTextDocument(uri);
    },
    'bitrix24.rights.switchToRoles': async (arg) => {
      const args = readArgs(arg);
      const api = await requireApi(deps);
      if (!api) return undefined;
      if (!(await switchAgreed(args, api, vscode.l10n.t('Switch the portal to the role model?'), switchToRolesWarning(), vscode.l10n.t('Switch'))))
        return undefined;
      return doSwitch(switchModel(api, deps.writeRefusal() ? undefined : deps.tree.fileSystem(), 'role'));
    },
    'bitrix24.rights.restoreModel': async (arg) => {
      const args = readArgs(arg);
      const api = await requireApi(deps);
      const folder = api && (await requireWritableFolder(deps));
      if (!api || !folder) return undefined;
      const question = vscode.l10n.t('Switch the portal back to the rights model it used before the last switch from this workspace?');
      const explanation = vscode.l10n.t(
        'The switch applies to the whole portal at once. Each model keeps its own settings on the portal; the other model stops applying.',
      );
      if (!(await switchAgreed(args, api, question, explanation, vscode.l10n.t('Switch Back')))) return undefined;
      const out = await doSwitch(restorePreviousModel(api, folder.fs));
      snapshots = new Map(
        (out.changedSections ?? []).map((c) => [
          c.section,
          c.snapshot.map((r) => ({ id: r.id, title: r.title, xmlId: r.xmlId, accessCodes: null, appliedAccessCodes: null, rights: r.rights })),
        ]),
      );
      return out;
    },
    // Puts a site type's roles back to the journaled snapshot through the ordinary role plan.
    'bitrix24.rights.restoreRolesSnapshot': async (arg) => {
      const args = readArgs(arg);
      const api = await requireApi(deps);
      const folder = api && (await requireWritableFolder(deps));
      const section = args.section;
      const snap = section && snapshots.get(section);
      if (!api || !folder || !section || !snap) return undefined;
      if ((await loadRoleFile(folder.fs, portalHost(api.portal), section)).status === 'missing') await importRoles(api, folder.fs, section);
      const confirm = async (plan: RolePlan) => (await showRolePlanDiff(docs, plan, 'restored'), args.confirm || confirmRolePlan(plan, 'restore'));
      const override = (file: RoleFile): RoleFile => ({
        ...file,
        roles: file.roles.map((r) => ({ ...r, rights: snap.find((s) => s.id === r.id)?.rights ?? r.rights })),
      });
      const outcome = await applyRoles({ api, fs: folder.fs, confirm }, section, { override, action: 'restore' });
      deps.tree.rolesChanged(section);
      if (outcome.status !== 'cancelled') await closePlanTabs(planBase.roles(portalHost(api.portal), section));
      if (outcome.status !== 'cancelled') tell(outcome.status === 'applied' ? 'info' : 'warning', outcome.message);
      return outcome;
    },
  };
  for (const [id, handler] of Object.entries(table)) context.subscriptions.push(vscode.commands.registerCommand(id, handler));
}
