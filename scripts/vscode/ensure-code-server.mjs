#!/usr/bin/env node
// Makes sure a real VS Code (code-server from npm) and Debian's Chromium are available,
// installing what is missing. Idempotent: a finished install leaves a stamp file and is
// reused; an interrupted one is wiped and redone.
//
//   node scripts/vscode/ensure-code-server.mjs      → prints the code-server entry point
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, openSync, closeSync, readdirSync, accessSync, constants } from 'node:fs';
import { join, dirname, delimiter } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cacheDir, codeServerDir, codeServerEntry, codeServerVersion, chromiumPath } from './paths.mjs';

/** An environment problem the user must fix; the message is one line saying how. */
export class HarnessSetupError extends Error {}

const stampFile = join(codeServerDir, 'installed.json');
const logFile = join(codeServerDir, 'install.log');

// @vscode/ripgrep's postinstall downloads rg from GitHub unless this tarball sits in $TMPDIR.
const ripgrepCache = { dir: 'vscode-ripgrep-cache-1.15.11', file: 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz' };

// Native modules code-server needs at run time: a missing build only shows up later as a
// terminal, login or file-watcher failure, so check them right after installing.
const nativeModules = ['node-pty', 'argon2', '@vscode/spdlog', 'kerberos'];

function which(cmd) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, cmd);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not in this PATH entry
    }
  }
  return undefined;
}

/** True when the cached code-server install finished and verified. */
export function codeServerInstalled() {
  if (!existsSync(stampFile) || !existsSync(codeServerEntry)) return false;
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8')).version === codeServerVersion;
  } catch {
    return false;
  }
}

/**
 * Installs the Debian packages the harness needs when missing: apt-get when running as
 * root, otherwise a one-line error naming the command to run.
 */
