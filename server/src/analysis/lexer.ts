/**
 * Turns a document into token regions: each region is a run of tokens of one
 * language (a Markdown fence, a `<script>` element, the PHP code of a
 * template, ...). The recogniser walks each region with fresh state, so an
 * unbalanced bracket in one block cannot leak into the next.
 */
import type { LanguageFamily } from './types';
import { TokenStream } from './tokens';
import { Dialect, lexCFamily } from './lex-c-family';
import { lexPython } from './lex-python';
import { lexPhp } from './lex-php';
import { lexShell } from './lex-shell';
import { lexHttp } from './lex-http';
import { findPair } from './lex-util';
import { markdownFences, scriptRanges, vueBlockRanges, vueTemplateRanges } from './embedded';
import { CharCode } from './char-code';

/** The language a region's tokens come from. */
export type RegionFamily = Exclude<LanguageFamily, 'markdown'>;

/** A run of tokens `[tokFrom, tokTo)` lexed from `text[from, to)`. */
export interface Region {
  family: RegionFamily;
  from: number;
  to: number;
  tokFrom: number;
  tokTo: number;
}

/** Lexes `text` as `family` into `out` and returns its regions (in text order except PHP's scripts). */
export function lexDocument(text: string, family: LanguageFamily, out: TokenStream): Region[] {
  const regions: Region[] = [];
  const len = text.length;
  switch (family) {
    case 'markdown':
      for (const f of markdownFences(text, out)) {
        if (f.family === 'html' || f.family === 'vue') markup(text, f.from, f.to, f.family === 'vue', out, regions);
        else if (f.family === 'php') lexRegion(text, 'php', f.from, f.to, out, regions, findPair(text, f.from, f.to, '<?') < 0);
        else if (f.family && f.family !== 'markdown') lexRegion(text, f.family, f.from, f.to, out, regions);
      }
      break;
    case 'js':
      if (startsWithMarkup(text)) markup(text, 0, len, true, out, regions);
      else lexRegion(text, 'js', 0, len, out, regions);
      break;
    case 'php':
      lexRegion(text, 'php', 0, len, out, regions);
      for (const [s, e] of pairs(scriptRanges(text, 0, len, out))) lexRegion(text, 'js', s, e, out, regions);
      break;
    default:
      lexRegion(text, family, 0, len, out, regions);
  }
  return regions;
}

/** Lexes one region of a single language. */
export function lexRegion(text: string, family: RegionFamily, from: number, to: number, out: TokenStream, regions: Region[], bare = false): void {
  const tokFrom = out.length;
  switch (family) {
    case 'js':
      lexCFamily(text, from, to, out, Dialect.JS);
      break;
    case 'java':
      lexCFamily(text, from, to, out, Dialect.Java);
      break;
    case 'csharp':
      lexCFamily(text, from, to, out, Dialect.CSharp);
      break;
    case 'go':
      lexCFamily(text, from, to, out, Dialect.Go);
      break;
    case 'python':
      lexPython(text, from, to, out);
      break;
    case 'php':
      lexPhp(text, from, to, out, bare);
      break;
    case 'http':
      lexHttp(text, from, to, out);
      break;
    case 'shell':
    case 'plain':
      lexShell(text, from, to, out);
      break;
  }
  regions.push({ family, from, to, tokFrom, tokTo: out.length });
}

/** HTML or a Vue component: script elements, and for Vue the template expressions. */
function markup(text: string, from: number, to: number, vue: boolean, out: TokenStream, regions: Region[]): void {
  const scripts = scriptRanges(text, from, to, out);
  for (const [s, e] of pairs(scripts)) lexRegion(text, 'js', s, e, out, regions);
  if (!vue) return;
  const blocks = from === 0 && to === text.length ? vueBlockRanges(text) : scripts;
  for (const [s, e] of pairs(vueTemplateRanges(text, from, to, blocks))) lexRegion(text, 'js', s, e, out, regions);
}

/** A JS-family document that is really markup (a Vue single-file component or HTML). */
function startsWithMarkup(text: string): boolean {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) <= CharCode.Space) i++;
  if (text.charCodeAt(i) === 0xfeff) i++;
  return text.charCodeAt(i) === CharCode.LessThan && /^<(template|script|style|!--|!doctype|html|i18n|docs)\b/i.test(text.slice(i, i + 12));
}

function* pairs(flat: number[]): Generator<[number, number]> {
  for (let i = 0; i + 1 < flat.length; i += 2) yield [flat[i], flat[i + 1]];
}
