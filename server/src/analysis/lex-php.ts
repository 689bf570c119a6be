/**
 * PHP lexer: only the code between `<?php`/`<?=` and `?>` is tokenised (the
 * HTML around it is handled by the embedded-script scanner). Strings: single
 * quoted, double quoted and backtick with `$var`/`{$expr}` holes, heredoc and
 * nowdoc; comments `//`, `#` (not `#[`), `/* *\/`; `.` is concatenation.
 */
import { IDENT_START, StrFlag, Tok, TokenStream, isIdentPart, isIdentStart, PUNCT } from './tokens';
import { findPair, identEnd, numberToken, skipHole } from './lex-util';
import { CharCode } from './char-code';

/**
 * Lexes the PHP blocks of `text[from, to)`, appending tokens to `out`.
 * `bare`: the range is a snippet without an open tag (a Markdown fence), so it starts as code.
 */
export function lexPhp(text: string, from: number, to: number, out: TokenStream, bare = false): void {
  let p = bare ? lexCode(text, from, to, out) : from;
  while (p < to) {
    const open = openTag(text, p, to);
    if (open < 0) return;
    p = lexCode(text, open, to, out);
  }
}

/** Offset after the next `<?php` / `<?=` / `<?` (not `<?xml`), or -1. */
function openTag(text: string, p: number, to: number): number {
  for (;;) {
    const i = findPair(text, p, to, '<?');
    if (i < 0 || i >= to) return -1;
    const n = text.charCodeAt(i + 2);
    if (n === CharCode.Equals) return i + 3;
    if ((n | 32) === CharCode.p && text.slice(i + 2, i + 5).toLowerCase() === 'php') return i + 5;
    if ((n | 32) !== CharCode.x) return i + 2; // short open tag, but not <?xml
    p = i + 2;
  }
}

