/**
 * Compares what the code calls with what one manifest declares: missing scopes
 * at the calls, unused / unknown / deprecated / duplicate scopes in the manifest,
 * and hints about who may call a method. Pure: the caller gathers the calls.
 *
 * The work is split so an index can redo only what an edit touches: each file
 * is checked on its own (`ScopeChecker.checkFile`), then a cheap pass over the
 * per-file summaries (`aggregate`) decides what depends on the whole group.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import type { MethodInfo, ScopeRequirement } from '../catalogue/types';
import { requirementScopes } from '../catalogue/requirement';
import { bindingProblems, methodProblems, type ReferenceProblem, type SuggestionMemo } from '../features/method-checks';
import { RULES, ruleMessage } from '../rules';
import type { EditionDisagreement } from '../catalogue/types';
import { acceptedRequirement, otherEdition } from '../catalogue/editions';
import { formatRequirement } from '../catalogue/requirement';
import type { Locale } from '../l10n/locale';
import { texts, type Texts } from '../l10n/texts';
import { declaredFindings } from './declared-check';
import { bindingRequirement, rankByPrivilege, shortfall, wildcardMatcher } from './scope-arithmetic';
import type {
  CallSite,
  DynamicSite,
  FileCalls,
  Finding,
  FindingCode,
  FindingData,
  ParsedManifest,
  RelatedLocation,
  ScopeCatalogue,
  Severity,
  Span,
} from './types';

/** Uses listed as related information on one missing-scope problem (the message still counts them all). */
const MAX_RELATED = 200;

/** A manifest file and its parsed content. */
export interface ManifestInput {
  /** Path of the declaring file (bitrix24.json or .env*). */
  file: string;
  /** How messages name it, e.g. `bitrix24.json` or `packages/crm/.env`. */
  displayName: string;
  text: string;
  parsed: ParsedManifest;
}

export interface CheckerInput {
  /** Undefined for files no manifest covers: only the call hints are reported. */
  manifest?: ManifestInput;
  catalogue: ScopeCatalogue;
  /** How messages name a source file (default: as given). */
  label?: (file: string) => string;
  /** The language of the messages (default English). */
  locale?: Locale;
}

export interface ScopeCheckInput extends CheckerInput {
  files: Iterable<FileCalls>;
}

/** A requirement and where it comes from (a call, a bound event or placement, or a `methods.extra` entry). */
export interface Need {
  kind: 'method' | 'event' | 'placement';
  /** The method name, event name or placement code (documented spelling). */
  method: string;
  file: string;
  range: Range;
  suppressions?: ReadonlyMap<number, string[]>;
}

/** What one file contributes to its manifest's check. */
export interface FileCheck {
  file: string;
  /** Findings that depend on this file and the manifest only. */
  findings: Finding[];
  /** Calls lacking every one of several alternative scopes; ranked once the group is known. */
  alternatives: { need: Need; scopes: string[] }[];
  /** Scopes calls here lack outright: the preferred way to satisfy alternatives anywhere. */
  forced: string[];
  /** Each use lacking a scope outright, by that scope (reported once per scope, on the manifest). */
  missing: { need: Need; scope: string }[];
  /** Uses needing a scope the manifest forbids. */
  forbidden: { need: Need; scope: string }[];
  /** Declared scopes some call here cannot do without. */
  needed: string[];
  /** Requirements satisfied by several declared alternatives. */
  open: { method: string; options: string[] }[];
  /** Calls with names built at run time that methods.extra does not account for. */
  dynamic: { file: string; site: DynamicSite }[];
}

/** The group-wide facts the per-file checks add up to. */
export interface Aggregate {
  forced: Set<string>;
  /** `forced` as a stable string, to tell whether ranked findings must be redone. */
  forcedKey: string;
  needed: Set<string>;
  open: { method: string; options: string[] }[];
  dynamic: { file: string; site: DynamicSite }[];
  missing: { need: Need; scope: string }[];
  alternatives: { need: Need; scopes: string[] }[];
  forbidden: { need: Need; scope: string }[];
}

