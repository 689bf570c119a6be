/** Quick fixes for method diagnostics. */
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysedDocument } from './context';
import type { MethodDiagnosticData } from './diagnostics';
import type { Locale } from '../l10n/locale';
import { texts } from '../l10n/texts';

/**
 * Quick fixes for the method diagnostics (`unknown-method`, `deprecated-method`,
 * `superseded-method`, `unknown-event`, `unknown-placement`) in `diagnostics`
 * (those the client sent back for a range). With the document, a superseded
 * CRM call also gets its `entityTypeId` added to the parameters.
 */
export function methodCodeActions(
  uri: string,
  diagnostics: Diagnostic[],
  doc?: { analysed: AnalysedDocument; text: TextDocument },
  locale?: Locale,
): CodeAction[] {
  const actions: CodeAction[] = [];
  const t = texts(locale);
  for (const d of diagnostics) {
    const data = (d.data ?? {}) as MethodDiagnosticData;
    if (d.code === 'unknown-method' || d.code === 'unknown-event' || d.code === 'unknown-placement') {
      (data.suggestions ?? []).forEach((s, i) =>
        actions.push({
          title: t.replaceWith(s),
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: i === 0,
          edit: { changes: { [uri]: [{ range: d.range, newText: s }] } },
        }),
      );
    } else if ((d.code === 'deprecated-method' || d.code === 'superseded-method') && data.replacement) {
      const edits: TextEdit[] = [{ range: d.range, newText: data.replacement }];
      let title = t.replaceCheckParams(data.replacement);
      if (data.entityTypeId !== undefined) {
        const insert = doc && entityTypeIdEdit(doc, d, data.entityTypeId);
        if (insert) edits.push(insert);
        title = t.replacePassEntityTypeId(data.replacement, data.entityTypeId, insert !== undefined);
      }
      actions.push({
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: d.code === 'superseded-method',
        edit: { changes: { [uri]: edits } },
      });
    }
  }
  return actions;
}

/** `entityTypeId: 2, ` inserted at the start of the call's params literal, in the document's syntax. */
function entityTypeIdEdit(doc: { analysed: AnalysedDocument; text: TextDocument }, d: Diagnostic, id: number): TextEdit | undefined {
  const start = doc.text.offsetAt(d.range.start);
  const ref = doc.analysed.analysis.references.find((r) => r.start === start);
  const params = ref?.paramsRange;
  if (!params) return undefined;
  const open = doc.analysed.text[params.start];
  if (open !== '{' && open !== '[') return undefined;
  const family = doc.analysed.family;
  const pair = family === 'php' ? `'entityTypeId' => ${id}` : family === 'python' ? `'entityTypeId': ${id}` : `entityTypeId: ${id}`;
  const body = doc.analysed.text.slice(params.start + 1, params.end - 1).trim();
  const at = doc.text.positionAt(params.start + 1);
  return { range: { start: at, end: at }, newText: body ? ` ${pair},` : ` ${pair} ` };
}
