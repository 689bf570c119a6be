#!/usr/bin/env node
// `npm test`: typecheck, lint and format check, build (with the e2e suites), what the tiers need from the machine
// (Debian packages when root, code-server), then the four tiers in order, each printing its
// own `N passed, N failed, N skipped` line; ends with the summed line and fails if any step
// failed. With CI set, a missing component fails its tests instead of skipping them.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSteps } from './test-steps.mjs';
import { isCi } from '../test/support/counts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const eslint = join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');
const prettier = join(root, 'node_modules', 'prettier', 'bin', 'prettier.cjs');

/** Debian packages a tier drives: Neovim (server tier), Chromium (ui), ripgrep (code-server). */
const systemPackages = ['neovim', 'chromium', 'ripgrep'];

const steps = [
  { name: 'typecheck', args: [tsc, '-p', '.', '--noEmit'] },
  { name: 'lint', args: [eslint, '.'] },
  { name: 'format', args: [prettier, '--check', '**/*.{ts,tsx,mjs,js,cjs}'] },
  { name: 'build', args: ['scripts/build.mjs', '--tests'] },
  // Off CI a machine without root may lack them: their tests then skip and say so.
  { name: 'system packages', args: ['scripts/ensure-debian-packages.mjs', ...systemPackages], optional: !isCi() },
  { name: 'code-server', args: ['scripts/vscode/ensure-code-server.mjs'], optional: !isCi() },
  { name: 'unit', args: ['test/run-tier.mjs', 'unit'], tier: true },
  { name: 'server', args: ['test/run-tier.mjs', 'server'], tier: true },
  { name: 'e2e', args: ['test/e2e/run.mjs', '--no-build'], tier: true },
  { name: 'ui', args: ['test/ui/run.mjs'], tier: true },
  // The same workbench in Russian (`--locale ru`), on the package the ui step just built.
  { name: 'ui-ru', args: ['test/ui/run.mjs', '--russian', '--no-build'], tier: true },
];

const { exitCode } = await runSteps(steps, { cwd: root });
process.exitCode = exitCode;
