/**
 * The Site Rights commands. Edits change only the rights file; nothing
 * reaches the portal until Apply, which shows the plan and asks first.
 */
import * as vscode from 'vscode';
import { pickAccessCode, pickOperations } from './access-code-picker';
import type { LandingSection } from './api';
import { applyRights, ApplyOutcome, restorePrevious } from './apply';
import {
  absoluteRightsPath,
  CommandDeps,
  editableFile,
  requireApi,
  requireEditable,
  requireFolder,
  resolveSite,
  ruleCode,
  showFailure,
} from './command-context';
import { explainFailure } from './failures';
import { formatOperations } from './operations';
import { buildPlan } from './plan';
import { confirmPlan, PLAN_SCHEME, PlanDocuments, showPlanDiff } from './plan-view';
import { saveRights } from './rights-store';
import { SWITCH_TO_EXTENDED_WARNING, switchToExtended } from './rights-model';
import { withoutRule, withRule } from './rights-file';
import type { TreeNode } from './tree-model';

export type { CommandDeps } from './command-context';

/** Tells the user how an apply or restore ended, once, and re-renders what changed. */
async function report(deps: CommandDeps, outcome: ApplyOutcome): Promise<void> {
  deps.log.info(`Site Rights: ${outcome.status}${outcome.abortReason ? ` (${outcome.abortReason})` : ''}: ${outcome.message}`);
  if (outcome.failure?.detail) deps.log.info(`Site Rights: portal detail: ${outcome.failure.detail}`);
  const site = outcome.plan?.site;
  if (outcome.abortReason === 'role-model' || outcome.abortReason === 'site-gone' || outcome.status === 'not-effective') deps.tree.refresh();
  else if (site) {
    const known = deps.tree.findSite(site.id);
    if (known) deps.tree.siteChanged(known);
  }
  switch (outcome.status) {
    case 'applied':
      await (outcome.problems ? vscode.window.showWarningMessage(outcome.message) : vscode.window.showInformationMessage(outcome.message));
      return;
    case 'cancelled':
      return;
    case 'nothing-to-restore':
      await vscode.window.showInformationMessage(outcome.message);
      return;
    case 'invalid-file': {
      const choice = await vscode.window.showErrorMessage(`${outcome.message} ${outcome.problems?.[0] ?? ''}`.trim(), 'Open Rights File');
      if (choice && site) await vscode.commands.executeCommand('bitrix24.rights.openRightsFile', site.id);
      return;
    }
    case 'not-effective': {
      const choice = await vscode.window.showWarningMessage(outcome.message, 'Switch to Extended Model');
      if (choice) await vscode.commands.executeCommand('bitrix24.rights.switchToExtended');
      return;
    }
    default:
      if (outcome.failure) await showFailure({ ...outcome.failure, message: outcome.message }, outcome.status === 'rejected' ? 'error' : 'warning');
      else await vscode.window.showWarningMessage(outcome.message);
  }
}

