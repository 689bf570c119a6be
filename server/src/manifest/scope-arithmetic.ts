/**
 * Scope arithmetic for the manifest check: what a requirement still lacks
 * given the declared scopes, and which of several alternatives grants least.
 */
import type { ScopeRequirement } from '../catalogue/types';
import type { BindingInfo, ScopeCatalogue } from './types';

/** What a requirement lacks: nothing, every one of `scopes`, or any one of them. */
export type Shortfall = { satisfied: true } | { satisfied: false; scopes: string[]; choice: 'all' | 'any' };

/** What `requirement` lacks under `declared`. `basic` and undocumented requirements never lack anything. */
export function shortfall(requirement: ScopeRequirement, declared: ReadonlySet<string>): Shortfall {
  switch (requirement.kind) {
    case 'scope':
      return declared.has(requirement.scope) ? { satisfied: true } : { satisfied: false, scopes: [requirement.scope], choice: 'all' };
    case 'allOf': {
      const lacking = requirement.scopes.filter((s) => !declared.has(s));
      return lacking.length === 0 ? { satisfied: true } : { satisfied: false, scopes: lacking, choice: 'all' };
    }
    case 'anyOf':
      return requirement.scopes.some((s) => declared.has(s)) ? { satisfied: true } : { satisfied: false, scopes: [...requirement.scopes], choice: 'any' };
    default:
      return { satisfied: true };
  }
}

/**
 * Scopes the documentation ranks from narrow to broad within one family
 * ("Users (minimal)", "Users (basic)", "Users"); method counts cannot tell them apart.
 */
const DOCUMENTED_ORDER: readonly string[][] = [['user_brief', 'user_basic', 'user']];

/**
 * `codes` ordered least privilege first: scopes in `preferred` (already
 * declared or chosen, so adding nothing new), then a documented narrow-to-broad
 * order, then the scope granting fewer methods, then by name.
 */
export function rankByPrivilege(codes: readonly string[], catalogue: ScopeCatalogue, preferred: ReadonlySet<string> = new Set()): string[] {
  const family = DOCUMENTED_ORDER.find((f) => codes.every((c) => f.includes(c)));
  const grants = new Map(codes.map((c) => [c, family ? family.indexOf(c) : catalogue.methodsOfScope(c).length]));
  return [...codes].sort((a, b) => Number(!preferred.has(a)) - Number(!preferred.has(b)) || (grants.get(a) ?? 0) - (grants.get(b) ?? 0) || a.localeCompare(b));
}

/** `*` in a method pattern stands for any characters (dynamic parts, ignore globs). */
export function wildcardMatcher(pattern: string): (name: string) => boolean {
  if (!pattern.includes('*')) {
    const lower = pattern.toLowerCase();
    return (name) => name.toLowerCase() === lower;
  }
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const re = new RegExp(`^${source}$`, 'i');
  return (name) => re.test(name);
}

/** What binding an event or placement needs; a catalogue entry naming no scope is undocumented. */
export function bindingRequirement(info: BindingInfo): ScopeRequirement {
  if (info.requirement) return info.requirement;
  if (info.scope) return { kind: 'scope', scope: info.scope };
  return { kind: 'unknown', reason: 'its page names no scope' };
}
