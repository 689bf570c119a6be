#!/usr/bin/env node
// `npm start`: builds, then opens the extension in a real VS Code on a fresh copy of the
// examples/ app (under .vscode-test/start/, so the checkout stays clean).
// A local `code` is used when installed; otherwise code-server serves the workbench on
// 127.0.0.1 and its URL is printed. Ctrl+C stops everything it started.
//
//   npm start -- [--port N] [--host ADDR] [--code-server] [--no-open] [--no-demo-portal] [folder]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root, cacheDir } from './vscode/paths.mjs';
import { ensureCodeServer, HarnessSetupError } from './vscode/ensure-code-server.mjs';
import { startCodeServer, workbenchUrl } from './vscode/code-server.mjs';
import { prepareWorkspace } from './start-workspace.mjs';
import { readCommandLine } from './lib/command-line.mjs';

const { values, positionals: positional } = readCommandLine('start', {
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'code-server': { type: 'boolean' },
    'no-open': { type: 'boolean' },
    'no-demo-portal': { type: 'boolean' },
  },
  allowPositionals: true,
});
const option = (name, fallback) => values[name] ?? fallback;
const flag = (name) => values[name] === true;
const { folder, copied } = prepareWorkspace({ root, cacheDir, folder: positional[0] });
if (copied) console.log(`workspace: a fresh copy of examples/ in ${folder}`);

function which(cmd) {
  const res = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return res.status === 0 ? res.stdout.trim() : undefined;
}

/**
 * Demo portal hook: when `dist/bin/demo-portal.js` is built it exports
 * `startDemoPortal({ port, statePath }) → { baseUrl, webhooks, close() }` (requiring it
 * does not start its CLI). The portal then runs next to VS Code, keeps its state in
 * .vscode-test/start/, and its address reaches the extension host as
 * BITRIX24_DEMO_PORTAL_URL. Webhook URLs hold secrets, so they are not printed.
 */
async function startDemoPortalIfBuilt() {
  if (flag('no-demo-portal')) return undefined;
  const bundle = join(root, 'dist', 'bin', 'demo-portal.js');
  if (!existsSync(bundle)) return undefined;
  const mod = createRequire(import.meta.url)(bundle);
  if (typeof mod.startDemoPortal !== 'function') return undefined;
  mkdirSync(join(cacheDir, 'start'), { recursive: true });
  const portal = await mod.startDemoPortal({ port: 0, statePath: join(cacheDir, 'start', 'demo-portal-state.json') });
  console.log(`demo portal: ${portal.baseUrl}`);
  return portal;
}

/**
 * Environment that tells the extension host where the demo portal is. The
 * extension connects to BITRIX24_DEMO_WEBHOOK (the demo administrator's
 * webhook) once activated, when no portal is connected yet.
 */
function portalEnv(portal) {
  return portal ? { BITRIX24_DEMO_PORTAL_URL: portal.baseUrl, BITRIX24_DEMO_WEBHOOK: portal.webhooks.admin } : {};
}

function build() {
  const res = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

let stopping = false;

/** Stops everything on Ctrl+C / SIGTERM / SIGHUP, once. */
function onStop(stop) {
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      if (stopping) return;
      stopping = true;
      console.log('\nstopping…');
      void stop().then(() => process.exit(0));
    });
  }
}

async function withLocalCode(code, portal) {
  console.log(`opening ${folder} in ${code} (Extension Development Host)`);
  const child = spawn(code, ['--new-window', '--wait', `--extensionDevelopmentPath=${root}`, folder], {
    stdio: 'inherit',
    env: { ...process.env, ...portalEnv(portal) },
  });
  onStop(async () => {
    child.kill('SIGTERM');
    await portal?.close();
  });
  child.once('exit', async (status) => {
    await portal?.close();
    process.exit(status ?? 0);
  });
}

async function withCodeServer(portal) {
  ensureCodeServer();
  const workDir = join(cacheDir, 'start');
  const server = await startCodeServer({
    userDataDir: join(workDir, 'user-data'),
    extensionsDir: join(workDir, 'extensions'),
    scratchDir: join(workDir, 'scratch'),
    host: option('host', '127.0.0.1'),
    port: Number(option('port', '0')),
    keepUserSettings: true,
    env: portalEnv(portal),
  });
  const stop = async () => {
    await server.stop();
    await portal?.close();
  };
  onStop(stop);
  server.exited.then(async ({ code, signal }) => {
    if (stopping) return;
    console.error(`code-server exited (${code ?? signal})`);
    await stop();
    process.exit(1);
  });

  // The payload loads this repository as an extension under development, like F5 does.
  const url = workbenchUrl(server, { folder, extensionDevelopmentPath: [root] });
  console.log(`\nBitrix24 REST Tools in VS Code (code-server ${server.url}), open:\n\n  ${url}\n\nPress Ctrl+C to stop.`);
  const opener = !flag('no-open') && process.env.DISPLAY ? which('xdg-open') : undefined;
  if (opener) spawn(opener, [url], { stdio: 'ignore', detached: true }).unref();
}

async function main() {
  build();
  const code = flag('code-server') ? undefined : which('code');
  const portal = await startDemoPortalIfBuilt();
  if (code) await withLocalCode(code, portal);
  else await withCodeServer(portal);
}

main().catch((err) => {
  console.error(err instanceof HarnessSetupError ? err.message : err);
  process.exit(1);
});
