/**
 * What every rights command needs before it can act: a connection, a
 * folder, an editable model, a target site, its rights file. Each guard
 * tells the user once what is missing and how to fix it.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { portalHost, RightsApi } from './api';
import { RightsFailure } from './failures';
import { newRightsFile, RightsFile } from './rights-file';
import { loadRights, rightsFilePath, RightsFileSystem } from './rights-store';
import type { RightsDeps, SiteRightsTree } from './site-rights-tree';
import { loadSitesPage } from './tree-loader';
import { SECTIONS, SiteSummary, TreeNode } from './tree-model';

export interface CommandDeps extends RightsDeps {
  tree: SiteRightsTree;
}

/** Offers a failure's actions as buttons and runs the one chosen. */
export async function showFailure(failure: RightsFailure, level: 'error' | 'warning' = 'error'): Promise<void> {
  const show = level === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
  const choice = await show(failure.message, ...failure.actions.map((a) => a.title));
  const action = failure.actions.find((a) => a.title === choice);
  if (action) await vscode.commands.executeCommand(action.command, ...(action.args ?? []));
}

/** The connected API, or undefined after offering to connect. */
export async function requireApi(deps: CommandDeps): Promise<RightsApi | undefined> {
  const api = deps.getApi();
  if (api) return api;
  const choice = await vscode.window.showInformationMessage('Connect a Bitrix24 portal to work with site rights.', 'Connect to Portal');
  if (choice) await vscode.commands.executeCommand('bitrix24.connect');
  return undefined;
}

/** The workspace root and its rights file system, or undefined after explaining why a folder is needed. */
export async function requireFolder(deps: CommandDeps): Promise<{ root: string; fs: RightsFileSystem } | undefined> {
  const root = deps.workspaceRoot();
  const fs = deps.tree.fileSystem();
  if (root && fs) return { root, fs };
  const choice = await vscode.window.showInformationMessage(
    'Open a folder first: site rules are kept in .bitrix24/rights/ in the workspace, because the portal cannot list them.',
    'Open Folder',
  );
  if (choice) await vscode.commands.executeCommand('vscode.openFolder');
  return undefined;
}

/** False (after saying why) when the portal's model does not allow per-site rules. */
export async function requireEditable(deps: CommandDeps): Promise<boolean> {
  const model = deps.tree.model;
  if (model === 'role') {
    const choice = await vscode.window.showWarningMessage(
      'The portal uses the role model: per-site rules would be saved but not applied. Switch to the extended model to edit them.',
      'Switch to Extended Model',
    );
    if (choice) await vscode.commands.executeCommand('bitrix24.rights.switchToExtended');
    return false;
  }
  if (model === 'unavailable') {
    void vscode.window.showWarningMessage("The portal's plan does not include site access rights, so rules cannot be applied.");
    return false;
  }
  return true;
}

function isNode(arg: unknown): arg is TreeNode {
  return typeof arg === 'object' && arg !== null && 'contextValue' in arg && 'id' in arg;
}

/** A site id from a command argument: a tree node, a site id, or nothing (then the user picks). */
export async function resolveSite(deps: CommandDeps, api: RightsApi, arg: unknown): Promise<SiteSummary | undefined> {
  if (isNode(arg) && arg.ref && 'site' in arg.ref) return arg.ref.site;
  if (typeof arg === 'number') {
    const known = deps.tree.findSite(arg);
    if (known) return known;
  }
  let sites = deps.tree.loadedSites();
  if (sites.length === 0) {
    const pages = await Promise.all(SECTIONS.map((s) => loadSitesPage(api, s.section, 0).catch(() => ({ sites: [] }))));
    sites = pages.flatMap((p) => p.sites);
  }
  if (typeof arg === 'number') return sites.find((s) => s.id === arg);
  if (sites.length === 0) {
    void vscode.window.showWarningMessage('No sites to choose from: the portal listed none you can see, or could not be reached. See the Site Rights view.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    sites.map((s) => ({ label: s.title || s.code, description: `#${s.id} · ${s.type}`, site: s })),
    { placeHolder: 'Which site?', matchOnDescription: true },
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
  const choice = await vscode.window.showErrorMessage(
    `The rights file of "${site.title}" has problems (${loaded.problems[0]}${loaded.problems.length > 1 ? ` and ${loaded.problems.length - 1} more` : ''}). Fix it before editing.`,
    'Open Rights File',
  );
  if (choice) await vscode.commands.executeCommand('bitrix24.rights.openRightsFile', site.id);
  return undefined;
}

/** The absolute path of a site's rights file. */
export function absoluteRightsPath(root: string, api: RightsApi, siteId: number): string {
  return path.join(root, ...rightsFilePath(portalHost(api.portal), siteId).split('/'));
}
