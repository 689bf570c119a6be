/**
 * The `bitrix24.portals` and `bitrix24.activePortal` settings: reading them
 * defensively (users edit settings.json by hand) and writing them back. Only
 * portal origins and auth kinds live here, never a secret.
 */
import { parsePortalUrl, type PortalEntry, type PortalSettings } from './';

/** Portal settings from raw setting values; malformed entries and duplicates are dropped. */
export function readPortalSettings(portals: unknown, active: unknown): PortalSettings {
  const entries: PortalEntry[] = [];
  for (const raw of Array.isArray(portals) ? portals : []) {
    if (typeof raw !== 'object' || raw === null) continue;
    const { url, auth } = raw as Record<string, unknown>;
    if (typeof url !== 'string' || (auth !== 'webhook' && auth !== 'oauth')) continue;
    const origin = parsePortalUrl(url);
    if (!origin.ok || entries.some((e) => e.url === origin.value)) continue;
    entries.push({ url: origin.value, auth });
  }
  const activeOrigin = typeof active === 'string' ? parsePortalUrl(active) : undefined;
  const activeUrl = activeOrigin?.ok && entries.some((e) => e.url === activeOrigin.value) ? activeOrigin.value : undefined;
  return activeUrl ? { portals: entries, active: activeUrl } : { portals: entries };
}

/** Values to write: undefined removes a setting, so a disconnected user's settings.json is left clean. */
export function settingValues(settings: PortalSettings): { portals: PortalEntry[] | undefined; active: string | undefined } {
  return {
    portals: settings.portals.length > 0 ? settings.portals.map((p) => ({ url: p.url, auth: p.auth })) : undefined,
    active: settings.active,
  };
}
