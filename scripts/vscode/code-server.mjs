// Starts and stops code-server (a real VS Code workbench with a Node extension host)
// for the e2e and ui tiers and `npm start`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeServerEntry } from './paths.mjs';
import { stopGroup, killGroupOnExit } from './process-group.mjs';

/**
 * User settings that keep the workbench quiet and predictable: the welcome page and
 * walkthroughs otherwise steal keyboard focus, and nothing may reach the network.
 */
export const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.settings.enableNaturalLanguageSearch': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'security.workspace.trust.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'window.restoreWindows': 'none',
  // Sticky headers cover the lines under them and make clicks on tokens miss.
  'editor.stickyScroll.enabled': false,
};

/**
 * Writes `<userDataDir>/User/settings.json` (quiet defaults plus `extra`) before start;
 * with `keepExisting`, a settings file the user already has is left alone.
 */
export function seedSettings(userDataDir, extra = {}, { keepExisting = false } = {}) {
  const dir = join(userDataDir, 'User');
  const file = join(dir, 'settings.json');
  if (keepExisting && existsSync(file)) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify({ ...quietSettings, ...extra }, null, 2));
}

/** XDG folders inside `scratchDir`, so nothing is written to the real home folder. */
export function scratchXdgEnv(scratchDir) {
  const env = {};
  for (const [key, sub] of [
    ['XDG_CONFIG_HOME', 'config'],
    ['XDG_DATA_HOME', 'data'],
    ['XDG_CACHE_HOME', 'cache'],
  ]) {
    env[key] = join(scratchDir, 'xdg', sub);
    mkdirSync(env[key], { recursive: true });
  }
  return env;
}

/**
 * Starts code-server in a process group of its own and resolves once it answers on
 * /healthz. `port: 0` picks a free port. Returns { url, host, port, child, stop, exited }.
 */
export async function startCodeServer({
  userDataDir,
  extensionsDir,
  scratchDir,
  folder,
  host = '127.0.0.1',
  port = 0,
  settings = {},
  keepUserSettings = false,
  env = {},
  extraArgs = [],
  onOutput,
}) {
  if (!existsSync(codeServerEntry)) throw new Error('code-server is not installed: run node scripts/vscode/ensure-code-server.mjs');
  seedSettings(userDataDir, settings, { keepExisting: keepUserSettings });
  mkdirSync(extensionsDir, { recursive: true });
  const args = [
    codeServerEntry,
    '--bind-addr',
    `${host}:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    ...extraArgs,
    ...(folder ? [folder] : []),
  ];
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // An empty gallery turns the marketplace off: no lookups of open-vsx.org from tests.
    env: { ...process.env, EXTENSIONS_GALLERY: '{}', ...scratchXdgEnv(scratchDir), ...env },
  });
  const forget = killGroupOnExit(child.pid);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  let output = '';
  const url = await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      const text = chunk.toString();
      output += text;
      onOutput?.(text);
      const m = /HTTP server listening on (http:\/\/[^\s/]+)/.exec(output);
      if (m) resolve(m[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    exited.then(({ code, signal }) => reject(new Error(`code-server exited (${code ?? signal}) before listening:\n${output.trim()}`)));
  });
  const res = await fetch(`${url}/healthz`);
  if (!res.ok) throw new Error(`code-server /healthz answered ${res.status}`);
  const { hostname, port: actualPort } = new URL(url);

  return {
    url,
    host: hostname,
    port: Number(actualPort),
    child,
    exited,
    /** Kills code-server and everything it started (extension hosts, language servers). */
    async stop() {
      await stopGroup(child);
      forget();
    },
  };
}

/** Installs a .vsix into `extensionsDir` with code-server's CLI (it exits when done). */
export function installExtension(vsix, { userDataDir, extensionsDir, scratchDir }) {
  mkdirSync(extensionsDir, { recursive: true });
  const res = spawnSync(
    process.execPath,
    [codeServerEntry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--force', '--install-extension', vsix],
    { encoding: 'utf8', env: { ...process.env, EXTENSIONS_GALLERY: '{}', ...scratchXdgEnv(scratchDir) } },
  );
  if (res.status !== 0) throw new Error(`installing ${vsix} failed:\n${res.stdout}${res.stderr}`);
}

/** The code-server log written under the scratch XDG data folder, for failure reports. */
export function codeServerLogTail(scratchDir, lines = 30) {
  const file = join(scratchDir, 'xdg', 'data', 'code-server', 'coder-logs', 'code-server-stdout.log');
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * The URL that opens `folder` in the workbench with extensions loaded from source
 * (`extensionDevelopmentPath`) and, for test runs, `extensionTestsPath`. Paths are
 * turned into vscode-remote URIs on this server.
 */
export function workbenchUrl(server, { folder, extensionDevelopmentPath = [], extensionTestsPath }) {
  const remote = (p) => `vscode-remote://${server.host}:${server.port}${encodeURI(p)}`;
  const payload = [
    ...extensionDevelopmentPath.map((p) => ['extensionDevelopmentPath', remote(p)]),
    ...(extensionTestsPath ? [['extensionTestsPath', remote(extensionTestsPath)]] : []),
  ];
  const params = new URLSearchParams();
  if (folder) params.set('folder', folder);
  if (payload.length > 0) params.set('payload', JSON.stringify(payload));
  const query = params.toString();
  return `${server.url}/${query ? `?${query}` : ''}`;
}
