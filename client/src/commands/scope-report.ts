/** "Bitrix24: Show Scope Report": the evidence a Market reviewer wants, as a Markdown document. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ScopeReportRequest, type ScopeReportResult } from '../../../server/src/protocol';

/** Opens the report for the active file's manifest (or the workspace's first) in a Markdown editor; returns the document. */
export async function showScopeReport(client: LanguageClient): Promise<vscode.TextDocument> {
  const uri = vscode.window.activeTextEditor?.document.uri.toString();
  const { markdown } = await client.sendRequest<ScopeReportResult>(ScopeReportRequest, { uri });
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** "Bitrix24: Export Scope Report…": writes the report as a Markdown file the user picks. */
export async function exportScopeReport(client: LanguageClient): Promise<vscode.Uri | undefined> {
  const uri = vscode.window.activeTextEditor?.document.uri.toString();
  const { markdown } = await client.sendRequest<ScopeReportResult>(ScopeReportRequest, { uri });
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, 'SCOPES.md') : undefined,
    filters: { Markdown: ['md'] },
    title: 'Export scope report',
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(markdown));
  void vscode.window.showInformationMessage(`Scope report written to ${vscode.workspace.asRelativePath(target)}.`);
  return target;
}
