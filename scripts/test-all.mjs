#!/usr/bin/env node
// `npm test`: typecheck, build (with the e2e suites), then the four tiers in order, each
// printing its own `N passed, N failed` line; ends with the summed line and fails if any
// step failed.
import { spawn } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

const steps = [
  { name: 'typecheck', args: [tsc, '-p', '.', '--noEmit'] },
  { name: 'build', args: ['scripts/build.mjs', '--tests'] },
  { name: 'unit', args: ['test/run-tier.mjs', 'unit'], tier: true },
  { name: 'server', args: ['test/run-tier.mjs', 'server'], tier: true },
  { name: 'e2e', args: ['test/e2e/run.mjs', '--no-build'], tier: true },
  { name: 'ui', args: ['test/ui/run.mjs'], tier: true },
];

/** Runs a step, echoing its output, and returns its exit code and last `N passed, N failed`. */
function runStep(step) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, step.args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let last;
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const m = /(\d+) passed, (\d+) failed/.exec(line);
        if (m) last = { passed: Number(m[1]), failed: Number(m[2]) };
      }
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), counts: last }));
  });
}

const started = Date.now();
let passed = 0;
let failed = 0;
const failedSteps = [];
for (const step of steps) {
  console.log(`\n── ${step.name} ──`);
  const t0 = Date.now();
  const { code, counts } = await runStep(step);
  passed += step.tier ? (counts?.passed ?? 0) : 0;
  // A step that failed without counting a failed test (a crash, a type error) counts as one.
  failed += Math.max(step.tier ? (counts?.failed ?? 0) : 0, code === 0 ? 0 : 1);
  if (code !== 0) failedSteps.push(step.name);
  console.log(`── ${step.name}: ${code === 0 ? 'ok' : `failed (exit ${code})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
console.log(`\nall tiers in ${((Date.now() - started) / 1000).toFixed(1)} s${failedSteps.length ? `; failed: ${failedSteps.join(', ')}` : ''}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failedSteps.length > 0 ? 1 : 0;
