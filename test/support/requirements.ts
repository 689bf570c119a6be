/**
 * What a test needs from the machine (the official docs, Neovim, code-server's grammars) and
 * what happens when it is missing: locally the test is skipped and says why; with `CI` set it
 * fails, so a green CI run means every component was really exercised.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { docsRoot } from '../../scripts/catalogue/docs-location';

/** True when running on CI (`CI` set to anything but empty, `0` or `false`). */
export function onCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env.CI ?? '').trim().toLowerCase();
  return value !== '' && value !== '0' && value !== 'false';
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

/**
 * Requires the official docs, found as `npm run catalog` finds them (`$BITRIX24_REST_DOCS`, else
 * `../shared/bitrix24-rest-docs`), with `sub` inside; returns the docs folder.
 */
export function requireDocs(ctx: Mocha.Context, sub = ''): string {
  const dir = docsRoot();
  requireComponent(
    ctx,
    existsSync(resolve(dir, sub)),
    `the official REST docs (${resolve(dir, sub)})`,
    'set BITRIX24_REST_DOCS or place bitrix24-rest-docs in ../shared/',
  );
  return dir;
}
