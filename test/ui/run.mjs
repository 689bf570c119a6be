#!/usr/bin/env node
// ui tier: the packaged extension in the real workbench (code-server) driven through
// Debian's Chromium with playwright-core. Installs the .vsix from `npm run package`
// (or, with --from-source, loads the repo as an extension under development), starts a
// demo portal the extension connects to (BITRIX24_DEMO_WEBHOOK, as `npm start` does),
// opens a fresh copy of examples/, runs test/ui/*.test.mjs and saves screenshots in
// test-output/ui/.
// With --russian (the ui-ru tier) the workbench starts with `--locale ru` and runs
// test/ui/russian/*.test.mjs instead. No workbench language pack can be downloaded here, and
// without one VS Code falls back to English for everything, extensions included. So a stub
// pack of the project's own (test/fixtures/language-pack-ru: it declares Russian and
// translates nothing) is installed: VS Code's display language is then Russian, its own menus
// stay English, and whatever is Russian on screen comes from this extension's
// package.nls.ru.json and l10n bundle and from the language server.
// A stray `it.only` fails the tier; with CI set, so does a skip (see mocha.mjs).
// Closing line: `ui: N passed, N failed, N skipped` (`ui-ru: …` with --russian).
//
//   node test/ui/run.mjs [--russian] [--from-source] [--no-build] [--headed]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root, cacheDir } from '../../scripts/vscode/paths.mjs';
import { ensureCodeServer, HarnessSetupError } from '../../scripts/vscode/ensure-code-server.mjs';
import { startCodeServer, installExtension, workbenchUrl } from '../../scripts/vscode/code-server.mjs';
import { launchChromium } from '../../scripts/vscode/chromium.mjs';
import { session } from './session.mjs';
import { waitForWorkbench } from './workbench.mjs';
import { runUiMocha } from './mocha.mjs';
import { countsLine } from '../support/counts.mjs';

const args = process.argv.slice(2);
const fromSource = args.includes('--from-source');
const skipBuild = args.includes('--no-build');
const russian = args.includes('--russian');
const tier = russian ? 'ui-ru' : 'ui';
const workDir = join(cacheDir, tier);
const outputDir = join(root, 'test-output', 'ui');
// Tests change the workspace (site rights files): they get a fresh copy of examples/ each run.
const folder = join(workDir, 'workspace');

function close(passes, failures, pending = 0) {
  console.log(countsLine(tier, { passes, failures, pending }));
  process.exitCode = failures > 0 || passes === 0 ? 1 : 0;
}

/** Runs a node script quietly: its output is shown only when it fails, else its last line. */
function run(label, scriptArgs) {
  const res = spawnSync(process.execPath, scriptArgs, { cwd: root, encoding: 'utf8' });
  const output = `${res.stdout}${res.stderr}`.trim();
  if (res.status !== 0) throw new Error(`${label} failed:\n${output}`);
  console.log(output.split('\n').at(-1));
}

/**
 * The demo portal from the built bundle, in memory, without a rate limit (the tests
 * are not about pacing). Its webhook URLs hold secrets, so they are never printed.
 */
function startDemoPortal() {
  const bundle = join(root, 'dist', 'bin', 'demo-portal.js');
  const { startDemoPortal: start } = createRequire(import.meta.url)(bundle);
  return start({ port: 0, rateLimit: false });
}

