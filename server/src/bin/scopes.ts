/**
 * `bitrix24-scopes`: the command-line face of the catalogue and the scope
 * checks, for CI and other tools.
 */
import * as catalog from '../cli/catalog';
import * as describe from '../cli/describe';
import * as check from '../cli/check';
import * as scan from '../cli/scan';
import * as explain from '../cli/explain';
import * as needed from '../cli/needed';

type Command = { run(args: string[], io: Io): Promise<number> };
interface Io {
  out(s: string): void;
  err(s: string): void;
}

const COMMANDS: Record<string, { summary: string; command: Command }> = {
  check: { summary: 'check [dir] [--format text|json|sarif]   declared scopes against what the code calls', command: check },
  needed: { summary: 'needed [dir] [--format text|json]         the least scope set the code needs, with evidence', command: needed },
  scan: { summary: 'scan [dir] [--format text|json]           every REST call found, with its requirement', command: scan },
  describe: { summary: 'describe <method> [--format json]        one method: scope, who can execute, parameters', command: describe },
  catalog: { summary: 'catalog [--format json]                  the whole method catalogue', command: catalog },
  explain: { summary: "explain '<error>'|- [--method m] [--manifest dir]  what a REST error means and the fix", command: explain },
};

function usage(): string {
  return ['usage: bitrix24-scopes <command> [options]', '', ...Object.values(COMMANDS).map((c) => '  ' + c.summary)].join('\n') + '\n';
}

async function main(argv: string[]): Promise<number> {
  const io: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.out('bitrix24-scopes 0.1.0\n');
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.err(`bitrix24-scopes: unknown command '${name}'\n${usage()}`);
    return 2;
  }
  return entry.command.run(rest, io);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bitrix24-scopes: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
