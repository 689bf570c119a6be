/** The package's version, for `--version`, the LSP `serverInfo`, the MCP handshake and SARIF. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Replaced by the package.json version when scripts/build.mjs bundles (esbuild `define`).
declare const BITRIX24_TOOLS_VERSION: string | undefined;

/** `version` of package.json: set at build time; read from the file when the sources run directly (tsx, tests). */
export const VERSION: string = typeof BITRIX24_TOOLS_VERSION === 'string' ? BITRIX24_TOOLS_VERSION : packageVersion();

function packageVersion(): string {
  try {
    const version: unknown = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
    return typeof version === 'string' ? version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
