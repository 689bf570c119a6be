/**
 * `explain_error` (what a Bitrix24 REST error means for this app and how to fix
 * it) and `site_rights` (a site's configured access rules, and what the portal
 * says the current user may do there — read-only).
 */
import { parse as parseJsonc } from 'jsonc-parser';
import { explainInput, formatExplanations, type ExplainContext } from '../explain/explain';
import { resolveInWorkspace } from './workspace-tools';
import { capped, limitOf, limitProperty, ToolInputError, type ToolContext, type ToolDefinition } from './tool-types';

export const explainError: ToolDefinition = {
  name: 'explain_error',
  title: 'Explain a Bitrix24 REST error',
  description:
    'Explains a Bitrix24 REST API error and gives the concrete fix: paste the JSON body the portal returned, a batch answer or its result_error map, ' +
    'a log line, or just the code (insufficient_scope, ACCESS_DENIED, METHOD_CONFIRM_WAITING, WRONG_AUTH_TYPE, expired_token, QUERY_LIMIT_EXCEEDED, ' +
    'OPERATION_TIME_LIMIT, BITRIX_REST_V3_EXCEPTION_*, …). With the method it tells which scope is missing (compared with this workspace’s manifest and, ' +
    'when a portal is connected, its granted scopes), whether it is a user right instead, and what to change. Offline.',
  inputSchema: {
    type: 'object',
    properties: {
      error: { type: 'string', description: 'The error: JSON body, batch result_error map, log text or the bare code.', maxLength: 100_000 },
      method: { type: 'string', description: 'The method that failed, e.g. "crm.lead.add" (errors never name it themselves, except in a batch with its cmd).', maxLength: 200 },
      manifest: { type: 'string', description: 'Manifest to compare with, relative to the workspace root (default: the first one).', maxLength: 1000 },
      limit: limitProperty,
    },
    required: ['error'],
    additionalProperties: false,
  },
  async run(input, ctx) {
    const ectx = await explainContext(ctx, typeof input.method === 'string' ? input.method.trim() || undefined : undefined, input.manifest);
    const result = explainInput(String(input.error), ectx);
    if (!result.explanations.length) throw new ToolInputError(`explain_error: ${result.problem ?? 'nothing to explain.'}`);
    return { text: formatExplanations(result, limitOf(input)) };
  },
};

/** What the engine may know around an error, from the tool context. */
export async function explainContext(ctx: ToolContext, method: string | undefined, manifestPath: unknown): Promise<ExplainContext> {
  const index = ctx.workspace;
  const only = resolveInWorkspace(ctx, manifestPath, 'manifest');
  const state = index ? (only ? index.manifests().find((m) => m.file === only) : index.manifests()[0]) : undefined;
  if (only && !state) throw new ToolInputError(`manifest "${String(manifestPath)}" is not a manifest of this workspace.`);
  const scopes = state?.parsed.manifest.scopes;
  const facts = await ctx.portal?.facts().catch(() => undefined);
  return {
    method,
    catalogue: ctx.catalogue,
    manifest: state && scopes ? { label: index!.label(state.file), scopes: scopes.map((s) => s.code), kind: state.parsed.manifest.kind } : undefined,
    portal: facts ? { scopes: facts.scopes, admin: facts.admin, auth: facts.auth } : undefined,
    now: ctx.now(),
  };
}

/** One site's rules as a rights file keeps them. */
interface SiteRules {
  file: string;
  portal: string;
  site: { id: number; title: string; type: string };
  rules: Record<string, string[]>;
  pending: boolean;
}

