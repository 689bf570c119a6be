/**
 * Builds the labelled corpus from the official documentation at run time:
 * every method page's code examples (cURL, JS, PHP, BX24.js, CRest, Go,
 * Python) call that page's method. Nothing from the docs is copied into the
 * repository; the examples are read from the docs folder each run.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { LanguageFamily, MethodNames } from '../../server/src/analysis/types';

/** One code example of a method page. */
export interface DocExample {
  /** Page path relative to the docs folder. */
  page: string;
  /** The method the page documents. */
  method: string;
  /** The tab label (`cURL (Webhook)`, `PHP CRest`, ...). */
  label: string;
  /** How the example is analysed: a source text and its family. */
  text: string;
  family: LanguageFamily;
}

/** Family and wrapping for a fence info string; undefined for response samples (json) and prose. */
function asSource(info: string, code: string): { text: string; family: LanguageFamily } | undefined {
  const lang = info.trim().split(/\s+/)[0].toLowerCase();
  switch (lang) {
    case 'js':
    case 'javascript':
    case 'ts':
    case 'typescript':
      return { text: code, family: 'js' };
    case 'bash':
    case 'curl':
    case 'sh':
    case 'shell':
      return { text: code, family: 'shell' };
    case 'php':
      // Saved as a .php file, a snippet needs its open tag.
      return { text: code.includes('<?') ? code : `<?php\n${code}`, family: 'php' };
    case 'go':
      return { text: code, family: 'go' };
    case 'python':
      return { text: code, family: 'python' };
    case 'html':
      // The page's own Markdown fence, as the markdown family sees it.
      return { text: '```html\n' + code + '\n```\n', family: 'markdown' };
    case 'http':
      return { text: code, family: 'http' };
    default:
      return undefined;
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : name.endsWith('.md') ? [p] : [];
  });
}

/** Removes the common indentation of fence content (fences inside list tabs are indented). */
function dedent(lines: string[]): string {
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}

/**
 * Every code fence of every page under `docsRoot` (any section), as
 * analysable sources, for the event and placement corpus.
 */
export function allExamples(docsRoot: string): Omit<DocExample, 'method'>[] {
  const out: Omit<DocExample, 'method'>[] = [];
  for (const file of walk(docsRoot)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    let label = '';
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (/^#{1,3} /.test(line)) label = '';
      const tab = /^\s*- (.+?)\s*$/.exec(line);
      if (tab && !/^\s*- \[/.test(line) && tab[1].length < 40) label = tab[1];
      const fence = /^(\s*)```(\S*)/.exec(line);
      if (!fence) continue;
      const body: string[] = [];
      let j = i + 1;
      while (j < lines.length && !/^\s*```\s*$/.test(lines[j])) body.push(lines[j++]);
      i = j;
      const src = asSource(fence[2], dedent(body));
      if (src) out.push({ page: relative(docsRoot, file), label: label || fence[2], ...src });
    }
  }
  return out;
}

/** The examples of every method page under `docsRoot/api-reference` whose method `names` knows. */
export function docExamples(docsRoot: string, names: MethodNames): DocExample[] {
  const out: DocExample[] = [];
  for (const file of walk(join(docsRoot, 'api-reference'))) {
    const lines = readFileSync(file, 'utf8').split('\n');
    const title = lines.find((l) => l.startsWith('# '));
    const method = title?.trim().split(/\s+/).pop()?.replace(/[`*]/g, '');
    if (!method || !method.includes('.') || !names.has(method)) continue;
    const section = lines.findIndex((l) => /^## Code Examples?\s*$/i.test(l.trim()));
    if (section < 0) continue;
    let label = '';
    for (let i = section + 1; i < lines.length; i++) {
      const line = lines[i];
      if (/^## /.test(line)) break;
      const tab = /^\s*- (.+?)\s*$/.exec(line);
      if (tab && !/^\s*- \[/.test(line) && tab[1].length < 40) label = tab[1];
      const fence = /^(\s*)```(\S*)/.exec(line);
      if (!fence) continue;
      const body: string[] = [];
      let j = i + 1;
      while (j < lines.length && !/^\s*```\s*$/.test(lines[j])) body.push(lines[j++]);
      i = j;
      const src = asSource(fence[2], dedent(body));
      if (src) out.push({ page: relative(docsRoot, file), method, label: label || fence[2], ...src });
    }
  }
  return out;
}
