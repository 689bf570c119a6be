/** Extension entry: log channel, language client, views, commands. No network here. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './language-client';
import { registerCommands } from './commands';
import { SiteRightsTree } from './rights/site-rights-tree';

/** What `activate` returns; tests wait on `serverReady`. */
export interface ExtensionApi {
  /** Resolves once the language server has initialised. */
  serverReady: Promise<void>;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const log = vscode.window.createOutputChannel('Bitrix24 REST Tools', { log: true });
  context.subscriptions.push(log);
  client = createLanguageClient(context, log);
  const rightsTree = new SiteRightsTree();
  context.subscriptions.push(rightsTree, vscode.window.registerTreeDataProvider('bitrix24.siteRights', rightsTree));
  registerCommands(context, { client, log });
  const serverReady = client.start().then(
    () => log.info('Language server started'),
    (err: unknown) => {
      log.error(`Language server failed to start: ${String(err)}`);
      void vscode.window.showErrorMessage('Bitrix24 REST Tools: the language server did not start. See the log for details.');
      throw err;
    },
  );
  return { serverReady };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
