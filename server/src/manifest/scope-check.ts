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
import type { ScopeRequirement } from '../catalogue/types';
import { requirementScopes } from '../catalogue/requirement';
import { declaredFindings } from './declared-check';
import { MethodLookup, type KnownMethod } from './method-lookup';
import { rankByPrivilege, shortfall, wildcardMatcher } from './scope-arithmetic';
import type { DynamicSite, FileCalls, Finding, FindingCode, FindingData, ParsedManifest, ScopeCatalogue, Severity, Span } from './types';

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
}

export interface ScopeCheckInput extends CheckerInput {
  files: Iterable<FileCalls>;
}

/** A requirement and where it comes from (a call, or a `methods.extra` entry). */
interface Need {
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
}

/** Every finding for one manifest and the files it covers, sorted by file and position. */
export function checkScopes(input: ScopeCheckInput): Finding[] {
  const checker = new ScopeChecker(input);
  const checks = [checker.manifestCheck(), ...[...input.files].map((f) => checker.checkFile(f))];
  const agg = aggregate(checks);
  const findings = [...checks.flatMap((c) => [...c.findings, ...checker.rankAlternatives(c, agg.forced)]), ...checker.declaredFindings(agg)];
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
  for (const c of checks) {
    for (const s of c.forced) forced.add(s);
    for (const s of c.needed) needed.add(s);
    for (const o of c.open) open.push(o); // no argument spread: a file may hold 100k+ calls
    for (const d of c.dynamic) dynamic.push(d);
  }
  open.sort((a, b) => (a.method < b.method ? -1 : a.method > b.method ? 1 : 0));
  dynamic.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.site.range.start.line - b.site.range.start.line);
  return { forced, forcedKey: [...forced].sort().join(','), needed, open, dynamic };
}

/** Checks files against one manifest (or none). */
export class ScopeChecker {
  readonly lookup: MethodLookup;
  private readonly ignored: ((name: string) => boolean)[];
  private readonly extra: ((pattern: string) => boolean)[];
  private readonly declared?: Set<string>;
  private readonly manifestDoc?: TextDocument;

  constructor(readonly input: CheckerInput) {
    const m = input.manifest?.parsed.manifest;
    this.lookup = new MethodLookup(input.catalogue, m?.custom ?? []);
    this.ignored = (m?.ignore ?? []).map((e) => wildcardMatcher(e.name));
    // A dynamic call is accounted for when methods.extra lists a method its pattern can produce.
    this.extra = (m?.extra ?? []).map((e) => (pattern: string) => wildcardMatcher(pattern)(e.name));
    if (m?.scopes) this.declared = new Set(m.scopes.map((d) => d.code));
    if (input.manifest) this.manifestDoc = TextDocument.create('file:///manifest', 'json', 0, input.manifest.text);
  }

  /** The calls of one source file. */
  checkFile(f: FileCalls): FileCheck {
    const check = emptyCheck(f.file);
    for (const call of f.calls) {
      if (this.isIgnored(call.name)) continue;
      const method = this.lookup.get(call.name, call.version);
      if (!method) continue;
      const need: Need = { method: method.name, file: f.file, range: call.range, suppressions: f.suppressions };
      this.addNeed(check, need, method.requirement);
      this.callHints(check, method, need);
    }
    for (const site of f.dynamic) {
      if (!this.isIgnored(site.pattern) && !this.extra.some((covers) => covers(site.pattern))) check.dynamic.push({ file: f.file, site });
    }
    return check;
  }

  /** What the manifest file itself contributes: its parse problems and methods.extra entries. */
  manifestCheck(): FileCheck {
    const manifest = this.input.manifest;
    if (!manifest) return emptyCheck('');
    const check = emptyCheck(manifest.file);
    const data: FindingData = { kind: 'manifest', manifestFile: manifest.file };
    for (const p of manifest.parsed.problems) check.findings.push(finding(p.code, p.severity, p.message, manifest.file, this.rangeOf(p.span), data));
    for (const e of manifest.parsed.manifest.extra) {
      const method = this.lookup.get(e.name);
      const range = this.rangeOf(e.span);
      if (method) this.addNeed(check, { method: method.name, file: manifest.file, range }, method.requirement);
      else {
        const message = `'${e.name}' in methods.extra is not a known method. Fix the name, or describe it in methods.custom with the scope it needs.`;
        check.findings.push(finding('unknown-extra-method', 'warning', message, manifest.file, range, data));
      }
    }
    return check;
  }

