/**
 * Events and placements held in constants and variables: the registration's
 * value is a name (`{ event: EVT }`, `['EVENT' => $e]`, `self::EVENT`,
 * `Events.LEAD_ADD`, `event=EVENT`) whose definition in the document is a
 * string (`const EVT = '…'`, `$e = '…'`, `EVENT = "…"`, `define('EVENT', '…')`,
 * a class constant, or a `LEAD_ADD: '…'` key of an object). Like a method
 * name held in a constant, the binding is reported at the definition's
 * string: that is where hover, "did you mean" fixes and suppressions apply.
 *
 * A loop's variable holds each element of the array it walks, written in
 * place or in a name assigned one array of strings
 * (`for (const e of EVENTS)`, `foreach ($events as $e)`, `for e in EVENTS:`).
 *
 * Only certain values are taken: every assignment to the name in the document
 * must be the same plain string (or it is one loop over an array of plain
 * strings). A name assigned something else anywhere (a call's result, a
 * concatenation, another variable, a different string) is left alone, as is
 * a name with no definition in the document.
 */
import type { BindingReference } from './types';
import { StrFlag, Tok, type TokenStream } from './tokens';
import type { Region } from './lexer';

/** A registration whose value is a name, waiting for the name's definitions. */
export interface PendingValue {
  kind: 'event' | 'placement';
  via: string;
  /** The name to look up: the identifier as written (`EVT`, `$e`), `$prop` for PHP's `$this->prop`. */
  name: string;
  /** A property (`Events.LEAD_ADD`, `this.event`): object keys define it too. */
  member: boolean;
}

/**
 * The name at token `v` when it is the whole value (up to a `,` or a
 * closing bracket): `EVT`, `$e`, `self::EVENT`, `Events.LEAD_ADD`. A call
 * (`f()`), an index or an expression is not a name's value.
 */
export function pendingAt(text: string, ts: TokenStream, region: Region, v: number, kind: 'event' | 'placement', via: string): PendingValue | undefined {
  const k = ts.kind;
  let j = v;
  while (j + 2 < region.tokTo && k[j + 1] === Tok.Member && k[j + 2] === Tok.Ident) j += 2;
  const after = j + 1 < region.tokTo ? k[j + 1] : Tok.RParen;
  if (after !== Tok.Comma && after !== Tok.RParen && after !== Tok.RBrack && after !== Tok.RBrace) return undefined;
  // Object keys define a property (`Events.LEAD_ADD`), never a PHP class constant (`self::EVENT`).
  return { kind, via, name: chainName(text, ts, region, v, j), member: j > v && region.family !== 'php' };
}

/** The name a chain `v … j` (`X`, `self::X`, `Events.X`) is looked up by; `$this->event` is the property declared `$event`. */
function chainName(text: string, ts: TokenStream, region: Region, v: number, j: number): string {
  const name = text.slice(ts.start[j], ts.end[j]);
  if (j > v && region.family === 'php' && name.charCodeAt(0) !== 36 && text.charCodeAt(ts.start[j - 1]) === 45) return '$' + name;
  return name;
}

/** One string a name may hold, with the offsets of its content. */
interface Value {
  value: string;
  start: number;
  end: number;
}

/** What the document assigns to one name. */
interface Definition {
  /** Object keys (`NAME: '…'`) count as definitions. */
  keys: boolean;
  /** The strings the name holds: the one assigned, or each element of the array a loop walks. */
  values: Value[];
  /** Defined by a loop: over `values`, or over the array named `iterates` (read in a second pass). */
  loop: boolean;
  iterates: string | undefined;
  poisoned: boolean;
}

const definition = (keys: boolean): Definition => ({ keys, values: [], loop: false, iterates: undefined, poisoned: false });

/**
 * Resolves each pending name to the strings its definitions give it and
 * adds a binding per string to `out`. One pass over the tokens whatever the
 * number of names, and a second only when a loop walks a named array.
 */
