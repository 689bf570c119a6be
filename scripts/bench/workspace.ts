/**
 * Workspace index benchmark: generates a 5,000-file workspace into
 * .bench/workspace (git-ignored; reused when present), then measures
 *   - the first scan: index every file from disk and compute all findings;
 *   - one-edit re-checks: an editor change to one file, then the findings
 *     the server would publish (p50/p99 over several hundred edits).
 * The index runs in its shipped (esbuild-bundled) form, as the server and CLI do.
 *
 *   npx tsx scripts/bench/workspace.ts [--regenerate] [--edits N]
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadShipped } from './shipped-modules';
import type { Catalogue } from '../../server/src/catalogue/catalogue';
import type { defaultAnalyser } from '../../server/src/workspace/default-analyser';
import type { nodeFileSystem, normalisePath } from '../../server/src/workspace/file-system';
import type { WorkspaceIndex } from '../../server/src/workspace/workspace-index';
import { seededRandom as random } from '../lib/seeded-random';

/** The modules the benchmark drives, bundled as they ship. */
interface Shipped {
  Catalogue: typeof Catalogue;
  WorkspaceIndex: typeof WorkspaceIndex;
  defaultAnalyser: typeof defaultAnalyser;
  nodeFileSystem: typeof nodeFileSystem;
  normalisePath: typeof normalisePath;
}

const TOTAL_FILES = 5000;
const SCAN_TARGET_MS = 3000;
const RECHECK_TARGET_MS = 50;
const root = join(__dirname, '..', '..');
const workspace = join(root, '.bench', 'workspace');

const SCOPES = ['crm', 'im', 'user_brief', 'disk', 'calendar', 'task', 'telephony'];

function bundle(): Shipped {
  return loadShipped<Shipped>({
    Catalogue: 'catalogue/catalogue',
    WorkspaceIndex: 'workspace/workspace-index',
    defaultAnalyser: 'workspace/default-analyser',
    nodeFileSystem: 'workspace/file-system',
    normalisePath: 'workspace/file-system',
  });
}

function methodPool(catalogue: Catalogue): string[] {
  const wanted = new Set([...SCOPES, 'sale', 'user', 'user_basic']);
  return catalogue
    .methods()
    .filter(
      (m) =>
        m.version === 2 &&
        (m.requirement.kind === 'basic' || (m.requirement.kind === 'scope' && wanted.has(m.requirement.scope)) || m.requirement.kind === 'anyOf'),
    )
    .map((m) => m.name);
}

function sourceFile(ext: string, rnd: () => number, pool: string[]): string {
  const pick = () => pool[Math.floor(rnd() * pool.length)];
  const lines: string[] = [];
  const call = (m: string) =>
    ext === 'php'
      ? `    $result = CRest::call('${m}', ['ID' => $id]);`
      : ext === 'py'
        ? `    result = b24.call_method("${m}", {"ID": item_id})`
        : `  const result = await BX24.callMethod('${m}', { ID: id });`;
  if (ext === 'php') lines.push('<?php', '');
  for (let fn = 0; fn < 6; fn++) {
    const name = `step${fn}`;
    if (ext === 'php') lines.push(`function ${name}(int $id): array`, '{');
    else if (ext === 'py') lines.push(`def ${name}(b24, item_id):`);
    else lines.push(`export async function ${name}(id${ext === 'ts' ? ': number' : ''}) {`);
    for (let i = 0; i < 6; i++)
      lines.push(
        ext === 'py'
          ? `    total_${i} = item_id * ${i} + len(str(item_id))`
          : `  const total${i} = id * ${i} + String(id).length;`.replace(/^ {2}const/, ext === 'php' ? '    $total' : '  const'),
      );
    if (fn % 2 === 0) lines.push(call(pick()));
    if (fn === 3 && rnd() < 0.05) lines.push(ext === 'js' || ext === 'ts' ? '  await BX24.callMethod(`crm.${entity}.list`, {});' : call(pick()));
    lines.push(ext === 'py' ? '    return item_id' : ext === 'php' ? '    return [$id];\n}' : '  return id;\n}', '');
  }
  return `${lines.join('\n')}\n`;
}

