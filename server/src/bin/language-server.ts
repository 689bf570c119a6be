/**
 * `bitrix24-language-server --stdio`: the language server for any LSP editor
 * (Neovim, Helix, Emacs, ...). Speaks LSP over stdin/stdout.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../server';

const args = process.argv.slice(2);
if (args.includes('--version')) {
  process.stdout.write('bitrix24-language-server 0.1.0\n');
  process.exit(0);
}
if (!args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.stderr.write('usage: bitrix24-language-server --stdio\n');
  process.exit(2);
}
startServer(createConnection(ProposedFeatures.all));