export function resolvePending(text: string, ts: TokenStream, regions: Region[], pending: PendingValue[], out: BindingReference[]): void {
  const defs = new Map<string, Definition>();
  for (const p of pending) {
    const d = defs.get(p.name);
    if (d) d.keys ||= p.member;
    else defs.set(p.name, definition(p.member));
  }
  for (const region of regions) scanRegion(text, ts, region, defs, false);
  const arrays = new Map<string, Definition>();
  for (const d of defs.values()) if (d.iterates !== undefined && !d.poisoned) arrays.set(d.iterates, definition(false));
  if (arrays.size > 0) {
    for (const region of regions) scanRegion(text, ts, region, arrays, true);
    for (const d of defs.values()) {
      if (d.iterates === undefined || d.poisoned) continue;
      const a = arrays.get(d.iterates)!;
      if (a.poisoned) d.poisoned = true;
      else d.values = a.values;
    }
  }
  for (const p of pending) {
    const d = defs.get(p.name)!;
    if (d.poisoned) continue;
    for (const v of d.values) out.push({ kind: p.kind, name: v.value, start: v.start, end: v.end, via: p.via });
  }
}

/** Records into `defs` what `region` assigns to their names: strings, or (`arrays`) arrays of strings. */
function scanRegion(text: string, ts: TokenStream, region: Region, defs: Map<string, Definition>, arrays: boolean): void {
  const { kind, start, end } = ts;
  const from = region.tokFrom;
  const to = region.tokTo;
  // A keyword argument (`bind(event=x)`, C#'s `new { Event = x }`) assigns nothing.
  const keywords = region.family === 'python' || region.family === 'csharp';
  const php = region.family === 'php';
  for (let j = from; j + 1 < to; j++) {
    const k = kind[j];
    if (k !== Tok.Ident && k !== Tok.Str) continue;
    const next = kind[j + 1];
    if (k === Tok.Str) {
      // `define('NAME', '…')`, and `'NAME': '…'` keys.
      if (
        next === Tok.Comma &&
        php &&
        j - 2 >= from &&
        kind[j - 1] === Tok.LParen &&
        kind[j - 2] === Tok.Ident &&
        wordIs(text, start[j - 2], end[j - 2], 'define')
      ) {
        const d = defs.get(text.slice(start[j], end[j]));
        if (d) assign(text, ts, region, j + 2, d, arrays);
      } else if (next === Tok.Colon && !arrays) {
        const d = defs.get(text.slice(start[j], end[j]));
        if (d?.keys) assign(text, ts, region, j + 2, d, false, false);
      }
      continue;
    }
    if (next === Tok.Assign) {
      // `NAME: type = '…'`: the annotation's type is not what is assigned.
      const annotated = j - 2 >= from && kind[j - 1] === Tok.Colon && kind[j - 2] === Tok.Ident;
      const target = annotated ? j - 2 : j;
      const prev = target - 1 >= from ? kind[target - 1] : Tok.Semi;
      if (keywords && (prev === Tok.LParen || prev === Tok.Comma || (prev === Tok.LBrace && region.family === 'csharp'))) continue;
      // `$this->event = '…'` sets the property declared `$event`.
      const property = php && prev === Tok.Member && text.charCodeAt(start[target]) !== 36 && text.charCodeAt(start[target - 1]) === 45;
      const d = defs.get(property ? '$' + text.slice(start[target], end[target]) : text.slice(start[target], end[target]));
      if (d) assign(text, ts, region, j + 2, d, arrays);
    } else if (next === Tok.Colon) {
      const d = defs.get(text.slice(start[j], end[j]));
      if (!d) continue;
      if (isParameter(text, ts, region, j)) d.poisoned = true;
      else if (d.keys && !arrays && !(j + 3 < to && kind[j + 2] === Tok.Ident && kind[j + 3] === Tok.Assign)) assign(text, ts, region, j + 2, d, false, false);
    } else if (
      (next === Tok.Comma || next === Tok.RParen) &&
      j - 1 >= from &&
      (kind[j - 1] === Tok.LParen || kind[j - 1] === Tok.Comma || kind[j - 1] === Tok.Ident) &&
      defs.has(text.slice(start[j], end[j])) &&
      isParameter(text, ts, region, j)
    ) {
      // `function bind($event)`, `def bind(event):`, `(event) =>`: whatever each caller passes.
      defs.get(text.slice(start[j], end[j]))!.poisoned = true;
    } else if (
      (next === Tok.Concat && end[j + 1] - start[j + 1] === 2) ||
      (next === Tok.Op && j + 2 < to && kind[j + 2] === Tok.Assign && end[j + 1] === start[j + 2])
    ) {
      // `x += '…'`, `$x .= '…'`, `x ??= …`: changed in place.
      const d = defs.get(text.slice(start[j], end[j]));
      if (d) d.poisoned = true;
    } else {
      const walked = loopIterable(text, ts, region, j);
      if (walked === undefined) continue;
      const d = defs.get(text.slice(start[j], end[j]));
      if (!d) continue;
      // `for (const e of list)`, `foreach ($list as $e)`, `for e in list:` take each element in turn.
      if (arrays || d.poisoned || d.loop || d.values.length > 0 || walked === null) d.poisoned = true;
      else if (typeof walked === 'string') {
        d.loop = true;
        d.iterates = walked;
      } else {
        d.loop = true;
        const elements = elementsAt(text, ts, region, walked);
        if (elements) d.values = elements;
        else d.poisoned = true;
      }
    }
  }
}

