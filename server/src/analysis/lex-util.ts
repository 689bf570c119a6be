/**
 * Scanning helpers the lexers share. Every helper only moves forward and
 * stops at `to`, so a lexer built from them is linear and ends on any input.
 */
import { IDENT_PART, isIdentPart, NAME_CHAR, Tok, type TokenStream } from './tokens';
import { CharCode } from './char-code';

/**
 * Skips the body of an interpolation hole (`${...}`, `{...}`, `$(...)`) whose
 * opening bracket has been consumed. Quoted strings inside are skipped whole,
 * brackets of the same kind are counted. Returns the offset after the closing
 * bracket, or `to` when it never closes.
 */
export function skipHole(text: string, p: number, to: number, open: number, close: number): number {
  let depth = 1;
  while (p < to) {
    const c = text.charCodeAt(p);
    if (c === close) {
      if (--depth === 0) return p + 1;
    } else if (c === open) {
      depth++;
    } else if (c === CharCode.SingleQuote || c === CharCode.DoubleQuote || c === CharCode.BackTick) {
      p = skipSimpleQuoted(text, p + 1, to, c);
      continue;
    } else if (c === CharCode.Backslash) {
      p += 2;
      continue;
    }
    p++;
  }
  return to;
}

/** Skips a quoted run without interpolation; `'`/`"` stop at a newline. Returns the offset after it. */
function skipSimpleQuoted(text: string, p: number, to: number, q: number): number {
  while (p < to) {
    const c = text.charCodeAt(p);
    if (c === q) return p + 1;
    if (c === CharCode.Backslash) {
      p += 2;
      continue;
    }
    if (c === CharCode.LineFeed && q !== CharCode.BackTick) return p;
    p++;
  }
  return to;
}

/** End of the identifier starting at `p` (ASCII fast path, non-ASCII letters included). */
export function identEnd(text: string, p: number, to: number): number {
  while (p < to) {
    const c = text.charCodeAt(p);
    if (c < 128 ? IDENT_PART[c] === 0 : !isIdentPart(c)) break;
    p++;
  }
  return p;
}

/** Offset of the next line feed at or after `p`, or `to`. */
export function lineEnd(text: string, p: number, to: number): number {
  // Native search when the region runs to the end of the text; a bounded loop otherwise (see findPair).
  if (to >= text.length) {
    const i = text.indexOf('\n', p);
    return i < 0 ? to : i;
  }
  while (p < to && text.charCodeAt(p) !== CharCode.LineFeed) p++;
  return p;
}

/**
 * Offset of the two-character `needle` at or after `p` and before `to`, or -1.
 * Native indexOf when the region runs to the end of the text; otherwise a
 * bounded loop, because an unbounded search that misses would scan the rest
 * of the file once per region, which is quadratic.
 */
export function findPair(text: string, p: number, to: number, needle: string): number {
  if (to >= text.length) return text.indexOf(needle, p);
  const c1 = needle.charCodeAt(0);
  const c2 = needle.charCodeAt(1);
  const last = to - 1;
  while (p < last) {
    if (text.charCodeAt(p) === c1 && text.charCodeAt(p + 1) === c2) return p;
    p++;
  }
  return -1;
}

/**
 * A number literal from `p` (digits, letters, `_` and `.`: hex, exponents, suffixes and
 * separators alike, none of which can hold a method name) pushed as one value token from `start`.
 */
export function numberToken(text: string, p: number, to: number, out: TokenStream, start: number): number {
  while (p < to) {
    const c = text.charCodeAt(p);
    if (c >= 128 || NAME_CHAR[c] !== 1) break;
    p++;
  }
  out.push(Tok.Value, start, p);
  return p;
}

/** Whether `text` holds `word` (lower-case ASCII) at `at`, letters compared case-insensitively, without a lowered copy. */
export function foldedAt(text: string, at: number, word: string): boolean {
  if (at < 0 || at + word.length > text.length) return false;
  for (let k = 0; k < word.length; k++) {
    const c = text.charCodeAt(at + k);
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== word.charCodeAt(k)) return false;
  }
  return true;
}
