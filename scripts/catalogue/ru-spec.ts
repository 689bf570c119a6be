/**
 * Reads the Russian edition's machine-readable spec: per-method scope,
 * deprecation flag and parameters, and the page-path → method map. It is
 * second evidence next to the English pages: for names on pages whose
 * heading lacks one, for scope disagreements, and for parameters when an
 * English page has no table.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ParamInfo } from '../../server/src/catalogue/types';

/** What the Russian spec says about one method. */
export interface RuMethod {
  method: string;
  /** Scope code; `basic` for the spec's "базовый"; undefined when the spec has none. */
  scope?: string;
  deprecated: boolean;
  /** Page path without extension, e.g. `/api-reference/crm/leads/crm-lead-add`. */
  page: string;
}

/** The loaded spec. */
export interface RuSpec {
  byName: Map<string, RuMethod>;
  /** Page path (no extension, leading slash) → method name. */
  pageToMethod: Map<string, string>;
  /** Parameters from the per-method file, read on demand. */
  params(method: string): ParamInfo[] | undefined;
}

interface RawIndex {
  methods: { method: string; scope: string | null; page: string; deprecated?: boolean }[];
}
interface RawParam {
  name: string;
  type: string;
  required: boolean | string;
  ref?: string;
}
interface RawMethod {
  params?: RawParam[];
  defs?: Record<string, { fields?: RawParam[] }>;
}

/** Loads the spec from its folder; an absent folder gives an empty spec. */
export function loadRuSpec(dir: string | undefined): RuSpec {
  const byName = new Map<string, RuMethod>();
  const pageToMethod = new Map<string, string>();
  if (!dir) return { byName, pageToMethod, params: () => undefined };
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as RawIndex;
  for (const m of index.methods) {
    const scope = m.scope === 'базовый' ? 'basic' : (m.scope ?? undefined);
    const page = m.page.replace(/\.html$/, '');
    byName.set(m.method.toLowerCase(), { method: m.method, scope, deprecated: Boolean(m.deprecated), page });
    pageToMethod.set(page, m.method);
  }
  const pagesFile = join(dir, 'pages.json');
  if (existsSync(pagesFile)) {
    const pages = JSON.parse(readFileSync(pagesFile, 'utf8')) as Record<string, string>;
    for (const [page, method] of Object.entries(pages)) if (!pageToMethod.has(page)) pageToMethod.set(page, method);
  }
  const params = (method: string): ParamInfo[] | undefined => {
    const file = join(dir, 'methods', `${method}.json`);
    if (!existsSync(file)) return undefined;
    const raw = JSON.parse(readFileSync(file, 'utf8')) as RawMethod;
    const conv = (p: RawParam, depth: number): ParamInfo => {
      const out: ParamInfo = { name: p.name, type: p.type || 'unknown', required: p.required === true };
      const ref = p.ref?.replace(/^#\/defs\//, '');
      const fields = ref ? raw.defs?.[ref]?.fields : undefined;
      if (fields && fields.length && depth < 2) out.fields = fields.map((f) => conv(f, depth + 1));
      return out;
    };
    return (raw.params ?? []).map((p) => conv(p, 0));
  };
  return { byName, pageToMethod, params };
}
