/** "Bitrix24: Disconnect Portal": deletes a portal's stored credentials and its settings entry. */
import * as vscode from 'vscode';
import { isPortalError } from '../portal';
import type { ConnectionManager } from './connection-manager';
import { portalArg } from './connect-input';
import { hostOf } from '../portal/facts';

/**
 * Disconnects the portal named by `arg` (`'https://…'` or `{ url }`) without
 * asking, or else the one the user picks and confirms. Resolves true when a
 * portal was disconnected.
 */
export async function disconnectCommand(manager: ConnectionManager, log: vscode.LogOutputChannel, arg?: unknown): Promise<boolean> {
  const given = portalArg(arg);
  const portal = given ?? (await pickAndConfirm(manager));
  if (!portal) return false;
  try {
    await manager.disconnect(portal);
  } catch (e) {
    const message = isPortalError(e) ? e.message : vscode.l10n.t('Unexpected error; see the log.');
    log.error(`Disconnecting ${hostOf(portal)} failed: ${manager.store.redactor.redact(e)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not disconnect {0}: {1}', hostOf(portal), message));
    return false;
  }
  const next = manager.active();
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Disconnected {0}; its saved credentials were deleted.', hostOf(portal)) +
      (next ? ` ${vscode.l10n.t('Active portal: {0}.', hostOf(next.url))}` : ''),
  );
  return true;
}

async function pickAndConfirm(manager: ConnectionManager): Promise<string | undefined> {
  const portals = manager.portals();
  const active = manager.active()?.url;
  if (portals.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No Bitrix24 portal is connected.'));
    return undefined;
  }
  let portal = portals[0].url;
  if (portals.length > 1) {
    const ordered = [...portals].sort((a, b) => Number(b.url === active) - Number(a.url === active));
    const pick = await vscode.window.showQuickPick(
      ordered.map((p) => ({
        label: hostOf(p.url),
        description: `${p.auth === 'oauth' ? vscode.l10n.t('local app') : vscode.l10n.t('webhook')}${p.url === active ? ` · ${vscode.l10n.t('active')}` : ''}`,
        url: p.url,
      })),
      { title: vscode.l10n.t('Disconnect Portal'), placeHolder: vscode.l10n.t('Which portal should forget its saved credentials?') },
    );
    if (!pick) return undefined;
    portal = pick.url;
  }
  const disconnect = vscode.l10n.t('Disconnect');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Disconnect {0}?', hostOf(portal)),
    {
      modal: true,
      detail: vscode.l10n.t('Its saved credentials will be deleted from this computer. To connect again you will need the webhook URL or the app credentials.'),
    },
    disconnect,
  );
  return answer === disconnect ? portal : undefined;
}
