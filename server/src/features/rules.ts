/**
 * How settings, manifests and suppression comments change the registry's
 * rules (server/src/rules.ts) for one diagnostic.
 */
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { DocumentAnalysis } from '../analysis/types';
import type { FeatureSettings, RuleLevel } from './context';

export { RULES, type RuleCode } from '../rules';

const SEVERITY: Record<Exclude<RuleLevel, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * The severity of `code`, or undefined when the rule is off: the user's
 * setting wins, then the manifest's `rules`, then `fallback` (the registry's default).
 */
export function severityOf(
  code: string,
  fallback: RuleLevel,
  settings: FeatureSettings,
  manifestRules?: Readonly<Record<string, RuleLevel>>,
): DiagnosticSeverity | undefined {
  if (!settings.enable) return undefined;
  const level = settings.rules[code] ?? manifestRules?.[code] ?? fallback;
  return level === 'off' ? undefined : SEVERITY[level];
}

/** True when a suppression comment silences `code` on `line` (0-based). */
export function isSuppressed(analysis: DocumentAnalysis, line: number, code: string): boolean {
  const codes = analysis.suppressions.get(line);
  return codes !== undefined && (codes.length === 0 || codes.includes(code));
}
