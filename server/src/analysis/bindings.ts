/**
 * Events and placements named in registration calls: the `event` value of
 * `event.bind`/`event.unbind`, the `PLACEMENT` value of
 * `placement.bind`/`placement.unbind`, and the placements that
 * `userfieldtype.add` (USERFIELD_TYPE) and `imconnector.register`
 * (SETTING_CONNECTOR) create without naming them. Runs after the method
 * references are known, and only for the few that register something, so
 * documents without registrations pay one map lookup per reference. A value
 * held in a constant or variable (`{ event: EVT }`) is resolved to its
 * definition's string by `binding-values.ts`.
 */
import type { BindingReference, MethodReference } from './types';
import type { ConstantCandidate } from './recognise';
import { StrFlag, Tok, type TokenStream } from './tokens';
import type { Region } from './lexer';
import { pendingAt, resolvePending, type PendingValue } from './binding-values';
import { isName } from './binding-forms';

/** The key a registering method takes its name from, or the placement it creates itself. */
type Registration = { kind: 'event' | 'placement'; key: string; implied?: undefined } | { kind: 'placement'; key?: undefined; implied: string };

/** Registering methods (lower case, as documented) and what they register. */
const REGISTRATIONS = new Map<string, Registration>([
  ['event.bind', { kind: 'event', key: 'event' }],
  ['event.unbind', { kind: 'event', key: 'event' }],
  ['placement.bind', { kind: 'placement', key: 'placement' }],
  ['placement.unbind', { kind: 'placement', key: 'placement' }],
  // widgets/user-field/index.md: "the placement is created by userfieldtype.add".
  ['userfieldtype.add', { kind: 'placement', implied: 'USERFIELD_TYPE' }],
  // widgets/setting-connector.md: imconnector.register creates the SETTING_CONNECTOR binding itself.
  ['imconnector.register', { kind: 'placement', implied: 'SETTING_CONNECTOR' }],
]);

/** Whether `name` (any case) registers an event or a placement. */
export function isRegistration(name: string): boolean {
  return REGISTRATIONS.has(name.toLowerCase());
}

/** What the recogniser found about constants: their definitions, and the method slots they fill. */
export interface ConstantUses {
  constants: ConstantCandidate[];
  /** Identifier → the tokens where it fills a method slot (`callMethod(BIND, …)`). */
  slotIdents: Map<string, number[]>;
}

/**
 * The bindings of the registering references among `refs` (sorted by
 * start). Implied placements carry the offsets of the method name itself.
 * A registering method held in a constant (`const BIND = 'event.bind'`) takes
 * its value from the params of each call the constant fills (`uses`).
 */
export function findBindings(text: string, ts: TokenStream, regions: Region[], refs: MethodReference[], uses?: ConstantUses): BindingReference[] {
  const out: BindingReference[] = [];
  const pending: PendingValue[] = [];
  let constantNames: Map<MethodReference, string> | undefined;
  for (const ref of refs) {
    // Cheap pre-check on the last letter (d/e/r of bind, unbind, add, register) before lower-casing.
    const last = ref.name.charCodeAt(ref.name.length - 1) | 32;
    if (last !== 100 && last !== 114) continue;
    const via = ref.name.toLowerCase();
    const reg = REGISTRATIONS.get(via);
    if (!reg) continue;
    if (reg.implied !== undefined) {
      out.push({ kind: reg.kind, name: reg.implied, start: ref.start, end: ref.end, via });
      continue;
    }
    const before = out.length;
    const region = regionAt(regions, ref.start);
    // `m?event=X&…`, `/rest/m.json?event=X`: the query string right after the name.
    queryValue(text, ref.end, reg, via, out);
    if (out.length === before && ref.paramsRange && region) literalValue(text, ts, region, ref.paramsRange.start, reg, via, out, pending);
    if (out.length === before && region && (region.family === 'shell' || region.family === 'http')) requestBody(text, region, ref, reg, via, out);
    if (out.length === before && ref.context === 'constant' && uses) {
      constantNames ??= new Map(uses.constants.map((c) => [c.ref, c.name]));
      const name = constantNames.get(ref);
      for (const u of (name !== undefined && uses.slotIdents.get(name)) || []) {
        // `callMethod(BIND, {…})`, `CRest::call(self::BIND, [...])`, `array(…)`: the next argument.
        let o = u + 2;
        const at = regionAt(regions, ts.start[u]);
        if (!at || o >= at.tokTo || ts.kind[u + 1] !== Tok.Comma) continue;
        if (at.family === 'php' && ts.kind[o] === Tok.Ident && sameWord(text, ts.start[o], ts.end[o], 'array')) o++;
        if (o < at.tokTo) literalValue(text, ts, at, ts.start[o], reg, via, out, pending);
      }
    }
  }
  if (pending.length > 0) resolvePending(text, ts, regions, pending, out);
  return out;
}

