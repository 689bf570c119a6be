// Runs `npm test`'s steps one after another, echoing their output, and sums the tiers'
// closing `N passed, N failed, N skipped` lines. Kept apart from test-all.mjs so a test can
// run the same aggregation on steps of its own.
import { spawn } from 'node:child_process';
import { parseCounts } from '../test/support/counts.mjs';

/** Runs a step (`args` for node), echoing its output; resolves with its exit code and last counts. */
function runStep(step, { cwd, write }) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, step.args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...step.env } });
    let last;
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      write(chunk.toString());
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) last = parseCounts(line) ?? last;
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), counts: last }));
  });
}

/**
 * Runs `steps` ({ name, args, tier?, optional? }) in order. A failed step fails the run, except
 * an `optional` one (reported, not fatal). Resolves with the totals, the failed step names and
 * the closing line.
 */
export async function runSteps(steps, { cwd = process.cwd(), write = (s) => process.stdout.write(s) } = {}) {
  const started = Date.now();
  const total = { passed: 0, failed: 0, skipped: 0 };
  const failedSteps = [];
  for (const step of steps) {
    write(`\n── ${step.name} ──\n`);
    const t0 = Date.now();
    const { code, counts } = await runStep(step, { cwd, write });
    if (step.tier) {
      total.passed += counts?.passed ?? 0;
      total.skipped += counts?.skipped ?? 0;
    }
    // A step that failed without counting a failed test (a crash, a type error) counts as one.
    if (!(step.optional && code !== 0)) total.failed += Math.max(step.tier ? (counts?.failed ?? 0) : 0, code === 0 ? 0 : 1);
    if (code !== 0 && !step.optional) failedSteps.push(step.name);
    const outcome = code === 0 ? 'ok' : step.optional ? `not done (exit ${code}); tiers that need it will skip` : `failed (exit ${code})`;
    write(`── ${step.name}: ${outcome} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  write(`\nall steps in ${seconds} s${failedSteps.length ? `; failed: ${failedSteps.join(', ')}` : ''}\n`);
  const line = `${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`;
  write(`${line}\n`);
  return { ...total, failedSteps, line, exitCode: failedSteps.length > 0 ? 1 : 0 };
}
