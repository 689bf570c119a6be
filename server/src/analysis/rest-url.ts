/**
 * Reading method names out of string contents: REST URL paths
 * (`/rest/<user>/<code>/<m>.json?x`, `/rest/<m>`, `/rest/api/<m>`), URL tails
 * after an interpolation, batch command strings (`m?id=1`), and the `*`
 * patterns of names built at run time.
 */
import { NAME_CHAR } from './tokens';

/** The method segment of a REST URL. */
export interface UrlSegment {
  start: number;
  end: number;
  version: 2 | 3;
  /** Set when the segment has interpolated parts: the name with `*` for them. */
  pattern?: string;
}

/** Characters that end a URL path inside a string or a word. */
function endsPath(c: number): boolean {
  return (
    c <= 32 ||
    c === 63 ||
    c === 35 ||
    c === 34 ||
    c === 39 ||
    c === 96 ||
    c === 60 ||
    c === 62 ||
    c === 92 ||
    c === 40 ||
    c === 41 ||
    c === 44 ||
    c === 59 ||
    c === 124
  );
}

/**
 * The method segment of the REST path whose `/rest/` starts at `at`, inside
 * content `[at, e)` with interpolation `holes` (sorted `[start, end, ...]`).
 */
export function restUrlSegment(text: string, at: number, e: number, holes: number[] | undefined): UrlSegment | undefined {
  let p = at + 6;
  let version: 2 | 3 = 2;
  if (text.startsWith('api/', p)) {
    version = 3;
    p += 4;
  }
  let segStart = p;
  let h = 0;
  if (holes) while (h < holes.length && holes[h + 1] <= p) h += 2;
  while (p < e) {
    if (holes && h < holes.length && holes[h] <= p) {
      p = Math.max(p + 1, holes[h + 1]);
      h += 2;
      continue;
    }
    const c = text.charCodeAt(p);
    if (endsPath(c)) break;
    if (c === 47) segStart = p + 1;
    p++;
  }
  let segEnd = p;
  const lower = text.slice(Math.max(segStart, segEnd - 5), segEnd).toLowerCase();
  if (lower.endsWith('.json')) segEnd -= 5;
  else if (lower.endsWith('.xml')) segEnd -= 4;
  if (segEnd <= segStart) return undefined;
  const dynamic = holes !== undefined && holes.some((x, i) => i % 2 === 0 && x < segEnd && holes[i + 1] > segStart);
  if (!dynamic) return { start: segStart, end: segEnd, version };
  return { start: segStart, end: segEnd, version, pattern: patternOf(text, segStart, segEnd, holes) };
}

/** `text[s, e)` with each hole replaced by `*` (runs of `*` collapsed). */
export function patternOf(text: string, s: number, e: number, holes: number[] | undefined): string {
  if (!holes) return text.slice(s, e);
  let out = '';
  let p = s;
  for (let i = 0; i < holes.length; i += 2) {
    const hs = Math.max(holes[i], s);
    const he = Math.min(holes[i + 1], e);
    if (he <= p || hs >= e) continue;
    out += text.slice(p, hs);
    if (!out.endsWith('*')) out += '*';
    p = he;
  }
  return out + text.slice(p, e);
}

/**
 * Length of the leading name in `text[s, e)`: letters, digits, `_`, `.`,
 * starting with a letter. 0 when there is none.
 */
export function nameLength(text: string, s: number, e: number): number {
  const c = text.charCodeAt(s);
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return 0;
  let p = s + 1;
  while (p < e) {
    const d = text.charCodeAt(p);
    if (d >= 128 || NAME_CHAR[d] === 0) break;
    p++;
  }
  // A trailing dot is punctuation, not part of a name.
  while (p > s && text.charCodeAt(p - 1) === 46) p--;
  return p - s;
}

/** True when `text[s, e)` contains a `.`. */
export function hasDot(text: string, s: number, e: number): boolean {
  for (let p = s; p < e; p++) if (text.charCodeAt(p) === 46) return true;
  return false;
}

/**
 * True for a pattern shaped like a dotted method name with dynamic parts:
 * `crm.*.list`, `crm.item.*`, `*.list` — but not `*` alone or prose.
 */
export function isMethodPattern(pattern: string): boolean {
  return /^[A-Za-z_*][\w*]*(\.[\w*]+)+$/.test(pattern) && pattern.includes('*') && /[A-Za-z]/.test(pattern);
}
