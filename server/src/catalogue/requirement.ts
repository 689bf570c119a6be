/**
 * Helpers over ScopeRequirement: which codes it mentions, whether a set of
 * granted scopes satisfies it, and a short human-readable form.
 */
import type { ScopeRequirement } from './types';

/** The scope codes a requirement mentions (none for basic/unknown). */
export function requirementScopes(req: ScopeRequirement): string[] {
  switch (req.kind) {
    case 'scope':
      return [req.scope];
    case 'anyOf':
    case 'allOf':
      return [...req.scopes];
    default:
      return [];
  }
}

/**
 * True when `granted` (scope codes, compared case-insensitively) meets the
 * requirement. `basic` is always met; `unknown` never is, so callers can
 * tell "missing" from "cannot tell" by checking the kind first.
 */
export function isSatisfiedBy(req: ScopeRequirement, granted: ReadonlySet<string>): boolean {
  const has = (code: string) => granted.has(code) || granted.has(code.toLowerCase()) || hasFolded(granted, code);
  switch (req.kind) {
    case 'basic':
      return true;
    case 'scope':
      return has(req.scope);
    case 'anyOf':
      return req.scopes.some(has);
    case 'allOf':
      return req.scopes.every(has);
    default:
      return false;
  }
}

function hasFolded(granted: ReadonlySet<string>, code: string): boolean {
  const want = code.toLowerCase();
  for (const g of granted) if (g.toLowerCase() === want) return true;
  return false;
}

/** Short text: `crm`, `user | user_brief | user_basic`, `sign.b2e + crm`, `basic (no scope needed)`. */
export function formatRequirement(req: ScopeRequirement): string {
  switch (req.kind) {
    case 'basic':
      return 'basic (no scope needed)';
    case 'scope':
      return req.scope;
    case 'anyOf':
      return req.scopes.join(' | ');
    case 'allOf':
      return req.scopes.join(' + ');
    default:
      return `unknown (${req.reason})`;
  }
}
