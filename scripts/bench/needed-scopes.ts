/**
 * The `needed_scopes` assistant tool on the 5,000-file generated workspace
 * (.bench/workspace, made by scripts/bench/workspace.ts when missing): the
 * first answer (scan included) and warm answers (index kept, as in
 * bitrix24-mcp and the language server), in the shipped (bundled) form.
 *
 *   npx tsx scripts/bench/needed-scopes.ts [--runs N]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadShipped } from './shipped-modules';
import type { nodeToolContext } from '../../server/src/mcp/node-context';
import type { runTool } from '../../server/src/mcp/tools';

interface Shipped {
  nodeToolContext: typeof nodeToolContext;
  runTool: typeof runTool;
}

const WARM_TARGET_MS = 1000;
const root = join(__dirname, '..', '..');
const workspace = join(root, '.bench', 'workspace');

function bundle(): Shipped {
  return loadShipped<Shipped>({ nodeToolContext: 'mcp/node-context', runTool: 'mcp/tools' });
}

function row(name: string, value: number, target?: number): string {
  const goal = target === undefined ? '' : `  target ≤ ${target} ms  (${(value / target).toFixed(2)}× of target) ${value <= target ? 'ok' : 'OVER'}`;
  return `${name.padEnd(40)} ${value.toFixed(1).padStart(8)} ms${goal}`;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const runs = Number(args[args.indexOf('--runs') + 1]) || 20;
  if (!existsSync(join(workspace, 'bitrix24.json'))) {
    // The workspace benchmark owns the generator; one edit is enough to have it write the files.
    const gen = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(__dirname, 'workspace.ts'), '--edits', '1'], {
      cwd: root,
      stdio: 'ignore',
    });
    if (!existsSync(join(workspace, 'bitrix24.json'))) throw new Error(`could not generate ${workspace} (exit ${gen.status})`);
  }
  const { nodeToolContext, runTool } = bundle();
  const t0 = performance.now();
  const ctx = await nodeToolContext({ folder: workspace })();
  const first = await runTool('needed_scopes', {}, ctx);
  const coldMs = performance.now() - t0;
  const times: number[] = [];
  const folderTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await runTool('needed_scopes', {}, ctx);
    times.push(performance.now() - t);
    t = performance.now();
    await runTool('needed_scopes', { folder: 'packages/widget' }, ctx);
    folderTimes.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  folderTimes.sort((a, b) => a - b);
  const p = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))];
  console.log(first.text.split('\n')[0]);
  console.log(row('needed_scopes, first answer (scan included)', coldMs));
  console.log(row(`needed_scopes warm, whole workspace, p50 (${runs})`, p(times, 0.5), WARM_TARGET_MS));
  console.log(row(`needed_scopes warm, whole workspace, max`, times[times.length - 1], WARM_TARGET_MS));
  console.log(row(`needed_scopes warm, one folder, p50 (${runs})`, p(folderTimes, 0.5), WARM_TARGET_MS));
  return times[times.length - 1] <= WARM_TARGET_MS ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
