/**
 * Classifies one documentation page: a REST method, an event, an index
 * (overview) page, a widget placement, a JS interface command/event, a
 * tutorial or guide, or none of those. Method and event pages get their
 * name, REST version, Scope line and who-can-execute block.
 */
import { fenceMask, headerZone, headings, plainText, squash, stripLinks } from './markdown';
import { decideName, methodTokens, pageStem, stemFit } from './method-name';
import { parseScopeLine, scopeLineText, type ScopeLine } from './scope-line';
import { findWho, type WhoBlock } from './who';

/** What a page is. `unclassified` pages are reported, never guessed. */
export type PageKind = 'method' | 'event' | 'index' | 'placement' | 'js' | 'guide' | 'none' | 'unclassified';

/** One parsed page. */
export interface Page {
  /** Path under `en/` without `.md`, e.g. `api-reference/crm/leads/crm-lead-add`. */
  path: string;
  kind: PageKind;
  heading: string;
  lines: string[];
  name?: string;
  /** How the name was found when the heading did not give it. */
  nameNote?: string;
  /** 3 when the page says it belongs to REST 3.0. */
  version: 2 | 3;
  scope?: ScopeLine;
  who?: WhoBlock;
  /** Why a page could not be classified. */
  reason?: string;
  /** Events documented as sections of one page (`## ONIMV2MESSAGEADD {#onimv2messageadd}`). */
  sections?: { name: string; anchor?: string }[];
}

/** Context shared by all pages. */
export interface PageContext {
  /** Russian edition's page → method map (paths with a leading slash). */
  ruPageToMethod: Map<string, string>;
  /** Directories whose index says "the methods in this section belong to REST 3.0". */
  v3Sections: Set<string>;
}

