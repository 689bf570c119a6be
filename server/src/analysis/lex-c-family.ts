/**
 * Lexer for the curly-brace languages: JavaScript/TypeScript (template
 * literals, regular expressions), Java (text blocks), C# (verbatim, raw and
 * interpolated strings) and Go (raw strings). Single pass; unterminated
 * strings end at the line end (or the region end for multi-line kinds).
 */
import { IDENT_START, StrFlag, Tok, TokenStream, isIdentStart, PUNCT } from './tokens';
import { findPair, identEnd, lineEnd, skipHole } from './lex-util';
import { csharpStringAt } from './lex-csharp-strings';

export const enum Dialect {
  JS = 0,
  Java = 1,
  CSharp = 2,
  Go = 3,
}

/** Keywords after which a `/` starts a regular expression rather than a division. */
const REGEX_AFTER = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await',
]);

/** Lexes `text[from, to)` as the given dialect, appending tokens to `out`. */
export function lexCFamily(text: string, from: number, to: number, out: TokenStream, dialect: Dialect): void {
  let p = from;
  if (dialect === Dialect.JS && text.charCodeAt(p) === 35 && text.charCodeAt(p + 1) === 33) p = lineEnd(text, p, to); // #!
  while (p < to) {
    const c = text.charCodeAt(p);
    if (c <= 32) {
      p++;
      while (p < to && text.charCodeAt(p) <= 32) p++;
      continue;
    }
    if (c < 128 ? IDENT_START[c] === 1 : isIdentStart(c)) {
      // C#: $"..." / $@"..." interpolated strings start like an identifier.
      if (c === 36 && dialect === Dialect.CSharp) {
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
      case 34: // "
        p = dialect === Dialect.CSharp ? csharpStringAt(text, p, to, out) : doubleQuoted(text, p, to, out, dialect);
        continue;
      case 39: // '
        p = quoted(text, p + 1, to, out, 39);
        continue;
      case 96: // `
        if (dialect === Dialect.JS) p = template(text, p + 1, to, out);
        else if (dialect === Dialect.Go) p = rawString(text, p + 1, to, out);
        else {
          out.push(Tok.Op, p, p + 1, c);
          p++;
        }
        continue;
      case 47: {
        // /
        const n = text.charCodeAt(p + 1);
        if (n === 47) {
          const e = lineEnd(text, p, to);
          out.comment(p, e);
          p = e;
        } else if (n === 42) {
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
      case 58: {
        // :  ::  :=
        const n = text.charCodeAt(p + 1);
        if (n === 58) {
          out.push(Tok.Member, p, p + 2);
          p += 2;
          continue;
        }
        if (n === 61 && dialect === Dialect.Go) {
          out.push(Tok.Assign, p, p + 2);
          p += 2;
          continue;
        }
        out.push(Tok.Colon, p, p + 1);
        break;
      }
      case 61: {
        // =  ==  ===  =>
        const n = text.charCodeAt(p + 1);
        if (n === 61) {
          const e = text.charCodeAt(p + 2) === 61 ? p + 3 : p + 2;
          out.push(Tok.Op, p, e, 61);
          p = e;
          continue;
        }
        if (n === 62) {
          out.push(Tok.Arrow, p, p + 2);
          p += 2;
          continue;
        }
        out.push(Tok.Assign, p, p + 1);
        break;
      }
      case 43: {
        // +  ++  +=
        const n = text.charCodeAt(p + 1);
        if (n === 43) {
          out.push(Tok.Op, p, p + 2, 43);
          p += 2;
          continue;
        }
        const e = n === 61 ? p + 2 : p + 1;
        out.push(Tok.Concat, p, e);
        p = e;
        continue;
      }
      case 46: {
        // .  ...  .5
        const n = text.charCodeAt(p + 1);
        if (n >= 48 && n <= 57) {
          p = number(text, p + 1, to, out, p);
          continue;
        }
        if (n === 46 && text.charCodeAt(p + 2) === 46) {
          out.push(Tok.Op, p, p + 3, 46);
          p += 3;
          continue;
        }
        out.push(Tok.Member, p, p + 1);
        break;
      }
      case 63: {
        // ?  ?.  ??
        const n = text.charCodeAt(p + 1);
        if (n === 46 && !(text.charCodeAt(p + 2) >= 48 && text.charCodeAt(p + 2) <= 57)) {
          out.push(Tok.Member, p, p + 2);
          p += 2;
          continue;
        }
        out.push(Tok.Op, p, p + 1, c);
        break;
      }
      case 35: // #
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
      case 64: // @
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
        if (c >= 48 && c <= 57) {
          p = number(text, p, to, out, p);
          continue;
        }
        if (c < 127) out.push(Tok.Op, p, p + 1, c);
        // Other non-ASCII code units that are not letters are skipped like spaces.
        break;
    }
    p++;
  }
}

function number(text: string, p: number, to: number, out: TokenStream, start: number): number {
  while (p < to) {
    const c = text.charCodeAt(p);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46)) break;
    p++;
  }
  out.push(Tok.Value, start, p);
  return p;
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
    if (c === 92) {
      p += 2;
      continue;
    }
    if (c === 10 || c === 13) break;
    p++;
  }
  if (p > to) p = to;
  out.push(Tok.Str, start, p, 0);
  return p;
}

