/**
 * Reviewed decisions the generator cannot take from one page alone: how a
 * set of scope codes combines, where the English pages and the Russian spec
 * disagree, scope codes that appear only on method pages, and methods with
 * no page of their own. Every entry carries a `reason`; entries that match
 * nothing are reported as stale.
 */
import { readFileSync } from 'node:fs';
import type { ExecutorClass, MethodInfo, ScopeRequirement } from '../../server/src/catalogue/types';
import type { CombinationRule } from './scope-line';

/** Changes to generated methods whose name matches `match` (exact, or a prefix ending in `*`). */
export interface MethodOverride {
  match: string;
  version?: 2 | 3;
  requirement?: ScopeRequirement;
  who?: string;
  whoClass?: ExecutorClass;
  deprecated?: boolean;
  replacement?: string;
  appOnly?: boolean;
  adminConfirm?: boolean;
  reason: string;
}

/** A method documented without a page of its own (e.g. in the REST 3.0 overview). */
export interface ExtraMethod extends Omit<MethodInfo, 'params'> {
  params?: MethodInfo['params'];
  reason: string;
}

/** Facts about a scope code the scope table lacks or states differently. */
export interface ScopeOverride {
  code: string;
  tool?: string;
  deprecated?: boolean;
  replacement?: string;
  url?: string;
  reason: string;
}

/** A page classified by hand because its text does not say what it is. */
export interface PageOverride {
  path: string;
  kind: 'guide' | 'placement' | 'js' | 'none';
  reason: string;
}

/** The overrides file. */
export interface Overrides {
  combinations: CombinationRule[];
  methods: MethodOverride[];
  extraMethods: ExtraMethod[];
  scopes: ScopeOverride[];
  pages: PageOverride[];
}

/** An empty set of overrides (fixtures start from it). */
export function noOverrides(): Overrides {
  return { combinations: [], methods: [], extraMethods: [], scopes: [], pages: [] };
}

/** Loads and checks the overrides file: every entry needs a non-empty reason. */
export function loadOverrides(file: string): Overrides {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<Overrides>;
  const o: Overrides = { ...noOverrides(), ...raw };
  const all: { reason?: string }[] = [...o.combinations, ...o.methods, ...o.extraMethods, ...o.scopes, ...o.pages];
  const missing = all.filter((e) => typeof e.reason !== 'string' || e.reason.trim().length < 10);
  if (missing.length) throw new Error(`${file}: ${missing.length} entries without a reason: ${JSON.stringify(missing[0])}`);
  return o;
}

/** True when an override's `match` selects this method. */
export function matches(o: MethodOverride, m: MethodInfo): boolean {
  if (o.version && o.version !== m.version) return false;
  const want = o.match.toLowerCase();
  const name = m.name.toLowerCase();
  return want.endsWith('*') ? name.startsWith(want.slice(0, -1)) : name === want;
}

/** Applies method overrides in file order; returns the set of overrides that matched something. */
export function applyMethodOverrides(methods: MethodInfo[], overrides: MethodOverride[]): Set<MethodOverride> {
  const used = new Set<MethodOverride>();
  for (const o of overrides) {
    for (const m of methods) {
      if (!matches(o, m)) continue;
      used.add(o);
      if (o.requirement) m.requirement = o.requirement;
      if (o.who !== undefined) m.who = o.who;
      if (o.whoClass) m.whoClass = o.whoClass;
      if (o.deprecated !== undefined) m.deprecated = o.deprecated || undefined;
      if (o.replacement !== undefined) m.replacement = o.replacement || undefined;
      if (o.appOnly !== undefined) m.appOnly = o.appOnly || undefined;
      if (o.adminConfirm !== undefined) m.adminConfirm = o.adminConfirm || undefined;
    }
  }
  return used;
}
