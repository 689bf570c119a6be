/** Completion of method names, parameter keys and event names. */
import { CompletionItemKind, CompletionItemTag, MarkupKind, type CompletionItem, type CompletionList, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionSlot } from '../analysis/types';
import { formatRequirement } from '../catalogue/requirement';
import type { EventInfo, ParamInfo, PlacementInfo } from '../catalogue/types';
import type { BindingInfo } from '../manifest/types';
import type { FeatureContext } from './context';
import { localisedFacts, methodMarkdown, requirementMarkdown } from './method-markdown';
import { texts } from '../l10n/texts';

/** Enough to fill the suggest widget; the list is marked incomplete so typing more asks again. */
const MAX_METHODS = 100;

/** What a method item carries so `resolveCompletion` can add its documentation later. */
interface MethodItemData {
  method: string;
  version: 2 | 3;
}

/**
 * Completion for the slot the cursor is in (see analysis `completionContextAt`).
 * Method lists are capped and marked incomplete, so the editor asks again as the prefix grows.
 */
export function complete(slot: CompletionSlot | undefined, textDoc: TextDocument, ctx: FeatureContext): CompletionList {
  if (!slot) return { isIncomplete: false, items: [] };
  const range = { start: textDoc.positionAt(slot.start), end: textDoc.positionAt(slot.end) };
  switch (slot.kind) {
    case 'method': {
      const items = completeMethods(slot.prefix, slot.version, range, ctx);
      return { isIncomplete: items.length >= MAX_METHODS, items };
    }
    case 'param':
      return { isIncomplete: false, items: completeParams(slot, range, ctx) };
    case 'event':
      return { isIncomplete: false, items: completeEvents(slot.prefix, range, ctx) };
    case 'placement':
      return { isIncomplete: false, items: completePlacements(slot.prefix, range, ctx) };
  }
}

/** Adds the full method description to a method item the user is looking at (kept out of the list: it is large). */
export function resolveCompletion(item: CompletionItem, ctx: FeatureContext): CompletionItem {
  const data = item.data as MethodItemData | undefined;
  const method = data?.method ? ctx.catalogue.get(data.method, data.version) : undefined;
  if (method) item.documentation = { kind: MarkupKind.Markdown, value: methodMarkdown(method, ctx.catalogue, ctx.locale) };
  return item;
}

/** The verbs most calls use; methods ending in them come first among current methods. */
const COMMON_VERBS = ['get', 'list', 'add', 'update', 'delete'];

/**
 * Method items ranked for what people mostly type: current methods before
 * superseded ones before deprecated ones (a listed replacement of a listed
 * superseded method first of all), common verbs before the rest.
 */
function completeMethods(prefix: string, version: 2 | 3 | undefined, range: Range, ctx: FeatureContext): CompletionItem[] {
  const found = ctx.catalogue.complete(prefix, MAX_METHODS).filter((m) => !version || m.version === version);
  const replacements = new Set(found.filter((m) => m.deprecated && m.replacement).map((m) => m.replacement!.toLowerCase()));
  const t = texts(ctx.locale);
  return found.map((m) => {
    const verb = COMMON_VERBS.indexOf(m.name.slice(m.name.lastIndexOf('.') + 1).toLowerCase());
    const standing = replacements.has(m.name.toLowerCase()) ? '0' : !m.deprecated ? '1' : m.superseded ? '2' : '3';
    return {
      label: m.name,
      kind: CompletionItemKind.Function,
      detail:
        requirementMarkdown(m.requirement, ctx.catalogue, ctx.locale).replace(/`/g, '') +
        (m.version === 3 ? ' · REST 3.0' : '') +
        (m.deprecated ? (m.superseded ? t.detailSuperseded : t.detailDeprecated) : ''),
      data: { method: m.name, version: m.version } satisfies MethodItemData,
      tags: m.deprecated && !m.superseded ? [CompletionItemTag.Deprecated] : undefined,
      sortText: `${standing}${verb === -1 ? 9 : verb}${m.name}${m.version}`,
      textEdit: { range, newText: m.name },
    };
  });
}

function completeParams(slot: Extract<CompletionSlot, { kind: 'param' }>, range: Range, ctx: FeatureContext): CompletionItem[] {
  const method = ctx.catalogue.get(slot.method);
  if (!method) return [];
  const present = new Set(slot.present.map((p) => p.toLowerCase()));
  const t = texts(ctx.locale);
  return method.params
    .filter((p) => !present.has(p.name.toLowerCase()))
    .map((p: ParamInfo, i) => ({
      label: p.name,
      kind: CompletionItemKind.Property,
      detail: `${p.type}${p.required ? t.detailRequired : ''}`,
      documentation: p.fields?.length ? { kind: MarkupKind.Markdown, value: t.fields + p.fields.map((f) => `\`${f.name}\``).join(', ') } : undefined,
      // Required parameters first, then in documented order.
      sortText: `${p.required ? '0' : '1'}${String(i).padStart(3, '0')}`,
      textEdit: { range, newText: p.name },
    }));
}

function completePlacements(prefix: string, range: Range, ctx: FeatureContext): CompletionItem[] {
  const lower = prefix.toLowerCase();
  const t = texts(ctx.locale);
  return (ctx.catalogue.placements?.() ?? [])
    .filter((p) => (p.code ?? '').toLowerCase().startsWith(lower))
    .slice(0, MAX_METHODS)
    .map((p) => ({
      label: p.code ?? '',
      kind: CompletionItemKind.Constant,
      detail: p.requirement ? t.scopeDetail(formatRequirement(p.requirement)) : undefined,
      documentation: { kind: MarkupKind.Markdown, value: bindingDocumentation(p, ctx) },
      textEdit: { range, newText: p.code ?? '' },
    }));
}

function completeEvents(prefix: string, range: Range, ctx: FeatureContext): CompletionItem[] {
  const lower = prefix.toLowerCase();
  const t = texts(ctx.locale);
  return ctx.catalogue
    .events()
    .filter((e) => e.name.toLowerCase().startsWith(lower))
    .slice(0, MAX_METHODS)
    .map((e) => ({
      label: e.name,
      kind: CompletionItemKind.Event,
      detail: e.requirement.kind === 'unknown' ? undefined : t.scopeDetail(formatRequirement(e.requirement)),
      documentation: { kind: MarkupKind.Markdown, value: bindingDocumentation(e, ctx) },
      textEdit: { range, newText: e.name },
    }));
}

/** An event's or placement's title and page, in the context's locale. */
function bindingDocumentation(entry: EventInfo | BindingInfo, ctx: FeatureContext): string {
  const documented = entry.title !== undefined && entry.url !== undefined && entry.requirement !== undefined;
  const facts = documented ? localisedFacts(entry as EventInfo | PlacementInfo, ctx.catalogue, ctx.locale) : { title: entry.title ?? '', url: entry.url ?? '' };
  return `${facts.title}\n\n[${texts(ctx.locale).officialDocs}](${facts.url})`;
}
