/**
 * The rights file: the desired access rules of one site, kept in the
 * workspace because the portal cannot return a site's full rule set.
 * Parsing reports every problem with its place and never guesses, so a
 * broken file is shown to the user rather than overwritten; serialising is
 * deterministic (fixed key order, sorted rules, one rule per line) for git.
 */
import { getNodeValue, Node, parseTree, ParseError, printParseErrorCode } from 'jsonc-parser';
import { compareAccessCodes, parseAccessCode } from './access-codes';
import { normaliseOperations, Operation, orderOperations } from './operations';
import { localize } from '../l10n/localize';
import { isRecord } from '../util/is-record';

export const RIGHTS_FILE_VERSION = 1;

/** Access code → operations, normalised the way the portal stores them. */
export type RulesSet = Record<string, Operation[]>;

export interface SiteInfo {
  id: number;
  code: string;
  title: string;
  /** `PAGE`, `STORE`, `KNOWLEDGE`, ... — decides the landing `scope` parameter. */
  type: string;
}

export interface AppliedRules {
  /** ISO time of the apply. */
  at: string;
  rules: RulesSet;
}

export interface RightsFile {
  version: typeof RIGHTS_FILE_VERSION;
  /** Portal host, e.g. `example.bitrix24.com`. */
  portal: string;
  site: SiteInfo;
  /** The desired rule set: what the next apply sends. */
  rules: RulesSet;
  /** What this workspace last applied; `null` before the first apply. */
  lastApplied: AppliedRules | null;
  /** Top-level fields this version does not know, written back unchanged. */
  extra: Record<string, unknown>;
}

export type ParsedRightsFile = { ok: true; file: RightsFile; notes: string[] } | { ok: false; problems: string[] };

const KNOWN_KEYS = new Set(['version', 'portal', 'site', 'rules', 'lastApplied']);

/** A fresh file for a site with no rules yet. */
export function newRightsFile(portal: string, site: SiteInfo): RightsFile {
  return { version: RIGHTS_FILE_VERSION, portal, site: { ...site }, rules: {}, lastApplied: null, extra: {} };
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return localize('line {0}, column {1}', line, column);
}

