/** Diagnostics about the methods a document calls (not about scopes: see manifest/). */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { MethodReference } from '../analysis/types';
import { DIAGNOSTIC_SOURCE, type AnalysedDocument, type FeatureContext } from './context';
import { isSuppressed, RULES, severityOf, type RuleCode } from './rules';

/** Data attached to diagnostics so code actions can fix them without re-analysing. */
export interface MethodDiagnosticData {
  suggestions?: string[];
  replacement?: string;
}

/** Every method diagnostic for one document. */
export function diagnose(doc: AnalysedDocument, textDoc: TextDocument, ctx: FeatureContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const push = (ref: MethodReference, code: RuleCode, message: string, data?: MethodDiagnosticData) => {
    const severity = severityOf(code, RULES[code], ctx.settings);
    if (severity === undefined) return;
    const range = { start: textDoc.positionAt(ref.start), end: textDoc.positionAt(ref.end) };
    if (isSuppressed(doc.analysis, range.start.line, code)) return;
    out.push({ range, severity, code, source: DIAGNOSTIC_SOURCE, message, data });
  };

  for (const ref of doc.analysis.references) {
    const exact = ref.version ? ctx.catalogue.get(ref.name, ref.version) : ctx.catalogue.get(ref.name);
    const any = exact ?? ctx.catalogue.get(ref.name);
    if (!any) {
      const suggestions = ctx.catalogue.suggest(ref.name, 3);
      const hint = suggestions.length ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(', ')}?` : '';
      push(ref, 'unknown-method', `'${ref.name}' is not a documented Bitrix24 REST method.${hint}`, { suggestions });
      continue;
    }
    if (!exact && ref.version) {
      const other = ref.version === 3 ? '2' : '3.0';
      push(
        ref,
        'rest-version-mismatch',
        `'${any.name}' is documented for REST ${other} only, but is called here as REST ${ref.version === 3 ? '3.0' : '2'}.`,
      );
    }
    const method = exact ?? any;
    if (method.deprecated) {
      const instead = method.replacement ? ` Use '${method.replacement}' instead.` : '';
      push(ref, 'deprecated-method', `'${method.name}' is deprecated.${instead}`, { replacement: method.replacement });
    }
  }
  return out;
}
