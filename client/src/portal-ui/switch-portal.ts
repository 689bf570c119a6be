/**
 * "Bitrix24: Switch Portal": the portal menu (also behind the status bar
 * item): make another portal active, connect one more, refresh or disconnect.
 */
import * as vscode from 'vscode';
import { isPortalError, type PortalIdentity } from '../portal';
import type { ConnectionManager } from './connection-manager';
import { portalArg } from './connect-input';
import { describeIdentity, hostOf } from '../portal/facts';

interface MenuItem extends vscode.QuickPickItem {
  run?: () => Thenable<unknown>;
}

/** Switches to the portal named by `arg` (`'https://…'` or `{ url }`), or shows the portal menu. */
export async function switchPortalCommand(manager: ConnectionManager, arg?: unknown): Promise<PortalIdentity | undefined> {
  const given = portalArg(arg);
  if (given) return switchTo(manager, given);
  if (manager.portals().length === 0) {
    await vscode.commands.executeCommand('bitrix24.connect');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(menuItems(manager), {
    title: vscode.l10n.t('Bitrix24 Portals'),
    placeHolder: vscode.l10n.t('Pick the active portal, or an action'),
  });
  await pick?.run?.();
  return undefined;
}

function menuItems(manager: ConnectionManager): MenuItem[] {
  const active = manager.active();
  const identity = manager.whoAmI();
  const items: MenuItem[] = manager.portals().map((p) => {
    const isActive = p.url === active?.url;
    const who = isActive && identity ? ` · ${identity.user.name}${identity.user.admin ? ` (${vscode.l10n.t('admin')})` : ''}` : '';
    return {
      label: `${isActive ? '$(check)' : '$(blank)'} ${hostOf(p.url)}`,
      description: `${p.auth === 'oauth' ? vscode.l10n.t('local app') : vscode.l10n.t('webhook')}${who}`,
      run: isActive ? undefined : () => switchTo(manager, p.url),
    };
  });
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: `$(add) ${vscode.l10n.t('Connect Another Portal…')}`, run: () => vscode.commands.executeCommand('bitrix24.connect') });
  if (active) {
    items.push({
      label: `$(refresh) ${vscode.l10n.t('Refresh {0}', hostOf(active.url))}`,
      run: () => vscode.commands.executeCommand('bitrix24.refreshPortal'),
    });
    items.push({ label: `$(debug-disconnect) ${vscode.l10n.t('Disconnect…')}`, run: () => vscode.commands.executeCommand('bitrix24.disconnect') });
  }
  return items;
}

async function switchTo(manager: ConnectionManager, portal: string): Promise<PortalIdentity | undefined> {
  const host = hostOf(portal);
  try {
    const identity = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Switching to {0}…', host) }, () =>
      manager.switchTo(portal),
    );
    if (identity) void vscode.window.showInformationMessage(describeIdentity(identity));
    return identity;
  } catch (e) {
    if (isPortalError(e) && e.kind === 'cancelled') return undefined;
    const message = isPortalError(e) ? e.message : vscode.l10n.t('Unexpected error; see the log.');
    const switched = manager.active() !== undefined && hostOf(manager.active()?.url ?? '') === host;
    void vscode.window.showErrorMessage(
      switched ? vscode.l10n.t('Switched to {0}, but checking it failed: {1}', host, message) : vscode.l10n.t('Could not switch to {0}: {1}', host, message),
    );
    return undefined;
  }
}
