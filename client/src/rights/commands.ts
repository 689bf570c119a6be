/**
 * The Site Rights commands. Edits change only the rights file; nothing
 * reaches the portal until Apply, which shows the plan and asks first.
 * Every command also takes the prompt-free arguments of `scripted-args`;
 * Apply and Restore resolve with their outcome and what the user was told.
 */
import * as vscode from 'vscode';
import { pickAccessCode, pickOperations } from './access-code-picker';
import { LandingSection, portalHost } from './api';
import { applyRights, ApplyOutcome, restorePrevious } from './apply';
import {
  CommandDeps,
  editableFile,
  requireApi,
  requireEditable,
  requireFolder,
  requireWritableFolder,
  rightsFileUri,
  resolveSite,
  ruleCode,
  showFailure,
  showNotice,
} from './command-guards';
import { resolveNames } from './directory';
import { explainFailure } from './failures';
import { formatOperations } from './operations';
import { Notice, noticeFor } from './outcome-notice';
import { buildPlan, RightsPlan, summarisePlan, withUnknownCodes } from './plan';
import { closePlanTabs, confirmCancelDefault, confirmModelSwitch, confirmPlan, planBase, PLAN_SCHEME, PlanDocuments, showPlanDiff } from './plan-view';
import { saveRights } from './rights-store';
import { switchToExtendedWarning } from './rights-model';
import { switchModel } from './model-switch';
import { registerMultiSiteCommand } from './multi-site-commands';
import { registerRoleCommands } from './role-commands';
import { RightsFile, withoutRule, withRule } from './rights-file';
import { isScripted, readScriptedArgs, ScriptedArgs } from './scripted-args';
import type { TreeNode } from './tree-nodes';
import { isRecord } from '../util/is-record';

export type { CommandDeps } from './command-guards';

/** What Apply and Restore resolve with: how the attempt ended and the notice shown for it. */
export interface RightsCommandResult extends ApplyOutcome {
  notice?: Notice;
}

/** Logs an apply or restore, re-renders what changed, and tells the user once (without waiting for them). */
function report(deps: CommandDeps, outcome: ApplyOutcome, siteId: number): Notice | undefined {
  deps.log.info(`Site Rights: ${outcome.status}${outcome.abortReason ? ` (${outcome.abortReason})` : ''}: ${outcome.message}`);
  if (outcome.failure?.detail) deps.log.info(`Site Rights: portal detail: ${outcome.failure.detail}`);
  if (outcome.abortReason === 'role-model' || outcome.abortReason === 'site-gone' || outcome.status === 'not-effective') deps.tree.refresh();
  else {
    const known = deps.tree.findSite(siteId);
    if (known) deps.tree.siteChanged(known);
  }
  const notice = noticeFor(outcome, siteId);
  if (notice) showNotice(notice);
  return notice;
}

/** The prompt-free arguments, if `arg` is one; a malformed one is the caller's mistake and throws. */
function scriptedArgs(arg: unknown, needs: { code?: boolean; operations?: boolean } = {}): ScriptedArgs | undefined {
  if (!isScripted(arg)) return undefined;
  const read = readScriptedArgs(arg, needs);
  if (!read.ok) throw new Error(vscode.l10n.t('Site Rights: {0}', read.message));
  return read.value;
}

/** A connection, an editable (extended) model, a folder and the target site, or undefined after telling the user what is missing. */
async function editableTarget(deps: CommandDeps, siteArg: unknown) {
  const api = await requireApi(deps);
  if (!api || !(await requireEditable(deps))) return undefined;
  const folder = await requireWritableFolder(deps);
  if (!folder) return undefined;
  const site = await resolveSite(deps, api, siteArg);
  return site ? { api, folder, site } : undefined;
}