/**
 * Records the value at token `v` as one assignment to `d`: a plain name
 * string, or with `array` set an array of them. Anything else makes the name
 * uncertain, except for an object key (`strict` false), which is only a
 * definition when its value is a string: `{ event: this.event }` is the use,
 * not a second value.
 */
function assign(text: string, ts: TokenStream, region: Region, v: number, d: Definition, array: boolean, strict = true): void {
  if (d.poisoned) return;
  const { kind, start, end } = ts;
  const to = region.tokTo;
  if (array && (d.loop || d.values.length > 0)) {
    // An array is assigned once; a second assignment could hold anything.
    d.poisoned = true;
    return;
  }
  if (array) {
    const elements = v < to ? elementsAt(text, ts, region, v) : undefined;
    if (elements) d.values = elements;
    else d.poisoned = true;
    return;
  }
  if (v >= to || kind[v] !== Tok.Str) {
    if (strict) d.poisoned = true;
    return;
  }
  const value = cleanString(text, ts, to, v);
  if (value === undefined || d.loop) {
    d.poisoned = true;
    return;
  }
  if (d.values.length === 0) d.values.push({ value, start: start[v], end: end[v] });
  else if (d.values[0].value !== value) d.poisoned = true;
}

/** The content of the string at `v` when it is a whole value and a name (not `'ON' + x`, `'X'.lower()`, `'a' 'b'`, `` `ON${x}` ``). */
function cleanString(text: string, ts: TokenStream, to: number, v: number): string | undefined {
  const { kind, start, end } = ts;
  const after = v + 1 < to ? kind[v + 1] : Tok.Semi;
  if (after === Tok.Concat || after === Tok.Op || after === Tok.Member || after === Tok.LParen || after === Tok.LBrack || after === Tok.Str) return undefined;
  if (ts.flags[v] & StrFlag.Dynamic || !isName(text, start[v], end[v])) return undefined;
  return text.slice(start[v], end[v]);
}

/**
 * The strings of the array literal opening at token `v` (`[…]`, PHP's
 * `array(…)`, a Python tuple), each a plain name; PHP's `'key' => 'X'`
 * gives its value. Undefined when any element is something else.
 */
