/**
 * The scope report of one manifest: each declared scope with the calls that
 * need it, and every call with its requirement. Data first; Markdown for reading
 * in the editor and for export.
 */
import { formatRequirement, requirementScopes } from '../catalogue/requirement';
import { bindingRequirement, shortfall, wildcardMatcher } from '../manifest/scope-arithmetic';
import type { AppKind, FileCalls, Finding, ManifestFormat, ParsedManifest, ScopeCatalogue } from '../manifest/types';

/** One call site (resolved or built at run time). */
export interface ReportCall {
  file: string;
  /** 1-based, as editors and CI show them. */
  line: number;
  column: number;
  /** The method name, or the pattern of a name built at run time (`crm.*.list`). */
  method: string;
  resolved: boolean;
  /** `crm`, `user | user_brief`, `a + b`, `basic (no scope needed)`; `unknown method` when nobody documents the name. */
  requirement: string;
  /** Whether the declared scopes satisfy it (undefined: cannot tell, or no manifest). */
  satisfied?: boolean;
  /** Left out of the check by methods.ignore. */
  ignored?: boolean;
  /** Set for a bound event or placement (`method` is then its name or code). */
  kind?: 'event' | 'placement';
}

export interface ReportScope {
  code: string;
  /** `used`, or the code of the finding about it (`unused-scope`, `unknown-scope`, ...). */
  status: string;
  calls: ReportCall[];
}

export interface ScopeReport {
  manifest?: { file: string; format: ManifestFormat; kind?: AppKind };
  scopes: ReportScope[];
  /** Scopes calls need that are not declared ("a | b" when any one would do). */
  missing: { scopes: string; calls: ReportCall[] }[];
  calls: ReportCall[];
}

export interface ReportInput {
  manifest?: { file: string; parsed: ParsedManifest };
  files: Iterable<FileCalls>;
  /** The catalogue with the manifest's custom methods. */
  view: ScopeCatalogue;
  /** The findings of this manifest's check (they give the declared scopes' status). */
  findings: readonly Finding[];
  label: (file: string) => string;
  /** For bound events and placements (without it they are left out). */
  catalogue?: ScopeCatalogue;
}

/** Builds the report of one manifest (or of the files no manifest covers). */
export function buildReport(input: ReportInput): ScopeReport {
  const m = input.manifest?.parsed.manifest;
  const declared = new Set((m?.scopes ?? []).map((d) => d.code));
  const ignored = (m?.ignore ?? []).map((e) => wildcardMatcher(e.name));
  const calls: ReportCall[] = [];
  const needing = new Map<string, ReportCall[]>();
  const missing = new Map<string, ReportCall[]>();
  for (const f of [...input.files].sort((a, b) => a.file.localeCompare(b.file))) {
    const file = input.label(f.file);
    for (const c of f.calls) {
      const at = { file, line: c.range.start.line + 1, column: c.range.start.character + 1 };
      const method = input.view.get(c.name, c.version) ?? input.view.get(c.name);
      const call: ReportCall = { ...at, method: c.name, resolved: true, requirement: method ? formatRequirement(method.requirement) : 'unknown method' };
      if (ignored.some((x) => x(c.name))) call.ignored = true;
      else if (method && m?.scopes) {
        const lack = shortfall(method.requirement, declared);
        call.satisfied = method.requirement.kind === 'unknown' ? undefined : lack.satisfied;
        for (const s of requirementScopes(method.requirement)) if (declared.has(s)) push(needing, s, call);
        if (!lack.satisfied) push(missing, lack.scopes.join(lack.choice === 'any' ? ' | ' : ' + '), call);
      }
      calls.push(call);
    }
    for (const b of input.catalogue ? (f.bindings ?? []) : []) {
      if (b.via.endsWith('.unbind')) continue;
      const info = b.kind === 'event' ? input.catalogue?.event?.(b.name) : input.catalogue?.placement?.(b.name);
      const requirement = info && bindingRequirement(info);
      const at = { file, line: b.range.start.line + 1, column: b.range.start.character + 1 };
      const call: ReportCall = {
        ...at,
        method: b.name,
        kind: b.kind,
        resolved: true,
        requirement: requirement ? formatRequirement(requirement) : `unknown ${b.kind}`,
      };
      if (requirement && m?.scopes) {
        const lack = shortfall(requirement, declared);
        call.satisfied = requirement.kind === 'unknown' ? undefined : lack.satisfied;
        for (const s of requirementScopes(requirement)) if (declared.has(s)) push(needing, s, call);
        if (!lack.satisfied) push(missing, lack.scopes.join(lack.choice === 'any' ? ' | ' : ' + '), call);
      }
      calls.push(call);
    }
    for (const d of f.dynamic) {
      calls.push({
        file,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        method: d.pattern,
        resolved: false,
        requirement: 'unknown (name built at run time)',
      });
    }
  }
  const status = new Map<number, string>();
  for (const f of input.findings) if (f.data.kind === 'declared' && f.data.index >= 0 && !status.has(f.data.index)) status.set(f.data.index, f.code);
  return {
    manifest: input.manifest && { file: input.label(input.manifest.file), format: input.manifest.parsed.format, kind: m?.kind },
    scopes: (m?.scopes ?? []).map((d, i) => ({ code: d.code, status: status.get(i) ?? 'used', calls: needing.get(d.code) ?? [] })),
    missing: [...missing].map(([scopes, list]) => ({ scopes, calls: list })),
    calls,
  };
}