/** `"..."`, or a Java text block `"""..."""`. */
function doubleQuoted(text: string, p: number, to: number, out: TokenStream, dialect: Dialect): number {
  if (dialect === Dialect.Java && text.charCodeAt(p + 1) === 34 && text.charCodeAt(p + 2) === 34) {
    const start = p + 3;
    let i = start;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (c === 92) {
        i += 2;
        continue;
      }
      if (c === 34 && text.charCodeAt(i + 1) === 34 && text.charCodeAt(i + 2) === 34) {
        out.push(Tok.Str, start, i, StrFlag.Terminated | StrFlag.Block);
        return i + 3;
      }
      i++;
    }
    out.push(Tok.Str, start, to, StrFlag.Block);
    return to;
  }
  return quoted(text, p + 1, to, out, 34);
}

/** Go raw string: no escapes, may span lines. */
function rawString(text: string, p: number, to: number, out: TokenStream): number {
  const start = p;
  while (p < to && text.charCodeAt(p) !== 96) p++;
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
    if (c === 96) {
      const i = out.push(Tok.Str, start, p, StrFlag.Terminated | (holes ? StrFlag.Dynamic : 0));
      if (holes) out.holes.set(i, holes);
      return p + 1;
    }
    if (c === 92) {
      p += 2;
      continue;
    }
    if (c === 36 && text.charCodeAt(p + 1) === 123) {
      const e = skipHole(text, p + 2, to, 123, 125);
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
    if (c !== 114 && c !== 116 && c !== 105 && c !== 111 && c !== 110 && c !== 100 && c !== 118 && c !== 99 && c !== 101 && c !== 121 && c !== 97) return false;
    return REGEX_AFTER.has(text.slice(s, s + len));
  }
  if (k === Tok.Value || k === Tok.Str || k === Tok.RParen || k === Tok.RBrack || k === Tok.RBrace) return false;
  // `</tag>` in JSX is a closing tag, not a regular expression.
  if (k === Tok.Op && out.flags[n - 1] === 60) return false;
  return true;
}

/** Skips a regular expression body and flags; stops at a line end when unterminated. */
function regex(text: string, p: number, to: number): number {
  let inClass = false;
  while (p < to) {
    const c = text.charCodeAt(p);
    if (c === 92) {
      p += 2;
      continue;
    }
    if (c === 10 || c === 13) return p;
    if (c === 91) inClass = true;
    else if (c === 93) inClass = false;
    else if (c === 47 && !inClass) {
      p++;
      while (p < to && IDENT_START[text.charCodeAt(p) & 127] === 1) p++;
      return p;
    }
    p++;
  }
  return to;
}
