/**
 * Lexer for the curly-brace languages: JavaScript/TypeScript (template
 * literals, regular expressions), Java (text blocks), C# (verbatim, raw and
 * interpolated strings) and Go (raw strings). Single pass; unterminated
 * strings end at the line end (or the region end for multi-line kinds).
 */
import { IDENT_START, StrFlag, Tok, TokenStream, isIdentStart, PUNCT } from './tokens';
import { findPair, identEnd, lineEnd, numberToken, skipHole } from './lex-util';
import { csharpStringAt } from './lex-csharp-strings';
import { CharCode } from './char-code';

export const enum Dialect {
  JS = 0,
  Java = 1,
  CSharp = 2,
  Go = 3,
}

/** Keywords after which a `/` starts a regular expression rather than a division. */
const REGEX_AFTER = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

/** Lexes `text[from, to)` as the given dialect, appending tokens to `out`. */
export function lexCFamily(text: string, from: number, to: number, out: TokenStream, dialect: Dialect): void {
  let p = from;
  if (dialect === Dialect.JS && text.charCodeAt(p) === CharCode.Hash && text.charCodeAt(p + 1) === CharCode.ExclamationMark) p = lineEnd(text, p, to); // #!
  while (p < to) {
    const c = text.charCodeAt(p);
    if (c <= CharCode.Space) {
      p++;
      while (p < to && text.charCodeAt(p) <= CharCode.Space) p++;
      continue;
    }
    if (c < 128 ? IDENT_START[c] === 1 : isIdentStart(c)) {
      // C#: $"..." / $@"..." interpolated strings start like an identifier.
      if (c === CharCode.DollarSign && dialect === Dialect.CSharp) {
        const q = csharpStringAt(text, p, to, out);
        if (q > p) {
          p = q;
          continue;
        }
      }
      const e = identEnd(text, p + 1, to);
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
      case CharCode.DoubleQuote:
        p = dialect === Dialect.CSharp ? csharpStringAt(text, p, to, out) : doubleQuoted(text, p, to, out, dialect);
        continue;
      case CharCode.SingleQuote:
        p = quoted(text, p + 1, to, out, CharCode.SingleQuote);
        continue;
      case CharCode.BackTick:
        if (dialect === Dialect.JS) p = template(text, p + 1, to, out);
        else if (dialect === Dialect.Go) p = rawString(text, p + 1, to, out);
        else {
          out.push(Tok.Op, p, p + 1, c);
          p++;
        }
        continue;
      case CharCode.Slash: {
        // /
        const n = text.charCodeAt(p + 1);
        if (n === CharCode.Slash) {
          const e = lineEnd(text, p, to);
          out.comment(p, e);
          p = e;
        } else if (n === CharCode.Asterisk) {
          const close = findPair(text, p + 2, to, '*/');
          const e = close < 0 ? to : close + 2;
          out.comment(p, e);
          p = e;
        } else if (dialect === Dialect.JS && regexAllowed(text, out)) {
          const s = p;
          p = regex(text, p + 1, to);
          out.push(Tok.Value, s, p);
        } else {
          out.push(Tok.Op, p, p + 1, c);
          p++;
        }
        continue;
      }
      case CharCode.Colon: {
        // :  ::  :=
        const n = text.charCodeAt(p + 1);
        if (n === CharCode.Colon) {
          out.push(Tok.Member, p, p + 2);
          p += 2;
          continue;
        }
        if (n === CharCode.Equals && dialect === Dialect.Go) {
          out.push(Tok.Assign, p, p + 2);
          p += 2;
          continue;
        }
        out.push(Tok.Colon, p, p + 1);
        break;
      }
      case CharCode.Equals: {
        // =  ==  ===  =>
        const n = text.charCodeAt(p + 1);
        if (n === CharCode.Equals) {
          const e = text.charCodeAt(p + 2) === CharCode.Equals ? p + 3 : p + 2;
          out.push(Tok.Op, p, e, CharCode.Equals);
          p = e;
          continue;
        }
        if (n === CharCode.GreaterThan) {
          out.push(Tok.Arrow, p, p + 2);
          p += 2;
          continue;
        }
        out.push(Tok.Assign, p, p + 1);
        break;
      }
      case CharCode.Plus: {
        // +  ++  +=
        const n = text.charCodeAt(p + 1);
        if (n === CharCode.Plus) {
          out.push(Tok.Op, p, p + 2, CharCode.Plus);
          p += 2;
          continue;
        }
        const e = n === CharCode.Equals ? p + 2 : p + 1;
        out.push(Tok.Concat, p, e);
        p = e;
        continue;
      }
      case CharCode.Period: {
        // .  ...  .5
        const n = text.charCodeAt(p + 1);
        if (n >= CharCode.Digit0 && n <= CharCode.Digit9) {
          p = numberToken(text, p + 1, to, out, p);
          continue;
        }
        if (n === CharCode.Period && text.charCodeAt(p + 2) === CharCode.Period) {
          out.push(Tok.Op, p, p + 3, CharCode.Period);
          p += 3;
          continue;
        }
        out.push(Tok.Member, p, p + 1);
        break;
      }
      case CharCode.QuestionMark: {
        // ?  ?.  ??
        const n = text.charCodeAt(p + 1);
        if (n === CharCode.Period && !(text.charCodeAt(p + 2) >= CharCode.Digit0 && text.charCodeAt(p + 2) <= CharCode.Digit9)) {
          out.push(Tok.Member, p, p + 2);
          p += 2;
          continue;
        }
        out.push(Tok.Op, p, p + 1, c);
        break;
      }
      case CharCode.Hash:
        if (dialect === Dialect.CSharp) {
          const e = lineEnd(text, p, to); // preprocessor directive
          out.comment(p, e);
          p = e;
          continue;
        }
        if (dialect === Dialect.JS && p + 1 < to && isIdentStart(text.charCodeAt(p + 1))) {
          const e = identEnd(text, p + 1, to); // #private
          out.push(Tok.Ident, p, e);
          p = e;
          continue;
        }
        out.push(Tok.Op, p, p + 1, c);
        break;
      case CharCode.AtSign:
        if (dialect === Dialect.CSharp) {
          const q = csharpStringAt(text, p, to, out);
          if (q > p) {
            p = q;
            continue;
          }
        }
        out.push(Tok.Op, p, p + 1, c);
        break;
      default:
        if (c >= CharCode.Digit0 && c <= CharCode.Digit9) {
          p = numberToken(text, p, to, out, p);
          continue;
        }
        if (c < 127) out.push(Tok.Op, p, p + 1, c);
        // Other non-ASCII code units that are not letters are skipped like spaces.
        break;
    }
    p++;
  }
}

