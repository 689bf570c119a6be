/**
 * The tools as a Model Context Protocol server (official SDK, low-level
 * `Server` so the tools' own JSON schemas are published as they are).
 * Bad input is answered with an MCP InvalidParams error; a tool that cannot
 * answer returns `isError` with text saying why.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import { TOOLS, runTool, toolNamed } from './tools';
import { ToolInputError, type ToolContext } from './tool-types';
import { VERSION } from '../version';

export const MCP_SERVER_NAME = 'bitrix24-rest-tools';
export const MCP_SERVER_VERSION = VERSION;

export interface McpServerOptions {
  /** Resolves once the workspace is indexed; tool calls wait for it. */
  context: () => Promise<ToolContext>;
  /** Whether portal tools are offered (a webhook was given). */
  online: boolean;
  /** Where failures are logged (stderr in the bin); never receives secrets. */
  log?: (line: string) => void;
  /** Scrubs secrets from any text that leaves the server. */
  redact?: (text: string) => string;
}

/** Builds the server; connect it to a transport to serve. */
export function createMcpServer(options: McpServerOptions): Server {
  const redact = options.redact ?? ((s: string) => s);
  const server = new Server(
    { name: MCP_SERVER_NAME, version: MCP_SERVER_VERSION },
    {
      capabilities: { tools: {} },
      instructions:
        'Bitrix24 REST tools for the app in this folder: method/event/scope facts from the official docs, the scopes this code needs, manifest checks, ' +
        'snippet checks and error explanations. Offline unless BITRIX24_WEBHOOK is set; nothing writes.',
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: TOOLS.map((t) => ({
      name: t.name,
      title: t.title,
      description: t.readsPortal && !options.online ? `${t.description} (Offline now: portal answers need BITRIX24_WEBHOOK.)` : t.description,
      inputSchema: t.inputSchema,
      annotations: { title: t.title, readOnlyHint: true, destructiveHint: false, openWorldHint: t.readsPortal === true },
    })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const { name, arguments: args } = request.params;
    if (!toolNamed(name)) throw new McpError(ErrorCode.InvalidParams, `Unknown tool "${name}"; tools: ${TOOLS.map((t) => t.name).join(', ')}.`);
    try {
      const result = await runTool(name, args ?? {}, await options.context());
      return { content: [{ type: 'text' as const, text: redact(result.text) }], isError: result.isError === true };
    } catch (err) {
      if (err instanceof ToolInputError) throw new McpError(ErrorCode.InvalidParams, redact(err.message));
      const message = redact(err instanceof Error ? err.message : String(err));
      options.log?.(`${name} failed: ${message}`);
      return { content: [{ type: 'text' as const, text: `${name} failed: ${message}` }], isError: true };
    }
  });
  return server;
}
