/**
 * One-pass structural check of catalogue data (the same rules as
 * catalogue.schema.json, plus cross-checks a schema cannot express: unique
 * names per version and known scope codes). Run once when a Catalogue is
 * created, so accessors can trust the data afterwards.
 */
import type { CatalogueData, RussianCatalogueData } from './types';
import { isRecord } from '../util/is-record';

type Obj = Record<string, unknown>;

const isStr = (v: unknown): v is string => typeof v === 'string';
const WHO_CLASSES = new Set(['any', 'admin', 'permission', 'depends', 'unknown']);

function checkRequirement(r: unknown, where: string, errors: string[]): string[] {
  if (!isRecord(r)) {
    errors.push(`${where}: requirement is not an object`);
    return [];
  }
  switch (r.kind) {
    case 'basic':
      return [];
    case 'scope':
      if (!isStr(r.scope) || !r.scope) errors.push(`${where}: scope requirement without a code`);
      return isStr(r.scope) ? [r.scope] : [];
    case 'anyOf':
    case 'allOf':
      if (!Array.isArray(r.scopes) || r.scopes.length < 2 || !r.scopes.every(isStr)) {
        errors.push(`${where}: ${r.kind} needs at least two scope codes`);
        return [];
      }
      return r.scopes as string[];
    case 'unknown':
      if (!isStr(r.reason) || !r.reason) errors.push(`${where}: unknown requirement without a reason`);
      return [];
    default:
      errors.push(`${where}: requirement kind ${String(r.kind)} is not known`);
      return [];
  }
}

function checkParams(ps: unknown, where: string, errors: string[], depth = 0): void {
  if (!Array.isArray(ps)) {
    errors.push(`${where}: params is not an array`);
    return;
  }
  for (const p of ps) {
    if (!isRecord(p) || !isStr(p.name) || !isStr(p.type) || typeof p.required !== 'boolean') {
      errors.push(`${where}: malformed parameter ${JSON.stringify(p).slice(0, 80)}`);
      continue;
    }
    if (p.fields !== undefined) checkParams(p.fields, `${where}.${p.name}`, errors, depth + 1);
  }
}

/** The edition disagreement of an entry, when it has one. */
function checkEditions(x: Obj, where: string, errors: string[]): void {
  if (x.editions !== undefined) {
    const ed = x.editions;
    if (!isRecord(ed) || !isRecord(ed.en) || !isRecord(ed.ru)) errors.push(`${where}: editions needs en and ru`);
    else for (const k of ['en', 'ru'] as const) checkRequirement((ed[k] as Obj).requirement, `${where} (${k} edition)`, errors);
  }
}