const V3_NOTE = /(this|the) methods? (belongs?|in this section belong) to \[?REST 3\.0/i;
const V3_SECTION_NOTE = /methods in this section belong to \[?REST 3\.0/i;
const EVENT_NAME = /(?<![\w.])(on[A-Z][A-Za-z0-9]*|On[A-Z][A-Za-z0-9]*|ON[A-Z][A-Z0-9_]{2,})(?![\w.])/;
const PLACEMENT_CODE = /\b[A-Z][A-Z0-9]*(?:_(?:[A-Z0-9]+|\*))+/;

/** True for pages in an events directory (`crm/deals/events/`, `tasks/events-tasks/`). */
export function inEventsDir(path: string): boolean {
  return /(^|\/)events[^/]*\//.test(path);
}

/** True for overview pages: `index.md` or a heading "...: Overview of ...". */
export function isIndexPage(path: string, heading: string): boolean {
  return /(^|\/)index$/.test(path) || /overview of|methods overview/i.test(heading);
}

/** True when an index page declares its whole section REST 3.0. */
export function declaresV3Section(text: string): boolean {
  return V3_SECTION_NOTE.test(text);
}

function dirOf(path: string): string {
  return path.split('/').slice(0, -1).join('/');
}

function inV3Section(path: string, sections: Set<string>): boolean {
  for (let d = dirOf(path); d; d = dirOf(d)) if (sections.has(d)) return true;
  return false;
}

/** Parses and classifies a page. `path` is relative to `en/`, without `.md`. */
export function classifyPage(path: string, text: string, ctx: PageContext): Page {
  const lines = text.split('\n');
  const mask = fenceMask(lines);
  const hs = headings(lines, mask);
  const h1 = hs.find((h) => h.level === 1);
  const heading = h1 ? stripLinks(h1.text).trim() : '';
  const zoneEnd = headerZone(lines, mask);
  const page: Page = { path, kind: 'none', heading, lines, version: 2 };

  if (path.startsWith('tutorials/')) return { ...page, kind: 'guide' };
  // Shared snippets (`_includes/`, `crm/_include/`) are pasted into other pages.
  if (/(^|\/)_[^/]*\//.test(path)) return page;
  // Overview pages, including family pages titled with a wildcard (`user.option.*`).
  // A heading that names a method fitting the file is a method page, whatever else it says.
  const namesMethod = methodTokens(heading).some((t) => stemFit(t, pageStem(path)));
  const familyPage = /\b[a-z]\w*(?:\.\w+)*\.\*(?!\w)/.test(heading);
  if (/(^|\/)index$/.test(path) || ((isIndexPage(path, heading) || familyPage) && !namesMethod)) return { ...page, kind: 'index' };

  let scopeText: string | undefined;
  for (let i = 0; i < zoneEnd && scopeText === undefined; i++) if (!mask[i]) scopeText = scopeLineText(lines[i]);
  const who = findWho(lines, 0, zoneEnd);
  if (scopeText === undefined && !who) {
    // Event pages of some sections carry no block of their own: their overview page does.
    if (inEventsDir(path)) {
      const event = eventPageWithoutBlock(path, heading, lines, mask, hs);
      if (event) return { ...page, ...event };
    }
    const ru = ctx.ruPageToMethod.get(`/${path}`);
    return ru ? { ...page, kind: 'unclassified', reason: `no Scope or who-can block, but the Russian edition lists it as ${ru}` } : page;
  }
  const scope = scopeText !== undefined ? parseScopeLine(scopeText) : undefined;
  const base: Page = { ...page, scope, who };
  const subject = who?.subject ?? '';

  // JS interface of widgets (BX24 commands and call-card events) before REST events.
  if (/command/.test(subject) || heading.includes('::') || path.startsWith('api-reference/widgets/ui-interaction/')) {
    return { ...base, kind: 'js' };
  }
  if (/subscribe|receive event/.test(subject) || (/^event\b/i.test(heading) && EVENT_NAME.test(heading))) {
    const decision = decideEventName(path, heading, lines, mask);
    return decision
      ? { ...base, kind: 'event', name: decision.name, nameNote: decision.note }
      : { ...base, kind: 'unclassified', reason: 'event page without an event name' };
  }
  if (/widget/.test(subject)) return { ...base, kind: 'placement' };

  const proseLines: string[] = [];
  const codeLines: string[] = [];
  lines.forEach((l, i) => {
    if (i === h1?.line || /^\s*>\s*(scopes?|who can)/i.test(l)) return;
    (mask[i] ? codeLines : proseLines).push(l);
  });
  const prose = stripLinks(proseLines.join('\n'));
  const singleWords = [...prose.matchAll(/\bThe `([a-z][A-Za-z]*)` method\b|\bThe method `([a-z][A-Za-z]*)`/g)].map((m) => m[1] ?? m[2]);
  const decision = decideName({
    stem: pageStem(path),
    headingTokens: methodTokens(heading),
    proseTokens: methodTokens(prose),
    codeTokens: methodTokens(codeLines.join('\n')),
    singleWords,
    ruName: ctx.ruPageToMethod.get(`/${path}`),
  });
  if (!decision) {
    const placementPage = path.startsWith('api-reference/widgets/') || /\/embedding\//.test(path) || /integration point|placement|widget/i.test(heading);
    if (PLACEMENT_CODE.test(heading) && placementPage) return { ...base, kind: 'placement' };
    if (/^how to\b|quick start/i.test(heading) || /\/examples?(\/|$)/.test(path)) return { ...base, kind: 'guide' };
    return { ...base, kind: 'unclassified', reason: 'has a Scope or who-can block but no method name fits the page' };
  }
  const v3 = zoneHas(lines, mask, zoneEnd + 30, V3_NOTE) || /-rest-v3$/.test(path) || inV3Section(path, ctx.v3Sections);
  return { ...base, kind: 'method', name: decision.name, nameNote: decision.note, version: v3 ? 3 : 2 };
}

/**
 * An events-directory page without a Scope block: one event ("Event
 * onCrmInvoiceAdd", named after the file) or several, one per `##` section
 * headed by the event name alone ("Event Formats im.v2").
 */
function eventPageWithoutBlock(
  path: string,
  heading: string,
  lines: string[],
  mask: boolean[],
  hs: ReturnType<typeof headings>,
): Pick<Page, 'kind' | 'name' | 'nameNote' | 'sections'> | undefined {
  if (/^event\b/i.test(heading) && EVENT_NAME.test(heading)) {
    const decision = decideEventName(path, heading, lines, mask);
    if (decision) return { kind: 'event', name: decision.name, nameNote: decision.note };
  }
  const sections = hs
    .filter((h) => h.level === 2 && /^(on[A-Z]\w*|ON[A-Z][A-Z0-9_]{2,})$/.test(h.text.trim()))
    .map((h) => ({ name: h.text.trim(), anchor: h.anchor }));
  return sections.length ? { kind: 'event', sections } : undefined;
}

const EVENT_TOKENS = /(?<![\w.])(on[A-Z][A-Za-z0-9]*|On[A-Z][A-Za-z0-9]*|ON[A-Z][A-Z0-9_]{2,}|[A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)+)(?![\w.])/g;

/** Event names in a text: onCrmLeadAdd, ONCRMLEADADD or CATALOG.MEASURE.ON.ADD. */
export function eventNames(text: string): string[] {
  return [...text.matchAll(EVENT_TOKENS)].map((m) => m[1]);
}

/**
 * The event a page documents. Headings can carry a wrong or extra name
 * ("Event onLeadDelete" on on-crm-lead-delete.md, "Event onUpdating
 * Resource onBookingResourceUpdate"), so the name matching the file stem
 * wins, from the heading first, then the text, then the code samples.
 */
export function decideEventName(path: string, heading: string, lines: string[], mask: boolean[]): { name: string; note?: string } | undefined {
  const stem = pageStem(path);
  const prose = plainText(
    lines
      .filter((_, i) => !mask[i])
      .slice(1)
      .join('\n'),
  );
  const code = lines.filter((_, i) => mask[i]).join('\n');
  const fromHeading = eventNames(heading);
  const sources: [string[], string | undefined][] = [
    [fromHeading, undefined],
    [eventNames(prose), 'name taken from the page text'],
    [eventNames(code), 'name taken from the code samples'],
  ];
  for (const level of ['exact', 'near'] as const) {
    for (const [names, how] of sources) {
      const hit = names.find((n) => stemFit(n, stem) === level && squash(n).length >= squash(stem).length - 2);
      if (hit) return { name: hit, note: how && `heading names ${fromHeading.join(', ') || 'no event'}; ${how}` };
    }
  }
  const last = fromHeading.pop();
  return last ? { name: last } : undefined;
}

function zoneHas(lines: string[], mask: boolean[], end: number, re: RegExp): boolean {
  for (let i = 0; i < Math.min(end, lines.length); i++) if (!mask[i] && re.test(lines[i])) return true;
  return false;
}