function regionAt(regions: Region[], offset: number): Region | undefined {
  let best: Region | undefined;
  for (const r of regions) {
    if (r.from <= offset && offset < r.to && (!best || r.to - r.from < best.to - best.from)) best = r;
  }
  return best;
}

/** A name a registration may take: letters, digits and `_`, starting with a letter. */
function nameEnd(text: string, p: number): number {
  const c = text.charCodeAt(p) | 32;
  if (!(c >= 97 && c <= 122)) return p;
  let e = p + 1;
  for (; e < text.length; e++) {
    const d = text.charCodeAt(e);
    if (!((d >= 48 && d <= 57) || (d >= 65 && d <= 90) || (d >= 97 && d <= 122) || d === 95)) break;
  }
  return e;
}

/** Whether `text[s, e)` equals lower-case `word` without regard to case. */
function sameWord(text: string, s: number, e: number, word: string): boolean {
  if (e - s !== word.length) return false;
  for (let k = 0; k < word.length; k++) if ((text.charCodeAt(s + k) | 32) !== word.charCodeAt(k)) return false;
  return true;
}

/** Reads `?key=value&…` (after an optional `.json`/`.xml`) starting at `p`. */
function queryValue(text: string, p: number, reg: Registration, via: string, out: BindingReference[]): void {
  if (text.startsWith('.json', p)) p += 5;
  else if (text.startsWith('.xml', p)) p += 4;
  if (text.charCodeAt(p) !== 63) return;
  let q = p + 1;
  for (let n = 0; n < 32 && q < text.length; n++) {
    const ke = nameEnd(text, q);
    if (ke === q) return;
    if (text.charCodeAt(ke) === 61) {
      const ve = nameEnd(text, ke + 1);
      const after = text.charCodeAt(ve);
      // The value must end where the query string does or at the next field (not `${…}` or `{{…}}`).
      if (sameWord(text, q, ke, reg.key!) && ve > ke + 1 && after !== 36 && after !== 123) {
        out.push({ kind: reg.kind, name: text.slice(ke + 1, ve), start: ke + 1, end: ve, via });
        return;
      }
    }
    const amp = text.indexOf('&', ke);
    if (amp < 0 || amp - ke > 2000) return;
    q = amp + 1;
  }
}

