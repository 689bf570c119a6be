/**
 * The role file: the desired roles of one site type (section) of a portal,
 * kept in `.bitrix24/roles/<host>/<section>.json`. Role rights can be read
 * back from the portal (`landing.role.getRights`), so they are true desired
 * state compared with the portal at plan time. Who holds a role cannot be
 * read through REST, so `accessCodes` is `null` until this workspace sets it,
 * and `appliedAccessCodes` records what was last sent.
 */
import { getNodeValue, parseTree, ParseError, printParseErrorCode } from 'jsonc-parser';
import { parseAccessCode } from './access-codes';
import type { LandingSection } from './api';
import { isOperation, normaliseOperations, Operation, orderOperations, sameOperations } from './operations';
import { localize } from '../l10n/localize';
import { isRecord } from '../util/is-record';

export const ROLE_FILE_VERSION = 1;

/** Site key → operations: key `0` is the default for sites without their own entry. */
export type RoleRights = Record<string, Operation[]>;

export interface RoleEntry {
  id: number;
  title: string;
  xmlId: string;
  /** Who should hold the role; `null` leaves the holders as they are (never sent). */
  accessCodes: string[] | null;
  /** What this workspace last sent with setAccessCodes; `null` when it never has. */
  appliedAccessCodes: string[] | null;
  rights: RoleRights;
}

export interface RoleFile {
  version: typeof ROLE_FILE_VERSION;
  portal: string;
  section: LandingSection;
  /** When the roles were last imported from the portal. */
  importedAt: string | null;
  roles: RoleEntry[];
  extra: Record<string, unknown>;
}

export type ParsedRoleFile = { ok: true; file: RoleFile } | { ok: false; problems: string[] };

const SECTIONS: readonly LandingSection[] = ['SITE', 'KNOWLEDGE', 'GROUP', 'MAINPAGE'];
const KNOWN_KEYS = new Set(['version', 'portal', 'section', 'importedAt', 'roles']);

/** Whether `key` is a valid site key of a role's rights: `0` or a positive site id. */
export function isSiteKey(key: string): boolean {
  return /^(0|[1-9]\d*)$/.test(key);
}

/** Site keys in order: the default `0` first, then by id. */
export function sortRoleRights(rights: RoleRights): RoleRights {
  const out: RoleRights = {};
  for (const key of Object.keys(rights).sort((a, b) => Number(a) - Number(b))) out[key] = orderOperations(rights[key]);
  return out;
}

/** Equal as the portal stores them. */
export function sameRoleRights(a: RoleRights, b: RoleRights): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameOperations(orderOperations(a[k]), orderOperations(b[k])));
}

/** Equal as sets of codes. */
export function sameCodes(a: readonly string[], b: readonly string[]): boolean {
  const sa = [...new Set(a)].sort();
  const sb = [...new Set(b)].sort();
  return sa.length === sb.length && sa.every((c, i) => c === sb[i]);
}

/**
 * Reads `landing.role.getRights`'s answer: an object keyed by site id, or
 * `[]` (PHP's empty array) when the role has none. Operations are normalised
 * as for site rights, so a comparison sees what the portal applies.
 */
export function readRoleRights(result: unknown): RoleRights {
  if (!isRecord(result)) return {};
  const out: RoleRights = {};
  for (const [key, ops] of Object.entries(result)) {
    if (!isSiteKey(key) || !Array.isArray(ops)) continue;
    const known = ops.filter(isOperation);
    const norm = normaliseOperations(known);
    out[key] = known.length === 0 || !norm.ok ? [] : norm.ops;
  }
  return sortRoleRights(out);
}

