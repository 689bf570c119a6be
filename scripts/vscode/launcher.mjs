#!/usr/bin/env node
// Stands in for the `code` executable that @vscode/test-electron's runTests spawns.
// It accepts VS Code's test command line, serves the workbench with code-server, opens
// it in headless Chromium with the test payload, prints the extension host's log
// (mocha's output) and exits with the test run's exit code. Everything it starts is
// stopped before it exits.
//
// Set VSCODE_LAUNCHER_DEBUG=1 to also see code-server's and the browser's own output.
import { dirname, join, resolve } from 'node:path';
import { format, parseArgs as parseArgv } from 'node:util';
import { startCodeServer, workbenchUrl, codeServerLogTail } from './code-server.mjs';
import { launchChromium } from './chromium.mjs';
import { cacheDir } from './paths.mjs';

const debug = process.env.VSCODE_LAUNCHER_DEBUG === '1';
// A cap on a run that hangs (e.g. the workbench never loads), not a wait.
const capMs = Number(process.env.VSCODE_LAUNCHER_TIMEOUT_MS || 10 * 60 * 1000);

/** Splits VS Code's command line into the options this launcher understands; the rest (--no-sandbox, ...) means nothing here. */
export function parseArgs(argv) {
  const { values, positionals } = parseArgv({
    args: argv,
    options: {
      'user-data-dir': { type: 'string' },
      'extensions-dir': { type: 'string' },
      extensionDevelopmentPath: { type: 'string', multiple: true },
      extensionTestsPath: { type: 'string' },
    },
    strict: false,
    allowPositionals: true,
  });
  const path = (v) => (typeof v === 'string' ? resolve(v) : undefined);
  return {
    extensionDevelopmentPath: (values.extensionDevelopmentPath ?? []).map(path).filter(Boolean),
    extensionTestsPath: path(values.extensionTestsPath),
    folders: positionals.map((p) => resolve(p)),
    userDataDir: path(values['user-data-dir']) ?? join(cacheDir, 'user-data'),
    extensionsDir: path(values['extensions-dir']) ?? join(cacheDir, 'extensions'),
  };
}

// The workbench's own start-up chatter, which arrives through the same log as the tests'.
const workbenchNoise =
  /^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin extensions cache|\[Service Worker\]|ChatSessionStore|Ignoring fetching additional builtin extensions|Creation of workbench contribution)/;

/** Console arguments as Node would print them (mocha's reporter uses printf-style formats). */
function formatLogArgs(args) {
  return format(...(Array.isArray(args) ? args : [args]));
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const scratchDir = join(dirname(opts.userDataDir), 'scratch');
  let server;
  let context;
  let stopping;
  const stopAll = () =>
    (stopping ??= (async () => {
      await context?.close().catch(() => undefined);
      await server?.stop();
    })());
  const finish = async (code, why) => {
    if (why) console.error(why);
    await stopAll();
    process.exit(code);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void finish(130, `launcher: ${sig}, stopping VS Code`));
  const cap = setTimeout(() => void finish(1, `launcher: no test result after ${capMs / 1000} s\n${codeServerLogTail(scratchDir)}`), capMs);
  cap.unref();

  server = await startCodeServer({
    userDataDir: opts.userDataDir,
    extensionsDir: opts.extensionsDir,
    scratchDir,
    onOutput: debug ? (t) => process.stderr.write(`[code-server] ${t}`) : undefined,
  });
  server.exited.then(({ code, signal }) => {
    if (!stopping) void finish(1, `launcher: code-server exited (${code ?? signal}) during the test run`);
  });

  context = await launchChromium(join(scratchDir, 'chromium'));
  const page = context.pages()[0] ?? (await context.newPage());
  let resolveExit;
  const result = new Promise((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationLog', (level, args) => {
    const line = formatLogArgs(args);
    if (!debug && workbenchNoise.test(line)) return;
    (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code) || 0));
  page.on('crash', () => void finish(1, 'launcher: the browser page crashed'));
  if (debug) page.on('console', (msg) => process.stderr.write(`[browser:${msg.type()}] ${msg.text()}\n`));

  await page.goto(
    workbenchUrl(server, {
      folder: opts.folders[0],
      extensionDevelopmentPath: opts.extensionDevelopmentPath,
      extensionTestsPath: opts.extensionTestsPath,
    }),
  );
  const code = await result;
  await finish(code);
}

main().catch(async (err) => {
  console.error(`launcher: ${err instanceof Error ? err.stack : err}`);
  process.exit(1);
});
