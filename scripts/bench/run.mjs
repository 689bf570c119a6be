#!/usr/bin/env node
// `npm run bench`: builds, then runs every benchmark in turn; each prints its
// numbers and the ratio to its target. Pass names to run only some:
//   npm run bench -- lsp analysis
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BENCHES = [
  ['catalogue', 'scripts/bench/catalogue.ts'],
  ['lsp', 'scripts/bench/lsp.ts'],
  ['analysis', 'scripts/bench/analysis.ts'],
  ['workspace', 'scripts/bench/workspace.ts'],
  ['sites', 'scripts/bench/sites.ts'],
  ['needed-scopes', 'scripts/bench/needed-scopes.ts'],
];
const only = process.argv.slice(2);
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

// Measure what ships: the minified production bundles.
if (run(process.execPath, ['scripts/build.mjs', '--production']) !== 0) process.exit(1);
let failed = 0;
for (const [name, file] of BENCHES) {
  if (only.length && !only.includes(name)) continue;
  if (!existsSync(join(root, file))) continue;
  console.log(`\n== ${name} ==`);
  if (run(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), file]) !== 0) failed++;
}
process.exit(failed ? 1 : 0);
