/**
 * A `MethodNames` over a list of names: a lower-cased set for `has`, and a
 * sorted array for `matchesPattern` (binary search to the names sharing the
 * pattern's static prefix, then a regular expression over those).
 */
import type { MethodNames } from './types';

/** Builds a case-insensitive `MethodNames` from names (catalogue and custom). */
export function createMethodNames(names: Iterable<string>): MethodNames {
  const set = new Set<string>();
  // (first letter, length) pairs that occur: most strings in code fail this test without hashing.
  const shapes = new Uint8Array(32 * 128);
  for (const n of names) {
    const lower = n.toLowerCase();
    set.add(lower);
    shapes[shape(lower)] = 1;
  }
  const sorted = [...set].sort();
  return {
    // Most names are written in lower case already: try as written first.
    has: (name) => shapes[shape(name)] === 1 && (set.has(name) || set.has(name.toLowerCase())),
    matchesPattern: (pattern) => matchesPattern(sorted, pattern),
  };
}

function shape(name: string): number {
  return ((name.charCodeAt(0) | 32) & 31) * 128 + Math.min(name.length, 127);
}

/** Whether any of the sorted lower-case `names` matches the `*` pattern. */
export function matchesPattern(sorted: readonly string[], pattern: string): boolean {
  const p = pattern.toLowerCase();
  const star = p.indexOf('*');
  if (star < 0) return sorted.includes(p);
  const prefix = p.slice(0, star);
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  const re = new RegExp(
    '^' +
      p
        .split('*')
        .map((x) => x.replace(/[.]/g, '\\.'))
        .join('[\\w.]+') +
      '$',
  );
  for (let i = lo; i < sorted.length && sorted[i].startsWith(prefix); i++) if (re.test(sorted[i])) return true;
  return false;
}
