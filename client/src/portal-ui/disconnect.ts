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
    const message = isPortalError(e) ? e.message : 'Unexpected error; see the log.';
    log.error(`Disconnecting ${hostOf(portal)} failed: ${manager.store.redactor.redact(e)}`);
    void vscode.window.showErrorMessage(`Could not disconnect ${hostOf(portal)}: ${message}`);
    return false;
  }
  const next = manager.active();
  void vscode.window.showInformationMessage(
    `Disconnected ${hostOf(portal)}; its saved credentials were deleted.${next ? ` Active portal: ${hostOf(next.url)}.` : ''}`,
  );
  return true;
}

async function pickAndConfirm(manager: ConnectionManager): Promise<string | undefined> {
  const portals = manager.portals();
  const active = manager.active()?.url;
  if (portals.length === 0) {
    void vscode.window.showInformationMessage('No Bitrix24 portal is connected.');
    return undefined;
  }
  let portal = portals[0].url;
  if (portals.length > 1) {
    const ordered = [...portals].sort((a, b) => Number(b.url === active) - Number(a.url === active));
    const pick = await vscode.window.showQuickPick(
      ordered.map((p) => ({ label: hostOf(p.url), description: `${p.auth === 'oauth' ? 'local app' : 'webhook'}${p.url === active ? ' · active' : ''}`, url: p.url })),
      { title: 'Disconnect Portal', placeHolder: 'Which portal should forget its saved credentials?' },
    );
    if (!pick) return undefined;
    portal = pick.url;
  }
  const answer = await vscode.window.showWarningMessage(
    `Disconnect ${hostOf(portal)}?`,
    { modal: true, detail: 'Its saved credentials will be deleted from this computer. To connect again you will need the webhook URL or the app credentials.' },
    'Disconnect',
  );
  return answer === 'Disconnect' ? portal : undefined;
}
