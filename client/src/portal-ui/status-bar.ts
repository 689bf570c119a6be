/**
 * The status bar item naming the active portal and who you are on it; a
 * click opens the portal menu, or Connect when nothing is connected. Also
 * keeps the `bitrix24.portalConnected` context key for menus.
 */
import * as vscode from 'vscode';
import type { ConnectionManager } from './connection-manager';
import { statusView } from './status-text';

/** Creates the item and keeps it in step with `manager`. */
export function createPortalStatusBar(manager: ConnectionManager): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('bitrix24.portal', vscode.StatusBarAlignment.Left, 0);
  item.name = vscode.l10n.t('Bitrix24 Portal');
  let connected: boolean | undefined;
  const update = (): void => {
    const status = manager.status();
    const view = statusView(status);
    item.text = view.text;
    item.tooltip = view.tooltip;
    item.command = view.command;
    item.backgroundColor = view.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const now = status.active !== undefined;
    if (now !== connected) {
      connected = now;
      void vscode.commands.executeCommand('setContext', 'bitrix24.portalConnected', now);
    }
  };
  update();
  item.show();
  const subscription = manager.onDidChange(update);
  return new vscode.Disposable(() => {
    subscription.dispose();
    item.dispose();
  });
}
