/**
 * Finding code embedded in other text: fenced blocks in Markdown, `<script>`
 * elements in HTML (and PHP templates), and the `<script>` blocks and
 * template expressions of Vue single-file components. Each finder returns
 * flat `[from, to, ...]` ranges and only moves forward.
 */
import type { LanguageFamily } from './types';
import type { TokenStream } from './tokens';
import { findPair, lineEnd } from './lex-util';

/** A fenced code block: the family its info string names (or undefined), and its content range. */
export interface Fence {
  family: LanguageFamily | 'html' | 'vue' | undefined;
  from: number;
  to: number;
}

const FENCE_FAMILIES: Record<string, LanguageFamily | 'html' | 'vue'> = {
  js: 'js',
  javascript: 'js',
  jsx: 'js',
  ts: 'js',
  typescript: 'js',
  tsx: 'js',
  mjs: 'js',
  cjs: 'js',
  node: 'js',
  vue: 'vue',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  php: 'php',
  python: 'python',
  py: 'python',
  python3: 'python',
  go: 'go',
  golang: 'go',
  java: 'java',
  csharp: 'csharp',
  cs: 'csharp',
  'c#': 'csharp',
  bash: 'shell',
  sh: 'shell',
  shell: 'shell',
  zsh: 'shell',
  curl: 'shell',
  console: 'shell',
  'shell-session': 'shell',
  powershell: 'shell',
  ps1: 'shell',
  http: 'http',
  rest: 'http',
};