/** Index of the token starting at `offset` in `region`, or -1 (binary search: a region's tokens are in text order). */
function tokenAt(ts: TokenStream, region: Region, offset: number): number {
  let lo = region.tokFrom;
  let hi = region.tokTo;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ts.start[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < region.tokTo && ts.start[lo] === offset ? lo : -1;
}

/**
 * The params literal (or argument list) opening at `open`: the string value
 * of its top-level `key` (`event: 'X'`, `'EVENT' => 'X'`, `event='X'`), or,
 * in an SDK method's argument list without keywords, its first argument.
 * A name in its place (`event: EVT`) goes to `pending`.
 */
function literalValue(
  text: string,
  ts: TokenStream,
  region: Region,
  open: number,
  reg: Registration,
  via: string,
  out: BindingReference[],
  pending: PendingValue[],
): void {
  const o = tokenAt(ts, region, open);
  if (o < 0) return;
  const { kind, start, end, flags } = ts;
  const opener = kind[o];
  if (opener !== Tok.LParen && opener !== Tok.LBrack && opener !== Tok.LBrace) return;
  let depth = 0;
  for (let j = o + 1; j < region.tokTo; j++) {
    const k = kind[j];
    if (k === Tok.LParen || k === Tok.LBrack || k === Tok.LBrace) depth++;
    else if (k === Tok.RParen || k === Tok.RBrack || k === Tok.RBrace) {
      if (depth-- === 0) break;
    } else if (depth === 0 && (k === Tok.Ident || k === Tok.Str) && j + 2 < region.tokTo && sameWord(text, start[j], end[j], reg.key!)) {
      const sep = kind[j + 1];
      const v = j + 2;
      if (sep !== Tok.Colon && sep !== Tok.Arrow && sep !== Tok.Assign) continue;
      if (kind[v] === Tok.Str && !(flags[v] & StrFlag.Dynamic) && isName(text, start[v], end[v])) {
        out.push({ kind: reg.kind, name: text.slice(start[v], end[v]), start: start[v], end: end[v], via });
        return;
      }
      if (kind[v] === Tok.Ident) {
        const p = pendingAt(text, ts, region, v, reg.kind, via);
        if (p) {
          pending.push(p);
          return;
        }
      }
    }
  }
  // `->event()->bind('ONCRMDEALADD', $url)`: b24phpsdk's typed services take the name first.
  if (opener === Tok.LParen && region.family === 'php' && o + 1 < region.tokTo) {
    const s = start[o + 1];
    const e = end[o + 1];
    const next = o + 2 < region.tokTo ? kind[o + 2] : Tok.RParen;
    if (kind[o + 1] === Tok.Str && !(flags[o + 1] & StrFlag.Dynamic)) {
      if ((next === Tok.Comma || next === Tok.RParen) && isName(text, s, e)) out.push({ kind: reg.kind, name: text.slice(s, e), start: s, end: e, via });
    } else if (kind[o + 1] === Tok.Ident) {
      const p = pendingAt(text, ts, region, o + 1, reg.kind, via);
      if (p) pending.push(p);
    }
  }
}

/** Keys as written in JSON bodies, form fields and query strings of a shell command or an HTTP request. */
const BODY_KEY = /(["']?)\b(event|placement)\1\s*[:=]\s*["']?([A-Za-z][A-Za-z0-9_]*)/gi;

/**
 * A cURL command or `.http` request naming a registering method in its URL:
 * the event or placement is in its body (`-d '{"event": "X"}'`, `event=X`).
 */
function requestBody(text: string, region: Region, ref: MethodReference, reg: Registration, via: string, out: BindingReference[]): void {
  const [from, to] = region.family === 'shell' ? commandAround(text, region, ref.start) : requestAround(text, region, ref.start);
  BODY_KEY.lastIndex = from;
  const window = text.slice(0, to);
  for (let m = BODY_KEY.exec(window); m; m = BODY_KEY.exec(window)) {
    if (m[2].toLowerCase() !== reg.key) continue;
    const s = m.index + m[0].length - m[3].length;
    out.push({ kind: reg.kind, name: m[3], start: s, end: s + m[3].length, via });
    return;
  }
}

/** The shell command around `at`: lines joined by a trailing `\\` or by an open quote (`-d '{` … `}'`). */
function commandAround(text: string, region: Region, at: number): [number, number] {
  let cmd = region.from;
  let quote = 0;
  for (let p = region.from; p < region.to; p++) {
    const c = text.charCodeAt(p);
    if (quote === 0 && (c === 39 || c === 34)) quote = c;
    else if (c === quote) quote = 0;
    else if (c === 92 && quote !== 39)
      p++; // an escaped character, or a line continuation
    else if (c === 10 && quote === 0) {
      if (p >= at) return [cmd, p];
      cmd = p + 1;
    }
  }
  return [cmd, region.to];
}

/** The `.http` request around `at`: up to the next `###` separator. */
function requestAround(text: string, region: Region, at: number): [number, number] {
  const next = text.indexOf('\n###', at);
  return [at, next < 0 || next > region.to ? region.to : next];
}
