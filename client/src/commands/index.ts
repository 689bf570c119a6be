/** The command table: each command id with its handler. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { showCatalogue } from './show-catalogue';
import { exportScopeReport, showScopeReport } from './scope-report';
import { createManifest } from './create-manifest';
import { explainError } from './explain-error';

export interface CommandDeps {
  client: LanguageClient;
  log: vscode.LogOutputChannel;
}

/** Registers every command; disposables go into the extension context. */
export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  const table: Record<string, (...args: unknown[]) => unknown> = {
    'bitrix24.showCatalogue': () => showCatalogue(deps.client),
    'bitrix24.restartServer': async () => {
      await deps.client.restart();
      deps.log.info('Language server restarted');
    },
    'bitrix24.showOutput': () => deps.log.show(),
    'bitrix24.showScopeReport': (uri) => showScopeReport(deps.client, context, typeof uri === 'string' ? uri : undefined),
    'bitrix24.exportScopeReport': (uri) => exportScopeReport(deps.client, typeof uri === 'string' ? uri : undefined),
    'bitrix24.createManifest': (folder) => createManifest(deps.client, folder instanceof vscode.Uri ? folder : undefined),
    'bitrix24.explainError': (args) => explainError(deps.client, args),
  };
  for (const [id, handler] of Object.entries(table)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  }
}
