/**
 * `bitrix24-mcp [folder]`: the Bitrix24 REST tools as an MCP server on stdio,
 * for the app in `folder` (default: the current directory). Offline unless
 * BITRIX24_WEBHOOK holds an inbound webhook URL; the URL never appears in a
 * tool result or on stderr.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer, MCP_SERVER_VERSION } from '../mcp/mcp-server';
import { nodeToolContext } from '../mcp/node-context';
import { webhookPortal } from '../mcp/webhook-portal';
import { parseCommandLine, UsageError } from '../cli/args';
import { langOption } from '../workspace/cli-support';
import type { Locale } from '../l10n/locale';

const USAGE = `usage: bitrix24-mcp [folder] [--env-key KEY]... [--lang en|ru]
  Serves the Bitrix24 REST tools over MCP (stdio) for the app in folder (default: the current directory).
  Set BITRIX24_WEBHOOK to an inbound webhook URL to let site_rights and explain_error read the portal.
  --lang ru words explain_error and the reasons of needed_scopes in Russian (default English).
`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  let locale: Locale | undefined;
  try {
    parsed = parseCommandLine({
      args: argv,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
        'env-key': { type: 'string', multiple: true },
        lang: { type: 'string' },
      },
      allowPositionals: true,
    });
    // Not the shell's language: the answers go to an assistant, so English unless asked.
    locale = langOption(parsed.values.lang);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`bitrix24-mcp: ${err.message}\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (parsed.values.version) {
    process.stdout.write(`bitrix24-mcp ${MCP_SERVER_VERSION}\n`);
    return 0;
  }
  const [folder, extra] = parsed.positionals;
  if (extra !== undefined) {
    process.stderr.write(`bitrix24-mcp: unexpected argument '${extra}'\n${USAGE}`);
    return 2;
  }
  const envKeys = parsed.values['env-key'] ?? [];
  const dir = resolve(folder ?? process.cwd());
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) {
    process.stderr.write(`bitrix24-mcp: '${folder ?? dir}' is not a folder\n`);
    return 2;
  }
  const webhook = process.env.BITRIX24_WEBHOOK?.trim();
  const portal = webhook ? webhookPortal(webhook) : undefined;
  if (portal && 'error' in portal) process.stderr.write(`bitrix24-mcp: ${portal.error.replace(/\.$/, '')}; serving offline.\n`);
  const online = portal !== undefined && !('error' in portal);
  const redactor = online ? portal.redactor : undefined;
  const log = (line: string) => process.stderr.write(`bitrix24-mcp: ${redactor ? redactor.redactText(line) : line}\n`);
  const server = createMcpServer({
    context: nodeToolContext({ folder: dir, envKeys: envKeys.length ? envKeys : undefined, portal: online ? portal.reader : undefined, locale }),
    online,
    log,
    redact: (s) => (redactor ? redactor.redactText(s) : s),
  });
  await server.connect(new StdioServerTransport());
  log(`serving ${dir}${online ? ` with portal ${portal.portal}` : ' (offline)'}`);
  return new Promise<number>((done) => {
    server.onclose = () => done(0);
    process.stdin.on('end', () => done(0));
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bitrix24-mcp: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
