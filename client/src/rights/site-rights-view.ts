/**
 * The Site Rights view itself: the tree registered under its view id, with a
 * badge counting the sites whose rules were edited but not applied, so the
 * state shows on the activity bar and the view header at any sidebar width.
 */
import * as vscode from 'vscode';
import type { SiteRightsTree } from './site-rights-tree';

export const SITE_RIGHTS_VIEW = 'bitrix24.siteRights';

/** Creates the view for `tree` and keeps its badge up to date; returns the view. */
export function registerSiteRightsView(context: vscode.ExtensionContext, tree: SiteRightsTree): vscode.TreeView<unknown> {
  const view = vscode.window.createTreeView(SITE_RIGHTS_VIEW, { treeDataProvider: tree, showCollapseAll: false });
  const update = (ids: readonly number[]) => {
    view.badge = ids.length
      ? {
          value: ids.length,
          tooltip:
            ids.length === 1
              ? vscode.l10n.t('1 site has rule changes that are not applied')
              : vscode.l10n.t('{0} sites have rule changes that are not applied', ids.length),
        }
      : undefined;
  };
  context.subscriptions.push(view, tree.onDidChangePending(update));
  update(tree.pending);
  return view as vscode.TreeView<unknown>;
}
