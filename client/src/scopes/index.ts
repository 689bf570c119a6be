/**
 * Registers the App Scopes view, its commands, the status-bar item for the
 * active file's manifest and the code lens on a manifest's scopes. Data comes
 * from the language server (`bitrix24/appScopes`); a server notification says when to ask again.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AppScopesChangedNotification, AppScopesRequest, type AppScopeEdit, type AppScopesManifest, type AppScopesParams } from '../../../server/src/protocol';
import { exportScopeReport, showScopeReport } from '../commands/scope-report';
import { AppScopesTree, manifestSummary, type AppScopesNode } from './app-scopes-tree';

export interface AppScopesDeps {
  client: LanguageClient;
  serverReady: Promise<void>;
  log: vscode.LogOutputChannel;
}

const sameUri = (a: string, b: vscode.Uri) => vscode.Uri.parse(a).toString() === b.toString();

/** The status-bar text for a manifest: "Scopes: 4 · 1 missing". */
export function statusText(m: AppScopesManifest): string {
  const extra = [
    m.missing.length ? vscode.l10n.t('{0} missing', m.missing.length) : '',
    m.unused.length ? vscode.l10n.t('{0} unused', m.unused.length) : '',
  ].filter(Boolean);
  return [`$(shield) ${vscode.l10n.t('Scopes: {0}', m.needed.length)}`, ...extra].join(' · ');
}

/** What tests drive: the view's provider, and a refresh that resolves with what the view then shows. */
export interface AppScopesApi {
  tree: AppScopesTree;
  refresh(): Promise<AppScopesManifest[]>;
}

