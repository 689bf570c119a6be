/**
 * `bitrix24-scopes`: the command-line face of the catalogue and the scope
 * checks, for CI and other tools.
 */
import * as catalog from '../cli/catalogue';
import * as describe from '../cli/describe';
import * as check from '../cli/check';
import * as scan from '../cli/scan';
import * as explain from '../cli/explain';
import * as needed from '../cli/needed';
import { commandHelp, programHelp } from '../cli/help';
import { quietOnClosedPipe, wantsColour } from '../cli/terminal';
import { VERSION } from '../version';
import { localeFromEnv, type Locale } from '../l10n/locale';

type Command = { run(args: string[], io: Io): Promise<number> };
interface Io {
  out(s: string): void;
  err(s: string): void;
  cwd?: string;
  colour?: boolean;
  locale?: Locale;
}

const COMMANDS: Record<string, Command> = { check, needed, scan, describe, catalog, explain };

const wantsHelp = (args: string[]) => args.some((a) => a === '--help' || a === '-h');

async function main(argv: string[]): Promise<number> {
  const io: Io = {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    // A terminal links paths from where the command was run, not from the scanned folder.
    cwd: process.cwd(),
    colour: wantsColour(process.stdout),
    // Text in the shell's language unless --lang says otherwise: ru_RU.UTF-8 is Russian.
    locale: localeFromEnv(process.env),
  };
  const [name, ...rest] = argv;
  if (!name) {
    io.err(programHelp());
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = rest[0];
    if (topic === undefined || !(topic in COMMANDS)) {
      if (topic !== undefined) io.err(`bitrix24-scopes: unknown command '${topic}'\n`);
      io.out(programHelp());
      return topic === undefined ? 0 : 2;
    }
    io.out(commandHelp(topic));
    return 0;
  }
  if (name === '--version') {
    io.out(`bitrix24-scopes ${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`bitrix24-scopes: unknown command '${name}'\n${programHelp()}`);
    return 2;
  }
  if (wantsHelp(rest)) {
    io.out(commandHelp(name));
    return 0;
  }
  return command.run(rest, io);
}

quietOnClosedPipe();
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bitrix24-scopes: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