/** Every finding for one manifest and the files it covers, sorted by file and position. */
export function checkScopes(input: ScopeCheckInput): Finding[] {
  const checker = new ScopeChecker(input);
  const checks = [checker.manifestCheck(), ...[...input.files].map((f) => checker.checkFile(f))];
  const agg = aggregate(checks);
  const findings = [
    ...checks.flatMap((c) => [...c.findings, ...checker.rankAlternatives(c, agg.forced)]),
    ...checker.declaredFindings(agg),
    ...checker.groupFindings(agg),
  ];
  return findings.sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

/** Adds up per-file checks. */
export function aggregate(checks: Iterable<FileCheck>): Aggregate {
  const forced = new Set<string>();
  const needed = new Set<string>();
  const open: Aggregate['open'] = [];
  const dynamic: Aggregate['dynamic'] = [];
  const missing: Aggregate['missing'] = [];
  const alternatives: Aggregate['alternatives'] = [];
  const forbidden: Aggregate['forbidden'] = [];
  for (const c of checks) {
    for (const s of c.forced) forced.add(s);
    for (const s of c.needed) needed.add(s);
    // No argument spread: one file may hold 100k+ calls (spread arguments overflow the stack).
    for (const o of c.open) open.push(o);
    for (const d of c.dynamic) dynamic.push(d);
    for (const m of c.missing) missing.push(m);
    for (const a of c.alternatives) alternatives.push(a);
    for (const f of c.forbidden) forbidden.push(f);
  }
  open.sort((a, b) => (a.method < b.method ? -1 : a.method > b.method ? 1 : 0));
  dynamic.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.site.range.start.line - b.site.range.start.line);
  return { forced, forcedKey: [...forced].sort().join(','), needed, open, dynamic, missing, alternatives, forbidden };
}

/** What a called name means for a checker (see `ScopeChecker.checkFile`). */
interface Meaning {
  ignored: boolean;
  method: MethodInfo | undefined;
  problems: { code: FindingCode; severity: Severity; message: string; data: FindingData }[];
}

/** Checks files against one manifest (or none). */
export class ScopeChecker {
  /** The catalogue with the manifest's custom methods: what a name means in these files. */
  readonly view: ScopeCatalogue;
  private readonly ignored: ((name: string) => boolean)[];
  private readonly extra: ((pattern: string) => boolean)[];
  private readonly declared?: Set<string>;
  private readonly forbiddenScopes: Set<string>;
  private readonly manifestDoc?: TextDocument;
  /** "Did you mean" answers, shared by every file of the group. */
  private readonly suggestions: SuggestionMemo = new Map();
  private readonly t: Texts;

  constructor(readonly input: CheckerInput) {
    this.t = texts(input.locale);
    const m = input.manifest?.parsed.manifest;
    this.view = m?.custom.length ? input.catalogue.withCustom(m.custom) : input.catalogue;
    this.ignored = (m?.ignore ?? []).map((e) => wildcardMatcher(e.name));
    // A dynamic call is accounted for when methods.extra lists a method its pattern can produce.
    this.extra = (m?.extra ?? []).map((e) => (pattern: string) => wildcardMatcher(pattern)(e.name));
    if (m?.scopes) this.declared = new Set(m.scopes.map((d) => d.code));
    this.forbiddenScopes = new Set((m?.forbidden ?? []).map((d) => d.code));
    if (input.manifest) this.manifestDoc = TextDocument.create('file:///manifest', 'json', 0, input.manifest.text);
  }

  /** The calls of one source file. */
  checkFile(f: FileCalls): FileCheck {
    const check = emptyCheck(f.file);
    const catalogue = this.input.catalogue;
    // What a name means does not depend on where it is called: worked out once per name and version
    // (a generated file may call one name 10,000 times), down to its problems' findings but their place.
    const meanings = new Map<string, Meaning>();
    for (const call of f.calls) {
      const key = call.version ? `${call.version}:${call.name}` : call.name;
      let meaning = meanings.get(key);
      if (!meaning) meanings.set(key, (meaning = this.meaningOf(call)));
      if (meaning.ignored) continue;
      for (const r of meaning.problems) {
        const silenced = f.suppressions?.get(call.range.start.line);
        if (silenced !== undefined && (silenced.length === 0 || silenced.includes(r.code))) continue;
        check.findings.push(finding(r.code, r.severity, r.message, f.file, call.range, r.data));
      }
      const method = meaning.method;
      if (!method) continue;
      const need: Need = { kind: 'method', method: method.name, file: f.file, range: call.range, suppressions: f.suppressions };
      this.addNeed(check, need, method.requirement, method.editions);
      this.callHints(check, method, need);
    }
    for (const site of f.dynamic) {
      if (!this.isIgnored(site.pattern) && !this.extra.some((covers) => covers(site.pattern))) check.dynamic.push({ file: f.file, site });
    }
    for (const b of f.bindings ?? []) {
      const at: Need = { kind: b.kind, method: b.name, file: f.file, range: b.range, suppressions: f.suppressions };
      this.referenceFindings(check, at, bindingProblems(b, catalogue, this.suggestions, this.input.locale));
      const info = b.kind === 'event' ? catalogue.event?.(b.name) : catalogue.placement?.(b.name);
      // Removing a handler (event.unbind, placement.unbind) asks for nothing new.
      if (info && !b.via.endsWith('.unbind')) this.addNeed(check, { ...at, method: info.name ?? info.code ?? b.name }, bindingRequirement(info));
    }
    return check;
  }

