/**
 * The shapes of code that give a name its value, read from the tokens around
 * it, for `binding-values.ts`: a plain string, an array of them, a loop's
 * variable and what the loop walks, a function's parameter. Each looks a
 * bounded number of tokens around one position.
 */
import { StrFlag, Tok, type TokenStream } from './tokens';
import type { Region } from './lexer';

/** One string a name may hold, with the offsets of its content. */
export interface Value {
  value: string;
  start: number;
  end: number;
}

/** The name a chain `v … j` (`X`, `self::X`, `Events.X`) is looked up by; `$this->event` is the property declared `$event`. */
export function chainName(text: string, ts: TokenStream, region: Region, v: number, j: number): string {
  const name = text.slice(ts.start[j], ts.end[j]);
  if (j > v && region.family === 'php' && name.charCodeAt(0) !== 36 && text.charCodeAt(ts.start[j - 1]) === 45) return '$' + name;
  return name;
}

/** The content of the string at `v` when it is a whole value and a name (not `'ON' + x`, `'X'.lower()`, `'a' 'b'`, `` `ON${x}` ``). */
export function cleanString(text: string, ts: TokenStream, to: number, v: number): string | undefined {
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
export function elementsAt(text: string, ts: TokenStream, region: Region, v: number): Value[] | undefined {
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
export function isParameter(text: string, ts: TokenStream, region: Region, j: number): boolean {
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
export function loopIterable(text: string, ts: TokenStream, region: Region, j: number): number | string | null | undefined {
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

export function wordIs(text: string, s: number, e: number, word: string): boolean {
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
