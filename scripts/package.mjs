#!/usr/bin/env node
// `npm run package`: production build, then `vsce package` into dist-vsix/. The bundles
// in dist/ carry their dependencies, so the package holds no node_modules; what goes in
// is decided by the allowlist in .vscodeignore.
//
//   node scripts/package.mjs [--out file.vsix] [--no-build] [--root staged-folder]
// `--root` packages an extension staged elsewhere (package.json, README, dist/, ...), built
// beforehand: the package test stages one in a temporary folder.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCommandLine } from './lib/command-line.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = readCommandLine('package', { options: { root: { type: 'string' }, out: { type: 'string' }, 'no-build': { type: 'boolean' } } });
const root = args.root ? resolve(args.root) : repo;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = args.out ? resolve(args.out) : join(root, 'dist-vsix', `${pkg.name}-${pkg.version}.vsix`);

function run(label, command, commandArgs) {
  const res = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) {
    console.error(`package: ${label} failed`);
    process.exit(res.status ?? 1);
  }
}

if (!args['no-build']) run('production build', process.execPath, [join(repo, 'scripts', 'build.mjs'), '--production', '--outdir', join(root, 'dist')]);
mkdirSync(dirname(out), { recursive: true });
run('vsce package', process.execPath, [
  join(repo, 'node_modules', '@vscode', 'vsce', 'vsce'),
  'package',
  '--no-dependencies',
  '--allow-missing-repository',
  // Without a repository field vsce cannot make README's relative links absolute and refuses.
  ...(pkg.repository ? [] : ['--no-rewrite-relative-links']),
  '--out',
  out,
]);
const size = statSync(out).size;
console.log(`package: ${relative(process.cwd(), out)} (${(size / 1024).toFixed(1)} KiB)`);
