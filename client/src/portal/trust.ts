/**
 * The untrusted-workspace rule: a portal address that came from the workspace
 * (its settings or files) is never sent stored credentials while the workspace
 * is untrusted, so a cloned repository cannot point saved secrets at its own server.
 */

/** Where a portal address came from: the user's own input or settings, or the open workspace. */
export type UrlSource = 'user' | 'workspace';

export type CredentialUse = { allowed: true } | { allowed: false; reason: 'untrusted-workspace' };

/** Decides whether stored credentials may be sent to a portal address from `source`. */
export function credentialUse(source: UrlSource, workspaceTrusted: boolean): CredentialUse {
  return source === 'workspace' && !workspaceTrusted ? { allowed: false, reason: 'untrusted-workspace' } : { allowed: true };
}
