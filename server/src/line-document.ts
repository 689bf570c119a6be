/**
 * An open document kept as an array of lines, so an edit costs about the size
 * of the lines it touches, not of the whole text: a burst of 1,000 keystrokes
 * on a 1 MB file is 1,000 small splices, where a single string would be copied
 * 1,000 times. The full text and the line offsets are rebuilt only when asked.
 * Implements the TextDocument interface the language features read.
 */
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

/**
 * Splits `text` into lines that keep their terminator (\n, \r\n or \r); the last item has none (may be '').
 * Searches with indexOf (a fast native scan) rather than a loop over every character: a 20 MB
 * minified file is one line and costs two scans, not 20 million steps.
 */
function splitLines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  while (lf !== -1 || cr !== -1) {
    let end: number;
    if (cr !== -1 && (lf === -1 || cr < lf)) end = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
    else end = lf + 1;
    out.push(text.slice(start, end));
    start = end;
    if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
    if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
  }
  out.push(text.slice(start));
  return out;
}

/** The index of the last of `sorted[0..last]` that is ≤ `value` (0 when none is), by binary search. */
export function lastAtOrBefore(sorted: readonly number[], value: number, last = sorted.length - 1): number {
  let lo = 0;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Length of `line` without its terminator. */
function contentLength(line: string): number {
  let n = line.length;
  if (n && line.charCodeAt(n - 1) === 10) n--;
  if (n && line.charCodeAt(n - 1) === 13) n--;
  return n;
}

/**
 * The line starts of a text, found only as far as a position asks: the first 1,000 problems of a
 * 2 MB file near its top read that far, instead of the whole file being split into lines.
 */
class LineIndex {
  /** Line starts found so far, ascending; the line at `starts[n - 1]` may not have been scanned to its end. */
  private readonly starts: number[] = [0];
  /** Every line start is known (the last line has been reached). */
  private complete = false;
  private lf = -2;
  private cr = -2;

  constructor(private readonly text: string) {}

  /** The line holding `at` (0 ≤ at ≤ length) and its start. */
  lineOf(at: number): number {
    const { starts } = this;
    while (!this.complete && starts[starts.length - 1] <= at) this.next();
    return lastAtOrBefore(starts, at, starts.length - 1);
  }

  /** The start of `line`, or undefined past the last line. */
  startOf(line: number): number | undefined {
    while (!this.complete && this.starts.length <= line) this.next();
    return this.starts[line];
  }

  /** The length of `line` (an existing line) without its terminator. */
  contentLength(line: number): number {
    const start = this.starts[line];
    let end = this.startOf(line + 1) ?? this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return end - start;
  }

  /** Records the start of the line after the last one known (same line ends as `splitLines`). */
  private next(): void {
    const { text } = this;
    const from = this.starts[this.starts.length - 1];
    if (this.lf !== -1 && this.lf < from) this.lf = text.indexOf('\n', from);
    if (this.cr !== -1 && this.cr < from) this.cr = text.indexOf('\r', from);
    const { lf, cr } = this;
    if (lf === -1 && cr === -1) {
      this.complete = true;
      return;
    }
    this.starts.push(cr !== -1 && (lf === -1 || cr < lf) ? (text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1) : lf + 1);
  }
}

export class LineDocument implements TextDocument {
  /** Built from `text` on first need (an edit, a position): a document only read whole (too large to analyse) never pays for it. */
  private split: string[] | undefined;
  private text: string | undefined;
  private starts: number[] | undefined;
  /** Positions in a document not yet split into lines (just opened or replaced whole). */
  private index: LineIndex | undefined;

  private constructor(
    readonly uri: string,
    readonly languageId: string,
    private _version: number,
    content: string,
  ) {
    this.text = content;
  }

  /** For `new TextDocuments(LineDocument)`. */
  static create(uri: string, languageId: string, version: number, content: string): LineDocument {
    return new LineDocument(uri, languageId, version, content);
  }

  /** Applies changes in order (for `new TextDocuments(LineDocument)`). */
  static update(doc: LineDocument, changes: TextDocumentContentChangeEvent[], version: number): LineDocument {
    for (const change of changes) {
      if ('range' in change && change.range) doc.splice(change.range, change.text);
      else doc.reset(change.text);
    }
    doc._version = version;
    return doc;
  }

  /** The lines, each with its terminator (one of `split` and `text` is always set). */
  private get lines(): string[] {
    return (this.split ??= splitLines(this.text ?? ''));
  }

  get version(): number {
    return this._version;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  getText(range?: Range): string {
    this.text ??= this.lines.join('');
    if (!range) return this.text;
    return this.text.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  offsetAt(position: Position): number {
    if (this.split === undefined && this.text !== undefined) {
      const index = (this.index ??= new LineIndex(this.text));
      if (position.line < 0) return 0;
      const start = index.startOf(position.line);
      if (start === undefined) return this.text.length;
      return start + Math.max(0, Math.min(position.character, index.contentLength(position.line)));
    }
    const starts = this.lineStarts();
    if (position.line >= this.lines.length) return starts[this.lines.length];
    if (position.line < 0) return 0;
    const line = this.lines[position.line];
    return starts[position.line] + Math.max(0, Math.min(position.character, contentLength(line)));
  }

  positionAt(offset: number): Position {
    if (this.split === undefined && this.text !== undefined) {
      const index = (this.index ??= new LineIndex(this.text));
      const at = Math.max(0, Math.min(offset, this.text.length));
      const line = index.lineOf(at);
      return { line, character: Math.min(at - (index.startOf(line) ?? 0), index.contentLength(line)) };
    }
    const starts = this.lineStarts();
    const at = Math.max(0, Math.min(offset, starts[this.lines.length]));
    const lo = lastAtOrBefore(starts, at, this.lines.length - 1);
    return { line: lo, character: Math.min(at - starts[lo], contentLength(this.lines[lo])) };
  }

  getLineRange(line: number): Range {
    const l = Math.max(0, Math.min(line, this.lines.length - 1));
    const end = line < 0 ? 0 : contentLength(this.lines[l]);
    return { start: { line: l, character: 0 }, end: { line: l, character: end } };
  }

  getEOLCharacters(line: number): string {
    if (line < 0 || line >= this.lines.length) return '';
    return this.lines[line].slice(contentLength(this.lines[line]));
  }

  private reset(content: string): void {
    this.split = undefined;
    this.text = content;
    this.starts = undefined;
    this.index = undefined;
  }

  private splice(range: Range, insert: string): void {
    const last = this.lines.length - 1;
    const clampLine = (l: number) => Math.max(0, Math.min(l, last));
    let { start, end } = range;
    if (end.line < start.line || (end.line === start.line && end.character < start.character)) [start, end] = [end, start];
    const from = clampLine(start.line);
    const to = clampLine(end.line);
    const startChar = start.line > last ? contentLength(this.lines[from]) : Math.max(0, Math.min(start.character, contentLength(this.lines[from])));
    const endChar = end.line > last ? this.lines[to].length : Math.max(0, Math.min(end.character, contentLength(this.lines[to])));
    let first = from;
    let chunk = this.lines[from].slice(0, startChar) + insert + this.lines[to].slice(endChar);
    let upto = to;
    // Keep a \r\n pair together when the edit ends or starts between its two characters.
    if (chunk.endsWith('\r') && upto + 1 <= last && this.lines[upto + 1].startsWith('\n')) chunk += this.lines[++upto];
    if (chunk.startsWith('\n') && first > 0 && this.lines[first - 1].endsWith('\r') && !this.lines[first - 1].endsWith('\r\n'))
      chunk = this.lines[--first] + chunk;
    const parts = splitLines(chunk);
    // The chunk's last part continues into the next line only when it has no terminator and is not the document's end.
    if (upto < last && parts[parts.length - 1] === '') parts.pop();
    else if (upto < last) {
      parts[parts.length - 1] += this.lines[upto + 1];
      upto++;
    }
    if (parts.length < 10_000) this.lines.splice(first, upto - first + 1, ...parts);
    else this.split = this.lines.slice(0, first).concat(parts, this.lines.slice(upto + 1));
    this.text = undefined;
    this.starts = undefined;
    this.index = undefined;
  }

  private lineStarts(): number[] {
    if (!this.starts) {
      const starts = new Array<number>(this.lines.length + 1);
      let at = 0;
      for (let i = 0; i < this.lines.length; i++) {
        starts[i] = at;
        at += this.lines[i].length;
      }
      starts[this.lines.length] = at;
      this.starts = starts;
    }
    return this.starts;
  }
}
