/**
 * `.http` / `.rest` request files (VS Code REST Client, JetBrains HTTP
 * client): the URL of each request line is a string token with `{{var}}`
 * holes; `@name = value` yields an identifier, `=` and the value; a request
 * body is lexed as JavaScript (JSON); `#` and `//` lines are comments.
 */
import { StrFlag, Tok, TokenStream } from './tokens';
import { lineEnd } from './lex-util';
import { Dialect, lexCFamily } from './lex-c-family';
import { lexShell } from './lex-shell';
import { CharCode } from './char-code';

const VERBS = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|CONNECT|TRACE)[ \t]+/;

const enum State {
  Request,
  Headers,
  Body,
}

/** Lexes `text[from, to)` as an HTTP request file, appending tokens to `out`. */
export function lexHttp(text: string, from: number, to: number, out: TokenStream): void {
  let state = State.Request;
  let bodyStart = -1;
  let p = from;
  const flushBody = (end: number): void => {
    if (bodyStart >= 0 && end > bodyStart) lexCFamily(text, bodyStart, end, out, Dialect.JS);
    bodyStart = -1;
  };
  while (p < to) {
    const e = lineEnd(text, p, to);
    let k = p;
    while (k < e && (text.charCodeAt(k) === CharCode.Space || text.charCodeAt(k) === CharCode.Tab)) k++;
    const c = text.charCodeAt(k);
    if (c === CharCode.Hash && text.startsWith('###', k)) {
      flushBody(p);
      out.comment(k, e);
      state = State.Request;
    } else if (state === State.Body) {
      if (bodyStart < 0) bodyStart = p;
    } else if (c === CharCode.Hash || (c === CharCode.Slash && text.charCodeAt(k + 1) === CharCode.Slash)) {
      out.comment(k, e);
    } else if (k >= e || (k === e - 1 && text.charCodeAt(k) === CharCode.CarriageReturn)) {
      if (state === State.Headers) state = State.Body;
    } else if (c === CharCode.AtSign) {
      variable(text, k, e, out);
    } else if (state === State.Request && text.startsWith('curl ', k)) {
      // A curl command pasted as the request (docs do this in `http` fences): lex it as shell.
      let end = e;
      while (end < to && text.charCodeAt(end - 1 - (text.charCodeAt(end - 1) === CharCode.CarriageReturn ? 1 : 0)) === CharCode.Backslash)
        end = lineEnd(text, end + 1, to);
      lexShell(text, k, end, out);
      p = end + 1;
      continue;
    } else if (state === State.Request) {
      requestLine(text, k, e, out);
      state = State.Headers;
    }
    // Header lines and query continuation lines carry nothing we look for.
    p = e + 1;
  }
  flushBody(to);
}

/** `@name = value`. */
function variable(text: string, k: number, e: number, out: TokenStream): void {
  let n = k + 1;
  while (n < e && /[\w.-]/.test(text[n])) n++;
  let v = n;
  while (v < e && (text.charCodeAt(v) === CharCode.Space || text.charCodeAt(v) === CharCode.Tab)) v++;
  if (text.charCodeAt(v) !== CharCode.Equals) return;
  out.push(Tok.Ident, k + 1, n);
  out.push(Tok.Assign, v, v + 1);
  v++;
  while (v < e && (text.charCodeAt(v) === CharCode.Space || text.charCodeAt(v) === CharCode.Tab)) v++;
  let end = e;
  while (end > v && text.charCodeAt(end - 1) <= CharCode.Space) end--;
  if (end > v) pushWithHoles(text, v, end, out);
}

/** `VERB url [HTTP/1.1]` or a bare URL. */
function requestLine(text: string, k: number, e: number, out: TokenStream): void {
  const m = VERBS.exec(text.slice(k, Math.min(e, k + 16)));
  let u = m ? k + m[0].length : k;
  while (u < e && (text.charCodeAt(u) === CharCode.Space || text.charCodeAt(u) === CharCode.Tab)) u++;
  let end = u;
  while (end < e && text.charCodeAt(end) > CharCode.Space) end++;
  if (end > u) pushWithHoles(text, u, end, out);
}

/** A string token over `[s, e)` with `{{...}}` holes. */
function pushWithHoles(text: string, s: number, e: number, out: TokenStream): void {
  let holes: number[] | undefined;
  let i = s;
  while (i < e - 1) {
    if (text.charCodeAt(i) === CharCode.OpenCurlyBrace && text.charCodeAt(i + 1) === CharCode.OpenCurlyBrace) {
      let j = i + 2;
      while (j < e - 1 && !(text.charCodeAt(j) === CharCode.CloseCurlyBrace && text.charCodeAt(j + 1) === CharCode.CloseCurlyBrace)) j++;
      const end = j < e - 1 ? j + 2 : e;
      (holes ??= []).push(i, end);
      i = end;
      continue;
    }
    i++;
  }
  const t = out.push(Tok.Str, s, e, StrFlag.Terminated | StrFlag.Bare | (holes ? StrFlag.Dynamic : 0));
  if (holes) out.holes.set(t, holes);
}
