/** "Bitrix24: Show Scope Report": the evidence a Market reviewer wants, as a rendered Markdown preview. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ScopeReportRequest, type ScopeReportParams } from '../../../server/src/protocol';

/** Where the preview's Markdown lives: the extension's storage for this workspace (else its global storage), never the workspace. */
function reportFile(context: vscode.ExtensionContext): vscode.Uri {
  return vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'scope-report.md');
}

/**
 * Turns `file:` link targets into paths relative to the report file: the Markdown
 * preview refuses `file:` links (they would show as raw text) but opens relative
 * ones, at the line their `#L<n>` names.
 */
function relativeLinks(markdown: string, report: vscode.Uri): string {
  return markdown.replace(/\]\((file:\/\/[^)\s]+)\)/g, (whole, target: string) => {
    const to = vscode.Uri.parse(target);
    if (to.scheme !== report.scheme || to.authority !== report.authority) return whole;
    const rel = path.posix.relative(path.posix.dirname(report.path), to.path);
    const encoded = encodeURI(rel).replace(/[()]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
    return `](${encoded}${to.fragment ? `#${to.fragment}` : ''})`;
  });
}

/**
 * Renders the report for `uri`'s manifest (default: the active file's, or the
 * workspace's first) as a Markdown preview whose locations open the files;
 * returns the Markdown file shown. Nothing is left dirty or unsaved.
 */
export async function showScopeReport(client: LanguageClient, context: vscode.ExtensionContext, uri?: string): Promise<vscode.Uri> {
  const params: ScopeReportParams = { uri: uri ?? vscode.window.activeTextEditor?.document.uri.toString(), links: true };
  const { markdown } = await client.sendRequest(ScopeReportRequest, params);
  const file = reportFile(context);
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(file, '..'));
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(relativeLinks(markdown, file)));
  await vscode.commands.executeCommand('markdown.showPreview', file);
  return file;
}

/** "Bitrix24: Export Scope Report…": writes the report as a Markdown file the user picks; the toast offers to open it. */
export async function exportScopeReport(client: LanguageClient, uri?: string): Promise<vscode.Uri | undefined> {
  const params: ScopeReportParams = { uri: uri ?? vscode.window.activeTextEditor?.document.uri.toString() };
  const { markdown } = await client.sendRequest(ScopeReportRequest, params);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, 'SCOPES.md') : undefined,
    filters: { Markdown: ['md'] },
    title: vscode.l10n.t('Export scope report'),
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(markdown));
  const open = vscode.l10n.t('Open');
  void vscode.window.showInformationMessage(vscode.l10n.t('Scope report written to {0}.', vscode.workspace.asRelativePath(target)), open).then((choice) => {
    if (choice === open) void vscode.commands.executeCommand('markdown.showPreview', target);
  });
  return target;
}
