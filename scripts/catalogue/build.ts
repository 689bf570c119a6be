/**
 * Assembles the catalogue from the documentation: classifies every page,
 * builds method and event entries, merges the Russian spec as second
 * evidence, applies the reviewed overrides and collects a report of
 * everything it could not decide.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogueData, EditionFacts, MethodInfo, RussianCatalogueData, ScopeInfo } from '../../server/src/catalogue/types';
import { addRussianToEvents, addRussianToMethods, addRussianToPlacements, addRussianToScopes, emptyRussian, type EditionNote } from './editions';
import { loadRussian } from './russian';
import { findDeprecation, isAppOnly, needsAdminConfirmation } from './flags';
import { firstBlock, resolveLink, sharedBlocks, type SharedBlock } from './index-blocks';
import { applyMethodOverrides, type Overrides } from './overrides';
import { classifyPage, declaresV3Section, inEventsDir, isIndexPage, type Page, type PageKind } from './page';
import { methodTokens } from './method-name';
import { extractParams } from './params-table';
import { loadRuSpec } from './ru-spec';
import { requirementOf } from './scope-line';
import { pageUrl, parseScopesTable } from './scopes-table';
import { docsLayout, markdownFiles, readSources } from './sources';
import { classifyWho, isMethodSubject } from './who';
import { compareMethods, mergeScopes, requirementCodes } from './assemble';
import { buildEvents } from './events';
import { buildPlacements } from './placements';

/** What the generator could not decide or found suspicious. */
export interface Report {
  pages: Partial<Record<PageKind, number>>;
  unclassified: { path: string; reason: string }[];
  /** Ambiguities resolved to `unknown`, or facts worth a look. */
  problems: string[];
  /** Pages in events directories by kind, and those that document no event and are not otherwise classified. */
  eventPages: { kinds: Partial<Record<PageKind, number>>; notEvents: { path: string; reason: string }[] };
  /** Pages whose name was not taken from the heading, with how. */
  nameNotes: { path: string; name: string; note: string }[];
  /** English page vs Russian spec disagreements left after overrides. */
  disagreements: string[];
  duplicates: string[];
  staleOverrides: string[];
  /** Methods and events whose English and Russian pages disagree on scopes or deprecation. */
  editions: EditionNote[];
}

/** The generated data and its report. */
export interface GenerateResult {
  data: CatalogueData;
  /** catalogue.ru.json (empty maps without the Russian edition). */
  russian: RussianCatalogueData;
  report: Report;
}

const SCOPES_PAGE = 'api-reference/scopes/permissions';
const CONFIRM_PAGE = 'api-reference/scopes/confirmation';

const DANGLING = new Set(['a', 'an', 'the', 'for', 'of', 'to', 'in', 'with', 'and', 'by', 'from', 'on', 'at', 'via']);

/**
 * Short title: the heading without the method or event names it carries
 * (including a misspelt one) and without a "v 3.0" marker.
 */
