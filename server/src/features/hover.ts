/** Hover: what a REST method or scope code means for the app. */
import type { Hover, Position } from 'vscode-languageserver-types';
import { MarkupKind } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysedDocument, FeatureContext } from './context';
import { methodMarkdown, requirementMarkdown, scopeMarkdown } from './method-markdown';
import { bindingAt } from './bindings';
import { bindingRequirement } from '../manifest/scope-arithmetic';
import type { BindingReference } from '../analysis/types';
import type { ScopeRequirement } from '../catalogue/types';
import { isSatisfiedBy, requirementScopes } from '../catalogue/requirement';
import { referenceAt } from '../analysis/reference-at';
import { liveHoverLines } from './live-checks';
import { ManifestRegistry } from '../workspace/manifest-registry';
import { baseName } from '../workspace/file-system';

/** Hover for the method reference (or scope code in a manifest) under the cursor. */
export function hover(doc: AnalysedDocument, textDoc: TextDocument, position: Position, ctx: FeatureContext): Hover | null {
  const offset = textDoc.offsetAt(position);
  const ref = referenceAt(doc.analysis, offset);
  if (ref && 'name' in ref) {
    const range = { start: textDoc.positionAt(ref.start), end: textDoc.positionAt(ref.end) };
    const method = ctx.catalogue.get(ref.name, ref.version) ?? ctx.catalogue.get(ref.name);
    let value: string;
    if (!method) {
      const guesses = ctx.catalogue.suggest(ref.name, 3);
      value = `**${ref.name}** is not a documented Bitrix24 REST method.`;
      if (guesses.length) value += '\n\nDid you mean ' + guesses.map((g) => `\`${g}\``).join(', ') + '?';
    } else {
      value = methodMarkdown(method, ctx.catalogue) + manifestLine(method.requirement, ctx);
    }
    // What the connected portal says, when its facts are fresh.
    const live = ctx.portal ? liveHoverLines(method ?? ref.name, ctx.portal.facts, ctx.portal.now) : [];
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
        value: `Method name built at run time: \`${dynamic.pattern}\`.\n\nIts scope cannot be checked; list the methods it can be in the manifest's \`methods.extra\`.`,
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
  let value: string;
  if (!info) {
    const guesses = (b.kind === 'event' ? ctx.catalogue.suggestEvents?.(b.name, 3) : ctx.catalogue.suggestPlacements?.(b.name, 3)) ?? [];
    value = `**${b.name}** is not a documented Bitrix24 ${b.kind === 'event' ? 'event' : 'placement code'}.`;
    if (guesses.length) value += '\n\nDid you mean ' + guesses.map((g) => `\`${g}\``).join(', ') + '?';
  } else {
    const name = info.name ?? info.code ?? b.name;
    const lines = [`**${name}** · ${b.kind}${info.title ? ` — ${info.title}` : ''}`, ''];
    const req = bindingRequirement(info);
    lines.push(`**Scope:** ${requirementMarkdown(req, ctx.catalogue)}  `);
    const who = (info as { who?: string }).who;
    if (b.kind === 'event') lines.push(`**Who can subscribe:** ${who || 'not documented'}`);
    if (info.url) lines.push('', `[Official documentation](${info.url})`);
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
    contents: { kind: MarkupKind.Markdown, value: scopeMarkdown(info, ctx.catalogue, ctx.scopeUses?.(info.code)) },
    range: { start: textDoc.positionAt(start), end: textDoc.positionAt(end) },
  };
}

/** Whether the manifest covering the document grants what the method needs. */
function manifestLine(req: ScopeRequirement, ctx: FeatureContext): string {
  if (!ctx.manifest || req.kind === 'basic' || req.kind === 'unknown') return '';
  const { label, scopes } = ctx.manifest;
  if (isSatisfiedBy(req, scopes)) return `  \n✓ Declared in \`${label}\``;
  const missing = requirementScopes(req).filter((s) => !scopes.has(s));
  const what = req.kind === 'anyOf' ? `one of ${missing.map((s) => `\`${s}\``).join(', ')}` : missing.map((s) => `\`${s}\``).join(' + ');
  return `  \n✗ Not declared in \`${label}\`: add ${what}`;
}
