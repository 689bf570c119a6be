/**
 * Shell lexer (curl scripts). A word — quoted, unquoted or both — becomes one
 * string token; `$VAR`, `${...}`, `$(...)` and backticks are holes. A word
 * that is a single quoted JSON document (`-d '{"cmd": ...}'`) and a heredoc
 * body that is JSON are lexed as JavaScript, so batch commands inside request
 * bodies are found too. `NAME=value` yields an identifier, `=` and the value.
 */
import { IDENT_PART, IDENT_START, StrFlag, Tok, TokenStream } from './tokens';
import { lineEnd, skipHole } from './lex-util';
import { Dialect, lexCFamily } from './lex-c-family';
import { CharCode } from './char-code';

interface Heredoc {
  label: string;
  stripTabs: boolean;
}

/** Lexes `text[from, to)` as a shell script, appending tokens to `out`. */
export function lexShell(text: string, from: number, to: number, out: TokenStream): void {
  let p = from;
  let pending: Heredoc[] | undefined;
  let wordStart = true;
  while (p < to) {
    const c = text.charCodeAt(p);
    if (c === CharCode.LineFeed) {
      p++;
      if (pending) {
        for (const h of pending) p = heredocBody(text, p, to, out, h);
        pending = undefined;
      }
      wordStart = true;
      continue;
    }
    if (c === CharCode.Space || c === CharCode.Tab || c === CharCode.CarriageReturn || c < CharCode.Space) {
      p++;
      wordStart = true;
      continue;
    }
    if (c === CharCode.Backslash && text.charCodeAt(p + 1) === CharCode.LineFeed) {
      p += 2; // line continuation
      continue;
    }
    if (c === CharCode.Hash && wordStart) {
      const e = lineEnd(text, p, to);
      out.comment(p, e);
      p = e;
      continue;
    }
    if (isOperator(c)) {
      out.push(c === CharCode.Semicolon ? Tok.Semi : Tok.Op, p, p + 1, c);
      p++;
      wordStart = true;
      continue;
    }
    if (c === CharCode.LessThan) {
      if (text.charCodeAt(p + 1) === CharCode.LessThan && text.charCodeAt(p + 2) !== CharCode.LessThan) {
        const h = heredocHead(text, p + 2, to);
        if (h) {
          (pending ??= []).push(h.doc);
          p = h.end;
          continue;
        }
      }
      out.push(Tok.Op, p, p + 1, c);
      p++;
      wordStart = true;
      continue;
    }
    p = word(text, p, to, out);
    wordStart = false;
  }
}