export function registerAppScopes(context: vscode.ExtensionContext, deps: AppScopesDeps): AppScopesApi {
  const ask = async (params: AppScopesParams): Promise<AppScopesManifest[]> => {
    await deps.serverReady;
    return (await deps.client.sendRequest(AppScopesRequest, params)).manifests;
  };
  const tree = new AppScopesTree(() => ask({}));
  const view = vscode.window.createTreeView('bitrix24.appScopes', { treeDataProvider: tree, showCollapseAll: true });

  // Status bar: the active file's manifest.
  const item = vscode.window.createStatusBarItem('bitrix24.appScopes', vscode.StatusBarAlignment.Left, 1);
  item.name = vscode.l10n.t('Bitrix24 App Scopes');
  item.command = 'bitrix24.appScopes.focus';
  let statusTurn = 0;
  const updateStatus = async (): Promise<void> => {
    const turn = ++statusTurn;
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.uri.scheme !== 'file') return void item.hide();
    const [m] = await ask({ uri: doc.uri.toString() }).catch(() => [] as AppScopesManifest[]);
    if (turn !== statusTurn) return;
    if (!m) return void item.hide();
    item.text = statusText(m);
    item.tooltip = vscode.l10n.t('{0}: {1}. Click to show the App Scopes view.', m.label, manifestSummary(m));
    item.backgroundColor = m.missing.length ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };

  // Code lens on the manifest's "scopes".
  const lensChanged = new vscode.EventEmitter<void>();
  const lenses: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: lensChanged.event,
    provideCodeLenses(document) {
      const m = tree.current()?.find((x) => sameUri(x.uri, document.uri));
      if (!m?.scopesRange) return [];
      const r = m.scopesRange;
      const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
      const out = [
        new vscode.CodeLens(range, { title: vscode.l10n.t('Scopes: {0}', manifestSummary(m)), command: 'bitrix24.appScopes.focus' }),
        new vscode.CodeLens(range, { title: vscode.l10n.t('Copy scope list'), command: 'bitrix24.appScopes.copyList', arguments: [m.uri] }),
      ];
      if (m.missing.length)
        out.push(new vscode.CodeLens(range, { title: vscode.l10n.t('Show scope report'), command: 'bitrix24.appScopes.showReport', arguments: [m.uri] }));
      return out;
    },
  };

  const refresh = async (): Promise<AppScopesManifest[]> => {
    const result = await tree.refresh();
    lensChanged.fire();
    await updateStatus();
    return result;
  };

  /** The manifest a command acts on: the node's, a URI's, the active file's, or the only/first one. */
  const manifestOf = async (arg: unknown): Promise<AppScopesManifest | undefined> => {
    if (arg && typeof arg === 'object' && 'manifest' in arg) return (arg as { manifest: AppScopesManifest }).manifest;
    const uri = typeof arg === 'string' ? arg : arg instanceof vscode.Uri ? arg.toString() : vscode.window.activeTextEditor?.document.uri.toString();
    if (uri) {
      const [m] = await ask({ uri });
      if (m) return m;
    }
    return (tree.current() ?? (await refresh()))[0];
  };
  const applyEdit = async (edit: AppScopeEdit | undefined): Promise<boolean> => {
    if (!edit) return false;
    const we = new vscode.WorkspaceEdit();
    const r = edit.range;
    we.replace(vscode.Uri.parse(edit.uri), new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character), edit.newText);
    const ok = await vscode.workspace.applyEdit(we);
    if (!ok) void vscode.window.showWarningMessage(vscode.l10n.t('Could not edit {0}.', vscode.workspace.asRelativePath(vscode.Uri.parse(edit.uri))));
    return ok;
  };
  const scopeNode = (arg: unknown) =>
    arg && typeof arg === 'object' && (arg as AppScopesNode).kind === 'scope' ? (arg as Extract<AppScopesNode, { kind: 'scope' }>) : undefined;

  const commands: Record<string, (...args: unknown[]) => unknown> = {
    'bitrix24.appScopes.refresh': () => refresh(),
    'bitrix24.appScopes.copyList': async (arg) => {
      const m = await manifestOf(arg);
      if (!m) return void vscode.window.showInformationMessage(vscode.l10n.t('No bitrix24.json in this workspace: nothing to copy.'));
      await vscode.env.clipboard.writeText(m.copyList);
      void vscode.window.showInformationMessage(
        m.copyList ? vscode.l10n.t('Copied the scope list of {0}: {1}', m.label, m.copyList) : vscode.l10n.t('{0}: the code needs no scopes.', m.label),
      );
      return m.copyList;
    },
    'bitrix24.appScopes.addScope': (arg) => applyEdit(scopeNode(arg)?.scope.add),
    'bitrix24.appScopes.removeScope': (arg) => applyEdit(scopeNode(arg)?.scope.remove),
    'bitrix24.appScopes.openManifest': async (arg) => {
      const m = await manifestOf(arg);
      if (!m) return;
      const r = m.scopesRange;
      await vscode.window.showTextDocument(
        vscode.Uri.parse(m.uri),
        r ? { selection: new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) } : {},
      );
    },
    'bitrix24.appScopes.showReport': async (arg) => showScopeReport(deps.client, context, (await manifestOf(arg))?.uri),
    'bitrix24.appScopes.exportReport': async (arg) => exportScopeReport(deps.client, (await manifestOf(arg))?.uri),
  };
  for (const [id, handler] of Object.entries(commands)) context.subscriptions.push(vscode.commands.registerCommand(id, handler));

  context.subscriptions.push(
    tree,
    view,
    item,
    lensChanged,
    vscode.languages.registerCodeLensProvider(
      [
        { scheme: 'file', pattern: '**/bitrix24.json' },
        { scheme: 'file', pattern: '**/.env*' },
      ],
      lenses,
    ),
    deps.client.onNotification(AppScopesChangedNotification, () => void refresh()),
    vscode.window.onDidChangeActiveTextEditor(() => void updateStatus()),
  );
  void deps.serverReady.then(() => refresh()).catch((err: unknown) => deps.log.warn(`App Scopes: ${String(err)}`));
  return { tree, refresh };
}
