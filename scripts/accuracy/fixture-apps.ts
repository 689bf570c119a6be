/**
 * The hand-written fixture apps (test/fixtures/apps/*): each has a
 * `labels.json` listing, per file, the expected references (`line:name`)
 * and unresolved patterns (`line:pattern`), lines 1-based. Everything else
 * the analysis reports in those files is a false positive.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyze } from '../../server/src/analysis/analyze';
import { familyOf } from '../../server/src/analysis/family';
import type { MethodNames } from '../../server/src/analysis/types';

/** Expected and found labels of one file. */
export interface FileResult {
  app: string;
  file: string;
  expected: string[];
  found: string[];
}

interface Labels {
  [file: string]: { references: string[]; unresolved: string[] };
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
      const a = analyze(text, family, names);
      const found = [
        ...a.references.map((r) => `${lineOf(text, r.start)}:${r.name}`),
        ...a.unresolved.map((u) => `${lineOf(text, u.start)}:${u.pattern}`),
      ];
      const want = labels[rel] ?? { references: [], unresolved: [] };
      results.push({ app, file: rel, expected: [...want.references, ...want.unresolved], found });
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

/** True positives, false positives and false negatives of a result (labels as multisets). */
export function score(r: FileResult): { tp: number; fp: string[]; fn: string[] } {
  const left = [...r.expected];
  const fp: string[] = [];
  let tp = 0;
  for (const f of r.found) {
    const i = left.findIndex((e) => e.toLowerCase() === f.toLowerCase());
    if (i >= 0) {
      left.splice(i, 1);
      tp++;
    } else fp.push(f);
  }
  return { tp, fp, fn: left };
}
