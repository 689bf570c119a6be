/**
 * Loads server modules for a benchmark the way they ship: bundled by esbuild into one CommonJS
 * file (as scripts/build.mjs does), so the numbers measure the bundle, not tsx's transpiled sources.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

const root = join(__dirname, '..', '..');

/** Bundles `exports` (export name → module path under server/src) and returns the loaded bundle. */
export function loadShipped<T>(exports: Record<string, string>): T {
  const dir = mkdtempSync(join(tmpdir(), 'bench-bundle-'));
  const outfile = join(dir, 'bundle.js');
  const byModule = new Map<string, string[]>();
  for (const [name, path] of Object.entries(exports)) byModule.set(path, [...(byModule.get(path) ?? []), name]);
  const contents = [...byModule].map(([path, names]) => `export { ${names.join(', ')} } from ${JSON.stringify(join(root, 'server', 'src', path))};`).join('\n');
  buildSync({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // jsonc-parser's UMD build requires files at run time; its ESM build bundles (as scripts/build.mjs does).
    mainFields: ['module', 'main'],
    outfile,
    logLevel: 'warning',
  });
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(outfile) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
