/**
 * Site operation codes and the normalisation rules `landing.site.setRights`
 * and `landing.role.setRights` apply to each access code's list.
 */
import type { SiteOperation } from './types';

/** The operations that grant something, in the order the portal lists them. */
export const GRANTING_OPERATIONS: readonly SiteOperation[] = ['read', 'edit', 'sett', 'public', 'delete'];

const KNOWN = new Set<string>(['denied', ...GRANTING_OPERATIONS]);

/**
 * Reads a parameter the way PHP's `(array)` cast would: lists stay lists,
 * objects (PHP associative arrays) give their values, a scalar becomes a
 * one-element list and null/undefined an empty one.
 */
export function phpList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === null || value === undefined) return [];
  if (typeof value === 'object') return Object.values(value);
  return [value];
}

/**
 * One access code's operations as the portal saves them: unknown codes are
 * dropped, `denied` replaces everything else, and `read` is added whenever
 * `denied` is absent.
 */
export function normaliseOperations(value: unknown): SiteOperation[] {
  const given = new Set(phpList(value).filter((v): v is string => typeof v === 'string' && KNOWN.has(v)));
  if (given.has('denied')) return ['denied'];
  given.add('read');
  return GRANTING_OPERATIONS.filter((op) => given.has(op));
}

/** A union of operations in the portal's order, `denied` first. */
export function orderOperations(ops: Iterable<SiteOperation>): SiteOperation[] {
  const set = new Set(ops);
  return (['denied', ...GRANTING_OPERATIONS] as SiteOperation[]).filter((op) => set.has(op));
}

/** Whether a user holding `ops` may see the site at all. */
export function canView(ops: readonly SiteOperation[]): boolean {
  return ops.includes('read') && !ops.includes('denied');
}