/** A `'`/`"` string that cannot span lines (a backslash-newline continues it). */
function quoted(text: string, p: number, to: number, out: TokenStream, q: number): number {
  const start = p;
  while (p < to) {
    const c = text.charCodeAt(p);
    if (c === q) {
      out.push(Tok.Str, start, p, StrFlag.Terminated);
      return p + 1;
    }
    if (c === CharCode.Backslash) {
      p += 2;
      continue;
    }
    if (c === CharCode.LineFeed || c === CharCode.CarriageReturn) break;
    p++;
  }
  if (p > to) p = to;
  out.push(Tok.Str, start, p, 0);
  return p;
}

/** `"..."`, or a Java text block `"""..."""`. */
function doubleQuoted(text: string, p: number, to: number, out: TokenStream, dialect: Dialect): number {
  if (dialect === Dialect.Java && text.charCodeAt(p + 1) === CharCode.DoubleQuote && text.charCodeAt(p + 2) === CharCode.DoubleQuote) {
    const start = p + 3;
    let i = start;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (c === CharCode.Backslash) {
        i += 2;
        continue;
      }
      if (c === CharCode.DoubleQuote && text.charCodeAt(i + 1) === CharCode.DoubleQuote && text.charCodeAt(i + 2) === CharCode.DoubleQuote) {
        out.push(Tok.Str, start, i, StrFlag.Terminated | StrFlag.Block);
        return i + 3;
      }
      i++;
    }
    out.push(Tok.Str, start, to, StrFlag.Block);
    return to;
  }
  return quoted(text, p + 1, to, out, CharCode.DoubleQuote);
}

