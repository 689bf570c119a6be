/**
 * What a test needs from the machine (the official docs, Neovim, code-server's grammars) and
 * what happens when it is missing: locally the test is skipped and says why; with `CI` set it
 * fails, so a green CI run means every component was really exercised.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/** True when running on CI (`CI` set to anything but empty, `0` or `false`). */
export function onCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env.CI ?? '').trim().toLowerCase();
  return value !== '' && value !== '0' && value !== 'false';
}

/**
 * The official Bitrix24 REST docs: `$BITRIX24_REST_DOCS` when set, else `bitrix24-rest-docs`
 * in the `shared/` folder beside the repository (`../shared/bitrix24-rest-docs`).
 */
export function docsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.BITRIX24_REST_DOCS ? resolve(env.BITRIX24_REST_DOCS) : resolve(ROOT, '..', 'shared', 'bitrix24-rest-docs');
}

/** Thrown instead of skipping when CI is set and a component is missing. */
export class MissingOnCiError extends Error {}

/**
 * Skips the calling test (or hook) when `present` is false — unless CI is set, then throws.
 * `what` names the component, `how` says how to get it.
 */
export function requireComponent(ctx: Mocha.Context, present: boolean, what: string, how: string): void {
  if (present) return;
  if (onCi()) throw new MissingOnCiError(`${what} not found, and with CI set a test may not skip: ${how}`);
  console.log(`    skipped: ${what} not found (${how})`);
  ctx.skip();
}

/** Requires the official docs (see `docsDir`), returning their folder. */
export function requireDocs(ctx: Mocha.Context, sub = ''): string {
  const dir = docsDir();
  requireComponent(ctx, existsSync(resolve(dir, sub)), `the official REST docs (${resolve(dir, sub)})`, 'set BITRIX24_REST_DOCS or place bitrix24-rest-docs in ../shared/');
  return dir;
}