  /** Missing-scope findings for alternatives, least privilege first (preferring scopes `forced` adds anyway). */
  rankAlternatives(check: FileCheck, forced: ReadonlySet<string>): Finding[] {
    const out: Finding[] = [];
    const where = this.input.manifest?.displayName ?? 'the manifest';
    for (const { need, scopes: options } of check.alternatives) {
      const scopes = rankByPrivilege(options, this.input.catalogue, forced);
      const message = `'${need.method}' needs one of the scopes ${scopes.map((s) => `'${s}'`).join(', ')}, and ${where} declares none. Add '${scopes[0]}' (least privilege).`;
      this.pushAt(out, need, 'missing-scope', 'error', message, this.missingData(need.method, scopes, 'any'));
    }
    return out;
  }

  /** Findings about the declared scopes, given what the whole group needs. */
  declaredFindings(agg: Aggregate): Finding[] {
    const manifest = this.input.manifest;
    if (!manifest?.parsed.manifest.scopes) return [];
    return declaredFindings({ manifest, agg, catalogue: this.input.catalogue, lookup: this.lookup, rangeOf: (s) => this.rangeOf(s), label: this.input.label });
  }

  private addNeed(check: FileCheck, need: Need, requirement: ScopeRequirement): void {
    const declared = this.declared;
    if (!declared) return;
    if (requirement.kind === 'anyOf') {
      const options = requirement.scopes.filter((s) => declared.has(s));
      if (options.length === 1) check.needed.push(options[0]);
      else if (options.length > 1) check.open.push({ method: need.method, options });
    } else {
      for (const s of requirementScopes(requirement)) if (declared.has(s)) check.needed.push(s);
    }
    const lack = shortfall(requirement, declared);
    if (lack.satisfied) return;
    if (lack.choice === 'any') {
      check.alternatives.push({ need, scopes: lack.scopes });
      return;
    }
    check.forced.push(...lack.scopes);
    const where = this.input.manifest?.displayName ?? 'the manifest';
    const many = lack.scopes.length > 1;
    const message = `'${need.method}' needs the scope${many ? 's' : ''} ${lack.scopes.map((s) => `'${s}'`).join(' and ')}, which ${where} does not declare. Add ${many ? 'them' : 'it'} to its scopes.`;
    this.pushAt(check.findings, need, 'missing-scope', 'error', message, this.missingData(need.method, lack.scopes, 'all'));
  }

  private callHints(check: FileCheck, method: KnownMethod, need: Need): void {
    const info = method.info;
    if (!info) return;
    const data: FindingData = { kind: 'call', method: method.name };
    const hint = (code: FindingCode, message: string) => this.pushAt(check.findings, need, code, 'hint', message, data);
    if (info.adminConfirm) {
      hint('admin-confirmation', `'${method.name}' needs administrator confirmation: the first call returns METHOD_CONFIRM_WAITING until a portal administrator allows it. Handle that error and the OnAppMethodConfirm event.`);
    }
    if (info.whoClass === 'admin') hint('admin-only', `Only an administrator can execute '${method.name}'; make sure the call runs with an administrator's authorization.`);
    if (info.appOnly && this.input.manifest?.parsed.manifest.kind === 'webhook') {
      hint('app-only-in-webhook', `'${method.name}' works only in the context of an application, but this manifest's kind is "webhook". Use a local or Market app for this call.`);
    }
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

  /** Adds a finding at a need's location, unless a suppression comment on that line silences it. */
  private pushAt(out: Finding[], need: Need, code: FindingCode, severity: Severity, message: string, data: FindingData): void {
    const silenced = need.suppressions?.get(need.range.start.line);
    if (silenced && (silenced.length === 0 || silenced.includes(code))) return;
    out.push(finding(code, severity, message, need.file, need.range, data));
  }
}

function emptyCheck(file: string): FileCheck {
  return { file, findings: [], alternatives: [], forced: [], needed: [], open: [], dynamic: [] };
}

function finding(code: FindingCode, severity: Severity, message: string, file: string, range: Range, data: FindingData): Finding {
  return { code, severity, message, file, range, data };
}