/** Packages the stub language pack (test/fixtures/language-pack-ru) as a .vsix in workDir. */
function packStub() {
  const staged = join(workDir, 'language-pack-ru');
  cpSync(join(root, 'test', 'fixtures', 'language-pack-ru'), staged, { recursive: true });
  const out = join(workDir, 'language-pack-ru.vsix');
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const res = spawnSync(
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--skip-license', '--out', out],
    {
      cwd: staged,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  if (res.status !== 0) throw new Error(`packaging the stub language pack failed:\n${res.stdout}${res.stderr}`);
  return out;
}

/**
 * VS Code's server finds language packs through `languagepacks.json` in the user data folder,
 * which it writes only when it installs a pack itself; the CLI install above does not. This
 * writes the entry for the stub, as VS Code would.
 */
function registerStub({ userDataDir, extensionsDir }) {
  const id = 'bitrix24-rest-tools-tests.language-pack-ru';
  const translations = join(extensionsDir, `${id}-0.0.1`, 'translations', 'main.i18n.json');
  if (!existsSync(translations)) throw new Error(`the stub language pack is not installed at ${translations}`);
  mkdirSync(userDataDir, { recursive: true });
  const entry = {
    hash: 'stub-0.0.1',
    extensions: [{ extensionIdentifier: { id }, version: '0.0.1' }],
    translations: { vscode: translations },
    label: 'русский',
  };
  writeFileSync(join(userDataDir, 'languagepacks.json'), JSON.stringify({ ru: entry }, null, 2));
}

function runMocha() {
  return runUiMocha(russian ? join(root, 'test', 'ui', 'russian') : join(root, 'test', 'ui'), {
    async afterEach() {
      const test = this.currentTest;
      if (test?.state === 'failed' && session.page) {
        const slug = test.title.replace(/[^\w]+/g, '-').slice(0, 60);
        await session.page.screenshot({ path: join(outputDir, `failed-${russian ? 'ru-' : ''}${slug}.png`) }).catch(() => undefined);
      }
    },
  });
}

async function main() {
  const started = Date.now();
  ensureCodeServer();
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(outputDir, { recursive: true });
  // Each tier clears only its own screenshots: the Russian ones start with ru-.
  for (const f of readdirSync(outputDir)) if (/^(failed-)?ru-/.test(f) === russian) rmSync(join(outputDir, f), { recursive: true });
  const dirs = { userDataDir: join(workDir, 'user-data'), extensionsDir: join(workDir, 'extensions'), scratchDir: join(workDir, 'scratch') };

  if (fromSource) {
    if (!skipBuild) run('build', [join(root, 'scripts', 'build.mjs')]);
  } else {
    const vsix = join(workDir, 'bitrix24-rest-tools.vsix');
    run('npm run package', [join(root, 'scripts', 'package.mjs'), '--out', vsix, ...(skipBuild ? ['--no-build'] : [])]);
    installExtension(vsix, dirs);
  }
  if (russian) {
    installExtension(packStub(), dirs);
    registerStub(dirs);
  }

  cpSync(join(root, 'examples'), folder, { recursive: true });
  let server;
  let context;
  let portal;
  const cleanup = async () => {
    await context?.close().catch(() => undefined);
    await server?.stop();
    await portal?.close();
  };
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => void cleanup().then(() => process.exit(130)));
  try {
    if (russian) server = await startCodeServer({ ...dirs, folder, extraArgs: ['--locale', 'ru'] });
    else {
      portal = await startDemoPortal();
      // The extension connects to this webhook (the demo administrator's) once activated.
      server = await startCodeServer({ ...dirs, folder, env: { BITRIX24_DEMO_WEBHOOK: portal.webhooks.admin } });
    }
    context = await launchChromium(join(workDir, 'chromium'), { headless: !args.includes('--headed') });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(workbenchUrl(server, { folder, extensionDevelopmentPath: fromSource ? [root] : [] }));
    await waitForWorkbench(page, 'js');
    Object.assign(session, { page, outputDir, workspace: folder, portal, userDataDir: dirs.userDataDir });
    console.log(
      `workbench${russian ? ' (locale ru)' : ''} ready after ${((Date.now() - started) / 1000).toFixed(1)} s (${fromSource ? 'from source' : 'installed .vsix'})`,
    );
    const stats = await runMocha();
    console.log(`${tier} tier took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    close(stats.passes, stats.failures, stats.pending);
  } finally {
    await cleanup();
  }
}

main().catch((err) => {
  console.error(err instanceof HarnessSetupError ? `${tier}: ${err.message}` : err);
  close(0, 1);
});
