/**
 * Tools over the method catalogue: `describe_method` (methods, events, scopes)
 * and `search_methods` (by words in names and titles).
 */
import type { Catalogue } from '../catalogue/catalogue';
import { formatRequirement } from '../catalogue/requirement';
import type { MethodInfo, ParamInfo } from '../catalogue/types';
import { capped, limitOf, limitProperty, ToolInputError, type ToolDefinition, type ToolResult } from './tool-types';

/** Parameters listed per method before "N more". */
const PARAM_LIMIT = 25;

export const describeMethod: ToolDefinition = {
  name: 'describe_method',
  title: 'Describe a Bitrix24 REST method, event or scope',
  description:
    'Looks up one Bitrix24 REST API name in the bundled catalogue of the official documentation: a method (e.g. crm.lead.add) gives its scope, ' +
    'who can execute it, REST version, deprecation and replacement, administrator confirmation, app-only use, required parameters and the docs page; ' +
    'an event (e.g. ONCRMLEADADD) or a widget placement (e.g. CRM_DEAL_DETAIL_TAB) gives the scope needed to bind it and its page; a scope code ' +
    '(e.g. crm) gives what it grants. Offline; use it before writing a call.',
  inputSchema: {
    type: 'object',
    properties: {
      name: {
        type: 'string',
        description: 'A method name, event name, placement code or scope code, e.g. "crm.lead.add", "OnCrmLeadAdd", "CRM_DEAL_DETAIL_TAB", "user_brief".',
        maxLength: 200,
      },
      version: { type: 'string', enum: ['2', '3'], description: 'REST version of the method when both exist ("3" is REST 3.0, /rest/api/).' },
    },
    required: ['name'],
    additionalProperties: false,
  },
  async run(input, { catalogue }) {
    const name = String(input.name).trim();
    const version = input.version === '2' ? 2 : input.version === '3' ? 3 : undefined;
    const methods = catalogue.versions(name).filter((m) => !version || m.version === version);
    if (methods.length) return { text: methods.map(methodText).join('\n\n') };
    const event = catalogue.event(name);
    if (event) {
      return {
        text: [
          `Event ${event.name}${event.title ? ` — ${event.title}` : ''}`,
          `- scope to subscribe: ${formatRequirement(event.requirement)}`,
          ...(event.who ? [`- who can subscribe: ${event.who}`] : []),
          `- bind with event.bind; docs: ${event.url}`,
        ].join('\n'),
      };
    }
    const placement = catalogue.placement(name);
    if (placement) {
      return {
        text: [
          `Placement ${placement.code}${placement.title ? ` — ${placement.title}` : ''}${placement.code.toUpperCase() !== name.toUpperCase() ? ` (matches ${name})` : ''}`,
          `- scope to register a handler: ${formatRequirement(placement.requirement)}`,
          ...(placement.deprecated ? ['- archived by the documentation: registration works, nothing is shown'] : []),
          `- bind with placement.bind; docs: ${placement.url}`,
        ].join('\n'),
      };
    }
    const scope = catalogue.scope(name);
    if (scope) return { text: scopeText(catalogue, scope.code) };
    return notFound(catalogue, name, version);
  },
};

function notFound(catalogue: Catalogue, name: string, version: 2 | 3 | undefined): ToolResult {
  const all = catalogue.versions(name);
  if (version && all.length)
    return {
      text: `${name} has no REST ${version === 3 ? '3.0' : '2'} version; it exists as REST ${all.map((m) => (m.version === 3 ? '3.0' : '2')).join(' and ')}.`,
    };
  const suggestions = catalogue.suggest(name);
  return {
    text: `“${name}” is not a documented method, event, placement or scope.${suggestions.length ? ` Did you mean: ${suggestions.join(', ')}?` : ''} search_methods finds methods by words.`,
    isError: true,
  };
}

/** One method as compact text. */
export function methodText(m: MethodInfo): string {
  const lines = [`${m.name} (REST ${m.version === 3 ? '3.0' : '2'})${m.title ? ` — ${m.title}` : ''}`];
  lines.push(`- scope: ${formatRequirement(m.requirement)}${m.scopeNote ? ` (${m.scopeNote})` : ''}`);
  lines.push(`- who can execute: ${m.who || 'not documented'}`);
  if (m.deprecated) lines.push(`- deprecated${m.replacement ? `; use ${m.replacement}` : ''}`);
  if (m.adminConfirm) lines.push('- needs administrator confirmation (METHOD_CONFIRM_WAITING until approved; handle OnAppMethodConfirm)');
  if (m.appOnly) lines.push('- works only from an application (OAuth), not from a webhook (WRONG_AUTH_TYPE)');
  if (m.custom) lines.push('- declared by this app’s manifest, not documented');
  const params = flatParams(m.params);
  if (params.length) lines.push('- parameters (* required):', ...capped(params, PARAM_LIMIT, (p) => `  ${p}`, 'see the docs page for all.'));
  if (m.url) lines.push(`- docs: ${m.url}`);
  return lines.join('\n');
}

