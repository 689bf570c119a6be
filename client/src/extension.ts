/** Extension entry: log channel, language client, portal, views, commands. No network here. */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient, followLanguageSetting } from './language-client';
import { setTranslator } from './l10n/localize';
import { registerCommands } from './commands';
import { registerAppScopes, type AppScopesApi } from './scopes';
import { registerPortal, type ConnectionManager } from './portal-ui';
import { SiteRightsTree } from './rights/site-rights-tree';
import { registerSiteRightsView } from './rights/site-rights-view';
import { registerRightsCommands } from './rights/commands';
import { registerLanguageModelTools } from './ai/language-model-tools';
import { registerMcpProvider } from './ai/mcp-provider';
import { registerSiteRightsBridge } from './ai/site-rights-bridge';
import { workspaceFileSystem, writeRefusal } from './rights/workspace-file-system';
import { PortalFactsNotification, UnknownMethodsNotification, type PortalFactsParams } from '../../server/src/protocol';

/** What `activate` returns; tests wait on `serverReady` and drive `portal`. */
export interface ExtensionApi {
  /** Resolves once the language server has initialised. */
  serverReady: Promise<void>;
  /** Fires each time the server runs again after a restart (changing `bitrix24.language` restarts it). */
  onDidStartServer: vscode.Event<void>;
  portal: ConnectionManager;
  rightsTree: SiteRightsTree;
  /** The App Scopes view. */
  appScopes: AppScopesApi;
  /** How many language-model tools were registered, and whether VS Code took the MCP server definition. */
  assistant: { tools: number; mcpProvider: boolean };
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  // The portal client and other vscode-free modules phrase their messages through this.
  setTranslator(vscode.l10n.t);
  const log = vscode.window.createOutputChannel('Bitrix24 REST Tools', { log: true });
  context.subscriptions.push(log);
  const lc = createLanguageClient(context, log);
  client = lc;
  context.subscriptions.push(followLanguageSetting(lc, log));

  const serverReady = lc.start().then(
    () => log.info('Language server started'),
    (err: unknown) => {
      log.error(`Language server failed to start: ${String(err)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Bitrix24 REST Tools: the language server did not start. See the log for details.'));
      throw err;
    },
  );
  const sendFacts = () => {
    const params: PortalFactsParams = { facts: portal.facts() ?? null };
    void serverReady.then(() => lc.sendNotification(PortalFactsNotification, params)).catch(() => undefined);
  };
  const portal = registerPortal(context, { log, onFacts: () => sendFacts() });
  // The server asks about methods the catalogue does not know; the portal's answers return with the facts.
  context.subscriptions.push(
    lc.onNotification(UnknownMethodsNotification, (p) => {
      portal.checkMethods(p.names).catch((err: unknown) => log.warn(`method.get failed: ${err instanceof Error ? err.message : String(err)}`));
    }),
  );
  // A restarted server starts without portal facts: send them again.
  context.subscriptions.push(lc.onDidChangeState((e) => e.newState === State.Running && sendFacts()));

  const rightsDeps = {
    getApi: () => portal.activeClient(),
    fileSystem: () => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      return folder ? workspaceFileSystem(folder) : undefined;
    },
    fileUri: (rel: string) => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      return folder ? vscode.Uri.joinPath(folder, ...rel.split('/')) : undefined;
    },
    writeRefusal: () => writeRefusal(vscode.workspace.workspaceFolders?.[0]?.uri),
    log,
  };
  const rightsTree = new SiteRightsTree(rightsDeps);
  context.subscriptions.push(
    rightsTree,
    portal.onDidChange(() => rightsTree.refresh()),
  );
  registerSiteRightsView(context, rightsTree);
  registerRightsCommands(context, { ...rightsDeps, tree: rightsTree });
  registerCommands(context, { client: lc, log });
  const appScopes = registerAppScopes(context, { client: lc, serverReady, log });
  // Agent mode: the same read-only tools as bitrix24-mcp, answered by the language server.
  context.subscriptions.push(registerSiteRightsBridge(lc, () => portal.activeClient()));
  const assistant = {
    tools: registerLanguageModelTools(context, { client: lc, log, portal: () => portal.facts()?.portal }),
    mcpProvider: registerMcpProvider(context, log),
  };
  connectDemoPortal(portal, log);
  const onDidStartServer: vscode.Event<void> = (listener, thisArgs, disposables) =>
    lc.onDidChangeState((e) => e.newState === State.Running && listener.call(thisArgs), undefined, disposables);
  return { serverReady, onDidStartServer, portal, rightsTree, appScopes, assistant };
}

/**
 * `npm start` runs the bundled demo portal and hands its webhook over in the
 * environment: connect to it once activation has returned (no network during
 * activation), unless a portal is already connected.
 */
function connectDemoPortal(portal: ConnectionManager, log: vscode.LogOutputChannel): void {
  const url = process.env.BITRIX24_DEMO_WEBHOOK;
  if (!url) return;
  setImmediate(() => {
    // `active()` reads the saved settings: a portal connected earlier wins over the demo.
    if (portal.active()) return;
    void portal
      .connect({ kind: 'webhook', url })
      .then(() => log.info('Connected to the local demo portal'))
      .catch((err: unknown) => log.warn(`Could not connect to the demo portal: ${err instanceof Error ? err.message : String(err)}`));
  });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
