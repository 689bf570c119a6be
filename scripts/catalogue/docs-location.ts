/**
 * Where the official documentation is found, for the generator and for every
 * test that reads it: $BITRIX24_REST_DOCS, else `../shared/bitrix24-rest-docs`
 * beside the repository.
 */
import { resolve } from 'node:path';

/** The repository root. */
export const repoRoot = resolve(__dirname, '..', '..');

/** The documentation folder (holds `en/`, `ru/` and `ru-simulator-spec/`). */
export function docsRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.BITRIX24_REST_DOCS ? resolve(env.BITRIX24_REST_DOCS) : resolve(repoRoot, '..', 'shared', 'bitrix24-rest-docs');
}
