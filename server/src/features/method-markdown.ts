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

/** The full description of a method shown on hover. */
export function methodMarkdown(m: MethodInfo, catalogue: CatalogueView): string {
  const lines: string[] = [];
  lines.push(`**${m.name}** · REST ${m.version === 3 ? '3.0' : '2'}${m.title ? ` — ${m.title}` : ''}`);
  lines.push('');
  lines.push(`**Scope:** ${requirementMarkdown(m.requirement, catalogue)}  `);
  lines.push(`**Who can execute:** ${m.who || 'not documented'} *(${WHO_CLASS[m.whoClass]})*`);
  if (m.deprecated) {
    lines.push('');
    lines.push(`⚠️ **Deprecated**${m.replacement ? ` — use \`${m.replacement}\`` : ''}`);
  }
  const notes: string[] = [];
  if (m.adminConfirm) notes.push('needs administrator confirmation');
  if (m.appOnly) notes.push('works only from an application, not a webhook');
  if (notes.length) {
    lines.push('');
    lines.push(`Note: ${notes.join('; ')}.`);
  }
  const required = m.params.filter((p) => p.required);
  if (required.length) {
    lines.push('');
    lines.push('**Required parameters:** ' + required.map((p) => `\`${p.name}\` *${p.type}*`).join(', '));
  }
  lines.push('');
  lines.push(`[Official documentation](${m.url})`);
  return lines.join('\n');
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