function elementsAt(text: string, ts: TokenStream, region: Region, v: number): Value[] | undefined {
  const { kind, start, end } = ts;
  const to = region.tokTo;
  let open = v;
  if (region.family === 'php' && kind[v] === Tok.Ident && wordIs(text, start[v], end[v], 'array')) open = v + 1;
  if (open >= to || !(kind[open] === Tok.LBrack || (kind[open] === Tok.LParen && (open > v || region.family === 'python')))) return undefined;
  const close = kind[open] + 1;
  const out: Value[] = [];
  for (let j = open + 1; j + 1 < to && out.length < 1000; j += 2) {
    if (kind[j] === close) return out;
    if (kind[j] === Tok.Str && region.family === 'php' && kind[j + 1] === Tok.Arrow) j += 2;
    if (j + 1 >= to || kind[j] !== Tok.Str) return undefined;
    const value = cleanString(text, ts, to, j);
    if (value === undefined) return undefined;
    out.push({ value, start: start[j], end: end[j] });
    if (kind[j + 1] === close) return out;
    if (kind[j + 1] !== Tok.Comma) return undefined;
  }
  return undefined;
}

/** Words before `(` that open a condition or a loop's head, not a parameter list. */
const CONTROL_WORDS = new Set(['if', 'elseif', 'elif', 'while', 'switch', 'for', 'foreach', 'return', 'and', 'or', 'not', 'in']);

/**
 * Whether the identifier at `j` is a parameter of a function declared here:
 * the list it stands in follows `function`, `fn`, `def` or `func` (with or
 * without a name), or is followed by a body (`) {`) or an arrow (`) =>`).
 * Looks a few dozen tokens either way, never further.
 */
function isParameter(text: string, ts: TokenStream, region: Region, j: number): boolean {
  const { kind, start, end } = ts;
  const from = region.tokFrom;
  const to = region.tokTo;
  let open = -1;
  for (let o = j - 1, depth = 0; o >= from && j - o < 64; o--) {
    const k = kind[o];
    if (k === Tok.RParen || k === Tok.RBrack || k === Tok.RBrace) depth++;
    else if (k === Tok.LBrack || k === Tok.LBrace) {
      if (depth-- === 0) return false;
    } else if (k === Tok.LParen && depth-- === 0) {
      open = o;
      break;
    }
  }
  if (open < 0) return false;
  const word = (i: number): string => (i >= from && kind[i] === Tok.Ident ? text.slice(start[i], end[i]) : '');
  const before = word(open - 1);
  if (before === 'function' || before === 'fn' || before === 'func') return true;
  const declares = word(open - 2);
  if (before !== '' && (declares === 'function' || declares === 'def' || declares === 'func' || declares === 'fn')) return true;
  if (CONTROL_WORDS.has(before)) return false;
  for (let c = j + 1, depth = 0; c < to && c - j < 64; c++) {
    const k = kind[c];
    if (k === Tok.LParen || k === Tok.LBrack || k === Tok.LBrace) depth++;
    else if ((k === Tok.RParen || k === Tok.RBrack || k === Tok.RBrace) && depth-- === 0) {
      if (k !== Tok.RParen || c + 1 >= to) return false;
      const after = kind[c + 1];
      return after === Tok.LBrace || after === Tok.Arrow;
    }
  }
  return false;
}

/** Words before a loop variable that `in` follows (`for x in`, `for (const x in`, C#'s `foreach (var x in`). */
const LOOP_WORDS = new Set(['for', 'const', 'let', 'var']);

/**
 * When the identifier at `j` is a loop's variable, what the loop walks: the
 * token opening an array written in place, the name of an array, or null
 * when it is anything else (`Object.values(x)`, `range(3)`). Undefined when
 * `j` is no loop variable. Forms: `x of …` / `for x in …` (JS, Python, C#),
 * `foreach (… as $x)` / `as $k => $x` (PHP).
 */
