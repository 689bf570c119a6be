/**
 * The hand-written fixture apps (test/fixtures/apps/*): each has a
 * `labels.json` listing, per file, what a reader says the code calls: the
 * references (`line:name`), unresolved patterns (`line:pattern`) and event
 * or placement bindings (`line:event:NAME`, `line:placement:CODE`), lines
 * 1-based. Where the analysis knowingly differs from the reader, the file
 * says so with a reason (`knownFalsePositives`, `knownMisses`), so the
 * labels stay honest while the apps serve as a regression golden.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyse } from '../../server/src/analysis/analyse';
import { familyOf } from '../../server/src/analysis/family';
import type { MethodNames } from '../../server/src/analysis/types';

/** Expected and found labels of one file. */
export interface FileResult {
  app: string;
  file: string;
  /** What a reader says the file calls and registers. */
  expected: string[];
  /** What the analysis is known to report: `expected` plus its known false positives, minus its known misses. */
  golden: string[];
  found: string[];
}

interface FileLabels {
  references: string[];
  unresolved: string[];
  bindings?: string[];
  /** Reported by the analysis although no call: label → why. */
  knownFalsePositives?: Record<string, string>;
  /** Calls the analysis does not find: label → why. */
  knownMisses?: Record<string, string>;
}

interface Labels {
  [file: string]: FileLabels;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Analyses every labelled file of every app under `appsRoot`. */
export function runFixtureApps(appsRoot: string, names: MethodNames): FileResult[] {
  const results: FileResult[] = [];
  for (const app of readdirSync(appsRoot).sort()) {
    const dir = join(appsRoot, app);
    const labelsFile = join(dir, 'labels.json');
    if (!statSync(dir).isDirectory() || !existsSync(labelsFile)) continue;
    const labels = JSON.parse(readFileSync(labelsFile, 'utf8')) as Labels;
    for (const file of listFiles(dir)) {
      const rel = relative(dir, file).split('\\').join('/');
      if (rel === 'labels.json') continue;
      const family = familyOf('', rel);
      if (!family) continue;
      const text = readFileSync(file, 'utf8');
      const a = analyse(text, family, names);
      const found = [
        ...a.references.map((r) => `${lineOf(text, r.start)}:${r.name}`),
        ...a.unresolved.map((u) => `${lineOf(text, u.start)}:${u.pattern}`),
        ...a.bindings.map((b) => `${lineOf(text, b.start)}:${b.kind}:${b.name}`),
      ];
      const want: FileLabels = labels[rel] ?? { references: [], unresolved: [] };
      const expected = [...want.references, ...want.unresolved, ...(want.bindings ?? [])];
      const misses = new Set(Object.keys(want.knownMisses ?? {}));
      const golden = [...expected.filter((x) => !misses.has(x)), ...Object.keys(want.knownFalsePositives ?? {})];
      results.push({ app, file: rel, expected, golden, found });
    }
  }
  return results;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}