/** Lexes PHP code until `?>`; returns the offset after it (or `to`). */
function lexCode(text: string, p: number, to: number, out: TokenStream): number {
  while (p < to) {
    const c = text.charCodeAt(p);
    if (c <= CharCode.Space) {
      p++;
      continue;
    }
    if (c < 128 ? IDENT_START[c] === 1 : isIdentStart(c)) {
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
      case CharCode.QuestionMark:
        if (text.charCodeAt(p + 1) === CharCode.GreaterThan) return p + 2;
        if (text.charCodeAt(p + 1) === CharCode.Dash && text.charCodeAt(p + 2) === CharCode.GreaterThan) {
          out.push(Tok.Member, p, p + 3);
          p += 3;
          continue;
        }
        out.push(Tok.Op, p, p + 1, c);
        break;
      case CharCode.Hash:
        if (text.charCodeAt(p + 1) === CharCode.OpenSquareBracket) {
          out.push(Tok.Op, p, p + 1, c); // #[Attribute]
          break;
        }
        p = lineComment(text, p, to, out);
        continue;
      case CharCode.Slash: {
        const n = text.charCodeAt(p + 1);
        if (n === CharCode.Slash) {
          p = lineComment(text, p, to, out);
          continue;
        }
        if (n === CharCode.Asterisk) {
          const close = findPair(text, p + 2, to, '*/');
          const e = close < 0 ? to : close + 2;
          out.comment(p, e);
          p = e;
          continue;
        }
        out.push(Tok.Op, p, p + 1, c);
        break;
      }
      case CharCode.SingleQuote:
        p = singleQuoted(text, p + 1, to, out);
        continue;
      case CharCode.DoubleQuote:
      case CharCode.BackTick:
        p = interpolated(text, p + 1, to, out, c);
        continue;
      case CharCode.LessThan: // <<<heredoc
        if (text.charCodeAt(p + 1) === CharCode.LessThan && text.charCodeAt(p + 2) === CharCode.LessThan) {
          const e = heredoc(text, p + 3, to, out);
          if (e > 0) {
            p = e;
            continue;
          }
        }
        out.push(Tok.Op, p, p + 1, c);
        break;
      case CharCode.Colon:
        if (text.charCodeAt(p + 1) === CharCode.Colon) {
          out.push(Tok.Member, p, p + 2);
          p += 2;
          continue;
        }
        out.push(Tok.Colon, p, p + 1);
        break;
      case CharCode.Equals: {
        const n = text.charCodeAt(p + 1);
        if (n === CharCode.GreaterThan) {
          out.push(Tok.Arrow, p, p + 2);
          p += 2;
          continue;
        }
        if (n === CharCode.Equals) {
          const e = text.charCodeAt(p + 2) === CharCode.Equals ? p + 3 : p + 2;
          out.push(Tok.Op, p, e, CharCode.Equals);
          p = e;
          continue;
        }
        out.push(Tok.Assign, p, p + 1);
        break;
      }
      case CharCode.Dash: // -  ->
        if (text.charCodeAt(p + 1) === CharCode.GreaterThan) {
          out.push(Tok.Member, p, p + 2);
          p += 2;
          continue;
        }
        out.push(Tok.Op, p, p + 1, c);
        break;
      case CharCode.Period: {
        // .  .=  ...  .5
        const n = text.charCodeAt(p + 1);
        if (n >= CharCode.Digit0 && n <= CharCode.Digit9) {
          p = numberToken(text, p, to, out, p);
          continue;
        }
        if (n === CharCode.Period && text.charCodeAt(p + 2) === CharCode.Period) {
          out.push(Tok.Op, p, p + 3, CharCode.Period);
          p += 3;
          continue;
        }
        const e = n === CharCode.Equals ? p + 2 : p + 1;
        out.push(Tok.Concat, p, e);
        p = e;
        continue;
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
  return to;
}

/** `//` or `#` comment: ends at the line end or at `?>`, as in PHP. */
function lineComment(text: string, p: number, to: number, out: TokenStream): number {
  const start = p;
  while (p < to) {
    const c = text.charCodeAt(p);
    if (c === CharCode.LineFeed || (c === CharCode.QuestionMark && text.charCodeAt(p + 1) === CharCode.GreaterThan)) break;
    p++;
  }
  out.comment(start, p);
  return p;
}

function singleQuoted(text: string, p: number, to: number, out: TokenStream): number {
  const start = p;
  while (p < to) {
    const c = text.charCodeAt(p);
    if (c === CharCode.SingleQuote) {
      out.push(Tok.Str, start, p, StrFlag.Terminated);
      return p + 1;
    }
    p += c === CharCode.Backslash ? 2 : 1;
  }
  out.push(Tok.Str, start, to, 0);
  return to;
}

/** `"..."` / `` `...` ``: `$name`, `$name[..]`, `$name->prop`, `{$...}` and `${...}` are holes. */
function interpolated(text: string, p: number, to: number, out: TokenStream, q: number): number {
  const start = p;
  let holes: number[] | undefined;
  while (p < to) {
    const c = text.charCodeAt(p);
    if (c === q) {
      const i = out.push(Tok.Str, start, p, StrFlag.Terminated | (holes ? StrFlag.Dynamic : 0));
      if (holes) out.holes.set(i, holes);
      return p + 1;
    }
    if (c === CharCode.Backslash) {
      p += 2;
      continue;
    }
    const e = holeAt(text, p, to);
    if (e > p) {
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

/** End of an interpolation starting at `p`, or `p` when there is none. */
function holeAt(text: string, p: number, to: number): number {
  const c = text.charCodeAt(p);
  const n = text.charCodeAt(p + 1);
  if (c === CharCode.OpenCurlyBrace && n === CharCode.DollarSign) return skipHole(text, p + 1, to, CharCode.OpenCurlyBrace, CharCode.CloseCurlyBrace); // {$expr}
  if (c !== CharCode.DollarSign) return p;
  if (n === CharCode.OpenCurlyBrace) return skipHole(text, p + 2, to, CharCode.OpenCurlyBrace, CharCode.CloseCurlyBrace); // ${expr}
  if (!(n < 128 ? IDENT_START[n] === 1 && n !== CharCode.DollarSign : isIdentStart(n))) return p;
  let e = identEnd(text, p + 2, to);
  if (text.charCodeAt(e) === CharCode.OpenSquareBracket) {
    let close = e + 1;
    while (close < to && close - e < 64 && text.charCodeAt(close) !== CharCode.CloseSquareBracket) close++;
    if (close < to && text.charCodeAt(close) === CharCode.CloseSquareBracket) e = close + 1;
  } else if (text.charCodeAt(e) === CharCode.Dash && text.charCodeAt(e + 1) === CharCode.GreaterThan && isIdentStart(text.charCodeAt(e + 2))) {
    e = identEnd(text, e + 2, to);
  }
  return e;
}

/** After `<<<`: heredoc/nowdoc; returns the offset after the closing label, or 0 when this is no heredoc. */
function heredoc(text: string, p: number, to: number, out: TokenStream): number {
  while (text.charCodeAt(p) === CharCode.Space || text.charCodeAt(p) === CharCode.Tab) p++;
  let quote = text.charCodeAt(p);
  if (quote === CharCode.SingleQuote || quote === CharCode.DoubleQuote) p++;
  else quote = 0;
  if (!isIdentStart(text.charCodeAt(p))) return 0;
  const labelEnd = identEnd(text, p + 1, to);
  const label = text.slice(p, labelEnd);
  let i = labelEnd + (quote ? 1 : 0);
  if (text.charCodeAt(i) === CharCode.CarriageReturn) i++;
  if (text.charCodeAt(i) !== CharCode.LineFeed) return 0;
  const start = i + 1;
  let holes: number[] | undefined;
  // Scan line by line for the closing label (indented closers allowed since PHP 7.3).
  let line = start;
  while (line < to) {
    let k = line;
    while (k < to && (text.charCodeAt(k) === CharCode.Space || text.charCodeAt(k) === CharCode.Tab)) k++;
    if (text.startsWith(label, k) && !isIdentPart(text.charCodeAt(k + label.length))) {
      const end = line > start ? line - 1 : start;
      const t = out.push(Tok.Str, start, Math.max(start, end), StrFlag.Terminated | StrFlag.Block | (holes ? StrFlag.Dynamic : 0));
      if (holes) out.holes.set(t, holes);
      return k + label.length;
    }
    // Walk this line, noting holes in heredocs.
    while (k < to && text.charCodeAt(k) !== CharCode.LineFeed) {
      if (quote !== CharCode.SingleQuote) {
        if (text.charCodeAt(k) === CharCode.Backslash) {
          k += 2;
          continue;
        }
        const e = holeAt(text, k, to);
        if (e > k) {
          (holes ??= []).push(k, e);
          k = e;
          continue;
        }
      }
      k++;
    }
    line = k + 1;
  }
  const t = out.push(Tok.Str, start, to, StrFlag.Block | (holes ? StrFlag.Dynamic : 0));
  if (holes) out.holes.set(t, holes);
  return to;
}
