/**
 * The language server's connection over stdin/stdout, used whenever it is started with `--stdio`
 * (the VS Code client, Neovim and every other editor). Reads with FramedMessageReader, so a huge
 * document is parsed off the server's thread; keeps what vscode-languageserver does for its own
 * stdio connection: console output goes to the client's log (stdout carries the protocol), and the
 * end of input ends the process (exit code 0 after `shutdown`, 1 otherwise).
 */
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { FramedMessageReader } from './framed-reader';

export function createStdioConnection(): Connection {
  const reader = new FramedMessageReader(process.stdin);
  const connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
  routeConsole(connection);
  let ended = false;
  reader.onClose(() => {
    if (ended) return;
    ended = true;
    process.exit(reader.sawShutdown ? 0 : 1);
  });
  return connection;
}

/** A stray `console.log` must not write into the protocol stream. */
function routeConsole(connection: Connection): void {
  const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : String(a))).join(' ');
  console.log = (...args: unknown[]) => connection.console.log(text(args));
  console.info = (...args: unknown[]) => connection.console.info(text(args));
  console.debug = (...args: unknown[]) => connection.console.log(text(args));
  console.warn = (...args: unknown[]) => connection.console.warn(text(args));
  console.error = (...args: unknown[]) => connection.console.error(text(args));
}

/** Whether the command line asks for stdio (`--stdio`), as vscode-languageserver reads it. */
export function wantsStdio(argv: readonly string[] = process.argv.slice(2)): boolean {
  return argv.includes('--stdio');
}
