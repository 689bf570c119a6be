/** "Bitrix24: Show Method Catalogue": pick a method, open its official page. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ListMethodsRequest, type MethodSummary } from '../../../server/src/protocol';

interface MethodPick extends vscode.QuickPickItem {
  method: MethodSummary;
}

/** Shows the catalogue in a quick pick; returns the chosen method (tests use it). */
export async function showCatalogue(client: LanguageClient): Promise<MethodSummary | undefined> {
  const methods = await client.sendRequest<MethodSummary[]>(ListMethodsRequest, { prefix: '' });
  const items: MethodPick[] = methods.map((m) => ({
    label: m.name,
    description: `${m.scope}${m.version === 3 ? ' · REST 3.0' : ''}${m.deprecated ? ' · deprecated' : ''}`,
    detail: m.title,
    method: m,
  }));
  const pick = await vscode.window.showQuickPick(items, {
    title: `Bitrix24 REST methods (${methods.length})`,
    placeHolder: 'Type a method name or scope, e.g. crm.lead or landing',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (pick) await vscode.env.openExternal(vscode.Uri.parse(pick.method.url));
  return pick?.method;
}
