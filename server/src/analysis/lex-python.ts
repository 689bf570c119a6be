/**
 * Python lexer: `#` comments, string prefixes (r, b, u, f, t and pairs),
 * triple-quoted strings, f-string `{}` holes (recorded, not tokenised).
 */
import { IDENT_START, StrFlag, Tok, TokenStream, isIdentStart, PUNCT } from './tokens';
import { identEnd, lineEnd, skipHole } from './lex-util';

/** Lexes `text[from, to)` as Python, appending tokens to `out`. */
export function lexPython(text: string, from: number, to: number, out: TokenStream): void {
  let p = from;
  while (p < to) {
    const c = text.charCodeAt(p);
    if (c <= 32 || c === 92) {
      p++; // whitespace, or a backslash line continuation
      continue;
    }
    if (c < 128 ? IDENT_START[c] === 1 : isIdentStart(c)) {
      const e = identEnd(text, p + 1, to);
      const q = text.charCodeAt(e);
      if ((q === 39 || q === 34) && e - p <= 2 && isPrefix(text, p, e)) {
        p = pyString(text, e, to, out, hasLetter(text, p, e, 102, 116), hasLetter(text, p, e, 114, 114));
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
      case 35: {
        const e = lineEnd(text, p, to);
        out.comment(p, e);
        p = e;
        continue;
      }
      case 39:
      case 34:
        p = pyString(text, p, to, out, false, false);
        continue;
      case 58:
        if (text.charCodeAt(p + 1) === 61) {
          out.push(Tok.Assign, p, p + 2);
          p += 2;
          continue;
        }
        out.push(Tok.Colon, p, p + 1);
        break;
      case 61:
        if (text.charCodeAt(p + 1) === 61) {
          out.push(Tok.Op, p, p + 2, 61);
          p += 2;
          continue;
        }
        out.push(Tok.Assign, p, p + 1);
        break;
      case 43: {
        const e = text.charCodeAt(p + 1) === 61 ? p + 2 : p + 1;
        out.push(Tok.Concat, p, e);
        p = e;
        continue;
      }
      case 46: {
        const n = text.charCodeAt(p + 1);
        if (n >= 48 && n <= 57) {
          p = number(text, p, to, out);
          continue;
        }
        out.push(Tok.Member, p, p + 1);
        break;
      }
      default:
        if (c >= 48 && c <= 57) {
          p = number(text, p, to, out);
          continue;
        }
        if (c < 127) out.push(Tok.Op, p, p + 1, c);
        break;
    }
    p++;
  }
}

function number(text: string, p: number, to: number, out: TokenStream): number {
  const start = p;
  while (p < to) {
    const c = text.charCodeAt(p);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46)) break;
    p++;
  }
  out.push(Tok.Value, start, p);
  return p;
}

/** r, b, u, f, t in either case, alone or paired (rb, fr, ...). */
function isPrefix(text: string, p: number, e: number): boolean {
  for (let i = p; i < e; i++) {
    const c = text.charCodeAt(i) | 32;
    if (c !== 114 && c !== 98 && c !== 117 && c !== 102 && c !== 116) return false;
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
    if (c === 92) {
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
    } else if ((c === 10 || c === 13) && !triple) {
      end = i;
      break;
    } else if (fmt && c === 123) {
      if (text.charCodeAt(i + 1) === 123) {
        i += 2;
        continue;
      }
      const e = skipHole(text, i + 1, to, 123, 125);
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