function syntaxMessage(text: string, e: ParseError): string {
  const words = printParseErrorCode(e.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return localize('{0}: JSON syntax error ({1}).', lineColumn(text, e.offset), words);
}

/** Duplicate keys would silently lose all but the last rule, so they are an error. */
function duplicateKeys(text: string, node: Node | undefined, out: string[]): void {
  if (!node) return;
  if (node.type === 'object') {
    const seen = new Set<string>();
    for (const prop of node.children ?? []) {
      const key = prop.children?.[0];
      if (key && typeof key.value === 'string') {
        if (seen.has(key.value)) out.push(localize('{0}: "{1}" appears twice; keep one.', lineColumn(text, key.offset), key.value));
        seen.add(key.value);
      }
    }
  }
  for (const child of node.children ?? []) duplicateKeys(text, child, out);
}

/** Validates and normalises a rules object; `where` names it in messages. */
export function parseRules(value: unknown, where: string, problems: string[], notes: string[]): RulesSet {
  const rules: RulesSet = {};
  if (!isRecord(value)) {
    problems.push(localize('{0} must be an object of access code → list of operations, e.g. { "AU": ["read"] }.', where));
    return rules;
  }
  for (const [code, ops] of Object.entries(value)) {
    const parsed = parseAccessCode(code);
    if (!parsed.ok) {
      problems.push(`${where}: ${parsed.message}`);
      continue;
    }
    if (parsed.value.code !== code) {
      problems.push(localize('{0}: write "{1}" instead of "{2}"; the portal matches codes exactly.', where, parsed.value.code, code));
      continue;
    }
    if (!Array.isArray(ops)) {
      problems.push(localize('{0}.{1} must be a list of operations, e.g. ["read", "edit"].', where, code));
      continue;
    }
    const norm = normaliseOperations(ops, code);
    if (!norm.ok) {
      problems.push(`${where}.${code}: ${norm.message}`);
      continue;
    }
    notes.push(...norm.notes.map((n) => `${where}.${code}: ${n}`));
    rules[code] = norm.ops;
  }
  return rules;
}

function parseSite(value: unknown, problems: string[]): SiteInfo {
  const site: SiteInfo = { id: 0, code: '', title: '', type: 'PAGE' };
  if (!isRecord(value)) {
    problems.push(localize('"site" must be an object with "id", "code", "title" and "type".'));
    return site;
  }
  if (typeof value.id === 'number' && Number.isInteger(value.id) && value.id > 0) site.id = value.id;
  else problems.push(localize('"site.id" must be the site\'s positive whole-number id.'));
  for (const key of ['code', 'title', 'type'] as const) {
    const v = value[key];
    if (typeof v === 'string') site[key] = v;
    else if (v !== undefined || key !== 'type') problems.push(localize('"site.{0}" must be a string.', key));
  }
  return site;
}

function parseApplied(value: unknown, problems: string[]): AppliedRules | null {
  if (value === null || value === undefined) return null;
  if (!isRecord(value) || typeof value.at !== 'string') {
    problems.push(localize('"lastApplied" must be null or { "at": "<time>", "rules": { ... } }.'));
    return null;
  }
  return { at: value.at, rules: parseRules(value.rules, 'lastApplied.rules', problems, []) };
}

/** Far deeper than any rights file (which nests four levels); deeper input would overflow the parser's stack. */
const MAX_DEPTH = 64;

/** The offset where nesting first exceeds `max` levels (strings skipped), if it does. */
function tooDeepAt(text: string, max: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return undefined;
}

/**
 * Parses a rights file; on any problem returns them all (with line/column for
 * syntax). Never throws. A leading byte order mark (Windows editors write one)
 * is ignored.
 */
export function parseRightsFile(input: string): ParsedRightsFile {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const deep = tooDeepAt(text, MAX_DEPTH);
  if (deep !== undefined)
    return { ok: false, problems: [localize('{0}: nested more than {1} levels deep; a rights file needs four.', lineColumn(text, deep), MAX_DEPTH)] };
  const syntax: ParseError[] = [];
  const tree = parseTree(text, syntax, { disallowComments: true, allowTrailingComma: false });
  if (syntax.length > 0 || !tree) {
    return { ok: false, problems: syntax.length ? syntax.map((e) => syntaxMessage(text, e)) : [localize('The file is empty.')] };
  }
  const problems: string[] = [];
  duplicateKeys(text, tree, problems);
  const value: unknown = getNodeValue(tree);
  if (!isRecord(value)) return { ok: false, problems: [localize('The file must hold one JSON object.')] };
  if (value.version !== RIGHTS_FILE_VERSION) {
    problems.push(
      typeof value.version === 'number' && value.version > RIGHTS_FILE_VERSION
        ? localize('"version" {0} is newer than this extension understands ({1}); update the extension.', value.version, RIGHTS_FILE_VERSION)
        : localize('"version" must be {0}.', RIGHTS_FILE_VERSION),
    );
  }
  if (typeof value.portal !== 'string' || value.portal === '') problems.push(localize('"portal" must be the portal host, e.g. "example.bitrix24.com".'));
  const site = parseSite(value.site, problems);
  const notes: string[] = [];
  const rules = parseRules(value.rules ?? {}, 'rules', problems, notes);
  const lastApplied = parseApplied(value.lastApplied, problems);
  if (problems.length > 0) return { ok: false, problems };
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!KNOWN_KEYS.has(k)) extra[k] = v;
  return {
    ok: true,
    file: { version: RIGHTS_FILE_VERSION, portal: value.portal as string, site, rules, lastApplied, extra },
    notes,
  };
}

