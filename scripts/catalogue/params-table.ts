/**
 * Extracts method parameters from the YFM `#| ... |#` tables of a page's
 * "Method Parameters" section: name, type and the required mark (`**name***`
 * or `**name**^*^`), plus nested field lists documented in `###` sub-tables
 * that a parameter links to (`[below](#fields)`) or that are titled after it
 * ("Parameter fields"). Descriptions are never kept.
 */
import type { ParamInfo } from '../../server/src/catalogue/types';
import { fenceMask, headings, type Heading } from './markdown';

/** One YFM table: its rows, each a list of raw cell texts. */
export interface YfmTable {
  line: number;
  rows: string[][];
}

/** Splits a row body into cells on `|` outside backticks, fences and nested tables. */
export function splitCells(body: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let tick = false;
  let nested = 0;
  let fence = false;
  const lines = body.split('\n');
  lines.forEach((line, li) => {
    const t = line.trim();
    if (/^(```|~~~)/.test(t)) fence = !fence;
    if (t === '#|') nested++;
    if (t === '|#') nested = Math.max(0, nested - 1);
    if (fence || nested > 0 || t === '|#') {
      cur += line + (li < lines.length - 1 ? '\n' : '');
      return;
    }
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (ch === '`') tick = !tick;
      if (ch === '|' && !tick && line[i + 1] !== '|' && line[i - 1] !== '|') {
        cells.push(cur.trim());
        cur = '';
        continue;
      }
      cur += ch;
    }
    // A backtick never spans lines in these tables; reset to stay robust.
    tick = false;
    if (li < lines.length - 1) cur += '\n';
  });
  cells.push(cur.trim());
  return cells;
}

/** Parses the YFM tables whose opening `#|` lies in `[from, to)` (top level only). */
export function parseTables(lines: string[], from = 0, to = lines.length): YfmTable[] {
  const mask = fenceMask(lines);
  const tables: YfmTable[] = [];
  for (let i = from; i < to; i++) {
    if (mask[i] || lines[i].trim() !== '#|') continue;
    const rows: string[][] = [];
    let depth = 1;
    let row: string[] | undefined;
    const flush = () => {
      if (!row) return;
      const body = row.join('\n').trim().replace(/^\|\|/, '').replace(/\|\|$/, '');
      rows.push(splitCells(body));
      row = undefined;
    };
    let j = i + 1;
    for (; j < lines.length && depth > 0; j++) {
      const raw = lines[j];
      const t = raw.trim();
      if (t === '#|') depth++;
      if (t === '|#') {
        depth--;
        if (depth === 0) break;
      }
      // A row left unclosed (a documentation slip) ends where the next row starts.
      if (depth === 1 && row && row.length > 0 && t.startsWith('||')) flush();
      if (depth === 1 && !row && t.startsWith('||')) row = [];
      if (!row) continue;
      row.push(raw.replace(/^\s+/, ''));
      const closes = depth === 1 && t.endsWith('||') && !(row.length === 1 && t === '||');
      if (closes) flush();
    }
    flush();
    tables.push({ line: i, rows });
    i = j;
  }
  return tables;
}

const PARAM_NAME = /^[A-Za-z_$][\w$.\-[\]]*$/;

/** Reads name, required mark and type from a first cell. */
export function paramFromCell(cell: string, typeCell?: string): ParamInfo | undefined {
  // Required marks: **name*** , **name**\* , **name**^*^ and, inside the bold, **name^*^** / **name\***.
  const m = /\*\*\s*([^*\n]+?(?:\^\*\^|\\\*)?)\s*\*\*\s*(\\\*|\*|\^\*\^)?/.exec(cell);
  if (!m) return undefined;
  const innerMark = /(\^\*\^|\\\*)$/.test(m[1]);
  const name = m[1]
    .replace(/(\^\*\^|\\\*)$/, '')
    .replace(/`/g, '')
    .trim();
  if (!PARAM_NAME.test(name)) return undefined;
  const rest = cell.slice(m.index + m[0].length);
  const type = /`([^`]+)`/.exec(rest)?.[1] ?? (typeCell ? /`([^`]+)`/.exec(typeCell)?.[1] : undefined);
  return { name, type: (type ?? 'unknown').trim(), required: Boolean(m[2]) || innerMark };
}

function anchorsIn(text: string): string[] {
  return [...text.matchAll(/\]\(#([^)\s]+)\)/g)].map((m) => m[1]);
}

const PARAM_SECTION = /param/i;
const NOT_PARAM_SECTION = /response|returned|result|event|handler|subscri|command|placement|options when|widget/i;

/** Line range of the "Method Parameters" section, if any. */
export function paramSection(lines: string[], hs: Heading[]): { from: number; to: number } | undefined {
  const idx = hs.findIndex((h) => h.level === 2 && PARAM_SECTION.test(h.text) && !NOT_PARAM_SECTION.test(h.text));
  if (idx < 0) return undefined;
  const next = hs.slice(idx + 1).find((h) => h.level <= 2);
  return { from: hs[idx].line + 1, to: next ? next.line : lines.length };
}

/** Rows of a table turned into parameters, with their raw description cells. */
function tableParams(table: YfmTable): { param: ParamInfo; rest: string }[] {
  if (table.rows.length === 0) return [];
  const header = table.rows[0];
  const typeCol = header.findIndex((c, i) => i > 0 && /\btype\b/i.test(c));
  const out: { param: ParamInfo; rest: string }[] = [];
  for (const row of table.rows.slice(1)) {
    const p = paramFromCell(row[0] ?? '', typeCol > 0 ? row[typeCol] : undefined);
    if (p) out.push({ param: p, rest: row.slice(1).join(' | ') });
  }
  return out;
}

/**
 * Parameters of a method page, or undefined when the page has no
 * parameter section with a table (the caller may fall back to other data).
 */
export function extractParams(lines: string[]): ParamInfo[] | undefined {
  const hs = headings(lines);
  const section = paramSection(lines, hs);
  if (!section) return undefined;
  const sub = hs.filter((h) => h.line >= section.from && h.line < section.to && h.level >= 3);
  const firstSub = sub[0]?.line ?? section.to;
  const top = parseTables(lines, section.from, firstSub)[0] ?? parseTables(lines, section.from, section.to)[0];
  if (!top) return undefined;
  const byAnchor = new Map<string, Heading>();
  for (const h of hs) if (h.anchor && h.level >= 3) byAnchor.set(h.anchor, h);

  const tableUnder = (h: Heading): YfmTable | undefined => {
    const end = hs.find((x) => x.line > h.line && x.level <= h.level)?.line ?? lines.length;
    return parseTables(lines, h.line + 1, end)[0];
  };
  const seen = new Set<number>();
  const build = (table: YfmTable, depth: number, scope: Heading[]): ParamInfo[] => {
    seen.add(table.line);
    return tableParams(table).map(({ param, rest }) => {
      if (depth >= 3) return param;
      let nested: Heading | undefined;
      for (const a of anchorsIn(rest)) {
        const h = byAnchor.get(a);
        if (h) {
          nested = h;
          break;
        }
      }
      if (!nested && depth === 0 && /object|array|\[\]/i.test(param.type)) {
        const src = `(^|[^\\w])${param.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\w]|$)`;
        const exact = new RegExp(src);
        const loose = new RegExp(src, 'i');
        nested = scope.find((h) => exact.test(h.text)) ?? scope.find((h) => loose.test(h.text));
      }
      const t = nested ? tableUnder(nested) : undefined;
      if (t && !seen.has(t.line)) {
        const fields = build(t, depth + 1, scope);
        if (fields.length) return { ...param, fields };
      }
      return param;
    });
  };
  return build(top, 0, sub);
}
