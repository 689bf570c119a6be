/**
 * Typed, read-only access to the method catalogue (catalogue.json, generated
 * by `npm run catalog`). Data is validated once when a Catalogue is created;
 * lookups are case-insensitive, as Bitrix24 itself is.
 */
import type { MethodNames } from '../analysis/types';
import { matchesPattern } from '../analysis/method-names';
import { editDistance } from './edit-distance';
import { requirementScopes } from './requirement';
import { russianMethodKey } from './links';
import type { CatalogueData, EventInfo, MethodInfo, PlacementInfo, RussianFacts, ScopeInfo, ScopeRequirement } from './types';
import { assertCatalogue, assertRussian } from './validate';

/**
 * A method the app declares itself (on-premise custom methods, methods newer than the docs);
 * a manifest's `methods.custom` entries are taken as they are parsed.
 */
export interface CustomMethodDeclaration {
  name: string;
  /** What calling it needs; absent: not stated. */
  requirement?: ScopeRequirement;
  version?: 2 | 3;
  who?: string;
  title?: string;
  url?: string;
}

/** Lookup structures built once per data set and shared by custom views. */
interface Index {
  data: CatalogueData;
  byName: Map<string, MethodInfo[]>;
  /** Lower-cased names, sorted, for prefix search (one entry per name). */
  sorted: string[];
  scopes: Map<string, ScopeInfo>;
  byScope: Map<string, MethodInfo[]>;
  events: Map<string, EventInfo>;
  /** Concrete placement codes, lower-cased. */
  placements: Map<string, PlacementInfo>;
  /** Template placements with their matchers, most specific (longest literal part) first. */
  templates: { info: PlacementInfo; pattern: RegExp; literal: number }[];
  /** "Did you mean" answers per lower-cased name and limit; names repeat while a user types. */
  eventSuggestions: Map<string, string[]>;
  placementSuggestions: Map<string, string[]>;
  /** Reads catalogue.ru.json (or given data) on first use; `russian` holds it afterwards. */
  loadRussian?: () => unknown;
  russian?: RussianIndex;
}

/** The Russian facts, keyed by lower-cased method key, event name, placement code and scope code. */
interface RussianIndex {
  methods: Map<string, RussianFacts>;
  events: Map<string, RussianFacts>;
  placements: Map<string, RussianFacts>;
  scopes: Map<string, string>;
}

function lowerKeys<T>(o: Record<string, T>): Map<string, T> {
  return new Map(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]));
}

/**
 * Placeholder parts of a template code: `<id>` (e.g. the numeric id of a
 * custom CRM type) and a whole `XXX` segment (the documentation's "substitute
 * the entity type").
 */
const PLACEHOLDER = /<[^>]+>|(?<=^|_)XXX(?=_|$)/g;

/** A matcher for a template code: placeholders match one or more letters/digits (`XXX` also underscores). */
export function templatePattern(code: string): { pattern: RegExp; literal: number } {
  let source = '';
  let literal = 0;
  let last = 0;
  for (const m of code.matchAll(PLACEHOLDER)) {
    const text = code.slice(last, m.index);
    source += text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    literal += text.length;
    source += m[0] === 'XXX' ? '[a-z0-9]+(?:_[a-z0-9]+)*' : '[a-z0-9]+';
    last = (m.index ?? 0) + m[0].length;
  }
  const rest = code.slice(last);
  source += rest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  literal += rest.length;
  return { pattern: new RegExp(`^${source}$`, 'i'), literal };
}