export const siteRights: ToolDefinition = {
  name: 'site_rights',
  title: 'Bitrix24 site access rights (read-only)',
  description:
    'Reads the access rules of Bitrix24 sites (landing): the rules this workspace keeps in .bitrix24/rights/<portal>/ per site (access code → operations ' +
    'read, edit, sett, public, delete), whether they differ from what was last applied, and, when a portal is connected, what the portal says the current ' +
    'user may do on the site (landing.site.getRights). Never changes anything.',
  inputSchema: {
    type: 'object',
    properties: {
      siteId: { type: 'integer', description: 'One site’s id (default: every site with a rights file).', minimum: 1 },
      limit: limitProperty,
    },
    additionalProperties: false,
  },
  readsPortal: true,
  async run(input, ctx) {
    const files = await rightsFiles(ctx);
    const siteId = typeof input.siteId === 'number' ? input.siteId : undefined;
    const chosen = siteId ? files.filter((f) => f.site.id === siteId) : files;
    const lines: string[] = [];
    if (!chosen.length) lines.push(siteId ? `No rights file for site ${siteId} under .bitrix24/rights/.` : 'No rights files under .bitrix24/rights/ in this workspace.');
    lines.push(
      ...capped(
        chosen,
        limitOf(input),
        (f) =>
          [
            `Site ${f.site.id} “${f.site.title}” on ${f.portal} (${f.file})${f.pending ? ' — changed since the last apply' : ''}:`,
            ...(Object.keys(f.rules).length ? Object.entries(f.rules).map(([code, ops]) => `  ${code}: ${ops.join(', ') || 'no operations'}`) : ['  no rules']),
          ].join('\n'),
        'pass a "siteId".',
      ),
    );
    if (siteId && ctx.portal) {
      const facts = await ctx.portal.facts().catch(() => undefined);
      try {
        const answer = await ctx.portal.siteRights(siteId, chosen[0]?.site.type);
        lines.push(`The portal${facts ? ` (${facts.portal})` : ''} says the current user may: ${answer.operations.join(', ') || 'nothing'} on site ${siteId}.`);
      } catch (err) {
        lines.push(`The portal did not answer landing.site.getRights for site ${siteId}: ${err instanceof Error ? err.message : String(err)}`);
      }
    } else if (siteId) lines.push('No portal connected: only the rights files were read.');
    return { text: lines.join('\n') };
  },
};

/** Every readable rights file under `.bitrix24/rights/<host>/` of each root; unreadable ones are skipped. */
async function rightsFiles(ctx: ToolContext): Promise<SiteRules[]> {
  const out: SiteRules[] = [];
  if (!ctx.readFile || !ctx.listDir) return out;
  for (const root of ctx.roots) {
    const base = `${root}/.bitrix24/rights`;
    for (const host of await ctx.listDir(base)) {
      for (const name of (await ctx.listDir(`${base}/${host}`)).filter((n) => n.endsWith('.json')).sort()) {
        const text = await ctx.readFile(`${base}/${host}/${name}`);
        const parsed = text === undefined ? undefined : readRules(text);
        if (parsed) out.push({ ...parsed, file: `.bitrix24/rights/${host}/${name}` });
      }
    }
  }
  return out.sort((a, b) => a.site.id - b.site.id);
}

function readRules(text: string): Omit<SiteRules, 'file'> | undefined {
  const v = parseJsonc(text) as unknown;
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as { portal?: unknown; site?: { id?: unknown; title?: unknown; type?: unknown }; rules?: unknown; lastApplied?: { rules?: unknown } | null };
  const id = Number(r.site?.id);
  if (!Number.isInteger(id)) return undefined;
  const rules = opsMap(r.rules);
  const applied = r.lastApplied ? opsMap(r.lastApplied.rules) : undefined;
  return {
    portal: typeof r.portal === 'string' ? r.portal : 'unknown portal',
    site: { id, title: typeof r.site?.title === 'string' ? r.site.title : '', type: typeof r.site?.type === 'string' ? r.site.type : 'PAGE' },
    rules,
    pending: !applied || JSON.stringify(sorted(applied)) !== JSON.stringify(sorted(rules)),
  };
}

function opsMap(v: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (typeof v !== 'object' || v === null) return out;
  for (const [code, ops] of Object.entries(v)) out[code] = Array.isArray(ops) ? ops.filter((o): o is string => typeof o === 'string') : [];
  return out;
}

function sorted(r: Record<string, string[]>): [string, string[]][] {
  return Object.entries(r)
    .map(([k, v]) => [k, [...v].sort()] as [string, string[]])
    .sort(([a], [b]) => a.localeCompare(b));
}
