/**
 * The token stream every lexer fills: parallel typed arrays rather than token
 * objects, so that lexing a 50 MB tree allocates almost nothing per token.
 * Whitespace and comments are not tokens; a string token's range is its
 * content (between the quotes), which is what both the name checks and the
 * completion ranges want.
 */
import { CharCode } from './char-code';

export const enum Tok {
  Ident = 1,
  Str = 2,
  /** A number, a regular expression literal or anything else that is a value. */
  Value = 3,
  /** Any operator we do not care about individually (`*`, `<`, `&&`, ...). */
  Op = 4,
  LParen = 10,
  RParen = 11,
  LBrack = 12,
  RBrack = 13,
  LBrace = 14,
  RBrace = 15,
  Comma = 16,
  Colon = 17,
  Semi = 18,
  /** `=` and `:=` (not `==`, `=>`). */
  Assign = 19,
  /** String concatenation: `+`, `+=`, and PHP's `.` / `.=`. */
  Concat = 20,
  /** Member access: `.` (not PHP), `->`, `?->`, `::`, `?.`. */
  Member = 21,
  /** `=>` (a key separator in PHP arrays). */
  Arrow = 22,
}

/** Flags of a string token. */
export const enum StrFlag {
  /** The closing quote was found (otherwise the string ran to the end of its line/file). */
  Terminated = 1,
  /** The string has interpolated parts (`${}`, `{$x}`, f-string `{}`, `$VAR`, `{{var}}`). */
  Dynamic = 2,
  /** Unquoted shell word / URL in an .http request line. */
  Bare = 4,
  /** A nowdoc/heredoc or a triple-quoted/raw multi-line string. */
  Block = 8,
}

const INITIAL = 1024;

/** Growable token arrays plus the few side tables some tokens need. */
export class TokenStream {
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  /** StrFlag bits for strings; the operator's char code for Op tokens (low byte). */
  flags: Uint8Array;
  length = 0;
  /** Hole ranges of dynamic strings: token index → [start, end, start, end, ...]. */
  readonly holes = new Map<number, number[]>();
  /** Comment ranges [start, end, ...]; filled only when `collectComments` is set. */
  readonly comments: number[] = [];
  collectComments = false;

  /** `capacity`: expected token count (a quarter of the text length is typical for code). */
  constructor(capacity = INITIAL) {
    const n = Math.max(INITIAL, Math.min(capacity, 1 << 24));
    this.kind = new Uint8Array(n);
    this.start = new Int32Array(n);
    this.end = new Int32Array(n);
    this.flags = new Uint8Array(n);
  }

  /** Empties the stream for reuse (keeps the arrays). */
  reset(): void {
    this.length = 0;
    this.holes.clear();
    this.comments.length = 0;
    this.collectComments = false;
  }

  /** Makes room for `capacity` tokens in an empty stream (nothing is copied; never shrinks). */
  reserve(capacity: number): void {
    if (this.length > 0 || capacity <= this.kind.length) return;
    const n = Math.min(capacity, 1 << 24);
    this.kind = new Uint8Array(n);
    this.start = new Int32Array(n);
    this.end = new Int32Array(n);
    this.flags = new Uint8Array(n);
  }

  push(kind: number, start: number, end: number, flags = 0): number {
    const i = this.length;
    if (i === this.kind.length) this.grow();
    this.kind[i] = kind;
    this.start[i] = start;
    this.end[i] = end;
    this.flags[i] = flags;
    this.length = i + 1;
    return i;
  }

  comment(start: number, end: number): void {
    if (this.collectComments) this.comments.push(start, end);
  }

  private grow(): void {
    const n = this.kind.length * 2;
    const kind = new Uint8Array(n);
    kind.set(this.kind);
    this.kind = kind;
    const start = new Int32Array(n);
    start.set(this.start);
    this.start = start;
    const end = new Int32Array(n);
    end.set(this.end);
    this.end = end;
    const flags = new Uint8Array(n);
    flags.set(this.flags);
    this.flags = flags;
  }
}

/** Character classes, indexed by char code < 128. */
export const IDENT_START = new Uint8Array(128);
export const IDENT_PART = new Uint8Array(128);
/** Characters a REST method name is made of: letters, digits, `_`, `.`. */
export const NAME_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= CharCode.A && c <= CharCode.Z) || (c >= CharCode.a && c <= CharCode.z);
  const digit = c >= CharCode.Digit0 && c <= CharCode.Digit9;
  IDENT_START[c] = letter || c === CharCode.Underline || c === CharCode.DollarSign ? 1 : 0; // _ $
  IDENT_PART[c] = letter || digit || c === CharCode.Underline || c === CharCode.DollarSign ? 1 : 0;
  NAME_CHAR[c] = letter || digit || c === CharCode.Underline || c === CharCode.Period ? 1 : 0;
}

/** True for code units that continue an identifier (non-ASCII counts as a letter). */
export function isIdentPart(c: number): boolean {
  return c < 128 ? IDENT_PART[c] === 1 : c > 159 && c !== 0x2028 && c !== 0x2029 && c !== 0xfeff && c !== 0xa0;
}

/** True for code units that start an identifier. */
export function isIdentStart(c: number): boolean {
  return c < 128 ? IDENT_START[c] === 1 : c > 159 && c !== 0x2028 && c !== 0x2029 && c !== 0xfeff && c !== 0xa0;
}

/** Single-character punctuation shared by every lexer: char code → token kind (0: not punctuation). */
export const PUNCT = new Uint8Array(128);
PUNCT[CharCode.OpenParen] = Tok.LParen;
PUNCT[CharCode.CloseParen] = Tok.RParen;
PUNCT[CharCode.OpenSquareBracket] = Tok.LBrack;
PUNCT[CharCode.CloseSquareBracket] = Tok.RBrack;
PUNCT[CharCode.OpenCurlyBrace] = Tok.LBrace;
PUNCT[CharCode.CloseCurlyBrace] = Tok.RBrace;
PUNCT[CharCode.Comma] = Tok.Comma;
PUNCT[CharCode.Semicolon] = Tok.Semi;
