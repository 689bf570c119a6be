/**
 * Scopes declared in `.env*` files (e.g. `BITRIX24_PHP_SDK_APPLICATION_SCOPE='crm,user_brief'`)
 * read as a manifest, with the span of every code so fixes can edit the value in place.
 */
import { emptyManifest } from './manifest';
import type { DeclaredScope, ParsedManifest, Span } from './types';

/** Keys read by default; users add their own (e.g. `SCOPE` of a starter kit) in settings or on the command line. */
export const DEFAULT_ENV_KEYS: readonly string[] = ['BITRIX24_PHP_SDK_APPLICATION_SCOPE'];

/** True for `.env`, `.env.local`, `.env.production`, ... */
export function isEnvFileName(name: string): boolean {
  return name === '.env' || name.startsWith('.env.');
}

/** Where a scope key's value sits in a `.env` text. */
export interface EnvScopeValue {
  key: string;
  /** The key's own characters. */
  keySpan: Span;
  /** The value without its quotes (may be empty). */
  value: Span;
  quote: '' | '"' | "'";
  items: DeclaredScope[];
}

/** The last assignment of any of `keys` in `text` (later assignments override earlier ones, as in dotenv). */
export function findEnvScopes(text: string, keys: readonly string[]): EnvScopeValue | undefined {
  const wanted = new Set(keys);
  let found: EnvScopeValue | undefined;
  const line = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.]*)[ \t]*=[ \t]*(.*)$/gm;
  for (let m = line.exec(text); m; m = line.exec(text)) {
    if (!wanted.has(m[1])) continue;
    const rawStart = m.index + m[0].length - m[2].length;
    const value = valueSpan(m[2], rawStart);
    const keyStart = m.index + m[0].indexOf(m[1]);
    found = { key: m[1], keySpan: { start: keyStart, end: keyStart + m[1].length }, ...value, items: splitItems(text, value.value) };
  }
  return found;
}

/** Parses the scope declaration of a `.env*` file, or undefined when none of `keys` is set in it. */
export function parseEnvManifest(text: string, keys: readonly string[] = DEFAULT_ENV_KEYS): ParsedManifest | undefined {
  const found = findEnvScopes(text, keys);
  if (!found) return undefined;
  const manifest = emptyManifest();
  manifest.scopes = found.items;
  manifest.scopesSpan = found.keySpan;
  return { format: 'env', manifest, problems: [] };
}

function valueSpan(raw: string, start: number): { value: Span; quote: EnvScopeValue['quote'] } {
  const q = raw[0];
  if (q === '"' || q === "'") {
    const close = raw.indexOf(q, 1);
    const end = close === -1 ? raw.length : close;
    return { value: { start: start + 1, end: start + end }, quote: q };
  }
  // Unquoted: up to an inline comment (` #`) or the end of the line, trailing blanks excluded.
  const comment = raw.search(/[ \t]#/);
  const body = (comment === -1 ? raw : raw.slice(0, comment)).replace(/[ \t\r]+$/, '');
  return { value: { start, end: start + body.length }, quote: '' };
}

function splitItems(text: string, value: Span): DeclaredScope[] {
  const items: DeclaredScope[] = [];
  const part = /[^\s,]+/g;
  const body = text.slice(value.start, value.end);
  for (let m = part.exec(body); m; m = part.exec(body)) {
    const start = value.start + m.index;
    items.push({ code: m[0], span: { start, end: start + m[0].length } });
  }
  return items;
}
