/**
 * `site_rights`: a site's access rules as this workspace keeps them
 * (`.bitrix24/rights/<portal>/`), and what the connected portal says the
 * current user may do there. Read-only.
 */
import { parse as parseJsonc } from 'jsonc-parser';
import { capped, limitOf, limitProperty, type ToolContext, type ToolDefinition } from './tool-types';

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
    if (!chosen.length)
      lines.push(siteId ? `No rights file for site ${siteId} under .bitrix24/rights/.` : 'No rights files under .bitrix24/rights/ in this workspace.');
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