/**
 * Why a file must not be used with the connected portal `host` (whose folder
 * it was read from): its `"portal"` names another host, as when a folder is
 * copied to replicate rules. Rights files and role files both go through it. Applying it would confirm one host, send to
 * another and save the result into the first one's folder.
 */
export function portalMismatch(file: Pick<RightsFile, 'portal'>, host: string): string | undefined {
  const own = file.portal
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
  const connected = host.toLowerCase();
  if (own === connected) return undefined;
  return (
    localize('"portal" is "{0}", but the file is in the folder of {1}, the connected portal. ', file.portal, connected) +
    localize('Nothing is sent while they disagree. To use these rules on {0}, change "portal" to "{1}"; ', connected, connected) +
    localize('to work on {0}, connect to it and use its folder.', own || localize('the other portal'))
  );
}

/** Rules sorted broad to narrow with operations in the portal's order. */
export function sortRules(rules: RulesSet): RulesSet {
  const out: RulesSet = {};
  for (const code of Object.keys(rules).sort(compareAccessCodes)) out[code] = orderOperations(rules[code]);
  return out;
}

/** A rule set as JSON text in the file's layout (one rule per line); also used for plan diffs. */
export function serialiseRules(rules: RulesSet, indent = ''): string {
  const sorted = sortRules(rules);
  const codes = Object.keys(sorted);
  if (codes.length === 0) return '{}';
  const lines = codes.map((c) => `${indent}  ${JSON.stringify(c)}: [${sorted[c].map((op) => JSON.stringify(op)).join(', ')}]`);
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

/** Serialises with a fixed layout so the same content always gives the same bytes. */
export function serialiseRightsFile(file: RightsFile): string {
  const s = file.site;
  const parts = [
    `  "version": ${file.version}`,
    `  "portal": ${JSON.stringify(file.portal)}`,
    `  "site": { "id": ${s.id}, "code": ${JSON.stringify(s.code)}, "title": ${JSON.stringify(s.title)}, "type": ${JSON.stringify(s.type)} }`,
    `  "rules": ${serialiseRules(file.rules, '  ')}`,
    file.lastApplied
      ? `  "lastApplied": {\n    "at": ${JSON.stringify(file.lastApplied.at)},\n    "rules": ${serialiseRules(file.lastApplied.rules, '    ')}\n  }`
      : '  "lastApplied": null',
  ];
  for (const key of Object.keys(file.extra).sort()) {
    const json = JSON.stringify(file.extra[key], null, 2).replace(/\n/g, '\n  ');
    parts.push(`  ${JSON.stringify(key)}: ${json}`);
  }
  return `{\n${parts.join(',\n')}\n}\n`;
}

/** Sets one code's operations (already normalised). */
export function withRule(file: RightsFile, code: string, ops: Operation[]): RightsFile {
  return { ...file, rules: sortRules({ ...file.rules, [code]: ops }) };
}

/** Removes one code. */
export function withoutRule(file: RightsFile, code: string): RightsFile {
  const rules = { ...file.rules };
  delete rules[code];
  return { ...file, rules };
}

/** Records a successful apply of `rules` at `at`; the desired set becomes `rules` too. */
export function markApplied(file: RightsFile, rules: RulesSet, at: string): RightsFile {
  const sorted = sortRules(rules);
  return { ...file, rules: sorted, lastApplied: { at, rules: sorted } };
}

/** Whether two rule sets are equal as the portal sees them. */
export function sameRules(a: RulesSet, b: RulesSet): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  return ka.every((k) => {
    const x = orderOperations(a[k]);
    const y = orderOperations(b[k]);
    return x.length === y.length && x.every((op, i) => op === y[i]);
  });
}

/** Whether the desired rules differ from what was last applied (always true before the first apply). */
export function hasPendingChanges(file: RightsFile): boolean {
  return file.lastApplied === null || !sameRules(file.rules, file.lastApplied.rules);
}
