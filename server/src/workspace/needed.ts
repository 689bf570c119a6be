/**
 * The least set of scopes some code needs, worked out from the code alone (no
 * manifest required): each call, bound event and bound placement contributes
 * its requirement; of alternatives the least-privileged code is chosen, and
 * what cannot be decided (names built at run time, names nobody documents)
 * is listed instead of guessed.
 */
import type { ScopeRequirement } from '../catalogue/types';
import { requirementScopes } from '../catalogue/requirement';
import { bindingRequirement, rankByPrivilege } from '../manifest/scope-arithmetic';
import type { FileCalls, ScopeCatalogue } from '../manifest/types';
import type { Locale } from '../l10n/locale';
import { why } from '../l10n/needed-texts';

/** Why one scope is needed: a method called, an event or a placement bound, at `file:line` (1-based). */
export interface Evidence {
  kind: 'method' | 'event' | 'placement';
  name: string;
  file: string;
  line: number;
}

/** Something whose scope cannot be told from the code and the documentation. */
export interface Undecided {
  kind: 'dynamic' | 'unknown-method' | 'unknown-event' | 'unknown-placement' | 'undocumented';
  /** The name as written, or the pattern of a name built at run time (`crm.*.list`). */
  name: string;
  file: string;
  line: number;
  reason: string;
}

/** How an any-of requirement was settled. */
export interface Choice {
  scope: string;
  /** Every code that would have done, least privilege first. */
  among: string[];
  why: string;
}

export interface NeededScopes {
  /** Sorted scope codes. */
  scopes: string[];
  /** Per scope, what needs it, by file and line. */
  evidence: Record<string, Evidence[]>;
  undecided: Undecided[];
  choices: Choice[];
}

export interface NeededInput {
  files: Iterable<FileCalls>;
  catalogue: ScopeCatalogue;
  /** The catalogue as a file sees it (its manifest's `methods.custom` adds methods); default: `catalogue`. */
  viewFor?: (file: string) => ScopeCatalogue;
  /** How evidence names a file (default: as given). */
  label?: (file: string) => string;
  /** The language of the reasons (`why`, `reason`); default English. Codes, names and paths stay as they are. */
  locale?: Locale;
}

/** Scopes documented as narrow-to-broad in one family, for the "why" of a choice. */
const DOCUMENTED_ORDER = ['user_brief', 'user_basic', 'user'];

interface AnyOfNeed {
  options: string[];
  evidence: Evidence;
}

/** The least scope set `files` need, with evidence, choices and what is undecided. */
export function neededScopes(input: NeededInput): NeededScopes {
  const label = input.label ?? ((f: string) => f);
  const viewFor = input.viewFor ?? (() => input.catalogue);
  const evidence = new Map<string, Evidence[]>();
  const alternatives: AnyOfNeed[] = [];
  const undecided: Undecided[] = [];
  const locale = input.locale;
  const add = (scope: string, e: Evidence) => {
    const list = evidence.get(scope);
    if (list) list.push(e);
    else evidence.set(scope, [e]);
  };
  const need = (requirement: ScopeRequirement, e: Evidence) => {
    switch (requirement.kind) {
      case 'basic':
        return;
      case 'unknown':
        undecided.push({
          kind: 'undocumented',
          name: e.name,
          file: e.file,
          line: e.line,
          reason: why(locale, 'undocumented', { use: e, reason: requirement.reason }),
        });
        return;
      case 'anyOf':
        alternatives.push({ options: [...new Set(requirement.scopes)], evidence: e });
        return;
      default:
        for (const s of requirementScopes(requirement)) add(s, e);
    }
  };

  for (const f of input.files) {
    const file = label(f.file);
    const view = viewFor(f.file);
    for (const call of f.calls) {
      const line = call.range.start.line + 1;
      const method = view.get(call.name, call.version) ?? view.get(call.name);
      if (!method) {
        undecided.push({ kind: 'unknown-method', name: call.name, file, line, reason: why(locale, 'unknown-method', {}) });
        continue;
      }
      need(method.requirement, { kind: 'method', name: method.name, file, line });
    }
    for (const site of f.dynamic) {
      undecided.push({ kind: 'dynamic', name: site.pattern, file, line: site.range.start.line + 1, reason: why(locale, 'dynamic', {}) });
    }
    for (const b of f.bindings ?? []) {
      if (b.via.endsWith('.unbind')) continue;
      const line = b.range.start.line + 1;
      const info = b.kind === 'event' ? input.catalogue.event?.(b.name) : input.catalogue.placement?.(b.name);
      if (!info) {
        const kind = b.kind === 'event' ? 'unknown-event' : 'unknown-placement';
        undecided.push({ kind, name: b.name, file, line, reason: why(locale, kind, {}) });
        continue;
      }
      const name = info.name ?? info.code ?? b.name;
      need(bindingRequirement(info), { kind: b.kind, name, file, line });
    }
  }

  const choices = settleAlternatives(alternatives, evidence, input.catalogue, add, locale);
  const scopes = [...evidence.keys()].sort();
  const byPlace = (a: { file: string; line: number }, b: { file: string; line: number }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line;
  return {
    scopes,
    evidence: Object.fromEntries(scopes.map((s) => [s, (evidence.get(s) ?? []).sort(byPlace)])),
    undecided: undecided.sort(byPlace),
    choices,
  };
}

/**
 * Each any-of requirement goes to a scope needed anyway when it can, else to
 * the least-privileged option; requirements with the same options share one choice.
 */
function settleAlternatives(
  alternatives: AnyOfNeed[],
  evidence: Map<string, Evidence[]>,
  catalogue: ScopeCatalogue,
  add: (scope: string, e: Evidence) => void,
  locale: Locale | undefined,
): Choice[] {
  const forced = new Set(evidence.keys());
  const bySet = new Map<string, AnyOfNeed[]>();
  for (const a of alternatives) {
    const key = [...a.options].sort().join(',');
    const list = bySet.get(key);
    if (list) list.push(a);
    else bySet.set(key, [a]);
  }
  const chosen = new Set<string>();
  const choices: Choice[] = [];
  // Smaller option sets first: they constrain more, and a later wider set may reuse their choice.
  const sets = [...bySet.values()].sort((a, b) => a[0].options.length - b[0].options.length || key(a).localeCompare(key(b)));
  for (const needs of sets) {
    const options = needs[0].options;
    const among = rankByPrivilege(options, catalogue);
    const anyway = among.find((s) => forced.has(s));
    const reused = among.find((s) => chosen.has(s));
    const scope = anyway ?? reused ?? among[0];
    const uses = needs.map((n) => n.evidence);
    const reason = anyway
      ? why(locale, 'needed-anyway', { scope: anyway, by: evidence.get(anyway)?.[0], uses })
      : reused
        ? why(locale, 'already-chosen', { scope: reused, uses })
        : leastWhy(scope, among, catalogue, locale);
    chosen.add(scope);
    choices.push({ scope, among, why: reason });
    for (const n of needs) add(scope, n.evidence);
  }
  return choices;
}

function key(needs: AnyOfNeed[]): string {
  return [...needs[0].options].sort().join(',');
}

function leastWhy(scope: string, among: string[], catalogue: ScopeCatalogue, locale: Locale | undefined): string {
  if (among.every((s) => DOCUMENTED_ORDER.includes(s))) return why(locale, 'narrowest', { scope, among });
  const count = (s: string) => catalogue.methodsOfScope(s).length;
  const others = among.filter((s) => s !== scope).map((s) => ({ scope: s, count: count(s) }));
  return why(locale, 'fewest-methods', { scope, count: count(scope), others });
}
