/**
 * What every rights command needs before it can act: a connection, a
 * folder, an editable model, a target site, its rights file. Each guard
 * tells the user once what is missing and how to fix it, without waiting
 * for the message to be dismissed.
 */
import * as vscode from 'vscode';
import { portalHost, RightsApi } from './api';
import { explainFailure, FailureAction, RightsFailure } from './failures';
import type { Notice } from './outcome-notice';
import { newRightsFile, RightsFile } from './rights-file';
import { loadRights, rightsFilePath, RightsFileSystem } from './rights-store';
import type { RightsDeps, SiteRightsTree } from './site-rights-tree';
import { findSiteOnPortal, loadSitesPage } from './tree-loader';
import { SECTIONS, SiteSummary, TreeNode } from './tree-nodes';

export interface CommandDeps extends RightsDeps {
  tree: SiteRightsTree;
}

/**
 * Shows a message with its actions as buttons and runs the one chosen. It
 * does not wait for the answer: a notification may stay up for as long as
 * the user leaves it, and the command that raised it has finished.
 */
export function showNotice(notice: Notice): void {
  const show =
    notice.level === 'error'
      ? vscode.window.showErrorMessage
      : notice.level === 'warning'
        ? vscode.window.showWarningMessage
        : vscode.window.showInformationMessage;
  void show(notice.text, ...notice.actions.map((a) => a.title)).then((choice) => {
    const action = notice.actions.find((a) => a.title === choice);
    if (action) void vscode.commands.executeCommand(action.command, ...(action.args ?? []));
  });
}

function tell(level: Notice['level'], text: string, ...actions: FailureAction[]): void {
  showNotice({ level, text, actions });
}

/** Offers a failure's actions as buttons and runs the one chosen. */
export function showFailure(failure: RightsFailure, level: 'error' | 'warning' = 'error'): void {
  showNotice({ level, text: failure.message, actions: failure.actions });
}

/** The connected API, or undefined after offering to connect. */
export async function requireApi(deps: CommandDeps): Promise<RightsApi | undefined> {
  const api = deps.getApi();
  if (api) return api;
  tell('info', vscode.l10n.t('Connect a Bitrix24 portal to work with site rights.'), {
    title: vscode.l10n.t('Connect to Portal'),
    command: 'bitrix24.connect',
  });
  return undefined;
}

/** The workspace's rights file system, or undefined after explaining why a folder is needed. */
export async function requireFolder(deps: CommandDeps): Promise<{ fs: RightsFileSystem } | undefined> {
  const fs = deps.tree.fileSystem();
  if (fs) return { fs };
  tell('info', vscode.l10n.t('Open a folder first: site rules are kept in .bitrix24/rights/ in the workspace, because the portal cannot list them.'), {
    title: vscode.l10n.t('Open Folder'),
    command: 'vscode.openFolder',
  });
  return undefined;
}

/** False (after saying why) when the portal's model does not allow per-site rules. */
export async function requireEditable(deps: CommandDeps): Promise<boolean> {
  const model = deps.tree.model;
  if (model === 'role') {
    tell(
      'warning',
      vscode.l10n.t('The portal uses the role model: per-site rules would be saved but not applied. Switch to the extended model to edit them.'),
      { title: vscode.l10n.t('Switch to Extended Model'), command: 'bitrix24.rights.switchToExtended' },
    );
    return false;
  }
  if (model === 'unavailable') {
    tell('warning', vscode.l10n.t("The portal's plan does not include site access rights, so rules cannot be applied."));
    return false;
  }
  return true;
}

function isNode(arg: unknown): arg is TreeNode {
  return typeof arg === 'object' && arg !== null && 'contextValue' in arg && 'id' in arg;
}

/**
 * A site from a command argument: a tree node, a site id, or nothing (then
 * the user picks). An id the view has not loaded is looked up on the portal.
 */
export async function resolveSite(deps: CommandDeps, api: RightsApi, arg: unknown): Promise<SiteSummary | undefined> {
  if (isNode(arg) && arg.ref && 'site' in arg.ref) return arg.ref.site;
  if (typeof arg === 'number') {
    const known = deps.tree.findSite(arg);
    if (known) return known;
    try {
      const site = await findSiteOnPortal(api, arg);
      if (!site) tell('warning', vscode.l10n.t('Site #{0} is not on the portal, or your user cannot see it. Refresh the Site Rights view.', arg));
      return site;
    } catch (e) {
      showFailure(explainFailure(e, vscode.l10n.t('find site #{0}', arg)), 'warning');
      return undefined;
    }
  }
  let sites = deps.tree.loadedSites();
  if (sites.length === 0) {
    const pages = await Promise.all(SECTIONS.map((s) => loadSitesPage(api, s.section, 0).catch(() => ({ sites: [] }))));
    sites = pages.flatMap((p) => p.sites);
  }
  if (sites.length === 0) {
    tell('warning', vscode.l10n.t('No sites to choose from: the portal listed none you can see, or could not be reached. See the Site Rights view.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    sites.map((s) => ({ label: s.title || s.code, description: `#${s.id} · ${s.type}`, site: s })),
    { placeHolder: vscode.l10n.t('Which site?'), matchOnDescription: true },
  );
  return picked?.site;
}

/** The code of a rule node argument. */
export function ruleCode(arg: unknown): string | undefined {
  return isNode(arg) && arg.ref?.type === 'rule' ? arg.ref.code : undefined;
}

/** The site's rights file, a new one when missing, or undefined (after offering to open it) when broken. */
export async function editableFile(api: RightsApi, fs: RightsFileSystem, site: SiteSummary): Promise<RightsFile | undefined> {
  const host = portalHost(api.portal);
  const loaded = await loadRights(fs, host, site.id);
  if (loaded.status === 'ok') return loaded.file;
  if (loaded.status === 'missing') return newRightsFile(host, { id: site.id, code: site.code, title: site.title, type: site.type });
  tell(
    'error',
    vscode.l10n.t(
      'The rights file of "{0}" has problems ({1}{2}). Fix it before editing.',
      site.title,
      loaded.problems[0],
      loaded.problems.length > 1 ? vscode.l10n.t(' and {0} more', loaded.problems.length - 1) : '',
    ),
    { title: vscode.l10n.t('Open Rights File'), command: 'bitrix24.rights.openRightsFile', args: [site.id] },
  );
  return undefined;
}

/**
 * The workspace's rights file system when writing is allowed there, or
 * undefined after saying why not (no folder, Restricted Mode, read-only).
 */
export async function requireWritableFolder(deps: CommandDeps): Promise<{ fs: RightsFileSystem } | undefined> {
  const folder = await requireFolder(deps);
  if (!folder) return undefined;
  const refusal = deps.writeRefusal();
  if (!refusal) return folder;
  tell(
    'warning',
    refusal,
    ...(refusal.includes(vscode.l10n.t('Restricted Mode')) ? [{ title: vscode.l10n.t('Manage Workspace Trust'), command: 'workbench.trust.manage' }] : []),
  );
  return undefined;
}

/** The URI of a site's rights file. */
export function rightsFileUri(deps: CommandDeps, api: RightsApi, siteId: number): vscode.Uri | undefined {
  return deps.fileUri(rightsFilePath(portalHost(api.portal), siteId));
}