function buildIndex(data: CatalogueData, loadRussian?: () => unknown): Index {
  const byName = new Map<string, MethodInfo[]>();
  const byScope = new Map<string, MethodInfo[]>();
  for (const m of data.methods) {
    const key = m.name.toLowerCase();
    const list = byName.get(key);
    if (list) list.push(m);
    else byName.set(key, [m]);
    const codes = m.requirement.kind === 'basic' ? ['basic'] : requirementScopes(m.requirement);
    for (const c of codes) {
      const l = byScope.get(c);
      if (l) l.push(m);
      else byScope.set(c, [m]);
    }
  }
  return {
    data,
    byName,
    sorted: [...byName.keys()].sort(),
    scopes: new Map(data.scopes.map((s) => [s.code.toLowerCase(), s])),
    byScope,
    events: new Map(data.events.map((e) => [e.name.toLowerCase(), e])),
    placements: new Map(data.placements.filter((p) => !p.template).map((p) => [p.code.toLowerCase(), p])),
    templates: data.placements
      .filter((p) => p.template)
      .map((info) => ({ info, ...templatePattern(info.code) }))
      .sort((a, b) => b.literal - a.literal || (a.info.code < b.info.code ? -1 : 1)),
    eventSuggestions: new Map(),
    placementSuggestions: new Map(),
    loadRussian,
  };
}