/** Returns a list of problems; empty when the data is a valid catalogue. */
export function validateCatalogue(data: unknown): string[] {
  const errors: string[] = [];
  if (!isRecord(data)) return ['catalogue is not an object'];
  if (!isStr(data.$schema)) errors.push('$schema missing');
  if (!isStr(data.generated) || !/^\d{4}-\d{2}-\d{2}$/.test(data.generated)) errors.push('generated is not a YYYY-MM-DD date');
  if (!Array.isArray(data.sources)) errors.push('sources is not an array');
  if (!Array.isArray(data.methods) || !Array.isArray(data.scopes) || !Array.isArray(data.events) || !Array.isArray(data.placements)) {
    return [...errors, 'methods, scopes, events and placements must be arrays'];
  }
  const codes = new Set<string>();
  for (const s of data.scopes) {
    if (!isRecord(s) || !isStr(s.code) || !isStr(s.tool)) errors.push(`malformed scope ${JSON.stringify(s).slice(0, 80)}`);
    else if (codes.has(s.code)) errors.push(`duplicate scope ${s.code}`);
    else codes.add(s.code);
  }
  const seen = new Set<string>();
  for (const m of data.methods) {
    if (!isRecord(m) || !isStr(m.name) || !m.name) {
      errors.push(`malformed method ${JSON.stringify(m).slice(0, 80)}`);
      continue;
    }
    const where = `${m.name} v${String(m.version)}`;
    if (m.version !== 2 && m.version !== 3) errors.push(`${where}: version must be 2 or 3`);
    const key = `${m.name.toLowerCase()} ${String(m.version)}`;
    if (seen.has(key)) errors.push(`${where}: duplicate method`);
    seen.add(key);
    for (const c of checkRequirement(m.requirement, where, errors)) {
      if (!codes.has(c)) errors.push(`${where}: scope code ${c} is not in the scope table`);
    }
    if (!isStr(m.who)) errors.push(`${where}: who is not a string`);
    if (!isStr(m.whoClass) || !WHO_CLASSES.has(m.whoClass)) errors.push(`${where}: whoClass ${String(m.whoClass)} is not known`);
    if (!isStr(m.url) || !m.url.startsWith('https://')) errors.push(`${where}: url must be an https URL`);
    if (!isStr(m.title)) errors.push(`${where}: title is not a string`);
    for (const f of ['deprecated', 'superseded', 'adminConfirm', 'appOnly'] as const) {
      if (m[f] !== undefined && typeof m[f] !== 'boolean') errors.push(`${where}: ${f} must be boolean`);
    }
    if (m.replacement !== undefined && !isStr(m.replacement)) errors.push(`${where}: replacement must be a string`);
    checkParams(m.params, where, errors);
    checkEditions(m, where, errors);
  }
  const seenEvents = new Set<string>();
  for (const e of data.events) {
    if (!isRecord(e) || !isStr(e.name) || !e.name || !isStr(e.url) || !isStr(e.title) || !isStr(e.who)) {
      errors.push(`malformed event ${JSON.stringify(e).slice(0, 80)}`);
      continue;
    }
    const where = `event ${e.name}`;
    if (seenEvents.has(e.name.toLowerCase())) errors.push(`${where}: duplicate event`);
    seenEvents.add(e.name.toLowerCase());
    for (const c of checkRequirement(e.requirement, where, errors)) if (!codes.has(c)) errors.push(`${where}: scope code ${c} is not in the scope table`);
    checkEditions(e, where, errors);
  }
  const seenPlacements = new Set<string>();
  for (const p of data.placements) {
    if (!isRecord(p) || !isStr(p.code) || !p.code || !isStr(p.url) || !isStr(p.title)) {
      errors.push(`malformed placement ${JSON.stringify(p).slice(0, 80)}`);
      continue;
    }
    const where = `placement ${p.code}`;
    if (seenPlacements.has(p.code.toLowerCase())) errors.push(`${where}: duplicate placement`);
    seenPlacements.add(p.code.toLowerCase());
    for (const f of ['template', 'deprecated'] as const) if (p[f] !== undefined && typeof p[f] !== 'boolean') errors.push(`${where}: ${f} must be boolean`);
    for (const c of checkRequirement(p.requirement, where, errors)) if (!codes.has(c)) errors.push(`${where}: scope code ${c} is not in the scope table`);
    checkEditions(p, where, errors);
  }
  return errors;
}

/** Narrows after validation; throws with the first problems when invalid. */
export function assertCatalogue(data: unknown): asserts data is CatalogueData {
  const errors = validateCatalogue(data);
  if (errors.length) throw new Error(`invalid catalogue: ${errors.slice(0, 5).join('; ')}${errors.length > 5 ? ` (+${errors.length - 5} more)` : ''}`);
}

/** Problems of catalogue.ru.json data; empty when valid. */
export function validateRussian(data: unknown): string[] {
  if (!isRecord(data)) return ['Russian catalogue is not an object'];
  const errors: string[] = [];
  for (const k of ['methods', 'events', 'placements'] as const) {
    const map = data[k];
    if (!isRecord(map)) {
      errors.push(`${k} is not an object`);
      continue;
    }
    for (const [key, f] of Object.entries(map)) {
      if (!isRecord(f) || !isStr(f.title) || (f.who !== undefined && !isStr(f.who)) || (f.url !== undefined && !isStr(f.url)))
        errors.push(`${k} ${key}: malformed Russian facts`);
    }
  }
  if (!isRecord(data.scopes) || !Object.values(data.scopes).every(isStr)) errors.push('scopes must map codes to tool names');
  return errors;
}

/** Narrows after validation; throws with the first problems when invalid. */
export function assertRussian(data: unknown): asserts data is RussianCatalogueData {
  const errors = validateRussian(data);
  if (errors.length) throw new Error(`invalid Russian catalogue: ${errors.slice(0, 5).join('; ')}`);
}
