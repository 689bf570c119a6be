/**
 * Sites: `landing.site.getList` rows and `landing.site.add`.
 */
import { applyFilter, sortRows } from './list-query';
import { canView } from './operations';
import { landingError, missingParams } from './rest-error';
import { isSiteType, sectionOfType, typesOfSection } from './sections';
import { siteOperationsFor } from './site-rights';
import type { PortalState, Section, Site, User } from './types';
import { isRecord } from '../util/is-record';

const BASE_FIELDS = [
  'ID',
  'TITLE',
  'CODE',
  'TYPE',
  'ACTIVE',
  'DELETED',
  'DESCRIPTION',
  'XML_ID',
  'DOMAIN_ID',
  'LANG',
  'TPL_ID',
  'LANDING_ID_INDEX',
  'LANDING_ID_404',
  'LANDING_ID_503',
  'CREATED_BY_ID',
  'MODIFIED_BY_ID',
  'DATE_CREATE',
  'DATE_MODIFY',
];
/** Fields computed on request only; `*` does not include them. */
const CALCULATED_FIELDS = ['DOMAIN_NAME', 'PUBLIC_URL', 'PREVIEW_PICTURE', 'PHONE'];

export interface SiteListParams {
  select?: unknown;
  filter?: unknown;
  order?: unknown;
  limit?: unknown;
  offset?: unknown;
}

/**
 * `landing.site.getList`: the sites of `section` the user may view, shaped by
 * `params`. Trashed sites are left out unless the filter names `DELETED`;
 * the `TYPE` filter is narrowed to the types the section allows.
 */
export function listSites(state: PortalState, user: User, section: Section, params: SiteListParams): Record<string, unknown>[] {
  const filter: Record<string, unknown> = isRecord(params.filter) ? { ...params.filter } : {};
  if (!('DELETED' in filter) && !('=DELETED' in filter)) filter.DELETED = 'N';
  const allowed = typesOfSection(section);
  let typeFilter: unknown = filter['=TYPE'] ?? filter.TYPE;
  delete filter.TYPE;
  delete filter['=TYPE'];
  if (typeFilter === 'STORE') typeFilter = ['STORE', 'SMN'];
  const types =
    typeof typeFilter === 'string' && allowed.includes(typeFilter as never)
      ? [typeFilter]
      : Array.isArray(typeFilter) && typeFilter.every((t) => allowed.includes(t))
        ? typeFilter
        : allowed;

  let sites = state.sites.filter((s) => types.includes(s.type));
  sites = sites.filter((s) => canView(siteOperationsFor(state, user, section, s.id)) || (s.deleted && user.admin));
  let rows = sites.map((s) => siteRow(s));
  rows = applyFilter(rows, filter, (row, field) => row[field]);
  if (isRecord(params.order)) {
    for (const [field, dir] of Object.entries(params.order).reverse()) rows = sortRows(rows, field, String(dir), (row, f) => row[f]);
  }
  const offset = toInt(params.offset) ?? 0;
  const limit = toInt(params.limit);
  rows = rows.slice(offset, limit !== undefined ? offset + limit : undefined);
  const select = Array.isArray(params.select) ? params.select.map(String) : ['*'];
  return rows.map((row) => pick(row, select));
}

/** Every field of a site as `landing.site.getList` prints it. */
export function siteRow(site: Site): Record<string, unknown> {
  const date = formatPortalDate(site.dateCreate);
  return {
    ID: String(site.id),
    TITLE: site.title,
    CODE: `/${site.code}/`,
    TYPE: site.type,
    ACTIVE: site.active ? 'Y' : 'N',
    DELETED: site.deleted ? 'Y' : 'N',
    DESCRIPTION: site.description,
    XML_ID: site.xmlId,
    DOMAIN_ID: String(site.id),
    LANG: site.lang,
    TPL_ID: '0',
    LANDING_ID_INDEX: null,
    LANDING_ID_404: null,
    LANDING_ID_503: null,
    CREATED_BY_ID: String(site.createdById),
    MODIFIED_BY_ID: String(site.createdById),
    DATE_CREATE: date,
    DATE_MODIFY: date,
    DOMAIN_NAME: site.domainName,
    PUBLIC_URL: `https://${site.domainName}${sectionOfType(site.type) === 'SITE' ? '/' : `/knowledge/${site.code}/`}`,
    PREVIEW_PICTURE: '',
    PHONE: null,
  };
}

