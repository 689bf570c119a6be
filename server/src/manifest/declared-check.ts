/**
 * Findings about the scopes a manifest declares: duplicates, unknown codes,
 * unused and deprecated scopes, from what the whole group of files needs.
 */
import type { Range } from 'vscode-languageserver-types';
import { requirementScopes } from '../catalogue/requirement';
import { closest } from './did-you-mean';
import { rankByPrivilege, wildcardMatcher } from './scope-arithmetic';
import type { Aggregate, ManifestInput } from './scope-check';
import type { Finding, FindingCode, ScopeCatalogue, Severity, Span } from './types';

export interface DeclaredInput {
  manifest: ManifestInput;
  /** A rule's level for this manifest (undefined: off). */
  level: (code: FindingCode, fallback?: Severity) => Severity | undefined;
  agg: Aggregate;
  /** The catalogue with the manifest's custom methods (they may bring scope codes of their own). */
  catalogue: ScopeCatalogue;
  rangeOf: (span: Span) => Range;
  label?: (file: string) => string;
}

type At = (code: FindingCode, severity: Severity, message: string, suggestion?: string) => void;

/** Findings located on the declared scope codes. */
export function declaredFindings(input: DeclaredInput): Finding[] {
  const { manifest, catalogue } = input;
  const out: Finding[] = [];
  const { needed, coveredBy } = neededScopes(input);
  // On-premise modules may define scope codes of their own, through custom methods.
  const known = new Set([...catalogue.scopes().map((s) => s.code), ...catalogue.customMethods().flatMap((m) => requirementScopes(m.requirement))]);
  const seen = new Set<string>();
  (manifest.parsed.manifest.scopes ?? []).forEach((d, index) => {
    const range = input.rangeOf(d.span);
    const at: At = (code, fallback, message, suggestion) => {
      const severity = input.level(code, fallback);
      if (severity) out.push({ code, severity, message, file: manifest.file, range, data: { kind: 'declared', scope: d.code, index, manifestFile: manifest.file, suggestion } });
    };
    if (seen.has(d.code)) return at('duplicate-scope', 'warning', `Scope '${d.code}' is declared more than once; remove this one.`);
    seen.add(d.code);
    if (d.code === 'basic') return at('unused-scope', 'warning', `'basic' is not a scope to declare: methods with basic access need none. Remove it.`);
    if (!known.has(d.code)) {
      const suggestion = closest(d.code, known);
      const hint = suggestion ? ` Did you mean '${suggestion}'?` : ' Check the code against the list of Bitrix24 scopes.';
      return at('unknown-scope', 'error', `'${d.code}' is not a Bitrix24 scope.${hint}`, suggestion);
    }
    if (!needed.has(d.code)) return unused(input, d.code, coveredBy.get(d.code), at);
    const info = catalogue.scope(d.code);
    if (info?.deprecated) {
      const instead = info.replacement ? ` Use '${info.replacement}' instead.` : ' Use its current replacement.';
      at('deprecated-scope', 'warning', `Scope '${d.code}' is deprecated.${instead}`, info.replacement);
    }
  });
  return out;
}

function unused(input: DeclaredInput, code: string, covered: { method: string; by: string } | undefined, at: At): void {
  const { manifest } = input;
  const why = covered ? `its only use, '${covered.method}', is already satisfied by '${covered.by}'` : 'no call in the code needs it';
  const dynamic = input.agg.dynamic.filter((d) => couldNeed(input, d.site.pattern, code));
  if (dynamic.length > 0) {
    const first = dynamic[0];
    const label = input.label ?? ((f: string) => f);
    const where = manifest.parsed.format === 'json' ? 'methods.extra' : 'methods.extra of a bitrix24.json';
    const calls = dynamic.length > 1 ? `${dynamic.length} calls build` : '1 call builds';
    at('unused-scope', 'hint', `Scope '${code}' may be unused: ${why}, but ${calls} the method name at run time ('${first.site.pattern}' at ${label(first.file)}:${first.site.range.start.line + 1}). List the methods called there in ${where} to make this check complete.`);
    return;
  }
  const rule = manifest.parsed.manifest.kind === 'webhook' ? 'Grant a webhook only what it uses.' : 'Market moderation rejects apps that request scopes they do not use.';
  at('unused-scope', 'warning', `Scope '${code}' is declared but ${why}. Remove it: ${rule}`);
}

/** Declared scopes some call cannot do without; alternatives are covered by the least-privilege declared one. */
function neededScopes(input: DeclaredInput): { needed: Set<string>; coveredBy: Map<string, { method: string; by: string }> } {
  const needed = new Set(input.agg.needed);
  const coveredBy = new Map<string, { method: string; by: string }>();
  for (const { method, options } of input.agg.open) {
    const by = options.find((s) => needed.has(s)) ?? rankByPrivilege(options, input.catalogue)[0];
    needed.add(by);
    for (const s of options) if (s !== by && !coveredBy.has(s)) coveredBy.set(s, { method, by });
  }
  return { needed, coveredBy };
}

/** Could a call built as `pattern` reach a method that needs `scope`? */
function couldNeed(input: DeclaredInput, pattern: string, scope: string): boolean {
  const matches = wildcardMatcher(pattern);
  return input.catalogue.methodsOfScope(scope).some((m) => matches(m.name));
}
