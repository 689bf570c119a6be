/**
 * The Russian edition (`ru/`, apidocs.bitrix24.ru), read page for page
 * beside the English one: for each English entry, the Russian page of the
 * same path gives the Russian title, the "Кто может ..." line, its Scope
 * line and whether it says deprecated. Overview pages share their blocks
 * the same way as in English.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findDeprecation } from './flags';
import { firstBlock, sharedBlocks, type SharedBlock } from './index-blocks';
import { fenceMask, headerZone, headings, stripLinks } from './markdown';
import { parseScopeLine, scopeLineText, type ScopeLine } from './scope-line';
import { parseScopesTable } from './scopes-table';
import { markdownFiles } from './sources';
import { findWho } from './who';

/** What the Russian page of one path says. */
export interface RussianPage {
  heading: string;
  /** The page's Scope line, else its overview's (and, with `dirFallback`, its directory overview's). */
  scope?: ScopeLine;
  /** The page's "Кто может ..." text, else its overview's. */
  who?: string;
  /** Subject of that line ("выполнять метод", "подписаться"). */
  whoSubject?: string;
  deprecated: boolean;
}

/** Lookups over the Russian edition. */
export interface RussianEdition {
  page(path: string, dirFallback?: boolean): RussianPage | undefined;
  /** Scope code → tool, from the Russian scope table. */
  tools: Map<string, string>;
}

/** The Russian docs write the basic scope as `базовый`. */
const normalise = (text: string) => text.replace(/`базовый`/g, '`basic`');

/** Reads `ru/` under the docs root; undefined when the edition is absent. */
export function loadRussian(root: string): RussianEdition | undefined {
  const dir = join(root, 'ru');
  if (!existsSync(join(dir, 'api-reference'))) return undefined;
  const texts = new Map<string, string>();
  for (const f of markdownFiles(dir)) texts.set(f.replace(/\.md$/, ''), normalise(readFileSync(join(dir, f), 'utf8')));
  const shared = new Map<string, SharedBlock>();
  const dirBlocks = new Map<string, SharedBlock>();
  for (const [path, text] of texts) {
    if (!/(^|\/)index$/.test(path) && !/^#\s+.*(обзор|overview)/im.test(text)) continue;
    for (const [target, block] of sharedBlocks(path, text)) if (!shared.has(target)) shared.set(target, block);
    const first = /(^|\/)index$/.test(path) ? firstBlock(path, text) : undefined;
    if (first) dirBlocks.set(path.split('/').slice(0, -1).join('/'), first);
  }
  const tools = new Map<string, string>();
  const scopesText = texts.get('api-reference/scopes/permissions');
  if (scopesText) for (const s of parseScopesTable('api-reference/scopes/permissions', scopesText)) if (s.tool) tools.set(s.code, s.tool);

  const cache = new Map<string, RussianPage | undefined>();
  return {
    tools,
    page(path, dirFallback = false) {
      const key = `${dirFallback ? 1 : 0}${path}`;
      if (cache.has(key)) return cache.get(key);
      const text = texts.get(path);
      let result: RussianPage | undefined;
      if (text !== undefined) {
        const lines = text.split('\n');
        const mask = fenceMask(lines);
        const h1 = headings(lines, mask).find((h) => h.level === 1);
        const zone = headerZone(lines, mask);
        let scopeText: string | undefined;
        for (let i = 0; i < zone && scopeText === undefined; i++) if (!mask[i]) scopeText = scopeLineText(lines[i]);
        const own = findWho(lines, 0, zone);
        const block = shared.get(path) ?? (dirFallback ? dirBlocks.get(path.split('/').slice(0, -1).join('/')) : undefined);
        const who = own ?? block?.who;
        result = {
          heading: h1 ? stripLinks(h1.text).replace(/`/g, '').trim() : '',
          scope: scopeText !== undefined ? parseScopeLine(scopeText) : block?.scope,
          who: who?.text,
          whoSubject: who?.subject,
          deprecated: findDeprecation(lines) !== undefined,
        };
      }
      cache.set(key, result);
      return result;
    },
  };
}
