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

/** What `diagnoseWithin` kept, and how many more it counted without building them. */
export interface BoundedDiagnostics {
  diagnostics: Diagnostic[];
  dropped: number;
}

/** Every method, event and placement diagnostic for one document. */
export function diagnose(doc: AnalysedDocument, textDoc: TextDocument, ctx: FeatureContext): Diagnostic[] {
  return diagnoseWithin(doc, textDoc, ctx, Infinity).diagnostics;
}

/**
 * The document's diagnostics, building at most `keep` of each severity: a publish keeps only the
 * most severe `keep` in document order, so no diagnostic it would show is left out, and a flood
 * (100k unknown names) costs a count instead of 100k objects. `confirmed` names a method the
 * portal confirms: it is not unknown, and not counted.
 */
export function diagnoseWithin(
  doc: AnalysedDocument,
  textDoc: TextDocument,
  ctx: FeatureContext,
  keep: number,
  confirmed: (name: string) => boolean = () => false,
): BoundedDiagnostics {
  const out: Diagnostic[] = [];
  let dropped = 0;
  const built = new Map<number, number>();
  const catalogue = ctx.catalogue as ReferenceCatalogue;
  const severities = new Map<string, ReturnType<typeof severityOf>>();
  const noSuppressions = doc.analysis.suppressions.size === 0;
  const push = (start: number, end: number, p: ReferenceProblem) => {
    if (!severities.has(p.code)) severities.set(p.code, severityOf(p.code, RULES[p.code].severity, ctx.settings, ctx.manifest?.rules));
    const severity = severities.get(p.code);
    if (severity === undefined) return;
    const count = built.get(severity) ?? 0;
    // Past the cap only the count matters; its line is needed only if a comment may suppress it.
    if (count >= keep && noSuppressions) {
      dropped++;
      return;
    }
    const from = textDoc.positionAt(start);
    if (isSuppressed(doc.analysis, from.line, p.code)) return;
    if (count >= keep) {
      dropped++;
      return;
    }
    built.set(severity, count + 1);
    out.push({ range: { start: from, end: textDoc.positionAt(end) }, severity, code: p.code, source: DIAGNOSTIC_SOURCE, message: p.message, data: p.data });
  };
  // A name's problems do not depend on where it is: a file naming one method 10,000 times
  // (generated code, a copy-paste storm) works them out once.
  const problems = new Map<string, ReferenceProblem[]>();
  const memo: SuggestionMemo = new Map();
  for (const ref of doc.analysis.references) {
    // No string built per occurrence for the usual unversioned call (a name never starts with "2:" or "3:").
    const key = ref.version ? `${ref.version}:${ref.name}` : ref.name;
    let found = problems.get(key);
    if (!found) {
      found = methodProblems(ref, catalogue, memo, ctx.locale);
      if (confirmed(ref.name)) found = found.filter((p) => p.code !== 'unknown-method');
      problems.set(key, found);
    }
    for (const p of found) push(ref.start, ref.end, p);
  }
  for (const b of documentBindings(doc.analysis)) for (const p of bindingProblems(b, catalogue, memo, ctx.locale)) push(b.start, b.end, p);
  return { diagnostics: out, dropped };
}