/** The names closest to `key` by edit distance (about a quarter of its length at most), nearest first. */
function nearest(key: string, names: Iterable<[string, string]>, max: number): string[] {
  if (!key) return [];
  const limit = key.length <= 4 ? 1 : key.length <= 10 ? 2 : 3;
  const scored: { name: string; d: number }[] = [];
  for (const [lower, display] of names) {
    if (lower === key) continue;
    const d = editDistance(key, lower, limit);
    if (d <= limit) scored.push({ name: display, d });
  }
  scored.sort((a, b) => a.d - b.d || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return scored.slice(0, max).map((s) => s.name);
}

/** Looks `key` up in a per-index memo, computing it once. */
function memo(cache: Map<string, string[]>, key: string, compute: () => string[]): string[] {
  let hit = cache.get(key);
  if (!hit) {
    hit = compute();
    // Bounded: a long session of typos must not grow it without limit.
    if (cache.size >= 2000) cache.clear();
    cache.set(key, hit);
  }
  return [...hit];
}

/** Turns a declaration into a MethodInfo marked `custom`. */
function customMethod(d: CustomMethodDeclaration): MethodInfo {
  return {
    name: d.name,
    version: d.version ?? 2,
    requirement: d.requirement ?? { kind: 'unknown', reason: 'the custom method declares no scope' },
    who: d.who ?? '',
    whoClass: 'unknown',
    params: [],
    url: d.url ?? '',
    title: d.title ?? 'Custom method declared by the app',
    custom: true,
  };
}

function lowerBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The catalogue, optionally extended with an app's custom methods: the one view of
 * "what a name means here" that analysis, features, the workspace index and the CLI share.
 */
export class Catalogue implements MethodNames {
  private static defaultInstance: Catalogue | undefined;
  private readonly custom: Map<string, MethodInfo[]>;

  private constructor(
    private readonly index: Index,
    custom: MethodInfo[] = [],
  ) {
    this.custom = new Map();
    for (const m of custom) {
      const key = m.name.toLowerCase();
      this.custom.set(key, [...(this.custom.get(key) ?? []), m]);
    }
  }

  /**
   * The bundled catalogue; created on first use, then shared. Not validated again here: the
   * generator writes it only when it validates, and a unit test validates the file that ships
   * (validating costs a start of the language server about 15 ms).
   */
  static load(): Catalogue {
    if (!Catalogue.defaultInstance) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const raw = require('./catalogue.json') as CatalogueData;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      Catalogue.defaultInstance = new Catalogue(buildIndex(raw, () => require('./catalogue.ru.json') as unknown));
    }
    return Catalogue.defaultInstance;
  }

  /**
   * A catalogue over the given data; throws when the data is not a valid
   * catalogue. `russian` gives the Russian facts (catalogue.ru.json data), read
   * and checked on first use.
   */
  static fromData(data: unknown, russian?: () => unknown): Catalogue {
    assertCatalogue(data);
    return new Catalogue(buildIndex(data, russian));
  }

  /**
   * A view that also knows the given custom methods (they shadow documented ones of the same
   * name and version). Views share the documented data; only the custom methods are their own.
   */
  withCustom(methods: readonly CustomMethodDeclaration[]): this {
    // A Catalogue is never subclassed: the view is of the same class.
    return new Catalogue(this.index, methods.filter((m) => m.name.trim()).map(customMethod)) as this;
  }

  /** Number of documented methods (both versions counted). */
  get size(): number {
    return this.index.data.methods.length;
  }

  /** Date of the source documentation. */
  get generated(): string {
    return this.index.data.generated;
  }

  /** The whole documented catalogue, as loaded (for `bitrix24-scopes catalog --format json`). */
  data(): CatalogueData {
    return this.index.data;
  }

  /** Where the facts came from. */
  get sources(): CatalogueData['sources'] {
    return this.index.data.sources;
  }

  /**
   * One method by name, case-insensitive. Without `version`, REST 2 is
   * preferred when both exist (a call without `/api/` runs the old version).
   */
  get(name: string, version?: 2 | 3): MethodInfo | undefined {
    const all = this.versions(name);
    if (version) return all.find((m) => m.version === version);
    return all.find((m) => m.version === 2) ?? all[0];
  }

  /** Every entry of a name: custom first, then documented, REST 2 before 3.0. */
  versions(name: string): MethodInfo[] {
    const key = name.toLowerCase();
    const custom = this.custom.get(key) ?? [];
    const documented = (this.index.byName.get(key) ?? []).filter((m) => !custom.some((c) => c.version === m.version));
    return [...custom, ...documented];
  }

  /** True for documented and custom methods (case-insensitive). */
  has(name: string): boolean {
    const key = name.toLowerCase();
    return this.index.byName.has(key) || this.custom.has(key);
  }

  /** Whether some documented or custom name matches a `*` pattern (`crm.*.list`); see MethodNames. */
  matchesPattern(pattern: string): boolean {
    return matchesPattern(this.index.sorted, pattern) || (this.custom.size > 0 && matchesPattern([...this.custom.keys()].sort(), pattern));
  }

  /** All documented methods, in catalogue order. */
  methods(): readonly MethodInfo[] {
    return this.index.data.methods;
  }

  /** The custom methods of this view. */
  customMethods(): MethodInfo[] {
    return [...this.custom.values()].flat();
  }

  /** Documented methods whose requirement mentions `code` (`basic`: the no-scope methods). */
  methodsOfScope(code: string): MethodInfo[] {
    const key = code.toLowerCase();
    const documented = this.index.byScope.get(key) ?? [];
    const custom = this.customMethods().filter((m) =>
      (m.requirement.kind === 'basic' ? ['basic'] : requirementScopes(m.requirement)).some((c) => c.toLowerCase() === key),
    );
    return custom.length ? [...documented, ...custom] : [...documented];
  }

  /** One scope code's facts. */
  scope(code: string): ScopeInfo | undefined {
    return this.index.scopes.get(code.toLowerCase());
  }

  /** All scope codes, sorted by code. */
  scopes(): ScopeInfo[] {
    return [...this.index.data.scopes];
  }

  private russianIndex(): RussianIndex | undefined {
    const index = this.index;
    if (!index.russian && index.loadRussian) {
      const raw = index.loadRussian();
      index.loadRussian = undefined;
      assertRussian(raw);
      index.russian = { methods: lowerKeys(raw.methods), events: lowerKeys(raw.events), placements: lowerKeys(raw.placements), scopes: lowerKeys(raw.scopes) };
    }
    return index.russian;
  }

  /**
   * The Russian edition's facts of a documented method, event or placement
   * (title, "Кто может ..." line); undefined when it has none. The first call
   * loads them; link with `russianUrl(entry.url, facts)`.
   */
  russian(entry: MethodInfo | EventInfo | PlacementInfo): RussianFacts | undefined {
    if ('custom' in entry && entry.custom) return undefined;
    const ru = this.russianIndex();
    if (!ru) return undefined;
    if ('version' in entry) return ru.methods.get(russianMethodKey(entry.name, entry.version).toLowerCase());
    if ('code' in entry) return ru.placements.get(entry.code.toLowerCase());
    return ru.events.get(entry.name.toLowerCase());
  }

  /** The tool a scope grants, as the Russian scope table names it. */
  russianTool(code: string): string | undefined {
    return this.russianIndex()?.scopes.get(code.toLowerCase());
  }

  /** Documented methods and events whose English and Russian pages disagree on scopes or deprecation. */
  disagreements(): (MethodInfo | EventInfo)[] {
    return [...this.index.data.methods.filter((m) => m.editions), ...this.index.data.events.filter((e) => e.editions)];
  }

  /** All documented events, sorted by name. */
  events(): EventInfo[] {
    return [...this.index.data.events];
  }

  /** One event by name, case-insensitive (`ONCRMDEALADD` finds `onCrmDealAdd`). */
  event(name: string): EventInfo | undefined {
    return this.index.events.get(name.toLowerCase());
  }

  /** "Did you mean" for an event name: documented events nearest by edit distance, at most `max`. */
  suggestEvents(name: string, max = 3): string[] {
    const key = name.toLowerCase();
    return memo(this.index.eventSuggestions, `${max} ${key}`, () =>
      nearest(
        key,
        this.index.data.events.map((e) => [e.name.toLowerCase(), e.name] as [string, string]),
        max,
      ),
    );
  }

  /** All documented placements (concrete codes and templates), sorted by code. */
  placements(): PlacementInfo[] {
    return [...this.index.data.placements];
  }

  /**
   * One placement by code, case-insensitive. A concrete code the docs give
   * as a template (`CRM_DYNAMIC_183_DETAIL_TAB`) resolves to the template
   * entry (`CRM_DYNAMIC_<id>_DETAIL_TAB`); the template code itself too.
   */
  placement(code: string): PlacementInfo | undefined {
    const key = code.toLowerCase();
    const exact = this.index.placements.get(key);
    if (exact) return exact;
    for (const t of this.index.templates) if (t.info.code.toLowerCase() === key || t.pattern.test(code)) return t.info;
    return undefined;
  }

  /** "Did you mean" for a placement code: documented concrete codes nearest by edit distance, at most `max`. */
  suggestPlacements(code: string, max = 3): string[] {
    const key = code.toLowerCase();
    return memo(this.index.placementSuggestions, `${max} ${key}`, () =>
      nearest(
        key,
        [...this.index.placements.values()].map((p) => [p.code.toLowerCase(), p.code] as [string, string]),
        max,
      ),
    );
  }

  /**
   * Methods whose name starts with `prefix` (case-insensitive), sorted by
   * name, one entry per name (the REST 2 one when both exist); custom ones
   * first.
   */
  complete(prefix: string, limit = 100): MethodInfo[] {
    const key = prefix.toLowerCase();
    const out: MethodInfo[] = [];
    for (const [name, list] of this.custom) if (name.startsWith(key) && out.length < limit) out.push(list[0]);
    const sorted = this.index.sorted;
    for (let i = lowerBound(sorted, key); i < sorted.length && out.length < limit; i++) {
      if (!sorted[i].startsWith(key)) break;
      if (this.custom.has(sorted[i])) continue;
      const m = this.get(sorted[i]);
      if (m) out.push(m);
    }
    return out;
  }

  /**
   * "Did you mean": documented or custom names closest to `name` by edit
   * distance (case-insensitive), nearest first, at most `max`. Names further
   * than about a quarter of the length are not offered.
   */
  suggest(name: string, max = 3): string[] {
    const key = name.toLowerCase();
    // Memoised per view (custom methods differ): a file may repeat one unknown name 100k times, and every publish asks again.
    return memo(this.suggestions, `${max} ${key}`, () => nearest(key, this.suggestable(), max));
  }

  private readonly suggestions = new Map<string, string[]>();
  private suggestableNames: [string, string][] | undefined;

  /** Every name "did you mean" may offer (lowercase, as written), listed once per view. */
  private suggestable(): [string, string][] {
    if (this.suggestableNames) return this.suggestableNames;
    const names: [string, string][] = [];
    for (const [lower, list] of this.custom) names.push([lower, list[0].name]);
    for (const [lower, list] of this.index.byName) if (!this.custom.has(lower)) names.push([lower, list[0].name]);
    return (this.suggestableNames = names);
  }
}
