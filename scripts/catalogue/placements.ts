/**
 * Placement entries from the widget pages (`api-reference/widgets/**`).
 * Each placement page names its codes in a "Placement Code" table (or, for an
 * archived page without one, in its heading) and the scopes needed in its
 * header: `widgets/index.md` ("What Permissions Are Required") says the set in
 * a page's header is what the placement needs, so several codes there are
 * all needed (`placement, crm` → placement + crm).
 *
 * Code templates: `CRM_DYNAMIC_XXX_DETAIL_TAB` ("replace XXX with the numeric
 * identifier") becomes `CRM_DYNAMIC_<id>_DETAIL_TAB`. The family forms the
 * headings use (`CRM_XXX_DETAIL_TAB`) are not entries when the page's table
 * lists the concrete codes: an entry would make any `CRM_<word>_DETAIL_TAB`
 * look documented and hide typos.
 */
import type { MethodInfo, PlacementInfo, ScopeRequirement } from '../../server/src/catalogue/types';
import { fenceMask, headerZone, headings, stripLinks } from './markdown';
import { parseScopeLine, scopeLineText } from './scope-line';
import { pageUrl } from './scopes-table';
import type { Report } from './build';

const WIDGETS = 'api-reference/widgets/';
const CODE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^[A-Z]{3,}$/;
const HEADING_CODE = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g;
const DEPRECATED = /^\s*\*\*DEPRECATED\*\*|\{%\s*note\s+\w+\s+"deprecated/i;

/** A documented code as an entry code: `XXX` after `DYNAMIC_` is the numeric type id. */
export function templateCode(code: string): { code: string; template: boolean } {
  const t = code.replace(/(^|_)DYNAMIC_XXX(?=_|$)/, '$1DYNAMIC_<id>');
  return { code: t, template: t !== code || /(^|_)XXX(_|$)|<[^>]+>/.test(code) };
}

const DANGLING = new Set(['a', 'an', 'the', 'for', 'of', 'to', 'in', 'with', 'and', 'by', 'from', 'on', 'at', 'above']);

/** The page heading without its placement codes ("Context Menu Item in the CRM_XXX_LIST_MENU, ..." → "Context Menu Item"). */
export function placementTitle(heading: string, codes: string[]): string {
  let t = heading;
  for (const c of [...codes].sort((a, b) => b.length - a.length)) t = t.split(c).join(' ');
  t = t
    .split(':')[0]
    .replace(/\s+,(?=\s)/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,]+|[\s,:—–-]+$/g, '');
  const words = t.split(' ');
  while (words.length > 1 && DANGLING.has(words[words.length - 1].toLowerCase())) words.pop();
  return words.join(' ') || heading;
}

/** Codes in the first column of the page's "Placement Code" tables. */
export function tableCodes(lines: string[]): string[] {
  const out: string[] = [];
  let inTable = false;
  for (const line of lines) {
    if (/^\s*\|\|\s*\*\*placement code\*\*/i.test(line)) {
      inTable = true;
      continue;
    }
    if (!inTable) continue;
    if (/^\s*\|#/.test(line)) {
      inTable = false;
      continue;
    }
    const first = /^\s*\|\|\s*([^|]*)\|/.exec(line)?.[1] ?? '';
    for (const m of stripLinks(first).matchAll(/`([^`]+)`|\b([A-Z][A-Z0-9_]{2,})\b/g)) {
      const c = (m[1] ?? m[2]).trim();
      if (CODE.test(c) && !out.includes(c)) out.push(c);
    }
  }
  return out;
}

function requirementOf(codes: string[]): ScopeRequirement {
  if (codes.length === 0) return { kind: 'unknown', reason: 'the placement page has no Scope line' };
  if (codes.length === 1) return { kind: 'scope', scope: codes[0] };
  return { kind: 'allOf', scopes: [...codes] };
}

/** What one widget page contributes. */
export function placementsOfPage(path: string, text: string): PlacementInfo[] {
  if (!path.startsWith(WIDGETS) || path.startsWith(`${WIDGETS}ui-interaction/`) || /(^|\/)_/.test(path)) return [];
  const lines = text.split('\n');
  const mask = fenceMask(lines);
  const h1 = headings(lines, mask).find((h) => h.level === 1);
  const heading = h1 ? stripLinks(h1.text).replace(/`/g, '').trim() : '';
  const zone = headerZone(lines, mask);
  let scopeText: string | undefined;
  for (let i = 0; i < zone && scopeText === undefined; i++) if (!mask[i]) scopeText = scopeLineText(lines[i]);
  if (scopeText === undefined) return [];
  const headingCodes = [...heading.matchAll(HEADING_CODE)].map((m) => m[0]);
  const listed = tableCodes(lines.filter((_, i) => !mask[i]));
  const codes = listed.length ? listed : headingCodes;
  if (!codes.length) return [];
  const requirement = requirementOf(parseScopeLine(scopeText).codes);
  const deprecated = lines.slice(0, zone).some((l, i) => !mask[i] && DEPRECATED.test(l));
  const title = placementTitle(heading, [...headingCodes, ...codes]);
  return codes.map((c) => {
    const { code, template } = templateCode(c);
    const p: PlacementInfo = { code, requirement, url: pageUrl(path), title };
    if (template) p.template = true;
    if (deprecated) p.deprecated = true;
    return p;
  });
}

