/**
 * "Bitrix24: Connect to Portal": an inbound webhook URL or an OAuth local app,
 * validated against the portal (`profile`, `scope`) before anything is saved.
 */
import * as vscode from 'vscode';
import { withCancellableProgress } from './cancellable';
import { isPortalError, type ConnectInput, type PortalIdentity } from '../portal';
import type { ConnectionManager } from './connection-manager';
import {
  connectInputFrom,
  localDemoWebhook,
  portalOfInput,
  tokenEndpointFor,
  validateClientId,
  validatePortalInput,
  validateWebhookInput,
} from './connect-input';
import { describeIdentity, hostOf } from '../portal/facts';

interface KindPick extends vscode.QuickPickItem {
  auth: ConnectInput['kind'] | 'demo';
}

/**
 * Connects; with `arg` (`{ kind: 'webhook', url }` or a full OAuth input) the
 * input boxes are skipped. Resolves with who you are, or undefined when
 * cancelled or refused (the user has been told why).
 */
export async function connectCommand(manager: ConnectionManager, log: vscode.LogOutputChannel, arg?: unknown): Promise<PortalIdentity | undefined> {
  const input = connectInputFrom(arg) ?? (await askForInput());
  if (!input) return undefined;
  const host = hostOf(portalOfInput(input) ?? vscode.l10n.t('the portal'));
  try {
    const identity = await withCancellableProgress(vscode.l10n.t('Connecting to {0}…', host), (signal) => manager.connect(input, signal));
    void vscode.window.showInformationMessage(describeIdentity(identity));
    return identity;
  } catch (e) {
    if (isPortalError(e) && e.kind === 'cancelled') return undefined;
    if (isPortalError(e)) {
      // PortalError messages are written for users and never contain secrets; details went to the log.
      log.warn(`Connecting to ${host} failed: ${e.message}${e.detail ? ` (${manager.store.redactor.redactText(e.detail)})` : ''}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not connect to {0}: {1} Nothing was saved.', host, e.message));
    } else {
      log.error(`Connecting to ${host} failed: ${manager.store.redactor.redact(e)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not connect to {0}; nothing was saved. See the log for details.', host));
    }
    return undefined;
  }
}

async function askForInput(): Promise<ConnectInput | undefined> {
  const demo = localDemoWebhook(process.env);
  const kinds: KindPick[] = [
    ...(demo
      ? [
          {
            auth: 'demo' as const,
            label: `$(server-environment) ${vscode.l10n.t('Local demo portal')}`,
            description: hostOf(new URL(demo).origin),
            detail: vscode.l10n.t('The demo portal `npm start` runs on this machine, with its administrator webhook'),
          },
        ]
      : []),
    {
      auth: 'webhook',
      label: `$(link) ${vscode.l10n.t('Inbound webhook')}`,
      detail: vscode.l10n.t('Paste the URL of an inbound webhook (Developer resources → Other → Inbound webhook): {0}', 'https://<portal>/rest/<user>/<code>/'),
    },
    {
      auth: 'oauth',
      label: `$(key) ${vscode.l10n.t('OAuth local app')}`,
      detail: vscode.l10n.t("The local app's client id and secret, plus a refresh token or an authorization code"),
    },
  ];
  const pick = await vscode.window.showQuickPick(kinds, {
    title: vscode.l10n.t('Connect to Portal'),
    placeHolder: vscode.l10n.t('How do you sign in to the portal?'),
    ignoreFocusOut: true,
  });
  if (!pick) return undefined;
  if (pick.auth === 'demo') return demo ? { kind: 'webhook', url: demo } : undefined;
  return pick.auth === 'webhook' ? askWebhook() : askOAuth();
}

async function askWebhook(): Promise<ConnectInput | undefined> {
  const url = await vscode.window.showInputBox({
    title: vscode.l10n.t('Connect to Portal: inbound webhook'),
    prompt: vscode.l10n.t('The webhook URL contains its secret code; it is kept in secret storage, never in settings.'),
    placeHolder: 'https://your-portal.bitrix24.com/rest/1/your-webhook-code/',
    password: true,
    ignoreFocusOut: true,
    validateInput: validateWebhookInput,
  });
  return url?.trim() ? { kind: 'webhook', url: url.trim() } : undefined;
}

async function askOAuth(): Promise<ConnectInput | undefined> {
  const title = (step: number) => vscode.l10n.t('Connect to Portal: OAuth local app ({0}/5)', step);
  const portalUrl = await vscode.window.showInputBox({
    title: title(1),
    prompt: vscode.l10n.t('The portal address'),
    placeHolder: 'https://your-portal.bitrix24.com',
    ignoreFocusOut: true,
    validateInput: validatePortalInput,
  });
  if (!portalUrl?.trim()) return undefined;
  const clientId = await vscode.window.showInputBox({
    title: title(2),
    prompt: vscode.l10n.t("The local app's client id (application ID)"),
    placeHolder: 'local.65f0a1b2c3d4e5.12345678',
    ignoreFocusOut: true,
    validateInput: validateClientId,
  });
  if (!clientId?.trim()) return undefined;
  const clientSecret = await vscode.window.showInputBox({
    title: title(3),
    prompt: vscode.l10n.t("The local app's client secret (application key)"),
    password: true,
    ignoreFocusOut: true,
  });
  if (!clientSecret?.trim()) return undefined;
  const grant = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('Refresh token'), detail: vscode.l10n.t('A refresh token issued to this app (valid for 180 days)'), grant: 'refresh' as const },
      {
        label: vscode.l10n.t('Authorization code'),
        detail: vscode.l10n.t('The code from the app install redirect; it expires 30 seconds after it is issued'),
        grant: 'code' as const,
      },
    ],
    { title: title(4), placeHolder: vscode.l10n.t('What do you have to sign in with?'), ignoreFocusOut: true },
  );
  if (!grant) return undefined;
  const secret = await vscode.window.showInputBox({
    title: title(5),
    prompt: grant.grant === 'refresh' ? vscode.l10n.t('The refresh token') : vscode.l10n.t('The authorization code'),
    password: true,
    ignoreFocusOut: true,
  });
  if (!secret?.trim()) return undefined;
  const portal = portalUrl.trim();
  const tokenEndpoint = validatePortalInput(portal) === undefined ? tokenEndpointFor(new URL(portal).origin) : undefined;
  return {
    kind: 'oauth',
    portalUrl: portal,
    clientId: clientId.trim(),
    clientSecret: clientSecret.trim(),
    ...(grant.grant === 'refresh' ? { refreshToken: secret.trim() } : { authorizationCode: secret.trim() }),
    ...(tokenEndpoint ? { tokenEndpoint } : {}),
  };
}
