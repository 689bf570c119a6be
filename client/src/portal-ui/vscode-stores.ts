/**
 * VS Code's storage behind the portal layer's interfaces: secrets in
 * SecretStorage (the OS keychain), portal addresses and auth kinds in the
 * user's settings. Only the user-level value is read, so a workspace's
 * `.vscode/settings.json` can never add a portal that stored credentials
 * would be sent to (the settings are also application-scoped, which VS Code
 * ignores in workspace settings).
 */
import * as vscode from 'vscode';
import { RATE_LIMITS, type PortalSettings, type RateLimit, type SecretStore, type SettingsStore } from '../portal';
import { readPortalSettings, settingValues } from '../portal/settings-shape';

const SECTION = 'bitrix24';

/** The portal layer's SecretStore over VS Code's SecretStorage. */
export function secretStoreOf(secrets: vscode.SecretStorage): SecretStore {
  return {
    get: (key) => secrets.get(key),
    store: (key, value) => secrets.store(key, value),
    delete: (key) => secrets.delete(key),
  };
}

/** `bitrix24.portals` and `bitrix24.activePortal` in the user's settings. */
export class UserSettingsStore implements SettingsStore {
  read(): PortalSettings {
    const config = vscode.workspace.getConfiguration(SECTION);
    return readPortalSettings(config.inspect('portals')?.globalValue, config.inspect('activePortal')?.globalValue);
  }

  async write(settings: PortalSettings): Promise<void> {
    const config = vscode.workspace.getConfiguration(SECTION);
    const values = settingValues(settings);
    // Portals first: an active portal missing from the list reads as none, never as a stray address.
    await config.update('portals', values.portals, vscode.ConfigurationTarget.Global);
    await config.update('activePortal', values.active, vscode.ConfigurationTarget.Global);
  }
}

/** True when a configuration change touched the portal settings. */
export function affectsPortalSettings(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(`${SECTION}.portals`) || e.affectsConfiguration(`${SECTION}.activePortal`);
}

/** The request pace from `bitrix24.rateLimit` (the portal's plan). */
export function configuredRateLimit(): RateLimit {
  const plan = vscode.workspace.getConfiguration(SECTION).get<string>('rateLimit');
  return plan === 'enterprise' ? RATE_LIMITS.enterprise : RATE_LIMITS.standard;
}
