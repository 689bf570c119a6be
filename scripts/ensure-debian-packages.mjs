#!/usr/bin/env node
// Makes sure Debian packages a test tier needs are installed: idempotent,
// quiet when they already are. Installs with apt-get when running as root;
// otherwise prints one line saying what to install and exits 1.
//   node scripts/ensure-debian-packages.mjs neovim ripgrep
import { spawnSync } from 'node:child_process';

const wanted = process.argv.slice(2);
const installed = (pkg) => spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.includes('install ok installed');
const missing = wanted.filter((p) => !installed(p));
if (missing.length === 0) process.exit(0);

if (process.getuid?.() !== 0) {
  console.error(`missing Debian packages: ${missing.join(' ')} — install them with: sudo apt-get install -y ${missing.join(' ')}`);
  process.exit(1);
}
console.log(`installing Debian packages: ${missing.join(' ')}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const run = (args) => spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env }).status === 0;
// A fresh machine has no package lists yet; update once, then install.
if (!run(['install', '-y', '-qq', '--no-install-recommends', ...missing])) {
  if (!run(['update', '-qq']) || !run(['install', '-y', '-qq', '--no-install-recommends', ...missing])) {
    console.error(`apt-get could not install: ${missing.join(' ')}`);
    process.exit(1);
  }
}
