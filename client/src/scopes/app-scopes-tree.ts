/**
 * The App Scopes view: per manifest, the scopes the code needs, the manifest
 * declares, misses and does not use, and what the connected portal grants;
 * each scope expands to the calls, events and placements that need it.
 * The language server answers `bitrix24/appScopes`; this only draws it.
 */
import * as vscode from 'vscode';
import type { AppScopeEntry, AppScopesManifest, AppScopeUse } from '../../../server/src/protocol';

export type AppScopesNode =
  | { kind: 'manifest'; manifest: AppScopesManifest }
  | { kind: 'scope'; manifest: AppScopesManifest; scope: AppScopeEntry }
  | { kind: 'use'; use: AppScopeUse }
  | { kind: 'message'; text: string };

/** How the view words a declared scope's state (a missing scope names its alternatives). */
const DECLARED_STATES: Readonly<Partial<Record<AppScopeEntry['status'], () => string>>> = {
  used: () => vscode.l10n.t('needed · declared'),
  'unused-scope': () => vscode.l10n.t('declared · not used'),
  'unknown-scope': () => vscode.l10n.t('declared · unknown'),
  'deprecated-scope': () => vscode.l10n.t('declared · deprecated'),
  'forbidden-scope': () => vscode.l10n.t('declared · forbidden'),
  'duplicate-scope': () => vscode.l10n.t('declared · duplicate'),
};

/** One line of text per scope state, as the view and its tooltips say it. */
export function scopeState(scope: AppScopeEntry): string {
  const parts: string[] = [];
  if (scope.status === 'missing') {
    parts.push(scope.alternatives ? vscode.l10n.t('missing (or {0})', scope.alternatives.slice(1).join(', ')) : vscode.l10n.t('missing'));
  } else {
    parts.push(DECLARED_STATES[scope.status]?.() ?? `${vscode.l10n.t('declared')} · ${scope.status.replace(/-scope$/, '')}`);
  }
  if (scope.granted === false) parts.push(vscode.l10n.t('not granted by the portal'));
  else if (scope.granted === true) parts.push(vscode.l10n.t('granted'));
  return parts.join(' · ');
}

/** The manifest line's summary: "4 scopes · 1 missing · 1 unused". */
export function manifestSummary(m: AppScopesManifest): string {
  const parts = [vscode.l10n.t('{0} declared', m.declared.length), vscode.l10n.t('{0} needed', m.needed.length)];
  if (m.missing.length) parts.push(vscode.l10n.t('{0} missing', m.missing.length));
  if (m.unused.length) parts.push(vscode.l10n.t('{0} unused', m.unused.length));
  return parts.join(' · ');
}

/** A comma-separated list, or "none". */
function list(codes: string[]): string {
  return codes.join(', ') || vscode.l10n.t('none');
}

const ORDER: Record<string, number> = { missing: 0, used: 1 };

export class AppScopesTree implements vscode.TreeDataProvider<AppScopesNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<AppScopesNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private manifests: AppScopesManifest[] | undefined;
  private error: string | undefined;

  constructor(private readonly load: () => Promise<AppScopesManifest[]>) {}

  /** The manifests last shown (undefined until the first answer). */
  current(): AppScopesManifest[] | undefined {
    return this.manifests;
  }

  /** Asks the server again and redraws; resolves with what is shown. */
  async refresh(): Promise<AppScopesManifest[]> {
    try {
      this.manifests = await this.load();
      this.error = undefined;
    } catch (err) {
      this.error = vscode.l10n.t("Could not read the app's scopes: {0}", err instanceof Error ? err.message : String(err));
      this.manifests = this.manifests ?? [];
    }
    this.changed.fire(undefined);
    return this.manifests;
  }

  getTreeItem(node: AppScopesNode): vscode.TreeItem {
    switch (node.kind) {
      case 'manifest': {
        const m = node.manifest;
        const item = new vscode.TreeItem(m.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `manifest:${m.uri}`;
        item.description = manifestSummary(m);
        item.tooltip = new vscode.MarkdownString(
          [
            `**${m.label}**`,
            '',
            vscode.l10n.t('Needed: {0}', list(m.needed)),
            '',
            vscode.l10n.t('Declared: {0}', list(m.declared)),
            ...(m.granted ? ['', vscode.l10n.t('Portal grants: {0}', list(m.granted))] : []),
            ...(m.undecided ? ['', vscode.l10n.t('Calls whose scope cannot be told from the code: {0}', m.undecided)] : []),
          ].join('\n'),
        );
        item.iconPath = new vscode.ThemeIcon('json');
        item.resourceUri = vscode.Uri.parse(m.uri);
        item.contextValue = 'appScopes.manifest';
        return item;
      }
      case 'scope': {
        const s = node.scope;
        const item = new vscode.TreeItem(s.code, s.uses.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = `scope:${node.manifest.uri}#${s.code}`;
        item.description = scopeState(s);
        item.tooltip = `${s.code}: ${scopeState(s)}${s.uses.length ? ` — ${vscode.l10n.t('uses: {0}', s.uses.length)}` : ''}`;
        const warn = s.status === 'missing' || s.granted === false;
        item.iconPath = new vscode.ThemeIcon(
          s.status === 'missing' ? 'warning' : s.status === 'used' ? 'pass' : 'circle-slash',
          warn ? new vscode.ThemeColor('list.warningForeground') : undefined,
        );
        item.contextValue = `appScopes.scope.${s.status === 'used' ? 'used' : s.status === 'missing' ? 'missing' : 'unused'}${s.add ? '.canAdd' : ''}${s.remove ? '.canRemove' : ''}`;
        return item;
      }
      case 'use': {
        const u = node.use;
        const uri = vscode.Uri.parse(u.uri);
        const item = new vscode.TreeItem(
          u.kind === 'method' ? u.name : `${u.kind === 'event' ? vscode.l10n.t('event') : vscode.l10n.t('placement')} ${u.name}`,
          vscode.TreeItemCollapsibleState.None,
        );
        item.description = `${vscode.workspace.asRelativePath(uri)}:${u.line + 1}`;
        item.iconPath = new vscode.ThemeIcon(u.kind === 'method' ? 'symbol-method' : u.kind === 'event' ? 'symbol-event' : 'layout');
        const position = new vscode.Position(u.line, u.character);
        item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [uri, { selection: new vscode.Range(position, position) }] };
        item.contextValue = 'appScopes.use';
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('info');
        return item;
      }
    }
  }

  getChildren(node?: AppScopesNode): AppScopesNode[] {
    if (!node) {
      if (this.error) return [{ kind: 'message', text: this.error }];
      if (!this.manifests) return [];
      if (this.manifests.length === 0) return [{ kind: 'message', text: vscode.l10n.t('No bitrix24.json (or .env scopes) in this workspace.') }];
      return this.manifests.map((manifest) => ({ kind: 'manifest', manifest }));
    }
    if (node.kind === 'manifest') {
      const rank = (s: AppScopeEntry) => ORDER[s.status] ?? 2;
      return [...node.manifest.scopes]
        .sort((a, b) => rank(a) - rank(b) || a.code.localeCompare(b.code))
        .map((scope) => ({ kind: 'scope', manifest: node.manifest, scope }));
    }
    if (node.kind === 'scope') return node.scope.uses.map((use) => ({ kind: 'use', use }));
    return [];
  }

  dispose(): void {
    this.changed.dispose();
  }
}
