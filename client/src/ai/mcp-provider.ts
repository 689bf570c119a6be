/**
 * Offers `bitrix24-mcp` to VS Code's MCP support, one server per workspace
 * folder, where the running VS Code has `lm.registerMcpServerDefinitionProvider`
 * (1.100 declares it as `modelContextServerCollections`, 1.101+ as
 * `mcpServerDefinitionProviders`; package.json carries both). Feature-detected,
 * and a refusal never stops activation.
 */
import * as vscode from 'vscode';
import { serverLocale } from '../l10n/server-locale';
import { mcpArgs } from './mcp-args';

/** The API shape used, from VS Code 1.101 (not in the 1.100 typings this extension builds against). */
interface McpApi {
  registerMcpServerDefinitionProvider(
    id: string,
    provider: { onDidChangeMcpServerDefinitions?: vscode.Event<void>; provideMcpServerDefinitions(token: vscode.CancellationToken): unknown[] },
  ): vscode.Disposable;
}
type StdioDefinition = new (label: string, command: string, args: string[], env?: Record<string, string | number | null>, version?: string) => unknown;

export const MCP_PROVIDER_ID = 'bitrix24.mcp';

/** Registers the provider when possible; returns whether it did. */
export function registerMcpProvider(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): boolean {
  const lm = vscode.lm as unknown as Partial<McpApi> | undefined;
  const Definition = (vscode as unknown as { McpStdioServerDefinition?: StdioDefinition }).McpStdioServerDefinition;
  if (typeof lm?.registerMcpServerDefinitionProvider !== 'function' || !Definition) return false;
  const changed = new vscode.EventEmitter<void>();
  const bin = context.asAbsolutePath('dist/bin/mcp.js');
  const version = String(context.extension.packageJSON.version);
  let registration: vscode.Disposable;
  try {
    registration = lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, {
      onDidChangeMcpServerDefinitions: changed.event,
      provideMcpServerDefinitions: () =>
        (vscode.workspace.workspaceFolders ?? []).map(
          // The extension host's executable runs scripts as Node when told to (Electron).
          (f) =>
            new Definition(
              `Bitrix24 REST Tools (${f.name})`,
              process.execPath,
              mcpArgs(bin, f.uri.fsPath, serverLocale(vscode.workspace.getConfiguration('bitrix24').get('language'), vscode.env.language)),
              { ELECTRON_RUN_AS_NODE: 1 },
              version,
            ),
        ),
    });
  } catch (err) {
    changed.dispose();
    log.warn(`VS Code did not take the Bitrix24 MCP server definition: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  }
  context.subscriptions.push(
    changed,
    registration,
    vscode.workspace.onDidChangeWorkspaceFolders(() => changed.fire()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('bitrix24.language')) changed.fire();
    }),
  );
  log.info('Offered bitrix24-mcp to VS Code’s MCP support');
  return true;
}