function parseCodes(value: unknown, where: string, problems: string[]): string[] | null {
  if (value === null || value === undefined) return null;
  if (!Array.isArray(value)) {
    problems.push(localize('{0} must be null (holders not managed here) or a list of access codes, e.g. ["DR3", "U5"].', where));
    return null;
  }
  const codes: string[] = [];
  for (const c of value) {
    const parsed = typeof c === 'string' ? parseAccessCode(c) : undefined;
    if (!parsed || !parsed.ok) {
      problems.push(localize('{0}: {1}', where, parsed && !parsed.ok ? parsed.message : localize('{0} is not an access code.', JSON.stringify(c))));
      continue;
    }
    if (parsed.value.code !== c) problems.push(localize('{0}: write "{1}" instead of "{2}"; the portal matches codes exactly.', where, parsed.value.code, c));
    else if (codes.includes(c)) problems.push(localize('{0}: "{1}" appears twice; keep one.', where, c));
    else codes.push(c);
  }
  return codes.sort();
}

/** Validates a role's rights: site keys `0` or ids, each with a list of operations. */
export function parseRoleRights(value: unknown, where: string, problems: string[]): RoleRights {
  const rights: RoleRights = {};
  if (!isRecord(value)) {
    problems.push(localize('{0} must be an object of site key → operations, e.g. { "0": ["read"], "12": ["read", "edit"] }.', where));
    return rights;
  }
  for (const [key, ops] of Object.entries(value)) {
    if (!isSiteKey(key)) {
      problems.push(localize('{0}: "{1}" is not a site key; use "0" for the default or a site id.', where, key));
      continue;
    }
    if (!Array.isArray(ops)) {
      problems.push(localize('{0}.{1} must be a list of operations, e.g. ["read", "edit"].', where, key));
      continue;
    }
    const norm = normaliseOperations(ops);
    if (!norm.ok) problems.push(`${where}.${key}: ${norm.message}`);
    else rights[key] = norm.ops;
  }
  return sortRoleRights(rights);
}

function parseRole(value: unknown, index: number, problems: string[]): RoleEntry | undefined {
  const where = `roles[${index}]`;
  if (!isRecord(value)) {
    problems.push(localize('{0} must be an object with "id", "title", "accessCodes" and "rights".', where));
    return undefined;
  }
  const id = value.id;
  if (typeof id !== 'number' || !Number.isInteger(id) || id <= 0) problems.push(localize("{0}.id must be the role's positive whole-number id.", where));
  return {
    id: typeof id === 'number' ? id : 0,
    title: typeof value.title === 'string' ? value.title : '',
    xmlId: typeof value.xmlId === 'string' ? value.xmlId : '',
    accessCodes: parseCodes(value.accessCodes, `${where}.accessCodes`, problems),
    appliedAccessCodes: parseCodes(value.appliedAccessCodes, `${where}.appliedAccessCodes`, problems),
    rights: parseRoleRights(value.rights ?? {}, `${where}.rights`, problems),
  };
}

function position(text: string, e: ParseError): string {
  const before = text.slice(0, e.offset);
  const words = printParseErrorCode(e.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return localize('line {0}, column {1}: JSON syntax error ({2}).', before.split('\n').length, e.offset - before.lastIndexOf('\n'), words);
}

/** Parses a role file; every problem is reported, nothing is guessed. */
export function parseRoleFile(text: string): ParsedRoleFile {
  const syntax: ParseError[] = [];
  const tree = parseTree(text.replace(/^\uFEFF/, ''), syntax, { disallowComments: true, allowTrailingComma: false });
  if (syntax.length > 0 || !tree) return { ok: false, problems: syntax.length ? syntax.map((e) => position(text, e)) : [localize('The file is empty.')] };
  const value: unknown = getNodeValue(tree);
  if (!isRecord(value)) return { ok: false, problems: [localize('The file must hold one JSON object.')] };
  const problems: string[] = [];
  if (value.version !== ROLE_FILE_VERSION) problems.push(localize('"version" must be {0}.', ROLE_FILE_VERSION));
  if (typeof value.portal !== 'string' || value.portal === '') problems.push(localize('"portal" must be the portal host, e.g. "example.bitrix24.com".'));
  const section = SECTIONS.find((s) => s === value.section);
  if (!section) problems.push(localize('"section" must be one of {0}.', SECTIONS.join(', ')));
  if (!Array.isArray(value.roles)) problems.push(localize('"roles" must be a list of roles.'));
  const roles = (Array.isArray(value.roles) ? value.roles : []).map((r, i) => parseRole(r, i, problems)).filter((r): r is RoleEntry => r !== undefined);
  const ids = roles.map((r) => r.id);
  for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) problems.push(localize('Role {0} appears twice; keep one.', id));
  if (problems.length > 0) return { ok: false, problems };
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!KNOWN_KEYS.has(k)) extra[k] = v;
  return {
    ok: true,
    file: {
      version: ROLE_FILE_VERSION,
      portal: value.portal as string,
      section: section as LandingSection,
      importedAt: typeof value.importedAt === 'string' ? value.importedAt : null,
      roles,
      extra,
    },
  };
}

