/** "Bitrix24: Refresh Portal Connection": re-reads who you are and the granted scopes. */
import * as vscode from 'vscode';
import { withCancellableProgress } from './cancellable';
import { isPortalError, type PortalIdentity } from '../portal';
import type { ConnectionManager } from './connection-manager';
import { describeIdentity, hostOf } from '../portal/facts';

/** Verifies the active portal with progress; resolves with who you are, or undefined (after saying why). */
export async function refreshPortalCommand(manager: ConnectionManager): Promise<PortalIdentity | undefined> {
  const active = manager.active();
  if (!active) {
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('No Bitrix24 portal is connected.'), vscode.l10n.t('Connect to Portal'));
    if (choice) await vscode.commands.executeCommand('bitrix24.connect');
    return undefined;
  }
  const host = hostOf(active.url);
  try {
    const identity = await withCancellableProgress(vscode.l10n.t('Checking {0}…', host), (signal) => manager.refresh(signal));
    if (identity) void vscode.window.showInformationMessage(describeIdentity(identity));
    return identity;
  } catch (e) {
    if (isPortalError(e) && e.kind === 'cancelled') return undefined;
    // The manager already logged the details.
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Checking {0} failed: {1}', host, isPortalError(e) ? e.message : vscode.l10n.t('unexpected error; see the log.')),
    );
    return undefined;
  }
}