/** The family of a fence info string (`js`, `php title="x"`, `{.python}`), or undefined. */
export function fenceFamily(info: string): LanguageFamily | 'html' | 'vue' | undefined {
  const m = /^[{.\s]*([A-Za-z0-9_#+-]+)/.exec(info);
  return m ? FENCE_FAMILIES[m[1].toLowerCase()] : undefined;
}

/**
 * Fenced code blocks of a Markdown text (``` or ~~~, indented ones inside
 * lists included). HTML comments in the prose go to `out` as comments.
 */
export function markdownFences(text: string, out: TokenStream): Fence[] {
  const fences: Fence[] = [];
  const to = text.length;
  let p = 0;
  let proseFrom = 0;
  while (p < to) {
    const e = lineEnd(text, p, to);
    let k = p;
    while (k < e && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
    const c = text.charCodeAt(k);
    if ((c === 96 || c === 126) && text.charCodeAt(k + 1) === c && text.charCodeAt(k + 2) === c) {
      let n = k;
      while (n < e && text.charCodeAt(n) === c) n++;
      const len = n - k;
      const info = text.slice(n, e).trim();
      if (c === 96 && info.includes('`')) {
        p = e + 1; // not a fence: an inline code span
        continue;
      }
      htmlComments(text, proseFrom, p, out);
      const from = e + 1;
      // Find the closing fence: the same character, at least as many, nothing else.
      let q = from;
      let close = to;
      let after = to;
      while (q < to) {
        const qe = lineEnd(text, q, to);
        let m = q;
        while (m < qe && (text.charCodeAt(m) === 32 || text.charCodeAt(m) === 9)) m++;
        let r = m;
        while (r < qe && text.charCodeAt(r) === c) r++;
        if (r - m >= len && text.slice(r, qe).trim() === '') {
          close = q;
          after = qe + 1;
          break;
        }
        q = qe + 1;
      }
      fences.push({ family: fenceFamily(info), from: Math.min(from, to), to: Math.max(Math.min(from, to), close - 1) });
      p = after;
      proseFrom = after;
      continue;
    }
    p = e + 1;
  }
  htmlComments(text, proseFrom, to, out);
  return fences;
}

/** Records `<!-- ... -->` ranges of `text[from, to)` as comments. */
export function htmlComments(text: string, from: number, to: number, out: TokenStream): void {
  if (!out.collectComments) return;
  let p = from;
  for (;;) {
    const i = findPair(text, p, to, '<!');
    if (i < 0 || i >= to) return;
    if (text.startsWith('--', i + 2)) {
      let close = findPair(text, i + 4, to, '--');
      while (close >= 0 && text.charCodeAt(close + 2) !== 62) close = findPair(text, close + 1, to, '--');
      const e = close < 0 ? to : close + 3;
      out.comment(i, e);
      p = e;
    } else {
      p = i + 2;
    }
  }
}

const NON_JS_TYPE = /\btype\s*=\s*["']?(?!(?:text\/|application\/)?(?:javascript|ecmascript|babel|jsx|typescript|module)\b)[\w/+-]+/i;

/**
 * `<script>` element contents in `text[from, to)` (external and non-JS
 * `type`s skipped), as `[from, to, ...]`. Also records HTML comments.
 */
export function scriptRanges(text: string, from: number, to: number, out: TokenStream): number[] {
  const ranges: number[] = [];
  let p = from;
  while (p < to) {
    const i = findTag(text, p, to, 'script');
    if (i < 0) {
      htmlComments(text, p, to, out);
      break;
    }
    htmlComments(text, p, i, out);
    const tagEnd = charWithin(text, 62, i, to);
    if (tagEnd < 0) break;
    const attrs = text.slice(i + 7, tagEnd);
    const closeAt = findTag(text, tagEnd + 1, to, '/script');
    const contentEnd = closeAt < 0 ? to : closeAt;
    if (!NON_JS_TYPE.test(attrs)) ranges.push(tagEnd + 1, contentEnd);
    p = closeAt < 0 ? to : contentEnd + 8;
  }
  return ranges;
}

/** Offset of `<name` (case-insensitive, followed by a space, `>` or `/`), or -1. */
function findTag(text: string, p: number, to: number, name: string): number {
  for (;;) {
    const i = charWithin(text, 60, p, to);
    if (i < 0) return -1;
    if (text.substr(i + 1, name.length).toLowerCase() === name) {
      const c = text.charCodeAt(i + 1 + name.length);
      if (c === 62 || c === 32 || c === 9 || c === 10 || c === 13 || c === 47) return i;
    }
    p = i + 1;
  }
}

/**
 * Expression ranges of a Vue template: `{{ ... }}` interpolations and the
 * values of `:prop`, `@event`, `v-*` and `#slot` attributes, outside
 * `<script>`/`<style>` blocks (given as `skip`).
 */
export function vueTemplateRanges(text: string, from: number, to: number, skip: number[]): number[] {
  const ranges: number[] = [];
  let s = 0;
  let p = from;
  while (p < to) {
    // Jump over script/style blocks.
    while (s < skip.length && skip[s + 1] <= p) s += 2;
    if (s < skip.length && skip[s] <= p) {
      p = skip[s + 1];
      continue;
    }
    const limit = s < skip.length ? Math.min(skip[s], to) : to;
    const c = text.charCodeAt(p);
    if (c === 123 && text.charCodeAt(p + 1) === 123) {
      const close = findPair(text, p + 2, limit, '}}');
      const e = close < 0 ? limit : close;
      ranges.push(p + 2, e);
      p = close < 0 ? limit : close + 2;
      continue;
    }
    if (c === 61 && (text.charCodeAt(p + 1) === 34 || text.charCodeAt(p + 1) === 39)) {
      let n = p;
      while (n > from && p - n < 64 && /[\w:@.#[\]-]/.test(text[n - 1])) n--;
      const first = text.charCodeAt(n);
      if (first === 58 || first === 64 || first === 35 || text.startsWith('v-', n)) {
        const q = text.charCodeAt(p + 1);
        let e = p + 2;
        while (e < limit && text.charCodeAt(e) !== q) e++;
        ranges.push(p + 2, e);
        p = e + 1;
        continue;
      }
    }
    p++;
  }
  return ranges;
}

/** Script/style block ranges of a Vue file (whole elements), to keep template scanning out of them. */
export function vueBlockRanges(text: string): number[] {
  const blocks: number[] = [];
  for (const tag of ['script', 'style']) {
    let p = 0;
    for (;;) {
      const i = findTag(text, p, text.length, tag);
      if (i < 0) break;
      const close = findTag(text, i + 1, text.length, '/' + tag);
      const e = close < 0 ? text.length : text.indexOf('>', close) + 1 || text.length;
      blocks.push(i, e);
      p = e;
    }
  }
  const pairs: [number, number][] = [];
  for (let i = 0; i < blocks.length; i += 2) pairs.push([blocks[i], blocks[i + 1]]);
  pairs.sort((a, b) => a[0] - b[0]);
  return pairs.flat();
}

/** Offset of the char code `c` in `text[p, to)`, or -1 (bounded, see findPair). */
function charWithin(text: string, c: number, p: number, to: number): number {
  if (to >= text.length) return text.indexOf(String.fromCharCode(c), p);
  while (p < to) {
    if (text.charCodeAt(p) === c) return p;
    p++;
  }
  return -1;
}
