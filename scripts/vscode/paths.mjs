// Where the VS Code harness keeps its files. Everything below `.vscode-test/`
// and `test-output/` is git-ignored and safe to delete.
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Cache folder shared by the e2e and ui tiers and `npm start` (VSCODE_TEST_CACHE moves it). */
export const cacheDir = process.env.VSCODE_TEST_CACHE ? resolve(process.env.VSCODE_TEST_CACHE) : join(root, '.vscode-test');

/** The code-server version that still installs on Node 20 (VS Code 1.100.3). */
export const codeServerVersion = '4.100.3';

/** Folder holding the cached code-server install. */
export const codeServerDir = join(cacheDir, 'code-server');

/** code-server's Node entry point inside the cached install. */
export const codeServerEntry = join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** Debian's Chromium, driven by playwright-core (which downloads no browser). */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