  /** What the manifest file itself contributes: its parse problems and methods.extra entries. */
  manifestCheck(): FileCheck {
    const manifest = this.input.manifest;
    if (!manifest) return emptyCheck('');
    const check = emptyCheck(manifest.file);
    const data: FindingData = { kind: 'manifest', manifestFile: manifest.file };
    for (const p of manifest.parsed.problems) {
      const severity = this.level(p.code, p.severity);
      if (severity) check.findings.push(finding(p.code, severity, p.message, manifest.file, this.rangeOf(p.span), data));
    }
    for (const e of manifest.parsed.manifest.extra) {
      const method = this.view.get(e.name);
      const range = this.rangeOf(e.span);
      if (method) this.addNeed(check, { kind: 'method', method: method.name, file: manifest.file, range }, method.requirement, method.editions);
      else
        this.pushAt(
          check.findings,
          { kind: 'method', method: e.name, file: manifest.file, range },
          'unknown-extra-method',
          ruleMessage('unknown-extra-method', { name: e.name }, this.input.locale),
          data,
        );
    }
    return check;
  }

  /** Hints at calls lacking every alternative scope, least privilege first (preferring scopes `forced` adds anyway). */
  rankAlternatives(check: FileCheck, forced: ReadonlySet<string>): Finding[] {
    const out: Finding[] = [];
    for (const { need, scopes: options } of check.alternatives) {
      const scopes = rankByPrivilege(options, this.input.catalogue, forced);
      const needs = this.t.needsOneOf(scopes);
      const message = ruleMessage('missing-scope-call', { what: this.what(need, true), needs, manifest: this.where() }, this.input.locale);
      this.pushAt(out, need, 'missing-scope-call', message, this.missingData(need.method, scopes, 'any'));
    }
    return out;
  }

  /**
   * The group-wide problems on the manifest: one `missing-scope` per scope the
   * code lacks and one `forbidden-scope` per forbidden scope it needs, each with every use as related information.
   */
  groupFindings(agg: Aggregate): Finding[] {
    const manifest = this.input.manifest;
    if (!manifest || !this.declared) return [];
    const out: Finding[] = [];
    const bySet = new Map<string, string[]>();
    const missing = new Map<string, { need: Need; options?: string[] }[]>();
    const add = (scope: string, need: Need, options?: string[]) => {
      const list = missing.get(scope);
      if (list) list.push({ need, options });
      else missing.set(scope, [{ need, options }]);
    };
    for (const m of agg.missing) add(m.scope, m.need);
    for (const a of agg.alternatives) {
      const key = a.scopes.join(',');
      let ranked = bySet.get(key);
      if (!ranked) bySet.set(key, (ranked = rankByPrivilege(a.scopes, this.input.catalogue, agg.forced)));
      add(ranked[0], a.need, ranked);
    }
    const at = this.rangeOf(manifest.parsed.manifest.scopesSpan ?? { start: 0, end: 0 });
    for (const scope of [...missing.keys()].sort()) {
      const uses = sortNeeds(missing.get(scope) ?? []);
      const severity = this.level('missing-scope');
      if (!severity) continue;
      const options = uses.every((u) => u.options && u.options.join() === uses[0].options?.join()) ? uses[0].options : undefined;
      const alsoOk = options ? this.t.anyWouldDo(options, scope) : '';
      const message =
        ruleMessage('missing-scope', { manifest: manifest.displayName, scope, uses: this.describeUses(uses.map((u) => u.need)) }, this.input.locale) + alsoOk;
      const related = uses.slice(0, MAX_RELATED).map((u) => this.related(u.need, u.options ?? [scope]));
      const data = this.missingData(uses[0].need.method, options ?? [scope], options ? 'any' : 'all');
      out.push({ ...finding('missing-scope', severity, message, manifest.file, at, data), related });
    }
    const forbidden = new Map<string, Need[]>();
    for (const f of agg.forbidden) forbidden.set(f.scope, [...(forbidden.get(f.scope) ?? []), f.need]);
    const severity = this.level('forbidden-scope');
    for (const d of manifest.parsed.manifest.forbidden) {
      const needs = sortNeeds((forbidden.get(d.code) ?? []).map((need) => ({ need }))).map((u) => u.need);
      const declared = (manifest.parsed.manifest.scopes ?? []).filter((s) => s.code === d.code);
      if (!severity || (needs.length === 0 && declared.length === 0)) continue;
      const uses = this.t.forbiddenUses(needs.length ? this.describeUses(needs) : undefined, needs.length, declared.length > 0);
      const message = ruleMessage('forbidden-scope', { scope: d.code, manifest: manifest.displayName, uses }, this.input.locale);
      const related = [
        ...declared.map((s) => ({ file: manifest.file, range: this.rangeOf(s.span), message: this.t.declaredHere(d.code) })),
        ...needs.slice(0, MAX_RELATED).map((n) => this.related(n, [d.code])),
      ];
      out.push({
        ...finding('forbidden-scope', severity, message, manifest.file, this.rangeOf(d.span), { kind: 'manifest', manifestFile: manifest.file }),
        related,
      });
    }
    return out;
  }