export function ensureSystemPackages({ forInstall = !codeServerInstalled() } = {}) {
  const wanted = [{ pkg: 'chromium', ok: () => existsSync(chromiumPath) }];
  if (forInstall) {
    wanted.push({ pkg: 'libkrb5-dev', ok: () => existsSync('/usr/include/gssapi/gssapi.h') });
    wanted.push({ pkg: 'ripgrep', ok: () => which('rg') !== undefined });
  }
  const missing = wanted.filter((w) => !w.ok()).map((w) => w.pkg);
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !which('apt-get')) {
    throw new HarnessSetupError(`missing system packages: ${missing.join(' ')} (install them with: sudo apt-get install -y ${missing.join(' ')})`);
  }
  console.log(`installing system packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync('apt-get', ['install', '-y', '-q', ...missing], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const listsEmpty = !readdirSync('/var/lib/apt/lists').some((f) => f.includes('_Packages'));
  if (listsEmpty) spawnSync('apt-get', ['update', '-q'], { env, stdio: 'ignore' });
  let result = install();
  if (result.status !== 0 && !listsEmpty) {
    spawnSync('apt-get', ['update', '-q'], { env, stdio: 'ignore' });
    result = install();
  }
  const still = wanted.filter((w) => !w.ok()).map((w) => w.pkg);
  if (result.status !== 0 || still.length > 0) {
    const err = result.stderr?.toString().trim().split('\n').pop() ?? '';
    throw new HarnessSetupError(`apt-get could not install ${still.join(' ') || missing.join(' ')}: ${err}`);
  }
}

/** Environment for npm so code-server's install scripts run offline and as root. */
function installEnv(tmpDir) {
  const env = {
    ...process.env,
    TMPDIR: tmpDir,
    // code-server's postinstall refuses to run as root without it.
    npm_config_unsafe_perm: 'true',
    // node-pty's postinstall runs `npx node-gyp`; a `yes=false` npmrc would make it hang or fail.
    npm_config_yes: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  // node-gyp would download Node's headers; use the ones installed next to this Node.
  const nodeDir = dirname(dirname(process.execPath));
  if (!env.npm_config_nodedir && existsSync(join(nodeDir, 'include', 'node', 'node.h'))) env.npm_config_nodedir = nodeDir;
  return env;
}

function prepareRipgrepCache(tmpDir) {
  const rg = which('rg');
  if (!rg) throw new HarnessSetupError('ripgrep is missing (install it with: sudo apt-get install -y ripgrep)');
  const dir = join(tmpDir, ripgrepCache.dir);
  mkdirSync(dir, { recursive: true });
  const tar = spawnSync('tar', ['-czf', join(dir, ripgrepCache.file), '-C', dirname(rg), 'rg']);
  if (tar.status !== 0) throw new Error(`could not pack ${rg}: ${tar.stderr}`);
}

function verifyNativeModules() {
  const vscodeDir = join(codeServerDir, 'node_modules', 'code-server', 'lib', 'vscode');
  const script = `
    const { createRequire } = require('node:module');
    const fromVscode = createRequire(${JSON.stringify(join(vscodeDir, 'package.json'))});
    const fromCodeServer = createRequire(${JSON.stringify(join(codeServerDir, 'node_modules', 'code-server', 'package.json'))});
    const broken = [];
    for (const name of ${JSON.stringify(nativeModules)}) {
      let loaded = false;
      for (const req of [fromVscode, fromCodeServer]) {
        try { req(name); loaded = true; break; } catch (e) { if (e.code !== 'MODULE_NOT_FOUND') broken.push(name + ': ' + e.message.split('\\n')[0]); }
      }
      if (!loaded && !broken.some((b) => b.startsWith(name + ':'))) broken.push(name + ': not installed');
    }
    if (broken.length) { console.error(broken.join('\\n')); process.exit(1); }
  `;
  const res = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`code-server native modules did not build:\n${res.stderr.trim()}\nsee ${logFile}`);
}

function tail(file, lines = 25) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * Installs code-server into `.vscode-test/code-server/` unless a verified install is
 * already there. Returns the path of its Node entry point.
 */
export function ensureCodeServer({ quiet = false } = {}) {
  ensureSystemPackages();
  if (codeServerInstalled()) return codeServerEntry;

  const started = Date.now();
  if (!quiet) console.log(`installing code-server@${codeServerVersion} into ${codeServerDir} (once; ~1 min)`);
  rmSync(codeServerDir, { recursive: true, force: true });
  mkdirSync(codeServerDir, { recursive: true });
  const tmpDir = join(cacheDir, 'tmp-install');
  rmSync(tmpDir, { recursive: true, force: true });
  mkdirSync(tmpDir, { recursive: true });
  prepareRipgrepCache(tmpDir);

  // A package.json of its own keeps npm from walking up into the project, and its
  // allowScripts approves the install scripts for npm versions that ask for approval.
  const allow = ['code-server', '@vscode/ripgrep', 'node-pty', 'argon2', 'kerberos', '@vscode/spdlog', '@parcel/watcher'];
  writeFileSync(
    join(codeServerDir, 'package.json'),
    JSON.stringify({ name: 'vscode-test-code-server', private: true, allowScripts: Object.fromEntries(allow.map((p) => [p, true])) }, null, 2),
  );
  const log = openSync(logFile, 'w');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const res = spawnSync(npm, ['install', '--no-package-lock', '--no-save', `code-server@${codeServerVersion}`], {
    cwd: codeServerDir,
    env: installEnv(tmpDir),
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  rmSync(tmpDir, { recursive: true, force: true });
  if (res.status !== 0 || !existsSync(codeServerEntry)) {
    throw new Error(`code-server install failed (exit ${res.status}); last lines of ${logFile}:\n${tail(logFile)}`);
  }
  verifyNativeModules();
  writeFileSync(stampFile, JSON.stringify({ version: codeServerVersion, node: process.version, installedAt: new Date().toISOString() }, null, 2));
  if (!quiet) console.log(`code-server installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return codeServerEntry;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  try {
    const entry = ensureCodeServer();
    console.log(`code-server ready: ${entry} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (err) {
    console.error(err instanceof HarnessSetupError ? err.message : err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}
