/**
 * Turning who a connection acts as into the facts the language server checks
 * code against, and into the words the user sees after connecting.
 */
import type { PortalIdentity } from './';
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
  const role = identity.user.admin ? 'administrator' : 'not an administrator';
  const scopes = identity.scopes.length > 0 ? identity.scopes.join(', ') : 'none';
  const via = identity.auth === 'oauth' ? 'local app' : 'webhook';
  return `Connected to ${hostOf(identity.portal)} as ${identity.user.name} (${role}). Scopes granted to this ${via}: ${scopes}.`;
}
