/**
 * Recall and precision of the analysis on the official documentation's
 * examples, for methods, events and placements apart. Used by the accuracy
 * script (which prints it) and by the unit test that enforces the targets.
 *
 * Labels (what a reader says each example does):
 * - methods: an example of a method page calls that page's method;
 * - events / placements: what `binding-labels.ts` reads from the example's text.
 * Each example's expected and found names are compared as sets (case-insensitive):
 * found-and-expected is a true positive, expected-only a miss, found-only a false positive.
 *
 * Three views of the same comparisons:
 * - per example, grouped by language (the fence's family: php, js, shell, ...);
 * - per page: the union over a page's examples, so the mirrored language tabs of one page count once;
 * - every disagreement, as a stable line, so a test can hold the list of known ones.
 */
import { join } from 'node:path';
import { analyse } from '../../server/src/analysis/analyse';
import type { MethodNames } from '../../server/src/analysis/types';
import { bindingLabels } from './binding-labels';
import { allExamples, docExamples } from './docs-corpus';

export type Kind = 'methods' | 'events' | 'placements';
export const KINDS: Kind[] = ['methods', 'events', 'placements'];

/** Counts of one view. */
export interface Tally {
  tp: number;
  fp: number;
  fn: number;
  /** Examples (or pages) with at least one expected or found name. */
  units: number;
}

export interface KindResult {
  examples: Tally;
  pages: Tally;
  languages: Map<string, Tally>;
}

export interface DocsAccuracy {
  kinds: Record<Kind, KindResult>;
  /** `<kind> <missed|extra> <name> in <page> [<tab>]`, sorted, one line per distinct disagreement. */
  disagreements: string[];
  examples: number;
  pages: number;
  bytes: number;
  ms: number;
}

export const RECALL_TARGET = 0.98;
export const PRECISION_TARGET = 0.99;

const tally = (): Tally => ({ tp: 0, fp: 0, fn: 0, units: 0 });
export const recall = (t: Tally): number => (t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn));
export const precision = (t: Tally): number => (t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp));

/** Adds one comparison of expected and found name sets (lower case) to `t`; returns the misses and extras. */
function compare(t: Tally, expected: Set<string>, found: Set<string>): { missed: string[]; extra: string[] } {
  const missed = [...expected].filter((x) => !found.has(x));
  const extra = [...found].filter((x) => !expected.has(x));
  t.tp += expected.size - missed.length;
  t.fn += missed.length;
  t.fp += extra.length;
  if (expected.size || found.size) t.units++;
  return { missed, extra };
}

/** Measures the analysis on the docs at `docsRoot` (the folder holding `en/`). */
export function measureDocs(docsRoot: string, names: MethodNames): DocsAccuracy {
  const en = join(docsRoot, 'en');
  const kinds = {} as Record<Kind, KindResult>;
  for (const k of KINDS) kinds[k] = { examples: tally(), pages: tally(), languages: new Map() };
  const perPage = new Map<string, Record<Kind, { expected: Set<string>; found: Set<string> }>>();
  const disagreements = new Set<string>();
  const pageOf = (page: string): Record<Kind, { expected: Set<string>; found: Set<string> }> => {
    let p = perPage.get(page);
    if (!p) {
      p = {
        methods: { expected: new Set(), found: new Set() },
        events: { expected: new Set(), found: new Set() },
        placements: { expected: new Set(), found: new Set() },
      };
      perPage.set(page, p);
    }
    return p;
  };
  const record = (kind: Kind, page: string, tab: string, family: string, expected: Set<string>, found: Set<string>): void => {
    const r = kinds[kind];
    const { missed, extra } = compare(r.examples, expected, found);
    let lang = r.languages.get(family);
    if (!lang) r.languages.set(family, (lang = tally()));
    compare(lang, expected, found);
    const p = pageOf(page)[kind];
    for (const x of expected) p.expected.add(x);
    for (const x of found) p.found.add(x);
    for (const x of missed) disagreements.add(`${kind} missed ${x} in ${page} [${tab}]`);
    for (const x of extra) disagreements.add(`${kind} extra ${x} in ${page} [${tab}]`);
  };

  let bytes = 0;
  let count = 0;
  const started = process.hrtime.bigint();
  // Methods: the examples of method pages.
  const methodExamples = docExamples(en, names);
  for (const ex of methodExamples) {
    const a = analyse(ex.text, ex.family, names);
    record('methods', ex.page, ex.label, ex.family, new Set([ex.method.toLowerCase()]), new Set(a.references.map((r) => r.name.toLowerCase())));
  }
  // Events and placements: every example of every page.
  for (const ex of allExamples(en)) {
    bytes += ex.text.length;
    count++;
    const labels = bindingLabels(ex.text);
    const a = analyse(ex.text, ex.family, names);
    for (const kind of ['events', 'placements'] as const) {
      const k = kind === 'events' ? 'event' : 'placement';
      const expected = new Set(labels.filter((l) => l.kind === k).map((l) => l.name.toLowerCase()));
      const found = new Set(a.bindings.filter((b) => b.kind === k).map((b) => b.name.toLowerCase()));
      if (expected.size || found.size) record(kind, ex.page, ex.label, ex.family, expected, found);
    }
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  for (const p of perPage.values()) for (const k of KINDS) compare(kinds[k].pages, p[k].expected, p[k].found);
  return { kinds, disagreements: [...disagreements].sort(), examples: count, pages: perPage.size, bytes, ms };
}