export function shortTitle(heading: string, names: string[]): string {
  let t = heading;
  for (const n of [...names].sort((a, b) => b.length - a.length)) t = t.split(n).join(' ');
  t = t
    .replace(/`/g, '')
    .replace(/\bv\s?3(?:\.0)?\b/gi, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^event\s+/i, '')
    .replace(/[\s:—–-]+$/, '')
    .trim();
  // "Get Fields for catalog.extra.getFields" → "Get Fields", not a dangling "for".
  const words = t.split(' ');
  while (words.length > 1 && DANGLING.has(words[words.length - 1].toLowerCase())) words.pop();
  return words.join(' ').replace(/[\s:,—–-]+$/, '') || heading;
}

/** Runs the generator over the docs at `root`. */
export function generate(root: string, overrides: Overrides): GenerateResult {
  const layout = docsLayout(root);
  const sources = readSources(root);
  const ru = loadRuSpec(layout.ruSpec);
  const report: Report = {
    pages: {},
    unclassified: [],
    eventPages: { kinds: {}, notEvents: [] },
    problems: [],
    nameNotes: [],
    disagreements: [],
    duplicates: [],
    staleOverrides: [],
    editions: [],
  };
  const files = markdownFiles(layout.en);
  const texts = new Map<string, string>();
  for (const f of files) texts.set(f.replace(/\.md$/, ''), readFileSync(join(layout.en, f), 'utf8'));

  // Pass 1: index pages (shared Scope blocks, REST 3.0 sections).
  const v3Sections = new Set<string>();
  const shared = new Map<string, SharedBlock>();
  /** The first Scope block of each directory's index page (for event pages no table links). */
  const dirBlocks = new Map<string, SharedBlock>();
  for (const [path, text] of texts) {
    const heading = /^#\s+(.*)$/m.exec(text)?.[1] ?? '';
    if (!isIndexPage(path, heading)) continue;
    if (declaresV3Section(text)) v3Sections.add(path.split('/').slice(0, -1).join('/'));
    for (const [target, block] of sharedBlocks(path, text)) if (!shared.has(target)) shared.set(target, block);
    const first = firstBlock(path, text);
    if (/(^|\/)index$/.test(path) && first) dirBlocks.set(path.split('/').slice(0, -1).join('/'), first);
  }

  // Pass 2: classify every page.
  const pageOverrides = new Map(overrides.pages.map((p) => [p.path, p]));
  const usedPageOverrides = new Set<string>();
  const pages: Page[] = [];
  for (const [path, text] of texts) {
    let page = classifyPage(path, text, { ruPageToMethod: ru.pageToMethod, v3Sections });
    const po = pageOverrides.get(path);
    if (po) {
      usedPageOverrides.add(path);
      page = { ...page, kind: po.kind, name: undefined };
    }
    report.pages[page.kind] = (report.pages[page.kind] ?? 0) + 1;
    if (page.kind === 'unclassified') report.unclassified.push({ path, reason: page.reason ?? '' });
    if (inEventsDir(path)) {
      report.eventPages.kinds[page.kind] = (report.eventPages.kinds[page.kind] ?? 0) + 1;
      if (page.kind === 'none' || page.kind === 'unclassified') {
        report.eventPages.notEvents.push({ path, reason: page.reason ?? 'no Scope block, no event name in the heading, no event sections' });
      }
    }
    pages.push(page);
  }
  const nameOfPage = new Map<string, string>();
  for (const p of pages) if (p.kind === 'method' && p.name) nameOfPage.set(p.path, p.name);

  const confirmList = new Set<string>();
  // Only the page's list section counts; its prose links other pages too.
  const confirmText = texts.get(CONFIRM_PAGE)?.split(/^##\s+list of methods/im)[1];
  if (confirmText) {
    for (const m of confirmText.matchAll(/\]\(([^)\s]+\.md)\)/g)) {
      const target = resolveLink(CONFIRM_PAGE, m[1]);
      const name = target ? nameOfPage.get(target) : undefined;
      if (name) confirmList.add(name.toLowerCase());
    }
  }

  // Methods, with what their English page says (before overrides) for the edition comparison.
  const methods: MethodInfo[] = [];
  const english = new Map<MethodInfo, EditionFacts>();
  for (const page of pages) {
    if (page.kind !== 'method' || !page.name) continue;
    const m = buildMethod(page, shared.get(page.path), { overrides, ru, nameOfPage, confirmList, report });
    methods.push(m);
    english.set(m, findDeprecation(page.lines) ? { requirement: m.requirement, deprecated: true } : { requirement: m.requirement });
  }
  for (const extra of overrides.extraMethods) {
    const { reason, ...m } = extra;
    if (reason) methods.push({ ...m, params: m.params ?? [] });
  }
  const used = applyMethodOverrides(methods, overrides.methods);
  for (const o of overrides.methods) if (!used.has(o)) report.staleOverrides.push(`methods: ${o.match}`);
  for (const p of overrides.pages) if (!usedPageOverrides.has(p.path)) report.staleOverrides.push(`pages: ${p.path}`);

  // Russian spec disagreements left after overrides.
  for (const m of methods) {
    const r = ru.byName.get(m.name.toLowerCase());
    if (!r || !r.scope || `${r.page}.html` !== m.url.replace('https://apidocs.bitrix24.com', '')) continue;
    const codes = m.requirement.kind === 'basic' ? ['basic'] : requirementCodes(m.requirement);
    if (!codes.includes(r.scope)) report.disagreements.push(`${m.name}: English ${codes.join('+') || m.requirement.kind}, Russian spec ${r.scope}`);
  }

  // Duplicates (same name and version): keep the first, report the rest.
  methods.sort(compareMethods);
  const unique: MethodInfo[] = [];
  for (const m of methods) {
    const prev = unique[unique.length - 1];
    if (prev && prev.name.toLowerCase() === m.name.toLowerCase() && prev.version === m.version) {
      report.duplicates.push(`${m.name} v${m.version}: ${prev.url} and ${m.url}`);
      continue;
    }
    unique.push(m);
  }

  // Events.
  const events = buildEvents(pages, { shared, dirBlocks }, overrides, report);

  // Placements.
  const placements = buildPlacements(texts, unique, report);

  // Scopes.
  const table: ScopeInfo[] = texts.has(SCOPES_PAGE) ? parseScopesTable(SCOPES_PAGE, texts.get(SCOPES_PAGE) ?? '') : [];
  const scopes = mergeScopes(table, overrides.scopes, unique, [...events, ...placements], report);

  // The Russian edition beside the English one.
  const russianEdition = loadRussian(root);
  const russian = emptyRussian();
  if (russianEdition) {
    addRussianToMethods(unique, english, russianEdition, overrides, russian, report.editions);
    addRussianToEvents(events, russianEdition, overrides, russian, report.editions);
    addRussianToPlacements(placements, russianEdition, russian);
    addRussianToScopes(scopes, russianEdition, russian);
  }

  const generated =
    sources
      .map((s) => s.date)
      .sort()
      .pop() ?? '1970-01-01';
  const data: CatalogueData = {
    $schema: './catalogue.schema.json',
    sources: sources.map(({ name, repository, commit }) => ({ name, repository, commit })),
    generated,
    methods: unique,
    scopes,
    events,
    placements,
  };
  return { data, russian, report };
}

interface BuildContext {
  overrides: Overrides;
  ru: ReturnType<typeof loadRuSpec>;
  nameOfPage: Map<string, string>;
  confirmList: Set<string>;
  report: Report;
}

function buildMethod(page: Page, block: SharedBlock | undefined, ctx: BuildContext): MethodInfo {
  const name = page.name ?? '';
  if (page.nameNote) ctx.report.nameNotes.push({ path: page.path, name, note: page.nameNote });
  const scopeLine = page.scope ?? block?.scope;
  let requirement: MethodInfo['requirement'];
  if (scopeLine) {
    const decision = requirementOf(scopeLine, ctx.overrides.combinations);
    requirement = decision.requirement;
    if (decision.problem) ctx.report.problems.push(`${page.path}: ${decision.problem}`);
  } else {
    requirement = { kind: 'unknown', reason: 'neither the page nor its overview page has a Scope block' };
    ctx.report.problems.push(`${page.path}: no Scope block on the page or its index`);
  }
  const whoBlock = page.who && isMethodSubject(page.who.subject) ? page.who : (block?.who ?? page.who);
  const who = whoBlock?.text ?? '';
  const m: MethodInfo = {
    name,
    version: page.version,
    requirement,
    who,
    whoClass: classifyWho(who),
    params: [],
    url: pageUrl(page.path),
    title: shortTitle(page.heading, [name, ...methodTokens(page.heading)]),
  };
  if (scopeLine?.notes.length) m.scopeNote = scopeLine.notes.join('; ');
  if (!who) ctx.report.problems.push(`${page.path}: no who-can-execute text`);

  const ruEntry = ctx.ru.byName.get(name.toLowerCase());
  const ruSamePage = ruEntry && ruEntry.page === `/${page.path}` ? ruEntry : undefined;
  const dep = findDeprecation(page.lines);
  if (dep || ruSamePage?.deprecated) {
    m.deprecated = true;
    let replacement = dep?.replacementName;
    if (!replacement && dep?.replacementLink) {
      const target = resolveLink(page.path, dep.replacementLink);
      replacement = target ? ctx.nameOfPage.get(target) : undefined;
    }
    if (replacement && replacement.toLowerCase() !== name.toLowerCase()) m.replacement = replacement;
    if (!dep) ctx.report.problems.push(`${page.path}: deprecated only per the Russian spec`);
    if (dep?.halted) m.superseded = true;
  }
  if (isAppOnly(page.lines, who)) m.appOnly = true;
  if (needsAdminConfirmation(page.lines) || ctx.confirmList.has(name.toLowerCase())) m.adminConfirm = true;

  const params = extractParams(page.lines);
  if (params) m.params = params;
  else if (ruSamePage) m.params = ctx.ru.params(ruSamePage.method) ?? [];
  return m;
}
