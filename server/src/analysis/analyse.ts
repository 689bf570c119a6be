/**
 * Call-site analysis: the REST method references of a document. Pure and
 * linear in the document's length; never throws on malformed input.
 */
import type { BindingReference, DocumentAnalysis, LanguageFamily, MethodNames, MethodReference } from './types';
import { Tok, TokenStream, isIdentPart } from './tokens';
import { lexDocument, type Region } from './lexer';
import { Recogniser, type Findings } from './recognise';
import { findBindings } from './bindings';
import { suppressionMarkers, suppressionsFrom } from './suppressions';

export { familyOf } from './family';
export { referenceAt } from './reference-at';
export { completionContextAt } from './completion-context';
export { createMethodNames } from './method-names';

/** Finds the REST method references, unresolved dynamic names and suppression comments of `text`. */
export function analyse(text: string, family: LanguageFamily, names: MethodNames): DocumentAnalysis {
  const ts = scratchTokens(text.length);
  const markers = suppressionMarkers(text);
  ts.collectComments = markers.length > 0;
  const regions = lexDocument(text, family, ts);
  const restHits = indexesOf(text, '/rest/');
  const found: Findings = { references: [], unresolved: [], constants: [], slotIdents: new Map(), sdkVars: new Map() };
  for (const region of regions) new Recogniser(text, ts, region, names, restHits, found).run();
  resolveConstants(text, ts, regions, found);
  const byStart = (a: { start: number }, b: { start: number }): number => a.start - b.start;
  const references = dedupe(found.references.sort(byStart));
  return {
    references,
    unresolved: dedupe(found.unresolved.sort(byStart)),
    bindings: dedupe(findBindings(text, ts, regions, references, found).sort(bindFirst)),
    suppressions: suppressionsFrom(text, markers, ts.comments),
  };
}

/**
 * Document order; at one range (a constant both bound and unbound) the
 * binding first, so the one kept asks for the scope.
 */
function bindFirst(a: BindingReference, b: BindingReference): number {
  return a.start - b.start || Number(a.via.endsWith('.unbind')) - Number(b.via.endsWith('.unbind'));
}

let scratch: TokenStream | undefined;

/**
 * A token stream for one analysis. The arrays of the last one are reused
 * (analysis is synchronous and keeps no token after it returns), which saves
 * allocating and zeroing them for every document; very large ones are let go.
 * Sized up front for the text (dense code has about one token per three
 * characters), so a large document's tokens are not copied from array to
 * ever larger array as they are found.
 */
function scratchTokens(textLength: number): TokenStream {
  const expected = Math.ceil(textLength / 3);
  const ts = scratch ?? new TokenStream(expected);
  ts.reset();
  ts.reserve(expected);
  scratch = ts.kind.length <= 1 << 21 ? ts : undefined;
  return ts;
}

/** Every offset of `needle` in `text`, ascending. */
function indexesOf(text: string, needle: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) at.push(i);
  return at;
}

/**
 * A constant holding a method name is `constant` when the file uses it; a
 * dotless one (`'profile'`) counts only when it fills a method slot.
 */
function resolveConstants(text: string, ts: TokenStream, regions: Region[], found: Findings): void {
  // Few constants: a native search each. Many: one pass over the identifiers (searching each would be quadratic).
  const used = found.constants.length > 32 ? identifierCounts(text, ts, regions, found) : undefined;
  for (const c of found.constants) {
    if (!c.dotted) {
      if (found.slotIdents.has(c.name)) {
        c.ref.context = 'constant';
        found.references.push(c.ref);
      }
    } else if (used ? (used.get(c.name) ?? 0) >= 2 : usedElsewhere(text, c.name)) {
      c.ref.context = 'constant';
    }
  }
}

/** How often each constant's name occurs as an identifier token (definitions included, `define` strings too). */
function identifierCounts(text: string, ts: TokenStream, regions: Region[], found: Findings): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of found.constants) counts.set(c.name, c.nameTok >= 0 && ts.kind[c.nameTok] === Tok.Str ? 1 : 0);
  for (const r of regions) {
    for (let i = r.tokFrom; i < r.tokTo; i++) {
      if (ts.kind[i] !== Tok.Ident) continue;
      const name = text.slice(ts.start[i], ts.end[i]);
      const n = counts.get(name);
      if (n !== undefined) counts.set(name, n + 1);
    }
  }
  return counts;
}

/** Whether identifier `name` occurs in `text` besides its definition (twice or more in all). */
function usedElsewhere(text: string, name: string): boolean {
  let seen = 0;
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + name.length)) {
    if (i > 0 && isIdentPart(text.charCodeAt(i - 1))) continue;
    if (isIdentPart(text.charCodeAt(i + name.length))) continue;
    if (++seen === 2) return true;
  }
  return false;
}

/** Drops exact duplicates (a string seen by two regions, e.g. PHP around a script). */
function dedupe<T extends { start: number; end: number }>(list: T[]): T[] {
  let w = 0;
  for (let i = 0; i < list.length; i++) {
    if (w > 0 && list[w - 1].start === list[i].start && list[w - 1].end === list[i].end) continue;
    list[w++] = list[i];
  }
  list.length = w;
  return list;
}

export type { MethodReference };
