/**
 * `bitrix24-language-server --stdio`: the language server for any LSP editor
 * (Neovim, Helix, Emacs, ...). Speaks LSP over stdin/stdout.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { parseArgs } from 'node:util';
import { startServer } from '../server';
import { VERSION } from '../version';
import { createStdioConnection } from '../transport/stdio';

// Not strict: editors add their own flags (`--clientProcessId=…`), which the connection reads itself.
const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { version: { type: 'boolean' }, stdio: { type: 'boolean' }, 'node-ipc': { type: 'boolean' }, socket: { type: 'string' }, pipe: { type: 'string' } },
  strict: false,
  allowPositionals: true,
});
if (values.version) {
  process.stdout.write(`bitrix24-language-server ${VERSION}\n`);
  process.exit(0);
}
if (!values.stdio && !values['node-ipc'] && values.socket === undefined && values.pipe === undefined) {
  process.stderr.write('usage: bitrix24-language-server --stdio\n');
  process.exit(2);
}
startServer(values.stdio ? createStdioConnection() : createConnection(ProposedFeatures.all));