  /** Findings about the declared scopes, given what the whole group needs. */
  declaredFindings(agg: Aggregate): Finding[] {
    const manifest = this.input.manifest;
    if (!manifest?.parsed.manifest.scopes) return [];
    return declaredFindings({
      manifest,
      agg,
      level: (code, fallback) => this.level(code, fallback),
      catalogue: this.view,
      rangeOf: (s) => this.rangeOf(s),
      label: this.input.label,
      locale: this.input.locale,
    });
  }

  private addNeed(check: FileCheck, need: Need, ownRequirement: ScopeRequirement, editions?: EditionDisagreement): void {
    const declared = this.declared;
    if (!declared) return;
    // Where the editions disagree, either edition's scopes will do (the manifest's choice is kept).
    const accepted = editions ? acceptedRequirement({ requirement: ownRequirement, editions }, declared) : { requirement: ownRequirement };
    const requirement = accepted.requirement;
    const other = editions && !accepted.edition ? otherEdition({ requirement: ownRequirement, editions }) : undefined;
    if (requirement.kind === 'anyOf') {
      const options = requirement.scopes.filter((s) => declared.has(s));
      if (options.length === 1) check.needed.push(options[0]);
      else if (options.length > 1) check.open.push({ method: need.method, options });
    } else {
      for (const s of requirementScopes(requirement)) if (declared.has(s)) check.needed.push(s);
    }
    // A suppressed use neither lacks a scope nor counts towards the manifest's problem.
    if (this.silenced(need, 'missing-scope') || this.silenced(need, 'missing-scope-call')) return;
    const allowed = this.withoutForbidden(check, need, requirement);
    const lack = shortfall(allowed, declared);
    if (lack.satisfied) return;
    if (lack.choice === 'any') {
      check.alternatives.push({ need, scopes: lack.scopes });
      return;
    }
    check.forced.push(...lack.scopes);
    for (const scope of lack.scopes) check.missing.push({ need, scope });
    const note = other ? this.t.otherEditionNames(other.edition, `'${formatRequirement(other.requirement)}'`) : '';
    const message =
      ruleMessage('missing-scope-call', { what: this.what(need, true), needs: this.t.needsScopes(lack.scopes), manifest: this.where() }, this.input.locale) +
      note;
    this.pushAt(check.findings, need, 'missing-scope-call', message, this.missingData(need.method, lack.scopes, 'all'));
  }

  /** The requirement without the manifest's forbidden scopes; uses that cannot do without one are recorded. */
  private withoutForbidden(check: FileCheck, need: Need, requirement: ScopeRequirement): ScopeRequirement {
    if (this.forbiddenScopes.size === 0) return requirement;
    const banned = requirementScopes(requirement).filter((s) => this.forbiddenScopes.has(s));
    if (banned.length === 0) return requirement;
    if (requirement.kind === 'anyOf') {
      const rest = requirement.scopes.filter((s) => !this.forbiddenScopes.has(s));
      if (rest.length > 0) return rest.length === 1 ? { kind: 'scope', scope: rest[0] } : { kind: 'anyOf', scopes: rest };
      check.forbidden.push({ need, scope: banned[0] });
      return { kind: 'basic' };
    }
    for (const scope of banned) check.forbidden.push({ need, scope });
    const rest = requirementScopes(requirement).filter((s) => !this.forbiddenScopes.has(s));
    return rest.length === 0 ? { kind: 'basic' } : { kind: 'allOf', scopes: rest };
  }

