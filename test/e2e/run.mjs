#!/usr/bin/env node
// e2e tier: mocha suites (test/e2e/suite/*.test.ts) inside a real VS Code extension
// host. @vscode/test-electron's runTests starts our launcher instead of a downloaded
// VS Code (see scripts/vscode/launcher.mjs); a `code` on PATH is used when
// VSCODE_E2E_USE_CODE=1. A stray `it.only` fails the tier; with CI set, so does a
// skipped test. Closing line: `e2e: N passed, N failed, N skipped`.
//
//   node test/e2e/run.mjs [--no-build] [grep]
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root, cacheDir } from '../../scripts/vscode/paths.mjs';
import { ensureCodeServer, HarnessSetupError } from '../../scripts/vscode/ensure-code-server.mjs';
import { countsLine } from '../support/counts.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build');
const grep = args.filter((a) => !a.startsWith('--')).join(' ');

const workDir = join(cacheDir, 'e2e');
const resultFile = join(workDir, 'result.json');
const fixture = join(root, 'test', 'fixtures', 'workspaces', 'e2e');
// Tests edit the workspace (quick fixes, rights files): they get a fresh copy each run.
const workspace = join(workDir, 'workspace');
const launcher = join(root, 'scripts', 'vscode', 'vscode-launcher');

function close(passes, failures, pending = 0, skippedOnCi = 0) {
  console.log(countsLine('e2e', { passes, failures, pending }));
  process.exitCode = failures > 0 || skippedOnCi > 0 || passes === 0 ? 1 : 0;
}

function whichCode() {
  const res = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
  return res.status === 0 ? res.stdout.trim() : undefined;
}

async function main() {
  const started = Date.now();
  if (!skipBuild) {
    rmSync(join(root, 'out', 'e2e'), { recursive: true, force: true });
    const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--tests'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('build failed');
  }
  const testsPath = join(root, 'out', 'e2e', 'index.js');
  if (!existsSync(testsPath)) throw new Error(`${testsPath} is missing: build with node scripts/build.mjs --tests`);

  const localCode = process.env.VSCODE_E2E_USE_CODE === '1' ? whichCode() : undefined;
  let executable = localCode;
  if (!executable) {
    ensureCodeServer();
    chmodSync(launcher, 0o755); // a checkout may drop the executable bit
    executable = launcher;
  }

  // Fresh profile each run; only the code-server install is cached.
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  cpSync(fixture, workspace, { recursive: true });
  // The sample app `npm start` opens, checked as a user would meet it.
  cpSync(join(root, 'examples'), join(workspace, 'examples'), { recursive: true });
  const { runTests } = require('@vscode/test-electron');
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: root,
      extensionTestsPath: testsPath,
      launchArgs: [workspace, `--user-data-dir=${join(workDir, 'user-data')}`, `--extensions-dir=${join(workDir, 'extensions')}`],
      extensionTestsEnv: { E2E_RESULT_FILE: resultFile, CI: process.env.CI ?? '', ...(grep ? { E2E_GREP: grep } : {}) },
    });
  } catch (err) {
    // A failing test also lands here; the counts below tell which.
    if (!existsSync(resultFile)) console.error(`e2e: the test run did not complete: ${err instanceof Error ? err.message : err}`);
  }
  console.log(`e2e tier took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (!existsSync(resultFile)) return close(0, 1);
  const stats = JSON.parse(readFileSync(resultFile, 'utf8'));
  close(stats.passes, stats.failures, stats.pending, stats.skippedOnCi);
}

main().catch((err) => {
  console.error(err instanceof HarnessSetupError ? `e2e: ${err.message}` : err);
  close(0, 1);
});
