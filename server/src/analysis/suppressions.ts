/**
 * `bitrix24-disable-line [codes]` and `bitrix24-disable-next-line [codes]`
 * in a comment of any syntax (`//`, `#`, `/* *\/`, `<!-- -->`). A marker
 * outside a comment (in a string, say) does nothing.
 */

const MARKER = 'bitrix24-disable-';

/** Offsets of every suppression marker in the text (usually none, so lexers skip comment bookkeeping). */
export function suppressionMarkers(text: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(MARKER); i >= 0; i = text.indexOf(MARKER, i + MARKER.length)) at.push(i);
  return at;
}

/**
 * Suppressed lines (0-based) → rule codes (empty = all rules), from the
 * markers that lie inside a comment. `comments` is `[start, end, ...]`.
 */
export function suppressionsFrom(text: string, markers: number[], comments: number[]): Map<number, string[]> {
  const result = new Map<number, string[]>();
  if (markers.length === 0) return result;
  const ranges: [number, number][] = [];
  for (let i = 0; i + 1 < comments.length; i += 2) ranges.push([comments[i], comments[i + 1]]);
  ranges.sort((a, b) => a[0] - b[0]);
  const lines = new LineCounter(text);
  let r = 0;
  for (const at of markers) {
    while (r < ranges.length && ranges[r][1] <= at) r++;
    let comment: [number, number] | undefined;
    for (let k = r; k < ranges.length && ranges[k][0] <= at; k++) if (at < ranges[k][1]) comment = ranges[k];
    if (!comment) continue;
    const m = /^(line|next-line)(?![\w-])([^\n]*)/.exec(text.slice(at + MARKER.length, comment[1]));
    if (!m) continue;
    const line = m[1] === 'line' ? lines.lineAt(at) : lines.lineAt(Math.max(at, comment[1] - 1)) + 1;
    merge(result, line, parseCodes(m[2]));
  }
  return result;
}

/** 0-based line of an offset: newline offsets found once, then a binary search per question. */
class LineCounter {
  private readonly newlines: number[] = [];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.newlines.push(i);
  }
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.newlines[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function parseCodes(tail: string): string[] {
  let s = tail.replace(/\*\/.*$|-->.*$/, '');
  const reason = s.indexOf(' -- ');
  if (reason >= 0) s = s.slice(0, reason);
  return s.split(/[\s,]+/).filter((c) => /^[\w-]+$/.test(c) && c !== '--');
}

function merge(map: Map<number, string[]>, line: number, codes: string[]): void {
  const old = map.get(line);
  if (old === undefined) map.set(line, codes);
  else if (old.length === 0 || codes.length === 0) map.set(line, []);
  else map.set(line, [...new Set([...old, ...codes])]);
}
