/**
 * The diagnostic rules this server reports, their default severities, and how
 * settings and suppression comments change them.
 */
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { DocumentAnalysis } from '../analysis/types';
import type { FeatureSettings, RuleLevel } from './context';

/** Stable diagnostic codes; users refer to them in settings and suppression comments. */
export const RULES = {
  'unknown-method': 'warning',
  'deprecated-method': 'warning',
  'rest-version-mismatch': 'warning',
} as const satisfies Record<string, RuleLevel>;

export type RuleCode = keyof typeof RULES;

const SEVERITY: Record<Exclude<RuleLevel, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The severity of `code` under the user's settings, or undefined when the rule is off. */
export function severityOf(code: string, fallback: RuleLevel, settings: FeatureSettings): DiagnosticSeverity | undefined {
  if (!settings.enable) return undefined;
  const level = settings.rules[code] ?? fallback;
  return level === 'off' ? undefined : SEVERITY[level];
}

/** True when a suppression comment silences `code` on `line` (0-based). */
export function isSuppressed(analysis: DocumentAnalysis, line: number, code: string): boolean {
  const codes = analysis.suppressions.get(line);
  return codes !== undefined && (codes.length === 0 || codes.includes(code));
}
