/**
 * Questions about the tokens around a string or identifier, asked by both
 * the analysis and completion: is it a method slot, where is the params
 * literal that goes with it, what pattern does a concatenation build.
 */
import { Tok } from './tokens';
import { Frame, FrameWalker, Role } from './frames';
import { nameLength, patternOf } from './rest-url';

/** What position a string or identifier holds. */
export const enum Slot {
  None = 0,
  /** First string argument of a REST call function (`BX24.callMethod('m')`, `CRest::call('m')`). */
  CallArg = 1,
  /** The value of a `method` key (`{method: 'm'}`, `'method' => 'm'`, `method='m'`). */
  MethodKey = 2,
  /** A command of a batch (`{k: ['m', p]}`, `cmd: {k: 'm?x=1'}`, `[['m', p]]`). */
  BatchEntry = 3,
  /** An argument of an i18n or import function, or an import source: never a method. */
  Ignored = 4,
}

/**
 * Counts a string that starts an argument of call frame `f`; true when it is
 * the call's first string argument. Call once per string, before `slotOf`.
 */
export function noteStringArg(f: Frame, i: number): boolean {
  return f.kind === Tok.LParen && (i - 1 === f.open || i - 1 === f.lastComma) && ++f.stringArgs === 1;
}

/**
 * The slot of the string or identifier token `i` whose innermost open bracket
 * is `f`. `first`: for a string, what `noteStringArg` said; for an
 * identifier, whether no string argument came before it.
 */
export function slotOf(w: FrameWalker, i: number, f: Frame, first: boolean): Slot {
  const { kind } = w.ts;
  const prev = i - 1;
  const pk = prev >= w.from ? kind[prev] : 0;
  if (pk === Tok.Ident && (w.tokenIs(prev, 'from') || w.tokenIs(prev, 'import'))) return Slot.Ignored;
  const afterSep = prev === f.sepTok && prev >= 0;
  if (!(prev === f.open || prev === f.lastComma || afterSep)) return Slot.None;
  if (afterSep && f.keyTok >= 0 && w.keyIs(f.keyTok, 'method')) return Slot.MethodKey;
  if (f.kind === Tok.LParen && !afterSep) {
    const role = w.roleOf(f);
    if (role === Role.Ignore) return f.arg === 0 ? Slot.Ignored : Slot.None;
    return role === Role.Call && first && f.arg <= 1 ? Slot.CallArg : Slot.None;
  }
  const next = i + 1 < w.to ? kind[i + 1] : 0;
  const isKey = next === Tok.Colon || (next === Tok.Arrow && w.php);
  if (!f.resolved) w.resolve(w.depth);
  if (f.batch && !isKey) return Slot.BatchEntry;
  if (f.entry && f.kind !== Tok.LBrace && f.arg === 0 && !afterSep) return Slot.BatchEntry;
  return Slot.None;
}

/**
 * The pattern a concatenation starting at token `i` builds: strings as
 * written, everything else `*` (`'crm.' + type + '.list'` → `crm.*.list`).
 * `endTok` is the token after the expression.
 */
export function chainPattern(w: FrameWalker, i: number): { pattern: string; endTok: number } {
  const { kind, start, end } = w.ts;
  let out = '';
  let j = i;
  while (j < w.to) {
    const k = kind[j];
    if (k === Tok.Str) {
      out += patternOf(w.text, start[j], end[j], w.ts.holes.get(j));
      j++;
    } else if (k === Tok.Ident || k === Tok.LParen) {
      out += '*';
      if (k === Tok.LParen) j = skipGroup(w, j);
      else {
        j++;
        // a.b.c, f(x), a[i]
        while (j < w.to) {
          const n = kind[j];
          if (n === Tok.Member && j + 1 < w.to && kind[j + 1] === Tok.Ident) j += 2;
          else if (n === Tok.LParen || n === Tok.LBrack) j = skipGroup(w, j);
          else break;
        }
      }
    } else break;
    if (j < w.to && kind[j] === Tok.Concat) j++;
    else break;
  }
  return { pattern: out.replace(/\*+/g, '*'), endTok: Math.max(j, i + 1) };
}

function skipGroup(w: FrameWalker, open: number): number {
  const m = w.matchOf(open);
  return m < 0 ? w.to : m + 1;
}

/**
 * A URL tail: `[/]name[.json|.xml][?...|#...]` filling `text[s, e)`.
 * Returns the name's range and whether a `/` or a suffix marked it as a URL.
 */
export function nameAfterSlash(text: string, s: number, e: number): [number, number, boolean] | undefined {
  let p = s;
  let marked = false;
  if (text.charCodeAt(p) === 47) {
    p++;
    marked = true;
  }
  const n = nameLength(text, p, e);
  if (n === 0) return undefined;
  let ne = p + n;
  const after = text.charCodeAt(ne);
  if (ne < e && after !== 63 && after !== 35) return undefined;
  const lower = text.slice(Math.max(p, ne - 5), ne).toLowerCase();
  if (lower.endsWith('.json')) {
    ne -= 5;
    marked = true;
  } else if (lower.endsWith('.xml')) {
    ne -= 4;
    marked = true;
  }
  return ne > p ? [p, ne, marked] : undefined;
}
