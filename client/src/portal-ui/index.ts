/**
 * Portal connections in the editor: the connection manager, the status bar
 * item and the Connect / Disconnect / Switch / Refresh commands. The extension
 * calls `registerPortal` once; everything else is wired here.
 */
import * as vscode from 'vscode';
import { ConnectionStore } from '../portal';
import type { PortalFacts } from '../../../server/src/protocol';
import { connectCommand } from './connect';
import { ConnectionManager } from './connection-manager';
import { disconnectCommand } from './disconnect';
import { refreshPortalCommand } from './refresh-portal';
import { createPortalStatusBar } from './status-bar';
import { switchPortalCommand } from './switch-portal';
import { affectsPortalSettings, configuredRateLimit, secretStoreOf, UserSettingsStore } from './vscode-stores';

export { ConnectionManager } from './connection-manager';
export type { MethodAnswers } from '../portal/unknown-methods';
export { checkUnknownMethods } from '../portal/unknown-methods';

export interface PortalDeps {
  log: vscode.LogOutputChannel;
  /** Receives the active portal's facts for live checks; undefined when there are none to trust. */
  onFacts(facts: PortalFacts | undefined): void;
}

/**
 * Creates the connection manager, status bar item and portal commands. No
 * network during activation: the saved active portal is loaded from storage,
 * and its first check runs after activation has returned.
 */
export function registerPortal(context: vscode.ExtensionContext, deps: PortalDeps): ConnectionManager {
  const secrets = secretStoreOf(context.secrets);
  const store = new ConnectionStore({
    secrets,
    settings: new UserSettingsStore(),
    log: deps.log,
    workspaceTrusted: () => vscode.workspace.isTrusted,
    rateLimit: configuredRateLimit,
  });
  const manager = new ConnectionManager({ store, secrets, log: deps.log, onFacts: (facts) => deps.onFacts(facts) });
  const commands: Record<string, (...args: unknown[]) => unknown> = {
    'bitrix24.connect': (arg) => connectCommand(manager, deps.log, arg),
    'bitrix24.disconnect': (arg) => disconnectCommand(manager, deps.log, arg),
    'bitrix24.switchPortal': (arg) => switchPortalCommand(manager, arg),
    'bitrix24.refreshPortal': () => refreshPortalCommand(manager),
  };
  context.subscriptions.push(
    { dispose: () => manager.dispose() },
    createPortalStatusBar(manager),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsPortalSettings(e)) manager.settingsChanged();
    }),
    ...Object.entries(commands).map(([id, handler]) => vscode.commands.registerCommand(id, handler)),
  );
  void manager.restore().then(() => manager.refreshInBackground());
  return manager;
}