/**
 * A placement a method creates itself (no placement.bind): "The handler opens
 * in the `USERFIELD_TYPE` placement ... created by `userfieldtype.add`". It
 * needs what the method needs.
 */
export function createdPlacements(path: string, text: string, methods: Map<string, MethodInfo>): { info?: PlacementInfo; problem?: string }[] {
  if (!path.startsWith(WIDGETS)) return [];
  const out: { info?: PlacementInfo; problem?: string }[] = [];
  const lines = text.split('\n');
  const mask = fenceMask(lines);
  const heading = stripLinks(headings(lines, mask).find((h) => h.level === 1)?.text ?? '').trim();
  lines.forEach((line, i) => {
    if (mask[i]) return;
    const m = /`([A-Z][A-Z0-9_]+)` placement\b.*?\bcreated by `([a-z][\w.]*)`/.exec(stripLinks(line));
    if (!m) return;
    const method = methods.get(m[2].toLowerCase());
    if (!method) {
      out.push({ problem: `${path}: placement ${m[1]} is created by ${m[2]}, which the catalogue does not know` });
      return;
    }
    out.push({ info: { code: m[1], requirement: method.requirement, url: pageUrl(path), title: placementTitle(heading, [m[1]]) } });
  });
  return out;
}

/**
 * Every placement of the widget pages, sorted by code; the placement
 * catalogue page (`widgets/placements.md`) is checked against the result.
 */
export function buildPlacements(texts: Map<string, string>, methods: MethodInfo[], report: Report): PlacementInfo[] {
  const byCode = new Map<string, PlacementInfo>();
  const add = (p: PlacementInfo, from: string) => {
    const prev = byCode.get(p.code);
    if (prev) {
      if (prev.url !== p.url) report.duplicates.push(`placement ${p.code}: ${prev.url} and ${from}`);
      return;
    }
    byCode.set(p.code, p);
  };
  const methodMap = new Map(methods.filter((m) => m.version === 2).map((m) => [m.name.toLowerCase(), m]));
  // Pages with a "Placement Code" table first: a page that only names codes in its
  // heading (an archived placement, a page of extra features) adds what the tables lack.
  const fromTables: [string, PlacementInfo[]][] = [];
  const fromHeadings: [string, PlacementInfo[]][] = [];
  for (const [path, text] of texts) {
    const found = placementsOfPage(path, text);
    if (found.length) (/^\s*\|\|\s*\*\*placement code\*\*/im.test(text) ? fromTables : fromHeadings).push([path, found]);
  }
  for (const [path, found] of [...fromTables, ...fromHeadings]) for (const p of found) add(p, path);
  // A family form (`CRM_XXX_DETAIL_ACTIVITY`) is not an entry when concrete codes of the family are documented.
  for (const p of [...byCode.values()]) {
    if (!/(^|_)XXX(_|$)/.test(p.code)) continue;
    const family = new RegExp(`^${p.code.replace('XXX', '[A-Z0-9_]+')}$`);
    if ([...byCode.values()].some((q) => !q.template && family.test(q.code))) byCode.delete(p.code);
  }
  for (const [path, text] of texts) {
    for (const r of createdPlacements(path, text, methodMap)) {
      if (r.info) add(r.info, path);
      if (r.problem) report.problems.push(r.problem);
    }
  }
  for (const p of byCode.values()) if (p.requirement.kind === 'unknown') report.problems.push(`placement ${p.code}: no Scope line on ${p.url}`);
  const list = [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  checkAgainstCataloguePage(texts.get(`${WIDGETS}placements`), list, report);
  return list;
}

/** Codes the placement catalogue page lists that no placement page gives (family forms resolve through their page). */
function checkAgainstCataloguePage(text: string | undefined, list: PlacementInfo[], report: Report): void {
  if (!text) return;
  const known = new Set(list.map((p) => p.code));
  const section = text.split(/^##\s+all placements/im)[1]?.split(/^##\s/m)[0] ?? '';
  for (const m of section.matchAll(/^\|\|\s*\[([A-Z][A-Z0-9_]+)\]/gm)) {
    const code = m[1];
    if (known.has(code)) continue;
    if (/(^|_)XXX(_|$)/.test(code)) {
      const re = new RegExp(`^${code.replace(/XXX/, '[A-Z0-9_]+')}$`);
      if (list.some((p) => re.test(p.code))) continue;
    }
    report.problems.push(`placement ${code} is listed in widgets/placements.md but no placement page gives it`);
  }
}
