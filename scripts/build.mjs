#!/usr/bin/env node
// Bundles the extension client, the language server and each command-line tool
// into dist/. `--production` minifies; otherwise source maps are written.
// `--tests` also bundles the e2e mocha suites (they run inside VS Code).
// `--outdir <dir>` writes the bundles there instead of dist/ (the package test builds into a
// temporary folder, leaving the shared dist/ alone).
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, existsSync, rmSync, mkdirSync, copyFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCommandLine } from './lib/command-line.mjs';
import { catalogueFromFile, writeCatalogueFiles } from './lib/catalogue-from-file.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = readCommandLine('build', { options: { production: { type: 'boolean' }, tests: { type: 'boolean' }, outdir: { type: 'string' } } });
const production = args.production === true;
const withTests = args.tests === true;
const dist = args.outdir ? resolve(args.outdir) : join(root, 'dist');
// server/src/version.ts reads this; the sources run directly fall back to reading package.json.
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** entry → output (relative to the repo root) */
const entries = [
  ['client/src/extension.ts', 'dist/client/extension.js', { external: ['vscode'] }],
  ['server/src/main.ts', 'dist/server/server.js'],
  // The stdio reader's worker thread (server/src/transport/), one file for server.js and bin/language-server.js.
  ['server/src/transport/parse-worker.ts', 'dist/server/parse-worker.js'],
  ['server/src/bin/language-server.ts', 'dist/bin/language-server.js', { banner: '#!/usr/bin/env node' }],
  ['server/src/bin/scopes.ts', 'dist/bin/scopes.js', { banner: '#!/usr/bin/env node' }],
  ['server/src/bin/mcp.ts', 'dist/bin/mcp.js', { banner: '#!/usr/bin/env node' }],
  ['demo-portal/src/main.ts', 'dist/bin/demo-portal.js', { banner: '#!/usr/bin/env node' }],
];

if (withTests) {
  const dir = join(root, 'test/e2e/suite');
  if (existsSync(dir)) {
    for (const f of readdirSync(dir)) {
      if (f.endsWith('.ts')) entries.push([`test/e2e/suite/${f}`, `out/e2e/${f.replace(/\.ts$/, '.js')}`, { external: ['vscode', 'mocha'] }]);
    }
  }
}

/** Where an entry's output goes: `dist/...` follows --outdir; the e2e suites stay in out/. */
const outPath = (out) => (out.startsWith('dist/') ? join(dist, out.slice('dist/'.length)) : join(root, out));

rmSync(dist, { recursive: true, force: true });
const started = Date.now();
await Promise.all(
  entries
    .filter(([src]) => existsSync(join(root, src)))
    .map(([src, out, extra = {}]) =>
      esbuild.build({
        absWorkingDir: root,
        entryPoints: [src],
        outfile: outPath(out),
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        minify: production,
        sourcemap: production ? false : 'linked',
        legalComments: 'none',
        logLevel: 'warning',
        external: extra.external ?? [],
        banner: extra.banner ? { js: extra.banner } : undefined,
        mainFields: ['module', 'main'],
        plugins: [catalogueFromFile(join(dist, 'server'))],
        define: { BITRIX24_TOOLS_VERSION: JSON.stringify(version) },
      }),
    ),
);
// The catalogue files the bundles read.
writeCatalogueFiles(root, join(dist, 'server'));
// The manifest schema VS Code validates bitrix24.json against (package.json jsonValidation).
mkdirSync(join(dist, 'schemas'), { recursive: true });
copyFileSync(join(root, 'server/src/manifest/bitrix24.schema.json'), join(dist, 'schemas', 'bitrix24.schema.json'));
console.log(`built ${entries.length} bundles in ${Date.now() - started} ms${production ? ' (production)' : ''}`);
