/**
 * Links to the two editions of the documentation. Catalogue entries keep
 * the English page (apidocs.bitrix24.com); the Russian edition
 * (apidocs.bitrix24.ru) has the page at the same path unless `ru.url` says
 * otherwise.
 */
import type { RussianFacts } from './types';

const EN = 'https://apidocs.bitrix24.com/';
const RU = 'https://apidocs.bitrix24.ru/';

/** The Russian page of an entry whose Russian facts are `ru`; undefined when the Russian edition has none. */
export function russianUrl(url: string | undefined, ru: RussianFacts | undefined): string | undefined {
  if (!ru) return undefined;
  if (ru.url) return ru.url;
  return url?.startsWith(EN) ? RU + url.slice(EN.length) : undefined;
}

/** The key of a method in catalogue.ru.json: its name, with ` v3` for REST 3.0. */
export function russianMethodKey(name: string, version: 2 | 3): string {
  return version === 3 ? `${name} v3` : name;
}
