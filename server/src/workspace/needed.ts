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
  const add = (scope: string, e: Evidence) => {
    const list = evidence.get(scope);
    if (list) list.push(e);
    else evidence.set(scope, [e]);
  };
  const need = (requirement: ScopeRequirement, e: Evidence, what: string) => {
    switch (requirement.kind) {
      case 'basic':
        return;
      case 'unknown':
        undecided.push({
          kind: 'undocumented',
          name: e.name,
          file: e.file,
          line: e.line,
          reason: `the documentation does not say which scope ${what} needs (${requirement.reason})`,
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
        undecided.push({ kind: 'unknown-method', name: call.name, file, line, reason: 'no documented or declared method has this name' });
        continue;
      }
      need(method.requirement, { kind: 'method', name: method.name, file, line }, `'${method.name}'`);
    }
    for (const site of f.dynamic) {
      undecided.push({ kind: 'dynamic', name: site.pattern, file, line: site.range.start.line + 1, reason: 'the method name is built at run time' });
    }
    for (const b of f.bindings ?? []) {
      if (b.via.endsWith('.unbind')) continue;
      const line = b.range.start.line + 1;
      const info = b.kind === 'event' ? input.catalogue.event?.(b.name) : input.catalogue.placement?.(b.name);
      if (!info) {
        const kind = b.kind === 'event' ? 'unknown-event' : 'unknown-placement';
        undecided.push({ kind, name: b.name, file, line, reason: `no documented ${b.kind} has this name` });
        continue;
      }
      const name = info.name ?? info.code ?? b.name;
      need(bindingRequirement(info), { kind: b.kind, name, file, line }, `the ${b.kind} '${name}'`);
    }
  }

  const choices = settleAlternatives(alternatives, evidence, input.catalogue, add);
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
    const why = anyway
      ? `'${anyway}' is needed anyway by ${describe(evidence.get(anyway)?.[0])}, and it satisfies ${describeNeeds(needs)}`
      : reused
        ? `'${reused}' is already chosen for another call, and it satisfies ${describeNeeds(needs)}`
        : leastWhy(scope, among, catalogue);
    chosen.add(scope);
    choices.push({ scope, among, why });
    for (const n of needs) add(scope, n.evidence);
  }
  return choices;
}

function key(needs: AnyOfNeed[]): string {
  return [...needs[0].options].sort().join(',');
}

function leastWhy(scope: string, among: string[], catalogue: ScopeCatalogue): string {
  if (among.every((s) => DOCUMENTED_ORDER.includes(s))) {
    return `'${scope}' is the narrowest of ${among.map((s) => `'${s}'`).join(', ')} (the documentation ranks them from minimal to full access)`;
  }
  const count = (s: string) => catalogue.methodsOfScope(s).length;
  const others = among.filter((s) => s !== scope).map((s) => `'${s}' ${count(s)}`);
  return `'${scope}' grants the fewest methods (${count(scope)}; ${others.join(', ')}), so it is the least privilege`;
}

function describe(e: Evidence | undefined): string {
  if (!e) return 'another call';
  const what = e.kind === 'method' ? `'${e.name}'` : `the ${e.kind} '${e.name}'`;
  return `${what} (${e.file}:${e.line})`;
}

function describeNeeds(needs: AnyOfNeed[]): string {
  const names = [...new Set(needs.map((n) => (n.evidence.kind === 'method' ? `'${n.evidence.name}'` : `the ${n.evidence.kind} '${n.evidence.name}'`)))];
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}
