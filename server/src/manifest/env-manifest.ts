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
  quote: '' | '"' | "'" | '`';
  items: DeclaredScope[];
}

/** `.env*` files larger than this are not read for scopes (real ones are a few kilobytes). */
export const MAX_ENV_BYTES = 1024 * 1024;

/**
 * One assignment, as dotenv (v16) reads it: `KEY=value`, `export KEY=value`, `KEY: value`;
 * values in '...', "..." or `...` may span lines and contain their quote escaped with a
 * backslash; an unquoted value ends at `#` or the end of the line.
 */
const ASSIGNMENT = /^\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?[^\S\r\n]*(?:#.*)?$/dgm;

/** The last assignment of any of `keys` in `text` (later assignments override earlier ones, as in dotenv). */
export function findEnvScopes(text: string, keys: readonly string[]): EnvScopeValue | undefined {
  if (text.length > MAX_ENV_BYTES) return undefined;
  const wanted = new Set(keys);
  let found: EnvScopeValue | undefined;
  const line = new RegExp(ASSIGNMENT);
  for (let m = line.exec(text); m; m = line.exec(text)) {
    if (m[0] === '') line.lastIndex++;
    if (!wanted.has(m[1])) continue;
    const [from, to] = m.indices?.[2] ?? [m.index + m[0].length, m.index + m[0].length];
    const value = valueSpan(text, from, to);
    const [keyStart, keyEnd] = m.indices?.[1] ?? [m.index, m.index];
    found = { key: m[1], keySpan: { start: keyStart, end: keyEnd }, ...value, items: splitItems(text, value.value) };
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

/** The value between `from` and `to` without surrounding blanks and quotes (dotenv trims, then unquotes). */
function valueSpan(text: string, from: number, to: number): { value: Span; quote: EnvScopeValue['quote'] } {
  while (from < to && /\s/.test(text[from])) from++;
  while (to > from && /\s/.test(text[to - 1])) to--;
  const q = text[from];
  if ((q === '"' || q === "'" || q === '`') && to - from >= 2 && text[to - 1] === q) {
    return { value: { start: from + 1, end: to - 1 }, quote: q };
  }
  return { value: { start: from, end: to }, quote: '' };
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
