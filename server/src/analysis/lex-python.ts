/**
 * Python lexer: `#` comments, string prefixes (r, b, u, f, t and pairs),
 * triple-quoted strings, f-string `{}` holes (recorded, not tokenised).
 */
import { IDENT_START, StrFlag, Tok, TokenStream, isIdentStart, PUNCT } from './tokens';
import { identEnd, lineEnd, numberToken, skipHole } from './lex-util';
import { CharCode } from './char-code';

/** Lexes `text[from, to)` as Python, appending tokens to `out`. */
export function lexPython(text: string, from: number, to: number, out: TokenStream): void {
  let p = from;
  while (p < to) {
    const c = text.charCodeAt(p);
    if (c <= CharCode.Space || c === CharCode.Backslash) {
      p++; // whitespace, or a backslash line continuation
      continue;
    }
    if (c < 128 ? IDENT_START[c] === 1 : isIdentStart(c)) {
      const e = identEnd(text, p + 1, to);
      const q = text.charCodeAt(e);
      if ((q === CharCode.SingleQuote || q === CharCode.DoubleQuote) && e - p <= 2 && isPrefix(text, p, e)) {
        p = pyString(text, e, to, out, hasLetter(text, p, e, CharCode.f, CharCode.t), hasLetter(text, p, e, CharCode.r, CharCode.r));
        continue;
      }
      out.push(Tok.Ident, p, e);
      p = e;
      continue;
    }
    // Brackets, commas and semicolons mean the same in every family: one table lookup.
    const punct = c < 128 ? PUNCT[c] : 0;
    if (punct !== 0) {
      out.push(punct, p, p + 1);
      p++;
      continue;
    }
    switch (c) {
      case CharCode.Hash: {
        const e = lineEnd(text, p, to);
        out.comment(p, e);
        p = e;
        continue;
      }
      case CharCode.SingleQuote:
      case CharCode.DoubleQuote:
        p = pyString(text, p, to, out, false, false);
        continue;
      case CharCode.Colon:
        if (text.charCodeAt(p + 1) === CharCode.Equals) {
          out.push(Tok.Assign, p, p + 2);
          p += 2;
          continue;
        }
        out.push(Tok.Colon, p, p + 1);
        break;
      case CharCode.Equals:
        if (text.charCodeAt(p + 1) === CharCode.Equals) {
          out.push(Tok.Op, p, p + 2, CharCode.Equals);
          p += 2;
          continue;
        }
        out.push(Tok.Assign, p, p + 1);
        break;
      case CharCode.Plus: {
        const e = text.charCodeAt(p + 1) === CharCode.Equals ? p + 2 : p + 1;
        out.push(Tok.Concat, p, e);
        p = e;
        continue;
      }
      case CharCode.Period: {
        const n = text.charCodeAt(p + 1);
        if (n >= CharCode.Digit0 && n <= CharCode.Digit9) {
          p = numberToken(text, p, to, out, p);
          continue;
        }
        out.push(Tok.Member, p, p + 1);
        break;
      }
      default:
        if (c >= CharCode.Digit0 && c <= CharCode.Digit9) {
          p = numberToken(text, p, to, out, p);
          continue;
        }
        if (c < 127) out.push(Tok.Op, p, p + 1, c);
        break;
    }
    p++;
  }
}

/** r, b, u, f, t in either case, alone or paired (rb, fr, ...). */
function isPrefix(text: string, p: number, e: number): boolean {
  for (let i = p; i < e; i++) {
    const c = text.charCodeAt(i) | 32;
    if (c !== CharCode.r && c !== CharCode.b && c !== CharCode.u && c !== CharCode.f && c !== CharCode.t) return false;
  }
  return true;
}

function hasLetter(text: string, p: number, e: number, a: number, b: number): boolean {
  for (let i = p; i < e; i++) {
    const c = text.charCodeAt(i) | 32;
    if (c === a || c === b) return true;
  }
  return false;
}

/** A string starting at the quote `p`; f-strings record `{}` holes. */
function pyString(text: string, p: number, to: number, out: TokenStream, fmt: boolean, raw: boolean): number {
  const q = text.charCodeAt(p);
  const triple = text.charCodeAt(p + 1) === q && text.charCodeAt(p + 2) === q;
  const start = p + (triple ? 3 : 1);
  let holes: number[] | undefined;
  let i = start;
  let terminated = false;
  let end = to;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === CharCode.Backslash) {
      i += 2; // even in raw strings a backslash keeps the next quote in the string
      continue;
    }
    if (c === q) {
      if (!triple) {
        terminated = true;
        end = i;
        i++;
        break;
      }
      if (text.charCodeAt(i + 1) === q && text.charCodeAt(i + 2) === q) {
        terminated = true;
        end = i;
        i += 3;
        break;
      }
    } else if ((c === CharCode.LineFeed || c === CharCode.CarriageReturn) && !triple) {
      end = i;
      break;
    } else if (fmt && c === CharCode.OpenCurlyBrace) {
      if (text.charCodeAt(i + 1) === CharCode.OpenCurlyBrace) {
        i += 2;
        continue;
      }
      const e = skipHole(text, i + 1, to, CharCode.OpenCurlyBrace, CharCode.CloseCurlyBrace);
      (holes ??= []).push(i, e);
      i = e;
      continue;
    }
    i++;
  }
  if (i > to) i = to;
  if (end > to) end = to;
  const flags = (terminated ? StrFlag.Terminated : 0) | (holes ? StrFlag.Dynamic : 0) | (triple || raw ? StrFlag.Block : 0);
  const t = out.push(Tok.Str, start, end, flags);
  if (holes) out.holes.set(t, holes);
  return terminated ? i : end;
}