export interface RenderOptions {
  /** A link target for a location (`file` as the report names it, 1-based line); locations are then links. */
  link?: (file: string, line: number) => string | undefined;
}

/** The report as Markdown. */
export function renderMarkdown(report: ScopeReport, options: RenderOptions = {}): string {
  const where = (c: ReportCall): string => {
    const text = `${c.file}:${c.line}`;
    const target = options.link?.(c.file, c.line);
    return target ? `[${text}](${target.replace(/[()\s]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})` : text;
  };
  const out: string[] = [];
  const title = report.manifest ? `Scope report: ${report.manifest.file}` : 'Scope report: files without a manifest';
  out.push(`# ${title}`, '');
  const files = new Set(report.calls.map((c) => c.file)).size;
  const kind = report.manifest?.kind ? `Kind: ${report.manifest.kind}. ` : '';
  out.push(`${kind}${report.scopes.length} declared scope(s), ${report.calls.length} call(s) in ${files} file(s).`, '');
  if (report.manifest) {
    out.push('## Declared scopes', '', '| Scope | Status | Calls that need it |', '| --- | --- | --- |');
    for (const s of report.scopes) out.push(`| \`${s.code}\` | ${s.status} | ${s.calls.length} |`);
    out.push('');
    for (const s of report.scopes.filter((x) => x.calls.length > 0)) {
      out.push(`### \`${s.code}\``, '', ...s.calls.map((c) => `- \`${c.method}\` at ${where(c)}`), '');
    }
  }
  if (report.missing.length > 0) {
    out.push('## Missing scopes', '');
    for (const m of report.missing) out.push(`- \`${m.scopes}\`: ${m.calls.map((c) => `\`${c.method}\` at ${where(c)}`).join(', ')}`);
    out.push('');
  }
  out.push('## Calls', '', '| Location | Method | Requirement | Declared |', '| --- | --- | --- | --- |');
  for (const c of report.calls) {
    const state = c.ignored ? 'ignored' : !c.resolved ? 'dynamic' : c.satisfied === undefined ? '' : c.satisfied ? 'yes' : '**missing**';
    out.push(`| ${cell(where(c))} | ${c.kind ? `${c.kind} ` : ''}\`${cell(c.method)}\` | ${cell(c.requirement)} | ${state} |`);
  }
  out.push('');
  return out.join('\n');
}

/** Table cells may not contain a bare `|` (requirements like `user | user_brief` have them). */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
