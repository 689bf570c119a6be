/**
 * Limits that keep one document from flooding the editor or the server:
 * diagnostics per document, and the size above which a document's calls are
 * not analysed while it is open (documented in docs/workspace.md).
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE } from './features/context';
import { ruleMessage } from './rules';
import type { Locale } from './l10n/locale';

/** Diagnostics published per document; the rest are summed up in one more. */
export const MAX_DIAGNOSTICS_PER_DOCUMENT = 1000;

/** Open documents larger than this (UTF-16 code units, about bytes for code) are not analysed. */
export const MAX_ANALYSED_DOCUMENT = 2 * 1024 * 1024;

const RANK: Record<number, number> = {
  [DiagnosticSeverity.Error]: 0,
  [DiagnosticSeverity.Warning]: 1,
  [DiagnosticSeverity.Information]: 2,
  [DiagnosticSeverity.Hint]: 3,
};

/**
 * At most `max` diagnostics, the most severe first (then in document order), and
 * when some were left out, one more at the top of the document saying how many.
 * `alsoLeftOut` counts problems found but never built (see `diagnoseWithin`).
 */
export function capDiagnostics(all: Diagnostic[], max = MAX_DIAGNOSTICS_PER_DOCUMENT, alsoLeftOut = 0, locale: Locale = 'en'): Diagnostic[] {
  if (all.length <= max && alsoLeftOut === 0) return all;
  const rank = (d: Diagnostic) => RANK[d.severity ?? DiagnosticSeverity.Error] ?? 4;
  const kept = all
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i)
    .slice(0, max)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.d);
  const hidden = Math.max(0, all.length - max) + alsoLeftOut;
  const count = (n: number) => groupDigits(n, locale === 'ru' ? '\u00a0' : ',');
  kept.push({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: 'too-many-problems',
    source: DIAGNOSTIC_SOURCE,
    message: ruleMessage('too-many-problems', { hidden: count(hidden), max: count(max) }, locale),
  });
  return kept;
}

/**
 * `99000` → `99,000` (`99 000` in Russian, with a no-break space), as `toLocaleString` writes it:
 * without it, because the first call of `toLocaleString` loads the locale's data (20 ms or more).
 */
export function groupDigits(n: number, separator: string): string {
  const digits = String(Math.trunc(Math.abs(n)));
  let out = '';
  for (let i = digits.length; i > 0; i -= 3) out = digits.slice(Math.max(0, i - 3), i) + (out ? separator + out : '');
  return (n < 0 ? '-' : '') + out;
}

/** The diagnostic shown instead of an analysis on a document over MAX_ANALYSED_DOCUMENT. */
export function tooLargeDiagnostic(length: number, locale: Locale = 'en'): Diagnostic {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: 'document-too-large',
    source: DIAGNOSTIC_SOURCE,
    message: ruleMessage('document-too-large', { size: mb(length), limit: mb(MAX_ANALYSED_DOCUMENT) }, locale),
  };
}

/** Runs one task per key after `delayMs` of quiet for that key; a new schedule for the key replaces the pending one. */
export class Debouncer {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  schedule(key: string, delayMs: number, task: () => void): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        task();
      }, delayMs),
    );
  }

  cancel(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  pending(key: string): boolean {
    return this.timers.has(key);
  }
}
