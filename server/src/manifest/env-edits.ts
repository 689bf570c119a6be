/**
 * Edits of a `.env*` scope value in place: quotes, the rest of the line and the
 * separator the value already uses (`,` / `, ` / space) are kept.
 */
import { findEnvScopes } from './env-manifest';
import type { DeclaredScope } from './types';

/** Inserts `code` at its sorted place in the value of the scope key. */
export function insertEnvScope(text: string, keys: readonly string[], code: string): string | undefined {
  const found = findEnvScopes(text, keys);
  if (!found) return undefined;
  const { items } = found;
  if (items.length === 0) return splice(text, found.value.start, found.value.end - found.value.start, code);
  const sep = separator(text, items);
  const at = items.findIndex((d) => d.code.localeCompare(code) > 0);
  if (at !== -1) return splice(text, items[at].span.start, 0, `${code}${sep}`);
  return splice(text, items[items.length - 1].span.end, 0, `${sep}${code}`);
}

/** Removes the `index`-th code of the value (with the separator next to it). */
export function removeEnvScope(text: string, keys: readonly string[], index: number): string | undefined {
  const items = findEnvScopes(text, keys)?.items;
  const item = items?.[index];
  if (!items || !item) return undefined;
  if (index < items.length - 1) return splice(text, item.span.start, items[index + 1].span.start - item.span.start, '');
  const from = index > 0 ? items[index - 1].span.end : item.span.start;
  return splice(text, from, item.span.end - from, '');
}

/** Replaces the `index`-th code of the value with `code`. */
export function replaceEnvScope(text: string, keys: readonly string[], index: number, code: string): string | undefined {
  const item = findEnvScopes(text, keys)?.items[index];
  return item && splice(text, item.span.start, item.span.end - item.span.start, code);
}

function separator(text: string, items: DeclaredScope[]): string {
  if (items.length < 2) return ',';
  return text.slice(items[0].span.end, items[1].span.start);
}

function splice(text: string, at: number, remove: number, insert: string): string {
  return text.slice(0, at) + insert + text.slice(at + remove);
}
