/** Quick fixes for method diagnostics. */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import type { MethodDiagnosticData } from './diagnostics';

/** Quick fixes for the method diagnostics (`unknown-method`, `deprecated-method`) in `diagnostics` (those the client sent back for a range). */
export function methodCodeActions(uri: string, diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    const data = (d.data ?? {}) as MethodDiagnosticData;
    if (d.code === 'unknown-method') {
      (data.suggestions ?? []).forEach((s, i) =>
        actions.push({
          title: `Replace with '${s}'`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: i === 0,
          edit: { changes: { [uri]: [{ range: d.range, newText: s }] } },
        }),
      );
    } else if (d.code === 'deprecated-method' && data.replacement) {
      actions.push({
        title: `Replace with '${data.replacement}' (check its parameters)`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        edit: { changes: { [uri]: [{ range: d.range, newText: data.replacement }] } },
      });
    }
  }
  return actions;
}
