/**
 * Events and placements held in constants and variables: the registration's
 * value is a name (`{ event: EVT }`, `['EVENT' => $e]`, `self::EVENT`,
 * `Events.LEAD_ADD`, `event=EVENT`) whose definition in the document is a
 * string (`const EVT = '…'`, `$e = '…'`, `EVENT = "…"`, `define('EVENT', '…')`,
 * a class constant, or a `LEAD_ADD: '…'` key of an object). Like a method
 * name held in a constant, the binding is reported at the definition's
 * string: that is where hover, "did you mean" fixes and suppressions apply.
 *
 * Only a certain value is taken: every assignment to the name in the document
 * must be the same plain string. A name assigned something else anywhere (a
 * call's result, a concatenation, another variable, a different string) is
 * left alone, as is a name with no definition in the document.
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
  let name = text.slice(ts.start[j], ts.end[j]);
  // `$this->event` is the property declared as `$event`.
  if (j > v && region.family === 'php' && name.charCodeAt(0) !== 36 && text.charCodeAt(ts.start[j - 1]) === 45) name = '$' + name;
  // Object keys define a property (`Events.LEAD_ADD`), never a PHP class constant (`self::EVENT`).
  return { kind, via, name, member: j > v && region.family !== 'php' };
}

/** What the document assigns to one name. */
interface Definition {
  /** Object keys (`NAME: '…'`, `'NAME' => '…'`) count as definitions. */
  keys: boolean;
  /** The one string assigned so far (offsets of its content), or poisoned. */
  start: number;
  end: number;
  value: string | undefined;
  poisoned: boolean;
}

/**
 * Resolves each pending name to the string every definition gives it and
 * adds its binding to `out`. One pass over the tokens, whatever the number
 * of names.
 */
export function resolvePending(text: string, ts: TokenStream, regions: Region[], pending: PendingValue[], out: BindingReference[]): void {
  const defs = new Map<string, Definition>();
  for (const p of pending) {
    const d = defs.get(p.name);
    if (d) d.keys ||= p.member;
    else defs.set(p.name, { keys: p.member, start: -1, end: -1, value: undefined, poisoned: false });
  }
  for (const region of regions) scanRegion(text, ts, region, defs);
  for (const p of pending) {
    const d = defs.get(p.name)!;
    if (d.poisoned || d.value === undefined) continue;
    out.push({ kind: p.kind, name: d.value, start: d.start, end: d.end, via: p.via });
  }
}

function scanRegion(text: string, ts: TokenStream, region: Region, defs: Map<string, Definition>): void {
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
      // `define('NAME', '…')`, and `'NAME' => '…'` / `'NAME': '…'` keys.
      if (
        next === Tok.Comma &&
        php &&
        j - 2 >= from &&
        kind[j - 1] === Tok.LParen &&
        kind[j - 2] === Tok.Ident &&
        wordIs(text, start[j - 2], end[j - 2], 'define')
      ) {
        const d = defs.get(text.slice(start[j], end[j]));
        if (d) assign(text, ts, to, j + 2, d);
      } else if (next === Tok.Colon) {
        const d = defs.get(text.slice(start[j], end[j]));
        if (d?.keys) assign(text, ts, to, j + 2, d, false);
      }
      continue;
    }
    if (next === Tok.Assign) {
      // `NAME: type = '…'`: the annotation's type is not what is assigned.
      const annotated = j - 2 >= from && kind[j - 1] === Tok.Colon && kind[j - 2] === Tok.Ident;
      const target = annotated ? j - 2 : j;
      const prev = target - 1 >= from ? kind[target - 1] : Tok.Semi;
      if (keywords && (prev === Tok.LParen || prev === Tok.Comma || (prev === Tok.LBrace && region.family === 'csharp'))) continue;
      const d = defs.get(text.slice(start[target], end[target]));
      if (d) assign(text, ts, to, j + 2, d);
    } else if (next === Tok.Colon) {
      const d = defs.get(text.slice(start[j], end[j]));
      if (d?.keys && !(j + 3 < to && kind[j + 2] === Tok.Ident && kind[j + 3] === Tok.Assign)) assign(text, ts, to, j + 2, d, false);
    } else if (
      (next === Tok.Concat && end[j + 1] - start[j + 1] === 2) ||
      (next === Tok.Op && j + 2 < to && kind[j + 2] === Tok.Assign && end[j + 1] === start[j + 2])
    ) {
      // `x += '…'`, `$x .= '…'`, `x ??= …`: changed in place.
      const d = defs.get(text.slice(start[j], end[j]));
      if (d) d.poisoned = true;
    } else if (isLoopVariable(text, ts, from, j)) {
      // `for (const e of list)`, `foreach ($list as $e)`, `for e in list:` take each element in turn.
      const d = defs.get(text.slice(start[j], end[j]));
      if (d) d.poisoned = true;
    }
  }
}

/**
 * Records the value at token `v` as one assignment to `d`. Anything but a
 * plain name string makes the name uncertain, except for an object key
 * (`strict` false), which is only a definition when its value is a string:
 * `{ event: this.event }` is the use, not a second value.
 */
function assign(text: string, ts: TokenStream, to: number, v: number, d: Definition, strict = true): void {
  if (d.poisoned) return;
  const { kind, start, end } = ts;
  if (v >= to || kind[v] !== Tok.Str) {
    if (strict) d.poisoned = true;
    return;
  }
  // `'ON' + x`, `'X'.suffix()`, `'X'[0]`, `'a' 'b'`: the string is only part of the value.
  const after = v + 1 < to ? kind[v + 1] : Tok.Semi;
  const partial = after === Tok.Concat || after === Tok.Op || after === Tok.Member || after === Tok.LParen || after === Tok.LBrack || after === Tok.Str;
  if (partial || ts.flags[v] & StrFlag.Dynamic || !isName(text, start[v], end[v])) {
    d.poisoned = true;
    return;
  }
  const value = text.slice(start[v], end[v]);
  if (d.value === undefined) {
    d.value = value;
    d.start = start[v];
    d.end = end[v];
  } else if (d.value !== value) d.poisoned = true;
}

/** Words before a loop variable that `in` follows (`for x in`, `for (const x in`, C#'s `foreach (var x in`). */
const LOOP_WORDS = new Set(['for', 'const', 'let', 'var']);

/** Whether the identifier at `j` is a loop's variable: `x of`, `for x in` (JS, Python, C#), `as x` / `as k => x` (PHP). */
function isLoopVariable(text: string, ts: TokenStream, from: number, j: number): boolean {
  const { kind, start, end } = ts;
  if (j + 1 < ts.length && kind[j + 1] === Tok.Ident) {
    const s = start[j + 1];
    const e = end[j + 1];
    if (wordIs(text, s, e, 'of')) return true;
    // `in` also tests membership (`if x in list`): only after `for`, a declaration keyword or a tuple's comma.
    if (
      wordIs(text, s, e, 'in') &&
      j - 1 >= from &&
      (kind[j - 1] === Tok.Comma || (kind[j - 1] === Tok.Ident && LOOP_WORDS.has(text.slice(start[j - 1], end[j - 1]))))
    )
      return true;
  }
  if (j - 1 >= from && kind[j - 1] === Tok.Ident && wordIs(text, start[j - 1], end[j - 1], 'as')) return true;
  return j - 3 >= from && kind[j - 1] === Tok.Arrow && kind[j - 2] === Tok.Ident && kind[j - 3] === Tok.Ident && wordIs(text, start[j - 3], end[j - 3], 'as');
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
