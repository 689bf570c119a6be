/** Starting and stopping the bundled language server. */
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** Documents the server analyses (the manifest languages are added by the scopes feature). */
export const DOCUMENT_SELECTOR: LanguageClientOptions['documentSelector'] = [
  'javascript',
  'javascriptreact',
  'typescript',
  'typescriptreact',
  'vue',
  'php',
  'python',
  'go',
  'java',
  'csharp',
  'shellscript',
  'http',
  'markdown',
].map((language) => ({ language }));

/** Creates (not starts) the client for the server bundled at dist/server/server.js. */
export function createLanguageClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: log,
    synchronize: { configurationSection: 'bitrix24' },
  };
  return new LanguageClient('bitrix24', 'Bitrix24 REST Tools', serverOptions, clientOptions);
}
