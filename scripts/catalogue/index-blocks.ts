/**
 * Overview (index) pages carry one shared Scope block for the methods they
 * list. A method page without its own Scope line (the `event.*` pages)
 * inherits the block of the index whose table links to it.
 */
import { fenceMask, headings } from './markdown';
import { parseScopeLine, scopeLineText, type ScopeLine } from './scope-line';
import { findWho, type WhoBlock } from './who';

/** A shared block and the page it was read from. */
export interface SharedBlock {
  index: string;
  scope: ScopeLine;
  who?: WhoBlock;
}

/** Resolves a relative Markdown link against the directory of `from` (paths without `.md`). */
export function resolveLink(from: string, target: string): string | undefined {
  const clean = target.split('#')[0];
  if (!clean.endsWith('.md') || /^[a-z]+:/i.test(clean)) return undefined;
  const parts = from.split('/').slice(0, -1);
  for (const seg of clean.replace(/\.md$/, '').split('/')) {
    if (seg === '.' || seg === '') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/** The first Scope block of a page (with the who-can block next to it), if any. */
export function firstBlock(path: string, text: string): SharedBlock | undefined {
  const lines = text.split('\n');
  const mask = fenceMask(lines);
  for (let i = 0; i < lines.length; i++) {
    const scope = mask[i] ? undefined : scopeLineText(lines[i]);
    if (scope !== undefined) return { index: path, scope: parseScopeLine(scope), who: findWho(lines, i, Math.min(lines.length, i + 6)) };
  }
  return undefined;
}

/**
 * Maps each page linked from a table row after a Scope block (until the
 * next block or the next `##` heading) to that block.
 */
export function sharedBlocks(path: string, text: string): Map<string, SharedBlock> {
  const lines = text.split('\n');
  const mask = fenceMask(lines);
  const h2 = new Set(
    headings(lines, mask)
      .filter((h) => h.level <= 2)
      .map((h) => h.line),
  );
  const out = new Map<string, SharedBlock>();
  let current: SharedBlock | undefined;
  lines.forEach((line, i) => {
    if (mask[i]) return;
    if (h2.has(i)) current = undefined;
    const scope = scopeLineText(line);
    if (scope !== undefined) {
      current = { index: path, scope: parseScopeLine(scope), who: findWho(lines, i, Math.min(lines.length, i + 6)) };
      return;
    }
    if (!current || !line.trim().startsWith('||')) return;
    for (const m of line.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = resolveLink(path, m[1]);
      if (target && !out.has(target)) out.set(target, current);
    }
  });
  return out;
}
