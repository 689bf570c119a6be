/**
 * Who a connection acts as: the `profile` and `scope` calls made on connect
 * and for the status display.
 */
import { localError } from './errors';
import { localize } from '../l10n/localize';
import { RestClient } from './rest-client';

export interface PortalUser {
  id: string;
  name: string;
  admin: boolean;
}

export interface PortalIdentity {
  /** Portal origin. */
  portal: string;
  auth: RestClient['authKind'];
  user: PortalUser;
  /** Scopes granted to the webhook or app. */
  scopes: string[];
}

/** Calls `profile` and `scope` and reads who the credentials belong to. */
export async function whoAmI(client: RestClient, signal?: AbortSignal): Promise<PortalIdentity> {
  const profile = await client.call('profile', {}, { signal });
  const scope = await client.call('scope', {}, { signal });
  if (typeof profile !== 'object' || profile === null || !Array.isArray(scope)) {
    throw localError('malformed', { method: 'profile', detail: 'unexpected profile/scope shape' });
  }
  const p = profile as Record<string, unknown>;
  if (typeof p.ID !== 'string' && typeof p.ID !== 'number') {
    throw localError('malformed', { method: 'profile', detail: 'profile without ID' });
  }
  const id = String(p.ID);
  const name = [p.NAME, p.LAST_NAME].filter((s) => typeof s === 'string' && s.trim() !== '').join(' ');
  return {
    portal: client.portal,
    auth: client.authKind,
    user: { id, name: name || localize('User {0}', id), admin: p.ADMIN === true || p.ADMIN === 'Y' || p.ADMIN === 1 },
    scopes: scope.filter((s): s is string => typeof s === 'string').sort(),
  };
}