function generate(catalogue: Catalogue): void {
  rmSync(workspace, { recursive: true, force: true });
  const pool = methodPool(catalogue);
  const rnd = random(42);
  const write = (rel: string, text: string) => {
    const p = join(workspace, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  };
  let count = 0;
  const put = (rel: string, text: string) => {
    write(rel, text);
    count++;
  };
  put('bitrix24.json', `${JSON.stringify({ kind: 'market', scopes: [...SCOPES, 'lists'], exclude: ['test/**'] }, null, 2)}\n`);
  put('.gitignore', 'generated/\n*.log\n');
  put('packages/widget/bitrix24.json', `${JSON.stringify({ kind: 'local', scopes: ['crm', 'user_brief'] }, null, 2)}\n`);
  put('packages/bot/bitrix24.json', `${JSON.stringify({ kind: 'local', scopes: ['im', 'imbot'] }, null, 2)}\n`);
  for (let i = 0; i < 200; i++) put(`node_modules/dep${i % 20}/lib/f${i}.js`, `module.exports = () => BX24.callMethod('crm.lead.add');\n`);
  for (let i = 0; i < 100; i++) put(`generated/api${i}.js`, `BX24.callMethod('sale.order.list');\n`);
  for (let i = 0; i < 200; i++) put(`docs/page${i}.md`, `# Page ${i}\n\nCall \`crm.deal.list\` to read deals.\n`);
  const exts = ['js', 'ts', 'php', 'py'];
  const folders = ['src', 'packages/widget/src', 'packages/bot/src', 'test'];
  for (let i = 0; count < TOTAL_FILES; i++) {
    const ext = exts[i % exts.length];
    const folder = folders[i % 10 < 6 ? 0 : i % 10 < 8 ? 1 : i % 10 < 9 ? 2 : 3];
    put(`${folder}/module${Math.floor(i / 40)}/file${i}.${ext}`, sourceFile(ext, rnd, pool));
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function row(name: string, value: number, target: number): string {
  return `${name.padEnd(34)} ${value.toFixed(1).padStart(8)} ms  target ≤ ${target} ms  (${(value / target).toFixed(2)}× of target) ${value <= target ? 'ok' : 'OVER'}`;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const edits = Number(args[args.indexOf('--edits') + 1]) || 300;
  const { Catalogue, WorkspaceIndex, defaultAnalyser, nodeFileSystem, normalisePath } = bundle();
  const catalogue = Catalogue.load();
  if (args.includes('--regenerate') || !existsSync(join(workspace, 'bitrix24.json'))) {
    const t = Date.now();
    generate(catalogue);
    console.log(`generated ${TOTAL_FILES} files in ${workspace} (${Date.now() - t} ms)`);
  }
  let lastProgress = { done: 0, total: 0 };
  const index = new WorkspaceIndex({
    roots: [normalisePath(workspace)],
    fs: nodeFileSystem,
    catalogue,
    analyser: defaultAnalyser,
    onProgress: (p) => (lastProgress = p),
  });
  const t0 = performance.now();
  await index.scan();
  const findings = index.takeChanges();
  const scanMs = performance.now() - t0;
  const sources = index.manifests().reduce((n, m) => n + index.filesOf(m.file).length, 0) + index.filesOf().length;
  const total = [...findings.values()].reduce((n, l) => n + l.length, 0);
  console.log(
    `indexed ${sources} source files (${lastProgress.total} read), ${index.manifests().length} manifests, ${total} findings in ${findings.size} files`,
  );

  // Editor-like edits: add a call to a file, then remove it again; each followed by the publish step.
  const files = index.manifests().flatMap((m) => index.filesOf(m.file).map((f) => f.file));
  const rnd = random(7);
  const pool = methodPool(catalogue);
  const times: number[] = [];
  for (let i = 0; i < edits; i++) {
    const file = files[Math.floor(rnd() * files.length)];
    const original = readFileSync(file, 'utf8');
    const method = pool[Math.floor(rnd() * pool.length)];
    for (const text of [`${original}\n// edited\nBX24.callMethod('${method}', {});\n`, original]) {
      const t = performance.now();
      await index.update(file, text);
      index.takeChanges();
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  console.log(row('first scan (5,000 files)', scanMs, SCAN_TARGET_MS));
  console.log(row(`re-check after one edit, p50 (${times.length})`, percentile(times, 50), RECHECK_TARGET_MS));
  console.log(row(`re-check after one edit, p99 (${times.length})`, percentile(times, 99), RECHECK_TARGET_MS));
  return scanMs <= SCAN_TARGET_MS && percentile(times, 99) <= RECHECK_TARGET_MS ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
