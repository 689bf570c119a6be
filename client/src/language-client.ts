/** Starting and stopping the bundled language server. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { serverLocale } from './l10n/server-locale';

/**
 * Documents the server analyses, plus the manifests (bitrix24.json, .env files) it checks: files on
 * disk, and unsaved source files (so a pasted snippet is checked). Git, diff and output documents, and
 * untitled Markdown such as a generated report, are left alone.
 */
export const DOCUMENT_SELECTOR: LanguageClientOptions['documentSelector'] = [
  { scheme: 'file', pattern: '**/bitrix24.json' },
  { scheme: 'file', pattern: '**/.env*' },
  ...['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'vue', 'php', 'python', 'go', 'java', 'csharp', 'shellscript', 'http'].flatMap(
    (language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ],
  ),
  { scheme: 'file', language: 'markdown' },
];

/** Files whose changes on disk the workspace index follows (sources, manifests, .gitignore). */
const WATCHED = '**/{*.js,*.mjs,*.cjs,*.jsx,*.ts,*.tsx,*.vue,*.php,*.py,*.go,*.java,*.cs,*.sh,*.bash,bitrix24.json,.env*,.gitignore}';

/** Restarts the server when `bitrix24.language` changes, so open hovers and problems follow it. */
export function followLanguageSetting(client: LanguageClient, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration('bitrix24.language') || !client.isRunning()) return;
    void client.restart().then(
      () => log.info(`Language server restarted for language ${currentLocale()}`),
      (err: unknown) => log.error(`Language server restart failed: ${String(err)}`),
    );
  });
}

/** The server's language now: the setting, or VS Code's display language. */
function currentLocale(): string {
  return serverLocale(vscode.workspace.getConfiguration('bitrix24').get('language'), vscode.env.language);
}

/** Creates (not starts) the client for the server bundled at dist/server/server.js. */
export function createLanguageClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server', 'server.js'));
  const serverOptions: ServerOptions = {
    // stdio, not IPC: the server then parses a huge document's message off its own thread
    // (server/src/transport/), where Node's IPC channel would parse it on the server's thread.
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const watcher = vscode.workspace.createFileSystemWatcher(WATCHED);
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: log,
    synchronize: { configurationSection: ['bitrix24', 'files.exclude'], fileEvents: watcher },
    // Read at each (re)start, so "Restart Language Server" applies changed settings; later changes of
    // the exclusions arrive as configuration changes.
    initializationOptions: () => ({
      // The server prefers this over InitializeParams.locale (always VS Code's display language).
      locale: currentLocale(),
      envKeys: vscode.workspace.getConfiguration('bitrix24').get<string[]>('manifest.envKeys'),
      scanExclude: vscode.workspace.getConfiguration('bitrix24').get<string[]>('scan.exclude'),
      filesExclude: vscode.workspace.getConfiguration('files').get<Record<string, unknown>>('exclude'),
    }),
  };
  return new LanguageClient('bitrix24', 'Bitrix24 REST Tools', serverOptions, clientOptions);
}