/** Go raw string: no escapes, may span lines. */
function rawString(text: string, p: number, to: number, out: TokenStream): number {
  const start = p;
  while (p < to && text.charCodeAt(p) !== CharCode.BackTick) p++;
  if (p < to) {
    out.push(Tok.Str, start, p, StrFlag.Terminated | StrFlag.Block);
    return p + 1;
  }
  out.push(Tok.Str, start, to, StrFlag.Block);
  return to;
}

/** A JS template literal; `${...}` holes are skipped (their ranges recorded), not tokenised. */
function template(text: string, p: number, to: number, out: TokenStream): number {
  const start = p;
  let holes: number[] | undefined;
  while (p < to) {
    const c = text.charCodeAt(p);
    if (c === CharCode.BackTick) {
      const i = out.push(Tok.Str, start, p, StrFlag.Terminated | (holes ? StrFlag.Dynamic : 0));
      if (holes) out.holes.set(i, holes);
      return p + 1;
    }
    if (c === CharCode.Backslash) {
      p += 2;
      continue;
    }
    if (c === CharCode.DollarSign && text.charCodeAt(p + 1) === CharCode.OpenCurlyBrace) {
      const e = skipHole(text, p + 2, to, CharCode.OpenCurlyBrace, CharCode.CloseCurlyBrace);
      (holes ??= []).push(p, e);
      p = e;
      continue;
    }
    p++;
  }
  const i = out.push(Tok.Str, start, to, holes ? StrFlag.Dynamic : 0);
  if (holes) out.holes.set(i, holes);
  return to;
}

/** Whether a `/` at this point starts a regular expression (JS), judged by the previous token. */
function regexAllowed(text: string, out: TokenStream): boolean {
  const n = out.length;
  if (n === 0) return true;
  const k = out.kind[n - 1];
  if (k === Tok.Ident) {
    const s = out.start[n - 1];
    const len = out.end[n - 1] - s;
    if (len < 2 || len > 10) return false;
    // Most identifiers before a `/` are operands (`a / 2`): rule them out before slicing.
    const c = text.charCodeAt(s);
    if (
      c !== CharCode.r &&
      c !== CharCode.t &&
      c !== CharCode.i &&
      c !== CharCode.o &&
      c !== CharCode.n &&
      c !== CharCode.d &&
      c !== CharCode.v &&
      c !== CharCode.c &&
      c !== CharCode.e &&
      c !== CharCode.y &&
      c !== CharCode.a
    )
      return false;
    return REGEX_AFTER.has(text.slice(s, s + len));
  }
  if (k === Tok.Value || k === Tok.Str || k === Tok.RParen || k === Tok.RBrack || k === Tok.RBrace) return false;
  // `</tag>` in JSX is a closing tag, not a regular expression.
  if (k === Tok.Op && out.flags[n - 1] === CharCode.LessThan) return false;
  return true;
}

/** Skips a regular expression body and flags; stops at a line end when unterminated. */
function regex(text: string, p: number, to: number): number {
  let inClass = false;
  while (p < to) {
    const c = text.charCodeAt(p);
    if (c === CharCode.Backslash) {
      p += 2;
      continue;
    }
    if (c === CharCode.LineFeed || c === CharCode.CarriageReturn) return p;
    if (c === CharCode.OpenSquareBracket) inClass = true;
    else if (c === CharCode.CloseSquareBracket) inClass = false;
    else if (c === CharCode.Slash && !inClass) {
      p++;
      while (p < to && IDENT_START[text.charCodeAt(p) & 127] === 1) p++;
      return p;
    }
    p++;
  }
  return to;
}
