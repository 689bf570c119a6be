/**
 * The Site Rights tree. With no portal connected it is empty, so VS Code
 * shows the view's welcome content. Otherwise it renders the plain-data
 * nodes of `tree-nodes` and loads each level on expand; failures arrive as
 * error nodes, never as exceptions or pop-ups.
 */
import * as vscode from 'vscode';
import { LandingSection, portalHost, RightsApi } from './api';
import { explainFailure } from './failures';
import { pendingSites } from './pending';
import type { RightsFileSystem } from './rights-store';
import { LoaderDeps, loadMoreSites, loadRoleRights, loadRoleSection, loadRoot, loadSiteChildren, sectionChildren, SectionPages } from './tree-loader';
import { canEditRules, errorNode, SiteSummary, TreeModel, TreeNode } from './tree-nodes';
import { ROLE_SECTIONS, roleSectionNode } from './role-nodes';

/** What the rights view and commands need from the extension; wired to the active connection. */
export interface RightsDeps {
  /** The active connection's API, or undefined when no portal is connected. */
  getApi(): RightsApi | undefined;
  /** The workspace's rights file system (through `workspace.fs` in the extension), or undefined when no folder is open. */
  fileSystem(): RightsFileSystem | undefined;
  /** The URI of a workspace-relative path, for opening a file in an editor; undefined when no folder is open. */
  fileUri(rel: string): vscode.Uri | undefined;
  /** Why writing is not allowed in this workspace (Restricted Mode, a read-only file system); undefined when it is. */
  writeRefusal(): string | undefined;
  log: vscode.LogOutputChannel;
}

const COLLAPSE: Readonly<Record<TreeNode['collapsible'], vscode.TreeItemCollapsibleState>> = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
};

interface SectionState {
  pages: SectionPages;
  error?: TreeNode;
}

export class SiteRightsTree implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly loaded = new vscode.EventEmitter<string>();
  /** Fires after a level finished loading; tests wait on it instead of sleeping. */
  readonly onDidLoad = this.loaded.event;
  private readonly pendingChanged = new vscode.EventEmitter<number[]>();
  /** Fires with the ids of the sites whose rights file holds unapplied changes, after each recount. */
  readonly onDidChangePending = this.pendingChanged.event;
  private pendingIds: number[] = [];
  private recounting: Promise<void> = Promise.resolve();
  private sections = new Map<LandingSection, SectionState>();
  /** The last node object handed out per id: VS Code matches refresh events by identity. */
  private nodes = new Map<string, TreeNode>();
  private modelState: TreeModel = 'unknown';

  constructor(private readonly deps?: RightsDeps) {}

  /** The rights model seen at the last refresh. */
  get model(): TreeModel {
    return this.modelState;
  }

  /** Sites with unapplied changes at the last count (none while disconnected or when rules cannot be edited). */
  get pending(): readonly number[] {
    return this.pendingIds;
  }

  /**
   * Counts the sites whose rights file has unapplied changes, from the
   * workspace alone (no portal call), and fires `onDidChangePending`. Counts
   * run one after another so a slow one never overwrites a newer result.
   */
  recountPending(): Promise<void> {
    this.recounting = this.recounting.then(async () => {
      const api = this.deps?.getApi();
      const fs = this.fileSystem();
      let ids: number[] = [];
      if (api && fs && canEditRules(this.modelState)) {
        try {
          ids = await pendingSites(fs, portalHost(api.portal));
        } catch (e) {
          this.deps?.log.warn(`Site Rights: could not count unapplied changes: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      this.pendingIds = ids;
      this.pendingChanged.fire(ids);
    });
    return this.recounting;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, COLLAPSE[node.collapsible]);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.iconPath = new vscode.ThemeIcon(node.icon, node.iconColor ? new vscode.ThemeColor(node.iconColor) : undefined);
    item.contextValue = node.contextValue;
    if (node.command) item.command = { command: node.command.command, title: node.command.title, arguments: node.command.args };
    return item;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const api = this.deps?.getApi();
    if (!api) {
      if (!node && this.pendingIds.length) void this.recountPending();
      return [];
    }
    const ldeps: LoaderDeps = { api, fs: this.fileSystem() };
    let children: TreeNode[];
    try {
      children = await this.childrenOf(ldeps, node);
    } catch (e) {
      // Loaders turn portal failures into nodes; what reaches here is local (disk) trouble.
      this.deps?.log.error(`Site Rights: ${e instanceof Error ? e.message : String(e)}`);
      children = [errorNode(`${node?.id ?? 'root'}:error`, explainFailure(e, vscode.l10n.t('show this level')))];
    }
    for (const c of children) this.nodes.set(c.id, c);
    this.loaded.fire(node?.id ?? 'root');
    return children;
  }

  private async childrenOf(ldeps: LoaderDeps, node: TreeNode | undefined): Promise<TreeNode[]> {
    if (!node) {
      const root = await loadRoot(ldeps);
      this.modelState = root.model;
      void this.recountPending();
      return root.nodes;
    }
    if (node.children) return node.children;
    switch (node.ref?.type) {
      case 'section': {
        const section = node.ref.section;
        let state = this.sections.get(section);
        if (!state) {
          state = await loadMoreSites(ldeps.api, section, undefined);
          this.sections.set(section, state);
        }
        return sectionChildren(ldeps, section, state.pages, this.modelState, state.error);
      }
      case 'site':
        return loadSiteChildren(ldeps, node.ref.site, this.modelState);
      case 'roles':
        return ROLE_SECTIONS.map((s) => roleSectionNode(s, this.modelState === 'role'));
      case 'roleSection':
        return loadRoleSection(ldeps, node.ref.section);
      case 'role':
        return loadRoleRights(ldeps.api, node.ref.role, new Map(this.loadedSites().map((s) => [s.id, s.title])));
      default:
        return [];
    }
  }

  /** Rights files live in the workspace; undefined when no folder is open. */
  fileSystem(): RightsFileSystem | undefined {
    return this.deps?.fileSystem();
  }

  /** Sites loaded so far, in all sections. */
  loadedSites(): SiteSummary[] {
    return [...this.sections.values()].flatMap((s) => s.pages.sites);
  }

  /** A loaded site by id. */
  findSite(siteId: number): SiteSummary | undefined {
    return this.loadedSites().find((s) => s.id === siteId);
  }

  /** Appends the next page of a section's sites. */
  async loadMore(section: LandingSection): Promise<void> {
    const api = this.deps?.getApi();
    if (!api) return;
    const next = await loadMoreSites(api, section, this.sections.get(section)?.pages);
    this.sections.set(section, next);
    this.changed.fire(this.nodes.get(`section:${section}`));
  }

  /** Re-renders a site type's roles after its role file changed. */
  rolesChanged(section: LandingSection): void {
    const node = this.nodes.get(`roles:${section}`);
    if (node) this.changed.fire(node);
    else this.changed.fire(undefined);
  }

  /** A node handed out by id (for tests and for commands given a node id). */
  node(id: string): TreeNode | undefined {
    return this.nodes.get(id);
  }

  /** Re-renders a site after its rights file changed (pending marker, rules), without refetching the site list. */
  siteChanged(site: SiteSummary): void {
    this.changed.fire(this.nodes.get(`section:${site.section}`));
    void this.recountPending();
  }

  /** Reloads everything from the portal. */
  refresh(): void {
    this.sections = new Map();
    this.nodes = new Map();
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
    this.loaded.dispose();
    this.pendingChanged.dispose();
  }
}
