/**
 * Searching the catalogue as "Show Method Catalogue" does: methods (each REST version its own
 * entry, so the count agrees with `bitrix24-scopes catalog`), events and placements, matched by
 * every word of the query against the name, the scope and the title — in English or in Russian
 * (the Russian title, and Russian words for the words of names: «сделка добавить» → `crm.deal.add`).
 */
import type { Catalogue } from './catalogue';
import type { MethodInfo } from './types';
import { formatRequirement } from './requirement';
import { russianUrl } from './links';
import { hasCyrillic, russianWordMatch } from './russian-words';

/** One entry of the picker. */
export interface CatalogueEntry {
  kind: 'method' | 'event' | 'placement';
  name: string;
  /** REST version (methods only). */
  version?: 2 | 3;
  /** What it needs, e.g. `crm` or `placement + crm`. */
  scope: string;
  title: string;
  url: string;
  deprecated: boolean;
  /** The method that replaces a deprecated one (methods only). */
  replacement?: string;
  /** The Russian edition's title and page (entries built with `{ russian: true }`). */
  titleRu?: string;
  urlRu?: string;
}

/** What a list of methods shows of one: name, version, scope requirement in words, title, page, deprecation. */
export function methodSummary(m: MethodInfo): { name: string; version: 2 | 3; scope: string; title: string; url: string; deprecated: boolean } {
  return { name: m.name, version: m.version, scope: formatRequirement(m.requirement), title: m.title, url: m.url, deprecated: m.deprecated === true };
}

/**
 * Every method, event and placement of `catalogue`, methods first, each kind sorted by name.
 * With `russian`, entries carry the Russian title and page too (this loads the Russian facts).
 */
export function catalogueEntries(catalogue: Catalogue, options: { russian?: boolean } = {}): CatalogueEntry[] {
  const byName = (a: CatalogueEntry, b: CatalogueEntry) => a.name.localeCompare(b.name) || (a.version ?? 0) - (b.version ?? 0);
  const ru = (entry: Parameters<Catalogue['russian']>[0]): Pick<CatalogueEntry, 'titleRu' | 'urlRu'> => {
    const facts = options.russian ? catalogue.russian(entry) : undefined;
    return facts ? { titleRu: facts.title, urlRu: russianUrl(entry.url, facts) } : {};
  };
  const methods: CatalogueEntry[] = catalogue
    .methods()
    .map((m) => ({ kind: 'method', ...methodSummary(m), ...(m.replacement ? { replacement: m.replacement } : {}), ...ru(m) }));
  const events: CatalogueEntry[] = catalogue
    .events()
    .map((e) => ({ kind: 'event', name: e.name, scope: formatRequirement(e.requirement), title: e.title, url: e.url, deprecated: false, ...ru(e) }));
  const placements: CatalogueEntry[] = catalogue.placements().map((p) => ({
    kind: 'placement',
    name: p.code,
    scope: formatRequirement(p.requirement),
    title: p.title,
    url: p.url,
    deprecated: p.deprecated === true,
    ...ru(p),
  }));
  return [...methods.sort(byName), ...events.sort(byName), ...placements.sort(byName)];
}

/** The entry as a Russian reader sees it: the Russian title and page where the Russian edition has them. */
export function inRussian(entry: CatalogueEntry): CatalogueEntry {
  return { ...entry, title: entry.titleRu || entry.title, url: entry.urlRu ?? entry.url };
}

/** Splits a name into its lower-case words: `crm.deal.add` → crm, deal, add; `onCrmDealAdd` → on, crm, deal, add. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * How well `entry` matches the query words (higher is better), or -1 when a word matches nothing.
 * Per word: a whole word of the name or the scope counts most, then the start of a name word, then
 * any part of the name, then the title. The whole query as a name prefix ranks first; current
 * methods rank above deprecated ones, and methods above events and placements.
 */
export function matchScore(entry: CatalogueEntry, query: string): number {
  const q = query.trim().toLowerCase();
  if (!q) return 0;
  const words = q.split(/\s+/);
  const name = entry.name.toLowerCase();
  const parts = nameWords(entry.name);
  const scopes = entry.scope
    .toLowerCase()
    .split(/[^a-z0-9_.]+/)
    .filter(Boolean);
  const title = entry.title.toLowerCase();
  let score = 0;
  /** The query as words of the name (Russian words replaced by the name word they stand for). */
  const asName: string[] = [];
  for (const w of words) {
    asName.push(w);
    if (hasCyrillic(w)) {
      // A Russian word: a Russian word for a word of the name counts as that word, the Russian title next.
      const found = russianWordMatch(w, parts, entry.titleRu ?? '');
      if (found === 'title') score += 3;
      else if (found) {
        score += 8;
        asName[asName.length - 1] = found.part;
      } else return -1;
    } else if (parts.includes(w) || scopes.includes(w)) score += 10;
    else if (parts.some((p) => p.startsWith(w))) score += 6;
    else if (name.includes(w)) score += 4;
    else if (title.includes(w)) score += 1;
    else return -1;
  }
  // The words in order, as one name: "deal add" → `…deal.add`.
  if (words.length > 1 && name.includes(asName.join('.'))) score += 5;
  if (name.startsWith(q)) score += 20;
  if (name === q) score += 20;
  // Fewer name words: `crm.deal.add` before `crm.deal.productrows.add`.
  score -= parts.length * 0.5;
  if (entry.deprecated) score -= 1;
  if (entry.kind !== 'method') score -= 1;
  return score;
}

/**
 * The entries matching every word of `query`, best first (all of them, in order, for an empty
 * query). In a Russian query a matching deprecated method brings its replacement along, right
 * after it: «сделка добавить» finds `crm.deal.add`, and `crm.item.add`, which the documentation
 * says to use instead.
 */
export function searchCatalogue(entries: readonly CatalogueEntry[], query: string, limit = Number.MAX_SAFE_INTEGER): CatalogueEntry[] {
  if (!query.trim()) return entries.slice(0, limit);
  const ranked = entries
    .map((entry, i) => ({ entry, i, score: matchScore(entry, query) }))
    .filter((s) => s.score >= 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((s) => s.entry);
  // A Russian query asks by meaning, and for a method whose development has stopped the answer is its replacement.
  if (!hasCyrillic(query)) return ranked.slice(0, limit);
  const listed = new Set(ranked.map((e) => e.name.toLowerCase()));
  const out: CatalogueEntry[] = [];
  for (const e of ranked) {
    if (out.length >= limit) break;
    out.push(e);
    const replacement = e.deprecated && e.replacement ? e.replacement.toLowerCase() : undefined;
    if (replacement && !listed.has(replacement)) {
      const found = entries.find((r) => r.kind === 'method' && r.name.toLowerCase() === replacement);
      if (found && out.length < limit) out.push(found);
      listed.add(replacement);
    }
  }
  return out;
}
