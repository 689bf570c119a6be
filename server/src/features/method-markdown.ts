/**
 * Markdown descriptions of methods and scopes, shared by hover and
 * completion documentation, in the locale of the context (Russian cards use
 * the Russian edition's title, "Кто может выполнять метод" line and page).
 */
import type { EditionFacts, EventInfo, MethodInfo, PlacementInfo, ScopeInfo, ScopeRequirement } from '../catalogue/types';
import { russianUrl } from '../catalogue/links';
import type { Locale } from '../l10n/locale';
import { texts } from '../l10n/texts';
import type { CatalogueView, ScopeUse } from './context';

function scopeLabel(code: string, catalogue: CatalogueView, locale: Locale | undefined): string {
  const info = catalogue.scope(code);
  const t = texts(locale);
  const toolName = locale === 'ru' ? (catalogue.russianTool?.(code) ?? info?.tool) : info?.tool;
  const tool = toolName ? ` (${toolName})` : '';
  const deprecated = info?.deprecated ? t.deprecatedScopeSuffix : '';
  return `\`${code}\`${tool}${deprecated}`;
}

/** One line describing what an app must be granted. */
export function requirementMarkdown(req: ScopeRequirement, catalogue: CatalogueView, locale?: Locale): string {
  const t = texts(locale);
  switch (req.kind) {
    case 'basic':
      return t.basic;
    case 'scope':
      return scopeLabel(req.scope, catalogue, locale);
    case 'anyOf':
      return t.anyOf + req.scopes.map((s) => scopeLabel(s, catalogue, locale)).join(', ');
    case 'allOf':
      return t.allOf + req.scopes.map((s) => scopeLabel(s, catalogue, locale)).join(' + ');
    case 'unknown':
      return t.notDocumented(req.reason);
  }
}

/** Which REST API a method belongs to, in words. */
export function apiGeneration(version: MethodInfo['version'], locale?: Locale): string {
  const t = texts(locale);
  return version === 3 ? t.rest3 : t.rest2;
}

/** Who may call the method, said once: the documented text, or its class when the text adds nothing. */
export function whoMarkdown(m: { who?: string; whoClass: MethodInfo['whoClass'] }, locale?: Locale): string {
  const who = m.who?.trim().replace(/\.$/, '');
  return who || texts(locale).whoClass[m.whoClass];
}

/**
 * The title, who line and page of an entry in `locale`: the Russian edition's when asked
 * for Russian and it has the page, else the English ones.
 */
export function localisedFacts(
  entry: MethodInfo | EventInfo | PlacementInfo,
  catalogue: CatalogueView,
  locale: Locale | undefined,
): { title: string; who?: string; url: string } {
  const en = { title: entry.title, who: 'who' in entry ? entry.who : undefined, url: entry.url };
  if (locale !== 'ru') return en;
  const ru = catalogue.russian?.(entry);
  const url = russianUrl(entry.url, ru);
  if (!ru || !url) return en;
  return { title: ru.title || en.title, who: ru.who ?? en.who, url };
}

/** A requirement in one short phrase for the editions line: `sale`, `crm + user`, `crm | user`. */
function editionRequirement(req: ScopeRequirement, locale: Locale | undefined): string {
  const t = texts(locale);
  switch (req.kind) {
    case 'basic':
      return t.basic;
    case 'scope':
      return `\`${req.scope}\``;
    case 'anyOf':
      return t.anyOf + req.scopes.map((s) => `\`${s}\``).join(', ');
    case 'allOf':
      return req.scopes.map((s) => `\`${s}\``).join(' + ');
    case 'unknown':
      return t.notDocumented(req.reason);
  }
}

/**
 * One line for an entry whose English and Russian pages disagree (`editions`): which scopes
 * each names, or which one calls it deprecated; undefined when they agree.
 */
export function editionsLine(entry: { editions?: { en: EditionFacts; ru: EditionFacts } }, locale?: Locale): string | undefined {
  const e = entry.editions;
  if (!e) return undefined;
  const t = texts(locale);
  const en = editionRequirement(e.en.requirement, locale);
  const ru = editionRequirement(e.ru.requirement, locale);
  if (en !== ru) return t.editionsScopes(en, ru);
  if (Boolean(e.en.deprecated) !== Boolean(e.ru.deprecated)) return t.editionsDeprecated(e.en.deprecated ? 'en' : 'ru');
  return undefined;
}

/**
 * The description of a method shown on hover: the card first (name, title, page), then one line
 * per fact, so the hover stays short enough to sit next to diagnostics without scrolling.
 */
export function methodMarkdown(m: MethodInfo, catalogue: CatalogueView, locale?: Locale): string {
  const t = texts(locale);
  const facts = localisedFacts(m, catalogue, locale);
  const lines: string[] = [];
  lines.push(`**${m.name}**${facts.title ? ` — ${facts.title}` : ''} · [${t.docs}](${facts.url})`);
  lines.push(`${apiGeneration(m.version, locale)}`);
  lines.push(`**${t.scope}:** ${requirementMarkdown(m.requirement, catalogue, locale)}`);
  const editions = editionsLine(m, locale);
  if (editions) lines.push(editions);
  lines.push(`**${t.whoCanExecute}:** ${whoMarkdown({ who: facts.who, whoClass: m.whoClass }, locale)}`);
  if (m.deprecated) lines.push(m.superseded ? t.superseded(m.replacement) : t.deprecated(m.replacement));
  const notes: string[] = [];
  if (m.adminConfirm) notes.push(t.needsConfirmation);
  if (m.appOnly) notes.push(t.appOnly);
  if (notes.length) lines.push(t.note(notes));
  const required = m.params.filter((p) => p.required);
  if (required.length) lines.push(`**${t.required}:** ` + required.map((p) => `\`${p.name}\` *${p.type}*`).join(', '));
  // Two trailing spaces make a Markdown line break: one fact per line, no blank lines between.
  return lines.join('  \n');
}

/** The description of a scope code shown on hover. */
export function scopeMarkdown(s: ScopeInfo, catalogue: CatalogueView, uses?: readonly ScopeUse[], locale?: Locale): string {
  const t = texts(locale);
  const count = catalogue.methodsOfScope(s.code).length;
  const tool = locale === 'ru' ? (catalogue.russianTool?.(s.code) ?? s.tool) : s.tool;
  const lines = [t.scopeTitle(s.code, tool), ''];
  if (uses === undefined) lines.push(t.grantsMethods(count));
  else if (uses.length === 0) lines.push(t.noUses);
  else {
    const SHOWN = 8;
    lines.push(t.usesHeader(uses.length), '');
    for (const u of uses.slice(0, SHOWN))
      lines.push(`- ${u.kind === 'method' ? '' : `${t.bindingKind(u.kind)} `}\`${u.name}\` — [${u.label}:${u.line + 1}](${u.uri}#L${u.line + 1})`);
    if (uses.length > SHOWN) lines.push(`- ${t.moreUses(uses.length - SHOWN)}`);
  }
  if (s.deprecated) lines.push('', t.deprecatedScope(s.replacement));
  const url = locale === 'ru' && s.url ? (russianUrl(s.url, { title: '' }) ?? s.url) : s.url;
  if (url) lines.push('', `[${t.officialDocs}](${url})`);
  return lines.join('\n');
}