const codesJson = (codes: string[] | null) =>
  codes === null
    ? 'null'
    : `[${[...codes]
        .sort()
        .map((c) => JSON.stringify(c))
        .join(', ')}]`;

/** Role rights as JSON text, one site key per line; also the plan's diff sides. */
export function serialiseRoleRights(rights: RoleRights, indent = ''): string {
  const sorted = sortRoleRights(rights);
  const keys = Object.keys(sorted);
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${indent}  ${JSON.stringify(k)}: [${sorted[k].map((op) => JSON.stringify(op)).join(', ')}]`).join(',\n')}\n${indent}}`;
}

/** Deterministic layout (roles by id, sorted codes and keys) so git diffs stay small. */
export function serialiseRoleFile(file: RoleFile): string {
  const roles = [...file.roles]
    .sort((a, b) => a.id - b.id)
    .map((r) =>
      [
        '    {',
        `      "id": ${r.id},`,
        `      "title": ${JSON.stringify(r.title)},`,
        `      "xmlId": ${JSON.stringify(r.xmlId)},`,
        `      "accessCodes": ${codesJson(r.accessCodes)},`,
        `      "appliedAccessCodes": ${codesJson(r.appliedAccessCodes)},`,
        `      "rights": ${serialiseRoleRights(r.rights, '      ')}`,
        '    }',
      ].join('\n'),
    );
  const parts = [
    `  "version": ${file.version}`,
    `  "portal": ${JSON.stringify(file.portal)}`,
    `  "section": ${JSON.stringify(file.section)}`,
    `  "importedAt": ${JSON.stringify(file.importedAt)}`,
    `  "roles": ${roles.length ? `[\n${roles.join(',\n')}\n  ]` : '[]'}`,
  ];
  for (const key of Object.keys(file.extra).sort()) parts.push(`  ${JSON.stringify(key)}: ${JSON.stringify(file.extra[key], null, 2).replace(/\n/g, '\n  ')}`);
  return `{\n${parts.join(',\n')}\n}\n`;
}

/** Replaces one role (by id) in the file. */
export function withRole(file: RoleFile, role: RoleEntry): RoleFile {
  return { ...file, roles: file.roles.map((r) => (r.id === role.id ? role : r)) };
}

/** Sets (or with `ops` undefined removes) a role's rights for one site key. */
export function withRoleRight(role: RoleEntry, key: string, ops: Operation[] | undefined): RoleEntry {
  const rights = { ...role.rights };
  if (ops === undefined) delete rights[key];
  else rights[key] = orderOperations(ops);
  return { ...role, rights: sortRoleRights(rights) };
}

/** Sets who holds the role (sorted, unique). */
export function withAccessCodes(role: RoleEntry, codes: readonly string[]): RoleEntry {
  return { ...role, accessCodes: [...new Set(codes)].sort() };
}

/** Whether the desired holders differ from what this workspace last sent (always true before the first send). */
export function holdersPending(role: RoleEntry): boolean {
  return role.accessCodes !== null && (role.appliedAccessCodes === null || !sameCodes(role.accessCodes, role.appliedAccessCodes));
}
