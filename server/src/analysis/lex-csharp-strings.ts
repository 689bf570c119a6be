/** C# string literals: regular, verbatim, interpolated and raw, in any combination. */
import { StrFlag, Tok, TokenStream } from './tokens';
import { skipHole } from './lex-util';
import { CharCode } from './char-code';

/**
 * C# strings at `p`: `"..."`, `@"..."` (verbatim, `""` escapes), `$"..."`
 * (interpolated), `$@"`/`@$"`, and raw `"""..."""` with any `$` prefix.
 * Returns the offset after the string, or `p` when no string starts here.
 */
export function csharpStringAt(text: string, p: number, to: number, out: TokenStream): number {
  let i = p;
  let dollars = 0;
  let verbatim = false;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === CharCode.DollarSign) dollars++;
    else if (c === CharCode.AtSign) verbatim = true;
    else break;
    i++;
  }
  if (text.charCodeAt(i) !== CharCode.DoubleQuote || i - p > 4) return p;
  let quotes = 0;
  while (text.charCodeAt(i + quotes) === CharCode.DoubleQuote && quotes < 64) quotes++;
  if (quotes === 2) {
    out.push(Tok.Str, i + 1, i + 1, StrFlag.Terminated); // ""
    return i + 2;
  }
  const raw = quotes >= 3;
  const start = i + (raw ? quotes : 1);
  let holes: number[] | undefined;
  let q = start;
  while (q < to) {
    const c = text.charCodeAt(q);
    if (c === CharCode.DoubleQuote) {
      if (raw) {
        let n = 0;
        while (n < quotes && text.charCodeAt(q + n) === CharCode.DoubleQuote) n++;
        if (n === quotes) return finishCs(out, start, q, q + quotes, holes, true);
        q += n;
        continue;
      }
      if (verbatim && text.charCodeAt(q + 1) === CharCode.DoubleQuote) {
        q += 2;
        continue;
      }
      return finishCs(out, start, q, q + 1, holes, true);
    }
    if (c === CharCode.Backslash && !verbatim && !raw) {
      q += 2;
      continue;
    }
    if ((c === CharCode.LineFeed || c === CharCode.CarriageReturn) && !verbatim && !raw) break;
    if (c === CharCode.OpenCurlyBrace && dollars > 0) {
      let n = 0;
      while (text.charCodeAt(q + n) === CharCode.OpenCurlyBrace && n < 64) n++;
      if (n >= dollars && (raw || n % 2 === 1)) {
        const e = skipHole(text, q + n, to, CharCode.OpenCurlyBrace, CharCode.CloseCurlyBrace);
        (holes ??= []).push(q, e);
        q = e;
        continue;
      }
      q += n;
      continue;
    }
    q++;
  }
  if (q > to) q = to;
  return finishCs(out, start, q, q, holes, false);
}

function finishCs(out: TokenStream, start: number, end: number, after: number, holes: number[] | undefined, terminated: boolean): number {
  const i = out.push(Tok.Str, start, end, (terminated ? StrFlag.Terminated : 0) | (holes ? StrFlag.Dynamic : 0));
  if (holes) out.holes.set(i, holes);
  return after;
}