/** Registers the rights commands and the plan document provider. */
export function registerRightsCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  const docs = new PlanDocuments();
  context.subscriptions.push(docs, vscode.workspace.registerTextDocumentContentProvider(PLAN_SCHEME, docs));

  const editRule = async (arg: unknown, change: 'add' | 'edit' | 'remove') => {
    const api = await requireApi(deps);
    if (!api || !(await requireEditable(deps))) return;
    const folder = await requireFolder(deps);
    if (!folder) return;
    const site = await resolveSite(deps, api, arg);
    if (!site) return;
    const file = await editableFile(api, folder.fs, site);
    if (!file) return;
    let code = change === 'add' ? await pickAccessCode(api, deps.log) : ruleCode(arg);
    if (!code && change !== 'add') {
      const codes = Object.keys(file.rules);
      if (codes.length === 0) return void vscode.window.showInformationMessage(`"${site.title}" has no configured rules yet.`);
      code = await vscode.window.showQuickPick(codes.map((c) => c), { placeHolder: 'Which access code?' });
    }
    if (!code) return;
    let next;
    if (change === 'remove') {
      const ok = await vscode.window.showWarningMessage(
        `Remove ${code} (${formatOperations(file.rules[code] ?? [])}) from the rules of "${site.title}"?`,
        { modal: true, detail: 'Only the rights file changes now. The portal keeps the rule until you apply.' },
        'Remove',
      );
      if (ok !== 'Remove') return;
      next = withoutRule(file, code);
    } else {
      const ops = await pickOperations(code, file.rules[code] ?? ['read']);
      if (!ops) return;
      next = withRule(file, code, ops);
    }
    const where = await saveRights(folder.fs, next);
    deps.log.info(`Site Rights: ${change} ${code} on site #${site.id} → ${where}`);
    deps.tree.siteChanged(site);
  };

  const applyOrRestore = async (arg: unknown, action: 'apply' | 'restore') => {
    const api = await requireApi(deps);
    if (!api || !(await requireEditable(deps))) return;
    const folder = await requireFolder(deps);
    if (!folder) return;
    const site = await resolveSite(deps, api, arg);
    if (!site) return;
    const confirm = async (plan: Parameters<typeof confirmPlan>[0]) => {
      await showPlanDiff(docs, plan, action === 'restore' ? 'restored' : 'planned');
      return confirmPlan(plan, action);
    };
    const run = () => (action === 'restore' ? restorePrevious({ api, fs: folder.fs, confirm }, site.id) : applyRights({ api, fs: folder.fs, confirm }, site.id));
    const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Site rights: ${action} "${site.title}"` }, run);
    await report(deps, outcome);
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
    'bitrix24.rights.showPlan': async (arg) => {
      const api = await requireApi(deps);
      const folder = api && (await requireFolder(deps));
      const site = api && folder && (await resolveSite(deps, api, arg));
      if (!api || !folder || !site) return;
      const file = await editableFile(api, folder.fs, site);
      if (!file) return;
      const plan = buildPlan(file);
      await showPlanDiff(docs, plan);
      if (plan.warnings.length) {
        const choice = await vscode.window.showWarningMessage(plan.warnings.map((w) => w.message).join(' '), 'Apply…');
        if (choice) await vscode.commands.executeCommand('bitrix24.rights.apply', site.id);
      }
    },
    'bitrix24.rights.apply': (arg) => applyOrRestore(arg, 'apply'),
    'bitrix24.rights.restore': (arg) => applyOrRestore(arg, 'restore'),
    'bitrix24.rights.switchToExtended': async () => {
      const api = await requireApi(deps);
      if (!api) return;
      const ok = await vscode.window.showWarningMessage('Switch the portal to the extended rights model?', { modal: true, detail: SWITCH_TO_EXTENDED_WARNING }, 'Switch');
      if (ok !== 'Switch') return;
      try {
        const model = await switchToExtended(api);
        deps.log.info(`Site Rights: rights model is now ${model}`);
        deps.tree.refresh();
        if (model === 'extended') void vscode.window.showInformationMessage('The portal now uses the extended rights model; per-site rules can be edited and applied.');
        else void vscode.window.showWarningMessage('The portal still reports the role model. Check with an administrator.');
      } catch (e) {
        const failure = explainFailure(e, 'switch the rights model');
        deps.log.warn(`Site Rights: ${failure.message}${failure.detail ? ` (${failure.detail})` : ''}`);
        await showFailure(failure);
      }
    },
    'bitrix24.rights.openRightsFile': async (arg) => {
      const api = await requireApi(deps);
      const folder = api && (await requireFolder(deps));
      const site = api && folder && (await resolveSite(deps, api, arg));
      if (!api || !folder || !site) return;
      const target = vscode.Uri.file(absoluteRightsPath(folder.root, api, site.id));
      try {
        await vscode.workspace.fs.stat(target);
      } catch {
        const file = await editableFile(api, folder.fs, site);
        if (!file) return;
        await saveRights(folder.fs, file);
        deps.tree.siteChanged(site);
      }
      await vscode.window.showTextDocument(target);
    },
  };
  for (const [id, handler] of Object.entries(table)) context.subscriptions.push(vscode.commands.registerCommand(id, handler));
}
