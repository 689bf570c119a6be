/**
 * Turning who a connection acts as into the facts the language server checks
 * code against, and into the words the user sees after connecting.
 */
import type { PortalIdentity } from './';
import { localize } from '../l10n/localize';
import type { PortalFacts } from '../../../server/src/protocol';

/** The live-check facts for `identity`, fetched at `now` (ms since epoch). */
export function factsFrom(identity: PortalIdentity, now: number, methods?: PortalFacts['methods']): PortalFacts {
  return {
    portal: identity.portal,
    fetchedAt: now,
    scopes: [...identity.scopes],
    admin: identity.user.admin,
    auth: identity.auth,
    ...(methods && Object.keys(methods).length > 0 ? { methods: { ...methods } } : {}),
  };
}

/** `example.bitrix24.com` for a portal origin (with the port for a local portal). */
export function hostOf(portal: string): string {
  try {
    return new URL(portal).host;
  } catch {
    return portal;
  }
}

/** One sentence saying who you are on the portal and what was granted. */
export function describeIdentity(identity: PortalIdentity): string {
  const role = identity.user.admin ? localize('administrator') : localize('not an administrator');
  const scopes = identity.scopes.length > 0 ? identity.scopes.join(', ') : localize('none');
  const host = hostOf(identity.portal);
  return identity.auth === 'oauth'
    ? localize('Connected to {0} as {1} ({2}). Scopes granted to this local app: {3}.', host, identity.user.name, role, scopes)
    : localize('Connected to {0} as {1} ({2}). Scopes granted to this webhook: {3}.', host, identity.user.name, role, scopes);
}