function flatParams(ps: ParamInfo[], prefix = ''): string[] {
  return ps.flatMap((p) => [`${prefix}${p.name}${p.required ? '*' : ''} (${p.type})`, ...(p.fields ? flatParams(p.fields, `${prefix}${p.name}.`) : [])]);
}

function scopeText(catalogue: Catalogue, code: string): string {
  const s = catalogue.scope(code);
  if (!s) return '';
  const methods = catalogue.methodsOfScope(code);
  const lines = [`Scope ${s.code}${s.tool ? ` — ${s.tool}` : ''}`];
  if (s.deprecated) lines.push(`- deprecated${s.replacement ? `; use ${s.replacement}` : ''}`);
  lines.push(`- ${methods.length} documented method(s) need it, e.g.:`);
  lines.push(...capped(methods, 10, (m) => `  ${m.name}`, `search_methods with "scope": "${s.code}" lists them.`));
  if (s.url) lines.push(`- docs: ${s.url}`);
  return lines.join('\n');
}

export const searchMethods: ToolDefinition = {
  name: 'search_methods',
  title: 'Search Bitrix24 REST methods',
  description:
    'Finds Bitrix24 REST API methods by words in their name or documented title (e.g. "lead add", "task comment", "deal product rows"), ' +
    'optionally within one scope. Returns name, title and scope per method, best matches first. Offline. Use describe_method for the details of one.',
  inputSchema: {
    type: 'object',
    properties: {
      query: { type: 'string', description: 'Words to look for, e.g. "contact list" or "crm.deal".', maxLength: 200 },
      scope: { type: 'string', description: 'Only methods of this scope code, e.g. "crm".', maxLength: 60 },
      limit: limitProperty,
    },
    required: ['query'],
    additionalProperties: false,
  },
  async run(input, { catalogue }) {
    const words = String(input.query)
      .toLowerCase()
      .split(/[\s,]+/)
      .filter(Boolean);
    if (!words.length) throw new ToolInputError('search_methods: "query" needs at least one word.');
    const scope = typeof input.scope === 'string' ? input.scope.toLowerCase() : undefined;
    if (scope && !catalogue.scope(scope)) throw new ToolInputError(`search_methods: "${input.scope as string}" is not a scope code.`);
    const hits = rank(catalogue, words, scope);
    if (!hits.length) return { text: `No documented method matches “${String(input.query)}”${scope ? ` in scope ${scope}` : ''}. Try fewer or other words.` };
    const lines = capped(
      hits,
      limitOf(input),
      (m) =>
        `${m.name}${m.version === 3 ? ' (REST 3.0)' : ''} — ${m.title || 'no title'} [${formatRequirement(m.requirement)}]${m.deprecated ? ' (deprecated)' : ''}`,
      'add words, a "scope", or raise "limit".',
    );
    return { text: [`${hits.length} method(s) match:`, ...lines].join('\n') };
  },
};

function rank(catalogue: Catalogue, words: string[], scope: string | undefined): MethodInfo[] {
  const scored: { m: MethodInfo; score: number }[] = [];
  for (const m of catalogue.methods()) {
    if (
      scope &&
      !formatRequirement(m.requirement)
        .split(/[ |+]+/)
        .includes(scope)
    )
      continue;
    const name = m.name.toLowerCase();
    const title = m.title.toLowerCase();
    let score = 0;
    for (const w of words) {
      if (name === w) score += 10;
      else if (name.split('.').includes(w)) score += 4;
      else if (name.includes(w)) score += 2;
      else if (title.includes(w)) score += 1;
      else {
        score = -1;
        break;
      }
    }
    // Shorter names are the more direct match; deprecated ones sink a little.
    if (score > 0) scored.push({ m, score: score - 0.5 * (name.split('.').length - 2) - (m.deprecated ? 0.25 : 0) });
  }
  return scored.sort((a, b) => b.score - a.score || a.m.name.localeCompare(b.m.name)).map((s) => s.m);
}
