/**
 * "Bitrix24: Explain Error…": what a pasted REST error (or the selected text)
 * means for this app and how to fix it, as a Markdown document. Scripted use:
 * `{ "error": "<json or code>", "method"?: "crm.lead.add" }`.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RunToolRequest, type RunToolParams, type RunToolResult } from '../../../server/src/protocol';

interface ExplainArgs {
  error?: unknown;
  method?: unknown;
}

/** Runs the command; returns the document shown, or undefined when cancelled or nothing was explained. */
export async function explainError(client: LanguageClient, args?: unknown): Promise<vscode.TextDocument | undefined> {
  const scripted = typeof args === 'object' && args !== null ? (args as ExplainArgs) : typeof args === 'string' ? { error: args } : {};
  let error = typeof scripted.error === 'string' ? scripted.error : selectedText();
  let method = typeof scripted.method === 'string' ? scripted.method : undefined;
  if (!error) {
    error = await vscode.window.showInputBox({
      title: vscode.l10n.t('Explain a Bitrix24 REST error'),
      prompt: vscode.l10n.t('Paste the error body, a batch result_error map, a log line or just the code'),
      placeHolder: '{"error":"insufficient_scope","error_description":""}',
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Paste an error or a code')),
    });
    if (!error) return undefined;
    method = await vscode.window.showInputBox({
      title: vscode.l10n.t('Explain a Bitrix24 REST error'),
      prompt: vscode.l10n.t('Which method failed? Optional: it tells which scope or right is missing. Press Enter to skip.'),
      placeHolder: 'crm.lead.add',
      ignoreFocusOut: true,
    });
    if (method === undefined) return undefined;
  }
  const params: RunToolParams = { tool: 'explain_error', input: { error, ...(method?.trim() ? { method: method.trim() } : {}) } };
  let result: RunToolResult;
  try {
    result = await client.sendRequest(RunToolRequest, params);
  } catch (err) {
    void vscode.window.showWarningMessage(`Bitrix24: ${(err instanceof Error ? err.message : String(err)).replace(/^explain_error: /, '')}`);
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: `# ${vscode.l10n.t('Bitrix24 error explained')}\n\n${result.text}\n` });
  await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  return doc;
}

/** The active editor's selection, when it holds text. */
function selectedText(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  const text = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).trim() : '';
  return text || undefined;
}