/** One word starting at `p`; returns its end. */
function word(text: string, p: number, to: number, out: TokenStream): number {
  // NAME=value: an assignment the constant rule can see.
  if (IDENT_START[text.charCodeAt(p) & 127] === 1 && text.charCodeAt(p) < 128) {
    let e = p + 1;
    while (e < to && text.charCodeAt(e) < 128 && IDENT_PART[text.charCodeAt(e)] === 1) e++;
    if (text.charCodeAt(e) === CharCode.Equals && text.charCodeAt(p) !== CharCode.DollarSign) {
      out.push(Tok.Ident, p, e);
      out.push(Tok.Assign, e, e + 1);
      p = e + 1;
      if (p >= to || isBreak(text.charCodeAt(p))) return p;
    }
  }
  const start = p;
  let holes: number[] | undefined;
  let parts = 0;
  let quotedFrom = -1;
  let quotedTo = -1;
  let quote = 0;
  while (p < to) {
    const c = text.charCodeAt(p);
    if (isBreak(c)) break;
    parts++;
    if (c === CharCode.SingleQuote) {
      const s = p + 1;
      p = s;
      while (p < to && text.charCodeAt(p) !== CharCode.SingleQuote) p++;
      quotedFrom = s;
      quotedTo = p;
      quote = CharCode.SingleQuote;
      if (p < to) p++;
      continue;
    }
    if (c === CharCode.DoubleQuote || (c === CharCode.DollarSign && text.charCodeAt(p + 1) === CharCode.SingleQuote)) {
      const q = c === CharCode.DoubleQuote ? CharCode.DoubleQuote : CharCode.SingleQuote;
      const s = p + (c === CharCode.DoubleQuote ? 1 : 2);
      p = s;
      while (p < to) {
        const d = text.charCodeAt(p);
        if (d === q) break;
        if (d === CharCode.Backslash) {
          p += 2;
          continue;
        }
        if (q === CharCode.DoubleQuote) {
          const e = holeAt(text, p, to);
          if (e > p) {
            (holes ??= []).push(p, e);
            p = e;
            continue;
          }
        }
        p++;
      }
      if (p > to) p = to;
      quotedFrom = s;
      quotedTo = p;
      quote = q;
      if (p < to) p++;
      continue;
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
    // An unquoted run counts as one part; its first character (maybe a lone `$`) is consumed whatever it is.
    p++;
    while (p < to) {
      const d = text.charCodeAt(p);
      if (
        isBreak(d) ||
        d === CharCode.SingleQuote ||
        d === CharCode.DoubleQuote ||
        d === CharCode.Backslash ||
        d === CharCode.DollarSign ||
        d === CharCode.BackTick
      )
        break;
      p++;
    }
    quote = 0;
  }
  if (p > to) p = to;
  if (parts === 1 && quote !== 0) {
    // A single quoted part: the token is its content.
    if (!holes && startsJson(text, quotedFrom, quotedTo)) {
      lexCFamily(text, quotedFrom, quotedTo, out, Dialect.JS);
      return p;
    }
    const i = out.push(Tok.Str, quotedFrom, quotedTo, (p > quotedTo ? StrFlag.Terminated : 0) | (holes ? StrFlag.Dynamic : 0));
    if (holes) out.holes.set(i, holes);
    return p;
  }
  const i = out.push(Tok.Str, start, p, StrFlag.Terminated | StrFlag.Bare | (holes ? StrFlag.Dynamic : 0));
  if (holes) out.holes.set(i, holes);
  return p;
}

/** `;`, `&`, `|`, `(`, `)` and `>`: the characters that end a word and stand as a token of their own. */
function isOperator(c: number): boolean {
  return (
    c === CharCode.Semicolon ||
    c === CharCode.Ampersand ||
    c === CharCode.Pipe ||
    c === CharCode.OpenParen ||
    c === CharCode.CloseParen ||
    c === CharCode.GreaterThan
  );
}

function isBreak(c: number): boolean {
  return c === CharCode.Space || c === CharCode.Tab || c === CharCode.LineFeed || c === CharCode.CarriageReturn || c === CharCode.LessThan || isOperator(c);
}

/** `$VAR`, `${...}`, `$(...)`, `` `...` `` at `p`: the hole's end, or `p`. */
function holeAt(text: string, p: number, to: number): number {
  const c = text.charCodeAt(p);
  if (c === CharCode.BackTick) {
    let e = p + 1;
    while (e < to && text.charCodeAt(e) !== CharCode.BackTick) e++;
    return e < to ? e + 1 : to;
  }
  if (c !== CharCode.DollarSign) return p;
  const n = text.charCodeAt(p + 1);
  if (n === CharCode.OpenCurlyBrace) return skipHole(text, p + 2, to, CharCode.OpenCurlyBrace, CharCode.CloseCurlyBrace);
  if (n === CharCode.OpenParen) return skipHole(text, p + 2, to, CharCode.OpenParen, CharCode.CloseParen);
  if (n < 128 && IDENT_PART[n] === 1) {
    let e = p + 2;
    while (e < to && text.charCodeAt(e) < 128 && IDENT_PART[text.charCodeAt(e)] === 1 && text.charCodeAt(e) !== CharCode.DollarSign) e++;
    return e;
  }
  if (n === 64 || n === CharCode.Asterisk || n === CharCode.Hash || n === CharCode.QuestionMark || n === CharCode.ExclamationMark) return p + 2; // $@ $* $# $? $!
  return p;
}

function startsJson(text: string, p: number, to: number): boolean {
  while (p < to && text.charCodeAt(p) <= CharCode.Space) p++;
  const c = text.charCodeAt(p);
  return p < to && (c === CharCode.OpenCurlyBrace || c === CharCode.OpenSquareBracket);
}

/** After `<<`: the heredoc label; null when this is not one. */
function heredocHead(text: string, p: number, to: number): { doc: Heredoc; end: number } | null {
  let stripTabs = false;
  if (text.charCodeAt(p) === CharCode.Dash) {
    stripTabs = true;
    p++;
  }
  while (text.charCodeAt(p) === CharCode.Space) p++;
  const q = text.charCodeAt(p);
  let s = p;
  let e: number;
  if (q === CharCode.SingleQuote || q === CharCode.DoubleQuote) {
    s = p + 1;
    e = s;
    while (e < to && text.charCodeAt(e) !== q && text.charCodeAt(e) !== CharCode.LineFeed) e++;
    if (text.charCodeAt(e) !== q) return null;
    return e > s ? { doc: { label: text.slice(s, e), stripTabs }, end: e + 1 } : null;
  }
  e = s;
  while (e < to && text.charCodeAt(e) < 128 && IDENT_PART[text.charCodeAt(e)] === 1) e++;
  return e > s ? { doc: { label: text.slice(s, e), stripTabs }, end: e } : null;
}

/** The body from `p` up to the label line; returns the offset after that line. */
function heredocBody(text: string, p: number, to: number, out: TokenStream, h: Heredoc): number {
  const start = p;
  let line = p;
  while (line < to) {
    const e = lineEnd(text, line, to);
    let k = line;
    if (h.stripTabs) while (k < e && text.charCodeAt(k) === CharCode.Tab) k++;
    let lineTo = e;
    if (lineTo > k && text.charCodeAt(lineTo - 1) === CharCode.CarriageReturn) lineTo--;
    if (lineTo - k === h.label.length && text.startsWith(h.label, k)) {
      body(text, start, line > start ? line - 1 : start, out);
      return e;
    }
    line = e + 1;
  }
  body(text, start, to, out);
  return to;
}

function body(text: string, from: number, to: number, out: TokenStream): void {
  if (startsJson(text, from, to)) lexCFamily(text, from, to, out, Dialect.JS);
  else out.push(Tok.Str, from, to, StrFlag.Terminated | StrFlag.Block);
}
