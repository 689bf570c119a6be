#!/usr/bin/env node
// Runs one plain-Node test tier (unit or server) with mocha and prints the
// closing "N passed, N failed" line. Extra arguments narrow the files:
//   node test/run-tier.mjs unit catalogue   → test/unit/**/*catalogue*.test.ts
import Mocha from 'mocha';
import { readdirSync, statSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [tier, ...filters] = process.argv.slice(2);
if (!['unit', 'server'].includes(tier)) {
  console.error('usage: run-tier.mjs unit|server [filter...]');
  process.exit(2);
}
createRequire(import.meta.url)('tsx/cjs');

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
const files = walk(join(root, 'test', tier))
  .filter((f) => f.endsWith('.test.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => relative(root, f).includes(x)))
  .sort();

const mocha = new Mocha({ timeout: tier === 'server' ? 30000 : 10000, reporter: 'spec' });
files.forEach((f) => mocha.addFile(f));
const runner = mocha.run((failures) => {
  const { passes = 0, failures: failed = 0, pending = 0 } = runner.stats ?? {};
  console.log(`${tier}: ${passes} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
  process.exitCode = failures || files.length === 0 ? 1 : 0;
  if (files.length === 0) console.error(`no ${tier} test files matched`);
});
