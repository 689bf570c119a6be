/** Hover: what a REST method or scope code means for the app. */
import type { Hover, Position } from 'vscode-languageserver-types';
import { MarkupKind } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysedDocument, FeatureContext } from './context';
import { localisedFacts, methodMarkdown, requirementMarkdown, scopeMarkdown } from './method-markdown';
import { texts } from '../l10n/texts';
import type { EventInfo, PlacementInfo } from '../catalogue/types';
import { bindingAt } from './bindings';
import { bindingRequirement } from '../manifest/scope-arithmetic';
import type { BindingReference } from '../analysis/types';
import type { EditionDisagreement, ScopeRequirement } from '../catalogue/types';
import { acceptedRequirement } from '../catalogue/editions';
import { isSatisfiedBy, requirementScopes } from '../catalogue/requirement';
import { referenceAt } from '../analysis/reference-at';
import { liveHoverLines } from './live-checks';
import { ManifestRegistry } from '../workspace/manifest-registry';
import { baseName } from '../workspace/file-system';

/** Hover for the method reference (or scope code in a manifest) under the cursor. */
export function hover(doc: AnalysedDocument, textDoc: TextDocument, position: Position, ctx: FeatureContext): Hover | null {
  const offset = textDoc.offsetAt(position);
  const ref = referenceAt(doc.analysis, offset);
  const t = texts(ctx.locale);
  if (ref && 'name' in ref) {
    const range = { start: textDoc.positionAt(ref.start), end: textDoc.positionAt(ref.end) };
    const method = ctx.catalogue.get(ref.name, ref.version) ?? ctx.catalogue.get(ref.name);
    let value: string;
    if (!method) {
      const guesses = ctx.catalogue.suggest(ref.name, 3);
      value = t.unknownMethodHover(ref.name);
      if (guesses.length) value += '\n\n' + t.didYouMeanHover(guesses);
    } else {
      value = methodMarkdown(method, ctx.catalogue, ctx.locale) + manifestLine(method.requirement, ctx, method.editions);
    }
    // What the connected portal says, when its facts are fresh.
    const live = ctx.portal ? liveHoverLines(method ?? ref.name, ctx.portal.facts, ctx.portal.now, ctx.locale) : [];
    if (live.length) value += '\n\n' + live.join('  \n');
    return { contents: { kind: MarkupKind.Markdown, value }, range };
  }
  const binding = bindingAt(doc.analysis, offset);
  if (binding) return bindingHover(binding, textDoc, ctx);
  const dynamic = ref && 'pattern' in ref ? ref : undefined;
  if (dynamic) {
    return {
      contents: {
        kind: MarkupKind.Markdown,
        value: t.dynamicName(dynamic.pattern),
      },
      range: { start: textDoc.positionAt(dynamic.start), end: textDoc.positionAt(dynamic.end) },
    };
  }
  return scopeHover(doc, textDoc, offset, ctx);
}

/** An event name or placement code under the cursor: what binding it needs, who may, and its page. */
function bindingHover(b: BindingReference, textDoc: TextDocument, ctx: FeatureContext): Hover {
  const range = { start: textDoc.positionAt(b.start), end: textDoc.positionAt(b.end) };
  const info = b.kind === 'event' ? ctx.catalogue.event?.(b.name) : ctx.catalogue.placement?.(b.name);
  const t = texts(ctx.locale);
  let value: string;
  if (!info) {
    const guesses = (b.kind === 'event' ? ctx.catalogue.suggestEvents?.(b.name, 3) : ctx.catalogue.suggestPlacements?.(b.name, 3)) ?? [];
    value = t.unknownBindingHover(b.name, b.kind);
    if (guesses.length) value += '\n\n' + t.didYouMeanHover(guesses);
  } else {
    const name = info.name ?? info.code ?? b.name;
    const documented = info.url !== undefined && info.title !== undefined && info.requirement !== undefined;
    const facts = documented
      ? localisedFacts(info as EventInfo | PlacementInfo, ctx.catalogue, ctx.locale)
      : { title: info.title, who: (info as { who?: string }).who, url: info.url };
    const lines = [`**${name}** · ${t.bindingKind(b.kind)}${facts.title ? ` — ${facts.title}` : ''}`, ''];
    const req = bindingRequirement(info);
    lines.push(`**${t.scope}:** ${requirementMarkdown(req, ctx.catalogue, ctx.locale)}  `);
    if (b.kind === 'event') lines.push(`**${t.whoCanSubscribe}:** ${facts.who || t.whoClass.unknown}`);
    if (facts.url) lines.push('', `[${t.officialDocs}](${facts.url})`);
    value = lines.join('\n') + manifestLine(req, ctx);
  }
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}

/** Scope codes are hovered where they are declared: bitrix24.json and .env files. */
function scopeHover(doc: AnalysedDocument, textDoc: TextDocument, offset: number, ctx: FeatureContext): Hover | null {
  if (!ManifestRegistry.isManifestName(baseName(doc.uri))) return null;
  const text = doc.text;
  let start = offset;
  let end = offset;
  const isWord = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_.]/.test(c);
  while (start > 0 && isWord(text[start - 1])) start--;
  while (end < text.length && isWord(text[end])) end++;
  const word = text.slice(start, end);
  const info = word ? ctx.catalogue.scope(word.toLowerCase()) : undefined;
  if (!info) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: scopeMarkdown(info, ctx.catalogue, ctx.scopeUses?.(info.code), ctx.locale) },
    range: { start: textDoc.positionAt(start), end: textDoc.positionAt(end) },
  };
}

/** Whether the manifest covering the document grants what the method needs. */
function manifestLine(own: ScopeRequirement, ctx: FeatureContext, editions?: EditionDisagreement): string {
  if (!ctx.manifest || own.kind === 'basic' || own.kind === 'unknown') return '';
  const { label, scopes } = ctx.manifest;
  const t = texts(ctx.locale);
  // Where the editions disagree, the other edition's scopes are accepted too; say so when they are what is declared.
  const accepted = editions ? acceptedRequirement({ requirement: own, editions }, scopes) : { requirement: own };
  const req = accepted.requirement;
  if (accepted.edition)
    return `  \n${t.declaredIn(label)} — ${t.editionUsed(
      accepted.edition,
      requirementScopes(req)
        .map((s) => `\`${s}\``)
        .join(' + '),
    )}`;
  if (isSatisfiedBy(req, scopes)) return `  \n${t.declaredIn(label)}`;
  const missing = requirementScopes(req).filter((s) => !scopes.has(s));
  const what = req.kind === 'anyOf' ? t.oneOf(missing) : missing.map((s) => `\`${s}\``).join(' + ');
  return `  \n${t.notDeclaredIn(label, what)}`;
}