function loopIterable(text: string, ts: TokenStream, region: Region, j: number): number | string | null | undefined {
  const { kind, start, end } = ts;
  const from = region.tokFrom;
  const to = region.tokTo;
  const afterFor = j - 1 >= from && kind[j - 1] === Tok.Ident && wordIs(text, start[j - 1], end[j - 1], 'for');
  if (j + 2 < to && kind[j + 1] === Tok.Ident) {
    const s = start[j + 1];
    const e = end[j + 1];
    const loop =
      wordIs(text, s, e, 'of') ||
      // `in` also tests membership (`if x in list`): only after `for`, a declaration keyword or a tuple's comma.
      (wordIs(text, s, e, 'in') &&
        j - 1 >= from &&
        (kind[j - 1] === Tok.Comma || (kind[j - 1] === Tok.Ident && LOOP_WORDS.has(text.slice(start[j - 1], end[j - 1])))));
    if (!loop) return afterFor ? null : undefined;
    const v = j + 2;
    if (kind[v] === Tok.LBrack || kind[v] === Tok.LParen) return v;
    if (kind[v] !== Tok.Ident) return null;
    let c = v;
    while (c + 2 < to && kind[c + 1] === Tok.Member && kind[c + 2] === Tok.Ident) c += 2;
    const after = c + 1 < to ? kind[c + 1] : Tok.Semi;
    return after === Tok.RParen || after === Tok.Colon ? chainName(text, ts, region, v, c) : null;
  }
  let as = -1;
  if (j - 1 >= from && kind[j - 1] === Tok.Ident && wordIs(text, start[j - 1], end[j - 1], 'as')) as = j - 1;
  else if (j - 3 >= from && kind[j - 1] === Tok.Arrow && kind[j - 2] === Tok.Ident && kind[j - 3] === Tok.Ident && wordIs(text, start[j - 3], end[j - 3], 'as'))
    as = j - 3;
  if (as < 0) return afterFor ? null : undefined;
  if (region.family !== 'php') return null;
  // `foreach (… as $x)`: what stands between `(` and `as`.
  const last = as - 1;
  if (last < from) return null;
  if (kind[last] === Tok.Ident) {
    let c = last;
    while (c - 2 >= from && kind[c - 1] === Tok.Member && kind[c - 2] === Tok.Ident) c -= 2;
    return c - 1 >= from && kind[c - 1] === Tok.LParen ? chainName(text, ts, region, c, last) : null;
  }
  if (kind[last] !== Tok.RBrack && kind[last] !== Tok.RParen) return null;
  let depth = 0;
  for (let o = last; o >= from && last - o < 4000; o--) {
    const k = kind[o];
    if (k === Tok.RBrack || k === Tok.RParen || k === Tok.RBrace) depth++;
    else if ((k === Tok.LBrack || k === Tok.LParen || k === Tok.LBrace) && --depth === 0) {
      const array = o - 1 >= from && kind[o - 1] === Tok.Ident && wordIs(text, start[o - 1], end[o - 1], 'array');
      const opener = array ? o - 1 : o;
      return opener - 1 >= from && kind[opener - 1] === Tok.LParen ? opener : null;
    }
  }
  return null;
}

function wordIs(text: string, s: number, e: number, word: string): boolean {
  return e - s === word.length && text.startsWith(word, s);
}

/** A name a registration may take: letters, digits and `_`, starting with a letter, at most 120 characters. */
export function isName(text: string, s: number, e: number): boolean {
  if (e <= s || e - s > 120) return false;
  const c = text.charCodeAt(s) | 32;
  if (!(c >= 97 && c <= 122)) return false;
  for (let p = s + 1; p < e; p++) {
    const d = text.charCodeAt(p);
    if (!((d >= 48 && d <= 57) || (d >= 65 && d <= 90) || (d >= 97 && d <= 122) || d === 95)) return false;
  }
  return true;
}
