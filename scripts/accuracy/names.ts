/** The method names the accuracy corpus uses: the checked-in catalogue, else the docs' simulator index. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMethodNames } from '../../server/src/analysis/method-names';
import type { MethodNames } from '../../server/src/analysis/types';
import { docsRoot } from '../catalogue/docs-location';

export const repoRoot = join(__dirname, '..', '..');

/**
 * Where the official docs copy lives, found as every docs reader finds it
 * ($BITRIX24_REST_DOCS, else ../shared/bitrix24-rest-docs beside the
 * repository), or undefined when absent.
 */
export function docsFolder(): string | undefined {
  const dir = docsRoot();
  return existsSync(join(dir, 'en', 'api-reference')) ? dir : undefined;
}

/** Method names and where they came from. */
export function loadNames(docs: string | undefined): { names: MethodNames; list: string[]; source: string } | undefined {
  const catalog = join(repoRoot, 'server', 'src', 'catalogue', 'catalogue.json');
  if (existsSync(catalog)) {
    const data = JSON.parse(readFileSync(catalog, 'utf8')) as { methods: { name: string }[] };
    const list = [...new Set(data.methods.map((m) => m.name))];
    return { names: createMethodNames(list), list, source: 'server/src/catalogue/catalogue.json' };
  }
  const index = docs && join(docs, 'ru-simulator-spec', '_assets', 'simulator', 'spec', 'index.json');
  if (index && existsSync(index)) {
    const data = JSON.parse(readFileSync(index, 'utf8')) as { methods: { method: string }[] };
    const list = [...new Set(data.methods.map((m) => m.method))];
    return { names: createMethodNames(list), list, source: 'simulator spec index.json' };
  }
  return undefined;
}