/** Registers the rights commands and the plan document provider. */
export function registerRightsCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  const docs = new PlanDocuments();
  context.subscriptions.push(docs, vscode.workspace.registerTextDocumentContentProvider(PLAN_SCHEME, docs));
  // Edit and apply menus show only where the rights files can be written (trusted, writable file system).
  const updateWritable = () =>
    void vscode.commands.executeCommand('setContext', 'bitrix24.rights.writable', deps.fileSystem() !== undefined && !deps.writeRefusal());
  updateWritable();
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(updateWritable), vscode.workspace.onDidChangeWorkspaceFolders(updateWritable));
  registerRoleCommands(context, deps, docs);
  registerMultiSiteCommand(context, deps, docs);

  const editRule = async (arg: unknown, change: 'add' | 'edit' | 'remove'): Promise<RightsFile | undefined> => {
    const scripted = scriptedArgs(arg, { code: true, operations: change !== 'remove' });
    const target = await editableTarget(deps, scripted ? scripted.siteId : arg);
    if (!target) return undefined;
    const { api, folder, site } = target;
    const file = await editableFile(api, folder.fs, site);
    if (!file) return undefined;
    const heading = { text: vscode.l10n.t('Add rule to «{0}»', site.title || `#${site.id}`), steps: 3 };
    let code = scripted?.code ?? (change === 'add' ? await pickAccessCode(api, deps.log, heading) : ruleCode(arg));
    if (!code && change !== 'add') {
      const codes = Object.keys(file.rules);
      if (codes.length === 0) return void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" has no configured rules yet.', site.title));
      const title =
        change === 'remove' ? vscode.l10n.t('Remove a rule from «{0}»', site.title) : vscode.l10n.t('Edit a rule of «{0}» — 1/2: which', site.title);
      code = await vscode.window.showQuickPick(codes, { title, placeHolder: vscode.l10n.t('Which access code?') });
    }
    if (!code) return undefined;
    if (change !== 'add' && !(code in file.rules)) {
      // A node from before the file was edited elsewhere, or a script naming a code the file lacks.
      return void vscode.window.showWarningMessage(
        vscode.l10n.t('{0} is not among the configured rules of "{1}"; refresh the view or add it.', code, site.title),
      );
    }
    let next: RightsFile;
    if (change === 'remove') {
      // Cancel first, as for every other write: Enter alone keeps the rule.
      const ok =
        scripted?.confirm ||
        (await confirmCancelDefault(
          vscode.l10n.t('Remove {0} ({1}) from the rules of "{2}"?', code, formatOperations(file.rules[code] ?? []), site.title),
          vscode.l10n.t('Remove'),
          vscode.l10n.t('Only the rights file changes now. The portal keeps the rule until you apply.'),
          [],
          {
            icon: 'trash',
            cancelNote: vscode.l10n.t('keep the rule'),
            hint: vscode.l10n.t('Enter cancels; choose {0} to remove it from the rights file.', vscode.l10n.t('Remove')),
          },
        ));
      if (!ok) return undefined;
      next = withoutRule(file, code);
    } else {
      const opsHeading = change === 'add' ? heading : { text: vscode.l10n.t('Edit a rule of «{0}»', site.title), steps: ruleCode(arg) ? undefined : 2 };
      const ops = scripted?.operations ?? (await pickOperations(code, file.rules[code] ?? ['read'], opsHeading, change === 'add' ? 3 : 2));
      if (!ops) return undefined;
      next = withRule(file, code, ops);
    }
    const where = await saveRights(folder.fs, portalHost(api.portal), next);
    deps.log.info(`Site Rights: ${change} ${code} on site #${site.id} → ${where}`);
    deps.tree.siteChanged(site);
    return next;
  };

  const applyOrRestore = async (arg: unknown, action: 'apply' | 'restore'): Promise<RightsCommandResult | undefined> => {
    const scripted = scriptedArgs(arg);
    const target = await editableTarget(deps, scripted ? scripted.siteId : arg);
    if (!target) return undefined;
    const { api, folder, site } = target;
    // The diff is shown either way; a script's `confirm: true` only answers the question.
    const confirm = async (plan: RightsPlan) => {
      await showPlanDiff(docs, plan, action === 'restore' ? 'restored' : 'planned');
      deps.log.info(
        `Site Rights: ${action} plan for site #${plan.site.id}: ${summarisePlan(plan)}${plan.warnings.length ? ` (${plan.warnings.map((w) => w.id).join(', ')})` : ''}`,
      );
      return scripted?.confirm === true || confirmPlan(plan, action);
    };
    const run = () =>
      action === 'restore' ? restorePrevious({ api, fs: folder.fs, confirm }, site.id) : applyRights({ api, fs: folder.fs, confirm }, site.id);
    const outcome = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Window,
        title: action === 'restore' ? vscode.l10n.t('Site rights: restoring «{0}»', site.title) : vscode.l10n.t('Site rights: applying «{0}»', site.title),
      },
      run,
    );
    // The diff's title and left side described the state before; after an attempt they are out of date.
    if (outcome.status !== 'cancelled' && outcome.plan) await closePlanTabs(planBase.site(outcome.plan.portal, site.id));
    return { ...outcome, notice: report(deps, outcome, site.id) };
  };

  const showPlan = async (arg: unknown): Promise<RightsPlan | undefined> => {
    const scripted = scriptedArgs(arg);
    const api = await requireApi(deps);
    const folder = api && (await requireFolder(deps));
    const site = api && folder && (await resolveSite(deps, api, scripted ? scripted.siteId : arg));
    if (!api || !folder || !site) return undefined;
    const file = await editableFile(api, folder.fs, site);
    if (!file) return undefined;
    // The same plan Apply would confirm, unknown-code warning included.
    let plan = buildPlan(file);
    const names = await resolveNames(api, Object.keys(plan.rules));
    if (names) plan = withUnknownCodes(plan, names);
    await showPlanDiff(docs, plan);
    if (plan.warnings.length) {
      showNotice({
        level: 'warning',
        text: plan.warnings.map((w) => w.message).join(' '),
        actions: [{ title: vscode.l10n.t('Apply…'), command: 'bitrix24.rights.apply', args: [site.id] }],
      });
    }
    return plan;
  };

  const table: Record<string, (arg?: unknown) => unknown> = {
    'bitrix24.rights.refresh': () => deps.tree.refresh(),
    'bitrix24.rights.loadMore': (arg) => {
      const section = typeof arg === 'string' ? (arg as LandingSection) : (arg as TreeNode | undefined)?.command?.args?.[0];
      return deps.tree.loadMore((section as LandingSection | undefined) ?? 'SITE');
    },
    'bitrix24.rights.addAccessCode': (arg) => editRule(arg, 'add'),
    'bitrix24.rights.editOperations': (arg) => editRule(arg, 'edit'),
    'bitrix24.rights.removeAccessCode': (arg) => editRule(arg, 'remove'),
    'bitrix24.rights.showPlan': showPlan,
    'bitrix24.rights.apply': (arg) => applyOrRestore(arg, 'apply'),
    'bitrix24.rights.restore': (arg) => applyOrRestore(arg, 'restore'),
    'bitrix24.rights.switchToExtended': async (arg) => {
      const api = await requireApi(deps);
      if (!api) return;
      const confirmed =
        (isRecord(arg) && arg.confirm === true) ||
        (await confirmModelSwitch(
          docs,
          portalHost(api.portal),
          vscode.l10n.t('Switch the portal to the extended rights model?'),
          switchToExtendedWarning(),
          vscode.l10n.t('Switch'),
        ));
      if (!confirmed) return;
      try {
        // Journaled with the roles as they are now, so "Restore Previous Rights Model" can bring them back.
        const out = await switchModel(api, deps.writeRefusal() ? undefined : deps.tree.fileSystem(), 'extended');
        deps.log.info(`Site Rights: ${out.message}${out.journalProblem ? ` ${out.journalProblem}` : ''}`);
        deps.tree.refresh();
        if (out.status === 'switched')
          void vscode.window.showInformationMessage(
            vscode.l10n.t(
              'The portal now uses the extended rights model; per-site rules can be edited and applied. Restore Previous Rights Model switches the roles back on.',
            ),
          );
        else void vscode.window.showWarningMessage(out.message);
      } catch (e) {
        const failure = explainFailure(e, vscode.l10n.t('switch the rights model'));
        deps.log.warn(`Site Rights: ${failure.message}${failure.detail ? ` (${failure.detail})` : ''}`);
        showFailure(failure);
      }
    },
    'bitrix24.rights.openRightsFile': async (arg) => {
      const api = await requireApi(deps);
      const folder = api && (await requireFolder(deps));
      const site = api && folder && (await resolveSite(deps, api, arg));
      if (!api || !folder || !site) return;
      const target = rightsFileUri(deps, api, site.id);
      if (!target) return;
      try {
        await vscode.workspace.fs.stat(target);
      } catch {
        if (deps.writeRefusal() ?? '')
          return showNotice({
            level: 'info',
            text: vscode.l10n.t('"{0}" has no rights file yet, and this workspace cannot create one: {1}', site.title, deps.writeRefusal() ?? ''),
            actions: [],
          });
        const file = await editableFile(api, folder.fs, site);
        if (!file) return;
        await saveRights(folder.fs, portalHost(api.portal), file);
        deps.tree.siteChanged(site);
      }
      await vscode.window.showTextDocument(target);
    },
  };
  for (const [id, handler] of Object.entries(table)) context.subscriptions.push(vscode.commands.registerCommand(id, handler));
}
