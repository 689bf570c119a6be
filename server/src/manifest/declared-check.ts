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
import type { Locale } from '../l10n/locale';
import { texts } from '../l10n/texts';
import { ruleMessage } from '../rules';

export interface DeclaredInput {
  manifest: ManifestInput;
  /** A rule's level for this manifest (undefined: off). */
  level: (code: FindingCode, fallback?: Severity) => Severity | undefined;
  agg: Aggregate;
  /** The catalogue with the manifest's custom methods (they may bring scope codes of their own). */
  catalogue: ScopeCatalogue;
  rangeOf: (span: Span) => Range;
  label?: (file: string) => string;
  /** The language of the messages (default English). */
  locale?: Locale;
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
  const t = texts(input.locale);
  const say = (code: FindingCode, values: Record<string, string>) => ruleMessage(code, values, input.locale);
  (manifest.parsed.manifest.scopes ?? []).forEach((d, index) => {
    const range = input.rangeOf(d.span);
    const at: At = (code, fallback, message, suggestion) => {
      const severity = input.level(code, fallback);
      if (severity)
        out.push({
          code,
          severity,
          message,
          file: manifest.file,
          range,
          data: { kind: 'declared', scope: d.code, index, manifestFile: manifest.file, suggestion },
        });
    };
    if (seen.has(d.code)) return at('duplicate-scope', 'warning', say('duplicate-scope', { scope: d.code }));
    seen.add(d.code);
    if (d.code === 'basic') return at('unused-scope', 'warning', t.basicNotAScope);
    if (!known.has(d.code)) {
      const suggestion = closest(d.code, known);
      const hint = suggestion ? t.didYouMean([suggestion]) : t.checkScopeList;
      return at('unknown-scope', 'error', say('unknown-scope', { scope: d.code, hint }), suggestion);
    }
    if (!needed.has(d.code)) return unused(input, d.code, coveredBy.get(d.code), at);
    const info = catalogue.scope(d.code);
    if (info?.deprecated) {
      const instead = info.replacement ? t.useInstead(info.replacement) : t.useCurrentReplacement;
      at('deprecated-scope', 'warning', say('deprecated-scope', { scope: d.code, instead }), info.replacement);
    }
  });
  return out;
}

function unused(input: DeclaredInput, code: string, covered: { method: string; by: string } | undefined, at: At): void {
  const { manifest } = input;
  const t = texts(input.locale);
  const why = t.unusedWhy(covered);
  const dynamic = input.agg.dynamic.filter((d) => couldNeed(input, d.site.pattern, code));
  if (dynamic.length > 0) {
    const first = dynamic[0];
    const label = input.label ?? ((f: string) => f);
    at(
      'unused-scope',
      'hint',
      t.mayBeUnused(
        code,
        why,
        dynamic.length,
        first.site.pattern,
        `${label(first.file)}:${first.site.range.start.line + 1}`,
        manifest.parsed.format === 'json',
      ),
    );
    return;
  }
  at(
    'unused-scope',
    'warning',
    ruleMessage('unused-scope', { scope: code, why, rule: t.unusedRule(manifest.parsed.manifest.kind === 'webhook') }, input.locale),
  );
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
