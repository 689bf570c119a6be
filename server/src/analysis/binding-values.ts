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
import { Tok, type TokenStream } from './tokens';
import type { Region } from './lexer';
import { chainName, cleanString, elementsAt, isParameter, loopIterable, wordIs, type Value } from './binding-forms';

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