/**
 * `landing.site.add`: creates an unpublished site and returns its id. The
 * type must belong to the section chosen by `scope`; a code made of digits
 * gets the `site` prefix, and a taken code a numeric suffix.
 */
export function addSite(state: PortalState, user: User, section: Section, fields: unknown, now: number): number {
  if (!isRecord(fields)) throw missingParams('fields');
  if (!user.admin && user.sitesAccess !== 'full') throw landingError('ACCESS_DENIED', 'Access denied.');
  const title = typeof fields.TITLE === 'string' ? fields.TITLE.trim() : '';
  if (title === '') throw missingParams('fields[TITLE]');
  const type = fields.TYPE === undefined || fields.TYPE === '' ? 'PAGE' : fields.TYPE;
  if (!isSiteType(type) || !typesOfSection(section).includes(type)) throw landingError('ACCESS_DENIED', 'Access denied.');
  const requested = typeof fields.CODE === 'string' ? fields.CODE.trim().replace(/^\/+|\/+$/g, '') : '';
  if (requested.includes('/')) throw landingError('SLASH_IS_NOT_ALLOWED', 'A slash is not allowed in the site address.');
  const code = uniqueCode(state, section, slug(requested) || slug(title) || 'site');
  const id = Math.max(0, ...state.sites.map((s) => s.id)) + 1;
  const domainName = domainFor(state, fields.DOMAIN_ID, `${code}-${id}.demo-sites.local`);
  state.sites.push({
    id,
    title: title.slice(0, 255),
    code,
    type,
    active: false,
    deleted: false,
    description: typeof fields.DESCRIPTION === 'string' ? fields.DESCRIPTION.slice(0, 255) : '',
    xmlId: typeof fields.XML_ID === 'string' ? fields.XML_ID.slice(0, 255) : '',
    domainName,
    lang: 'en',
    createdById: user.id,
    dateCreate: new Date(now).toISOString(),
    rights: {},
  });
  return id;
}

/**
 * `landing.site.delete`: removes a site of the section for good (the demo
 * has no pages, so every site counts as empty). Needs the `delete` operation.
 */
export function deleteSite(state: PortalState, user: User, section: Section, siteId: number): boolean {
  const ops = siteOperationsFor(state, user, section, siteId);
  if (!canView(ops) || !ops.includes('delete')) throw landingError('ACCESS_DENIED', 'Access denied.');
  state.sites = state.sites.filter((s) => s.id !== siteId);
  return true;
}

function domainFor(state: PortalState, requested: unknown, generated: string): string {
  if (typeof requested !== 'string' || requested.trim() === '') return generated;
  const domain = requested.trim().toLowerCase();
  if (!/^[a-z0-9.-]+$/.test(domain)) {
    throw landingError('DOMAIN_IS_INCORRECT', 'The site address may only contain a-z, 0-9, "-" and ".".');
  }
  if (domain.includes('bitrix')) throw landingError('DOMAIN_DISABLE', 'The word bitrix cannot be used in the site address.');
  if (state.sites.some((s) => s.domainName === domain)) throw landingError('DOMAIN_EXIST', 'This site address is already taken.');
  return domain;
}

function uniqueCode(state: PortalState, section: Section, base: string): string {
  const code = /^\d+$/.test(base) ? `site${base}` : base;
  const taken = new Set(state.sites.filter((s) => sectionOfType(s.type) === section).map((s) => s.code));
  if (!taken.has(code)) return code;
  let n = 2;
  while (taken.has(`${code}${n}`)) n++;
  return `${code}${n}`;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
}

function pick(row: Record<string, unknown>, select: string[]): Record<string, unknown> {
  const fields = new Set(['ID', 'TYPE']);
  for (const f of select) {
    if (f === '*') BASE_FIELDS.forEach((b) => fields.add(b));
    else if (BASE_FIELDS.includes(f.toUpperCase()) || CALCULATED_FIELDS.includes(f.toUpperCase())) fields.add(f.toUpperCase());
  }
  return Object.fromEntries([...BASE_FIELDS, ...CALCULATED_FIELDS].filter((f) => fields.has(f)).map((f) => [f, row[f]]));
}

/** Dates in the portal's default English format, e.g. `04/20/2020 12:48:10 pm`. */
function formatPortalDate(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  const h = d.getUTCHours();
  return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()} ${p(h % 12 || 12)}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${h < 12 ? 'am' : 'pm'}`;
}

function toInt(v: unknown): number | undefined {
  const n = Number.parseInt(String(v ?? ''), 10);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}
