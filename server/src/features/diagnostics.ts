/** Diagnostics about the methods, events and placements a document names (not about scopes: see manifest/). */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_SOURCE, type AnalysedDocument, type FeatureContext } from './context';
import {
  bindingProblems,
  methodProblems,
  type ReferenceCatalogue,
  type ReferenceProblem,
  type ReferenceProblemData,
  type SuggestionMemo,
} from './method-checks';
import { documentBindings } from './bindings';
import { isSuppressed, RULES, severityOf } from './rules';

/** Data attached to diagnostics so code actions can fix them without re-analysing. */
export type MethodDiagnosticData = ReferenceProblemData;

/** Every method, event and placement diagnostic for one document. */
export function diagnose(doc: AnalysedDocument, textDoc: TextDocument, ctx: FeatureContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const catalogue = ctx.catalogue as ReferenceCatalogue;
  const severities = new Map<string, ReturnType<typeof severityOf>>();
  const push = (start: number, end: number, p: ReferenceProblem) => {
    if (!severities.has(p.code)) severities.set(p.code, severityOf(p.code, RULES[p.code].severity, ctx.settings, ctx.manifest?.rules));
    const severity = severities.get(p.code);
    if (severity === undefined) return;
    const range = { start: textDoc.positionAt(start), end: textDoc.positionAt(end) };
    if (isSuppressed(doc.analysis, range.start.line, p.code)) return;
    out.push({ range, severity, code: p.code, source: DIAGNOSTIC_SOURCE, message: p.message, data: p.data });
  };
  // A name's problems do not depend on where it is: a file naming one method 10,000 times
  // (generated code, a copy-paste storm) works them out once.
  const problems = new Map<string, ReferenceProblem[]>();
  const memo: SuggestionMemo = new Map();
  for (const ref of doc.analysis.references) {
    const key = `${ref.version ?? ''}:${ref.name}`;
    let found = problems.get(key);
    if (!found) problems.set(key, (found = methodProblems(ref, catalogue, memo, ctx.locale)));
    for (const p of found) push(ref.start, ref.end, p);
  }
  for (const b of documentBindings(doc.analysis)) for (const p of bindingProblems(b, catalogue, memo, ctx.locale)) push(b.start, b.end, p);
  return out;
}
