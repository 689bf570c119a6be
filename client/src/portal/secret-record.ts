/**
 * How a connection's credentials are kept in secret storage: one JSON record
 * per portal origin. Settings never see any of it.
 */
import { Credentials } from './credentials';

/** The secret-storage key for a portal origin. */
export function secretKey(portal: string): string {
  return `bitrix24.portal:${portal}`;
}

/** Serialises credentials for secret storage. */
export function encodeSecret(creds: Credentials): string {
  return JSON.stringify({ v: 1, ...creds });
}

function str(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}

/** Reads a stored record back; anything unexpected (old format, tampering) reads as "not connected". */
export function decodeSecret(portal: string, text: string | undefined): Credentials | undefined {
  if (text === undefined) return undefined;
  let r: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    r = parsed as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (r.v !== 1 || r.portal !== portal) return undefined;
  if (r.kind === 'webhook' && str(r.userId) && str(r.code)) {
    return { kind: 'webhook', portal, userId: r.userId, code: r.code };
  }
  if (r.kind === 'oauth' && str(r.clientId) && str(r.clientSecret) && str(r.accessToken) && str(r.refreshToken) && str(r.tokenEndpoint)) {
    return {
      kind: 'oauth',
      portal,
      clientId: r.clientId,
      clientSecret: r.clientSecret,
      accessToken: r.accessToken,
      refreshToken: r.refreshToken,
      tokenEndpoint: r.tokenEndpoint,
    };
  }
  return undefined;
}
