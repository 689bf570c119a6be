/**
 * Final assembly steps shared by the generator: stable ordering and the
 * merged scope table (documented table + overrides + codes seen on pages).
 */
import type { EventInfo, MethodInfo, PlacementInfo, ScopeInfo } from '../../server/src/catalogue/types';
import { requirementScopes } from '../../server/src/catalogue/requirement';
import type { ScopeOverride } from './overrides';
import type { Report } from './build';

/** Codes a requirement mentions. */
export const requirementCodes = requirementScopes;

/** Orders methods by lower-case name, then version, then URL (stable output). */
export function compareMethods(a: MethodInfo, b: MethodInfo): number {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  if (a.version !== b.version) return a.version - b.version;
  return a.url < b.url ? -1 : a.url > b.url ? 1 : 0;
}

/**
 * The scope table: codes from the scopes page, corrected and completed by
 * overrides; any code used by a method or event that is still missing is
 * added with an empty tool and reported.
 */
export function mergeScopes(
  table: ScopeInfo[],
  overrides: ScopeOverride[],
  methods: MethodInfo[],
  /** Events and placements: their requirements count as uses too. */
  others: (EventInfo | PlacementInfo)[],
  report: Report,
): ScopeInfo[] {
  const byCode = new Map<string, ScopeInfo>();
  for (const s of table) byCode.set(s.code, { ...s });
  for (const o of overrides) {
    const s = byCode.get(o.code) ?? { code: o.code, tool: '' };
    if (o.tool !== undefined) s.tool = o.tool;
    if (o.deprecated !== undefined) {
      if (o.deprecated) s.deprecated = true;
      else delete s.deprecated;
    }
    if (o.replacement !== undefined) s.replacement = o.replacement;
    if (o.url !== undefined) s.url = o.url;
    byCode.set(o.code, s);
  }
  const used = new Set<string>();
  for (const m of methods) for (const c of requirementScopes(m.requirement)) used.add(c);
  for (const m of methods) if (m.requirement.kind === 'basic') used.add('basic');
  for (const e of others) for (const c of requirementScopes(e.requirement)) used.add(c);
  for (const c of [...used].sort()) {
    if (byCode.has(c)) continue;
    byCode.set(c, { code: c, tool: '' });
    report.problems.push(`scope code ${c} is used on pages but is neither in the scope table nor in overrides`);
  }
  for (const s of byCode.values()) {
    if (!s.tool) report.problems.push(`scope code ${s.code} has no tool`);
  }
  return [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
