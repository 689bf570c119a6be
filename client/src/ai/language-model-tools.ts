/**
 * The assistant tools in VS Code's agent mode: each `bitrix24_<tool>` declared
 * in package.json is registered here and answered by the language server
 * (`bitrix24/runTool`). Feature-detected: a VS Code without `lm.registerTool`
 * simply gets none.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ASSISTANT_TOOLS, RunToolRequest, type AssistantToolName, type RunToolParams } from '../../../server/src/protocol';

/** The id VS Code knows a tool by. */
export const toolId = (name: AssistantToolName) => `bitrix24_${name}`;

export interface ToolDeps {
  client: LanguageClient;
  log: vscode.LogOutputChannel;
  /** The connected portal's address, or undefined: tools that read it ask first. */
  portal: () => string | undefined;
}

/** What the user sees while a tool runs. */
const RUNNING: Readonly<Record<AssistantToolName, () => string>> = {
  describe_method: () => vscode.l10n.t('Looking up the Bitrix24 catalogue'),
  search_methods: () => vscode.l10n.t('Searching Bitrix24 REST methods'),
  needed_scopes: () => vscode.l10n.t('Computing the scopes this workspace needs'),
  check_manifest: () => vscode.l10n.t('Checking the Bitrix24 manifest'),
  check_snippet: () => vscode.l10n.t('Checking the snippet’s Bitrix24 REST calls'),
  explain_error: () => vscode.l10n.t('Explaining the Bitrix24 error'),
  site_rights: () => vscode.l10n.t('Reading site access rights'),
};

/** Registers every tool when the API exists; returns how many were registered. */
export function registerLanguageModelTools(context: vscode.ExtensionContext, deps: ToolDeps): number {
  if (typeof vscode.lm?.registerTool !== 'function') {
    deps.log.info('This VS Code has no language-model tools API; Bitrix24 tools are available through bitrix24-mcp.');
    return 0;
  }
  for (const name of ASSISTANT_TOOLS) {
    const tool: vscode.LanguageModelTool<Record<string, unknown>> = {
      prepareInvocation: (options) => prepare(name, options.input, deps),
      invoke: async (options, token) => {
        const params: RunToolParams = { tool: name, input: options.input };
        try {
          const result = await deps.client.sendRequest(RunToolRequest, params, token);
          return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(result.text)]);
        } catch (err) {
          // The server's message says what input to send instead; the model reads it.
          const message = err instanceof Error ? err.message : String(err);
          deps.log.warn(`${toolId(name)}: ${message}`);
          throw new Error(message);
        }
      },
    };
    context.subscriptions.push(vscode.lm.registerTool(toolId(name), tool));
  }
  return ASSISTANT_TOOLS.length;
}

function prepare(name: AssistantToolName, input: Record<string, unknown>, deps: ToolDeps): vscode.PreparedToolInvocation {
  const portal = deps.portal();
  if (name === 'site_rights' && portal && typeof input?.siteId === 'number') {
    return {
      invocationMessage: vscode.l10n.t('Reading the access rights of site {0}', input.siteId),
      confirmationMessages: {
        title: vscode.l10n.t('Read site rights from the portal?'),
        message: new vscode.MarkdownString(
          vscode.l10n.t('Calls `landing.site.getRights` for site {0} on {1} as the connected user. Nothing is changed.', input.siteId, portal),
        ),
      },
    };
  }
  return { invocationMessage: RUNNING[name]() };
}