  /** A method's, event's or placement's own problems, at the use. */
  /** What a called name means here: ignored or not, the method, and its problems as findings (methods the manifest declares itself are never unknown or deprecated). */
  private meaningOf(call: CallSite): Meaning {
    const method = this.view.get(call.name, call.version) ?? this.view.get(call.name);
    const problems: Meaning['problems'] = [];
    if (!method || !method.custom) {
      for (const p of methodProblems(call, this.input.catalogue, this.suggestions, this.input.locale)) {
        const severity = this.level(p.code);
        if (severity) problems.push({ code: p.code, severity, message: p.message, data: { kind: 'reference', name: call.name, ...p.data } });
      }
    }
    return { ignored: this.isIgnored(call.name), method, problems };
  }

  private referenceFindings(check: FileCheck, at: Need, problems: ReferenceProblem[]): void {
    for (const p of problems) this.pushAt(check.findings, at, p.code, p.message, { kind: 'reference', name: at.method, ...p.data });
  }

  private callHints(check: FileCheck, info: MethodInfo, need: Need): void {
    // Custom methods have no documented facts to hint from.
    if (info.custom) return;
    const data: FindingData = { kind: 'call', method: info.name };
    const hint = (code: FindingCode) => this.pushAt(check.findings, need, code, ruleMessage(code, { name: info.name }, this.input.locale), data);
    if (info.adminConfirm) hint('admin-confirmation');
    if (info.whoClass === 'admin') hint('admin-only');
    if (info.appOnly && this.input.manifest?.parsed.manifest.kind === 'webhook') hint('app-only-in-webhook');
  }

  private missingData(method: string, scopes: string[], choice: 'all' | 'any'): FindingData {
    return { kind: 'missing', method, scopes, choice, manifestFile: this.input.manifest?.file ?? '' };
  }

  private isIgnored(name: string): boolean {
    return this.ignored.some((matches) => matches(name));
  }

  private rangeOf(span: Span): Range {
    const doc = this.manifestDoc;
    if (!doc) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
  }

  /** Adds a finding at a need's location at its rule's level, unless the manifest turns the rule off or a suppression comment silences it. */
  private pushAt(out: Finding[], need: Need, code: FindingCode, message: string, data: FindingData): void {
    const severity = this.level(code);
    if (!severity || this.silenced(need, code)) return;
    out.push(finding(code, severity, message, need.file, need.range, data));
  }

  private silenced(need: Need, code: FindingCode): boolean {
    const silenced = need.suppressions?.get(need.range.start.line);
    return silenced !== undefined && (silenced.length === 0 || silenced.includes(code));
  }

  /** A rule's level for this manifest: its `rules` entry, else `fallback` (the registry's default); undefined when off. */
  level(code: FindingCode, fallback: Severity = RULES[code].severity): Severity | undefined {
    const level = this.input.manifest?.parsed.manifest.rules[code] ?? fallback;
    return level === 'off' ? undefined : level;
  }

  private where(): string {
    return this.input.manifest?.displayName ?? this.t.theManifest;
  }

  /** How a message names a use: `'crm.deal.add'`, `the event 'onCrmDealAdd'` (capitalised at a sentence start). */
  private what(need: Need, start: boolean): string {
    return this.t.use(need.kind, need.method, start);
  }

  /** `'crm.deal.add' (src/a.js:3), the event 'onCrmDealAdd' (src/b.js:7) and 4 more uses`. */
  private describeUses(needs: Need[]): string {
    const label = this.input.label ?? ((f: string) => f);
    const shown = needs.slice(0, 3).map((n) => `${this.what(n, false)} (${label(n.file)}:${n.range.start.line + 1})`);
    return this.t.usesList(shown, needs.length - shown.length);
  }

  private related(need: Need, scopes: string[]): RelatedLocation {
    return { file: need.file, range: need.range, message: this.t.relatedNeeds(this.what(need, true), scopes) };
  }
}

function emptyCheck(file: string): FileCheck {
  return { file, findings: [], alternatives: [], forced: [], missing: [], forbidden: [], needed: [], open: [], dynamic: [] };
}

function sortNeeds<T extends { need: Need }>(uses: T[]): T[] {
  return uses.sort(
    (a, b) =>
      (a.need.file < b.need.file ? -1 : a.need.file > b.need.file ? 1 : 0) ||
      a.need.range.start.line - b.need.range.start.line ||
      a.need.range.start.character - b.need.range.start.character,
  );
}

function finding(code: FindingCode, severity: Severity, message: string, file: string, range: Range, data: FindingData): Finding {
  return { code, severity, message, file, range, data };
}
