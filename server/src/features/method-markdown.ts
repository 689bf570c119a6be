/**
 * Markdown descriptions of methods and scopes, shared by hover and
 * completion documentation.
 */
import type { MethodInfo, ScopeInfo, ScopeRequirement } from '../catalogue/types';
import type { CatalogueView, ScopeUse } from './context';

const WHO_CLASS: Record<MethodInfo['whoClass'], string> = {
  any: 'any user',
  admin: 'administrator',
  permission: 'needs a permission',
  depends: 'depends on settings',
  unknown: 'not documented',
};

function scopeLabel(code: string, catalogue: CatalogueView): string {
  const info = catalogue.scope(code);
  const tool = info?.tool ? ` (${info.tool})` : '';
  const deprecated = info?.deprecated ? ' — deprecated scope' : '';
  return `\`${code}\`${tool}${deprecated}`;
}

/** One line describing what an app must be granted. */
export function requirementMarkdown(req: ScopeRequirement, catalogue: CatalogueView): string {
  switch (req.kind) {
    case 'basic':
      return 'no scope needed (basic)';
    case 'scope':
      return scopeLabel(req.scope, catalogue);
    case 'anyOf':
      return 'any one of ' + req.scopes.map((s) => scopeLabel(s, catalogue)).join(', ');
    case 'allOf':
      return 'all of ' + req.scopes.map((s) => scopeLabel(s, catalogue)).join(' + ');
    case 'unknown':
      return `not documented (${req.reason})`;
  }
}

/** Which REST API a method belongs to, in words. */
export function apiGeneration(version: MethodInfo['version']): string {
  return version === 3 ? 'REST 3.0 (the new API, `/rest/api/…`)' : 'REST 2 (the classic API, `/rest/…`)';
}

/** Who may call the method, said once: the documented text, or its class when the text adds nothing. */
export function whoMarkdown(m: Pick<MethodInfo, 'who' | 'whoClass'>): string {
  const who = m.who?.trim().replace(/\.$/, '');
  return who || WHO_CLASS[m.whoClass];
}

/**
 * The description of a method shown on hover: the card first (name, title, page), then one line
 * per fact, so the hover stays short enough to sit next to diagnostics without scrolling.
 */
export function methodMarkdown(m: MethodInfo, catalogue: CatalogueView): string {
  const lines: string[] = [];
  lines.push(`**${m.name}**${m.title ? ` — ${m.title}` : ''} · [docs](${m.url})`);
  lines.push(`${apiGeneration(m.version)}`);
  lines.push(`**Scope:** ${requirementMarkdown(m.requirement, catalogue)}`);
  lines.push(`**Who can execute:** ${whoMarkdown(m)}`);
  if (m.deprecated) lines.push(`⚠️ **Deprecated**${m.replacement ? ` — use \`${m.replacement}\`` : ''}`);
  const notes: string[] = [];
  if (m.adminConfirm) notes.push('needs administrator confirmation');
  if (m.appOnly) notes.push('works only from an application, not a webhook');
  if (notes.length) lines.push(`Note: ${notes.join('; ')}.`);
  const required = m.params.filter((p) => p.required);
  if (required.length) lines.push('**Required:** ' + required.map((p) => `\`${p.name}\` *${p.type}*`).join(', '));
  // Two trailing spaces make a Markdown line break: one fact per line, no blank lines between.
  return lines.join('  \n');
}

/** The description of a scope code shown on hover. */
export function scopeMarkdown(s: ScopeInfo, catalogue: CatalogueView, uses?: readonly ScopeUse[]): string {
  const count = catalogue.methodsOfScope(s.code).length;
  const lines = [`**Scope \`${s.code}\`** — ${s.tool || 'Bitrix24'}`, ''];
  if (uses === undefined) lines.push(`Grants access to ${count} documented method${count === 1 ? '' : 's'}.`);
  else if (uses.length === 0) lines.push('No call, event or placement of this app needs it.');
  else {
    const SHOWN = 8;
    lines.push(`This app needs it for ${uses.length} use${uses.length === 1 ? '' : 's'}:`, '');
    for (const u of uses.slice(0, SHOWN)) lines.push(`- ${u.kind === 'method' ? '' : `${u.kind} `}\`${u.name}\` — [${u.label}:${u.line + 1}](${u.uri}#L${u.line + 1})`);
    if (uses.length > SHOWN) lines.push(`- … and ${uses.length - SHOWN} more (App Scopes view)`);
  }
  if (s.deprecated) lines.push('', `⚠️ Deprecated scope${s.replacement ? ` — use \`${s.replacement}\`` : ''}.`);
  if (s.url) lines.push('', `[Official documentation](${s.url})`);
  return lines.join('\n');
}
