#!/usr/bin/env node
// Runs one plain-Node test tier (unit or server) with mocha and prints the
// closing "N passed, N failed, N skipped" line. Extra arguments narrow the files:
//   node test/run-tier.mjs unit catalogue   → test/unit/**/*catalogue*.test.ts
//   node test/run-tier.mjs unit --dir <folder>  → the tests in another folder, same setup
// A stray `it.only` fails the tier (forbidOnly) instead of silently dropping the rest.
import Mocha from 'mocha';
import { readdirSync, statSync } from 'node:fs';
import { join, dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { countsLine, watchSkips } from './support/counts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [tier, ...rest] = process.argv.slice(2);
if (!['unit', 'server'].includes(tier)) {
  console.error('usage: run-tier.mjs unit|server [--dir folder] [filter...]');
  process.exit(2);
}
const dirAt = rest.indexOf('--dir');
const testDir = dirAt >= 0 ? resolve(rest[dirAt + 1]) : join(root, 'test', tier);
const filters = dirAt >= 0 ? rest.filter((_, i) => i !== dirAt && i !== dirAt + 1) : rest;
createRequire(import.meta.url)('tsx/cjs');

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
const files = walk(testDir)
  .filter((f) => f.endsWith('.test.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => relative(root, f).includes(x)))
  .sort();

const mocha = new Mocha({ timeout: tier === 'server' ? 30000 : 10000, reporter: 'spec', forbidOnly: true });
files.forEach((f) => mocha.addFile(f));
try {
  const runner = mocha.run((failures) => {
    const skipsOnCi = skips.check();
    console.log(countsLine(tier, runner.stats));
    process.exitCode = failures || skipsOnCi || files.length === 0 ? 1 : 0;
    if (files.length === 0) console.error(`no ${tier} test files matched`);
  });
  // With CI set, a skip other than the real-portal contract runs fails the tier.
  const skips = watchSkips(runner);
} catch (err) {
  // A file that cannot load (a syntax error, an `it.only` under forbidOnly) fails the tier.
  console.error(err instanceof Error ? err.message : err);
  console.log(countsLine(tier, { failures: 1 }));
  process.exitCode = 1;
}
