/** `--help` for `bitrix24-scopes` and each of its commands: purpose, usage, options, exit codes, examples. */

export interface CommandHelp {
  /** One line: what the command is for. */
  purpose: string;
  usage: string;
  options: [string, string][];
  exit: [number, string][];
  examples: string[];
}

const SCAN_OPTIONS: [string, string][] = [
  ['--env-key KEY', 'also read scopes from this .env key (repeatable)'],
  ['--exclude GLOB', 'leave matching folders or files out of the scan (repeatable)'],
  ['--no-default-exclude', 'also scan vendor/, node_modules/, a 1C-Bitrix core and build folders'],
  ['--lang en|ru', 'language of the text output and messages (default: from LC_ALL, LC_MESSAGES or LANG)'],
];

export const HELP: Record<string, CommandHelp> = {
  check: {
    purpose: 'Check the scopes declared in bitrix24.json (or .env) against what the code calls.',
    usage: 'bitrix24-scopes check [dir] [options]',
    options: [
      ['--format text|json|sarif', 'output format (default text)'],
      ['--fix', 'add the missing scopes to the manifest and remove the unused ones, then check again'],
      ['--baseline FILE|GIT-REF', 'fail only when the code needs a scope the baseline manifest does not declare'],
      ...SCAN_OPTIONS,
    ],
    exit: [
      [0, 'no errors (warnings and hints may be printed)'],
      [1, 'at least one error, or no manifest found'],
      [2, 'usage mistake'],
    ],
    examples: [
      'bitrix24-scopes check',
      'bitrix24-scopes check app --format sarif > scopes.sarif',
      'bitrix24-scopes check --fix',
      'bitrix24-scopes check --baseline origin/main',
    ],
  },
  needed: {
    purpose: 'Print the least scope set the code needs, with the calls, events and placements that need each scope.',
    usage: 'bitrix24-scopes needed [dir] [options]',
    options: [['--format text|json', 'output format (default text)'], ...SCAN_OPTIONS],
    exit: [
      [0, 'done (works without a manifest)'],
      [2, 'usage mistake'],
    ],
    examples: ['bitrix24-scopes needed', 'bitrix24-scopes needed app --format json'],
  },
  scan: {
    purpose: 'List every REST call found, with the scope it needs and the manifest that covers it.',
    usage: 'bitrix24-scopes scan [dir] [options]',
    options: [['--format text|json', 'output format (default text)'], ...SCAN_OPTIONS],
    exit: [
      [0, 'done'],
      [2, 'usage mistake'],
    ],
    examples: ['bitrix24-scopes scan', 'bitrix24-scopes scan app | grep crm.'],
  },
  describe: {
    purpose: 'Describe one REST method: scope, who can execute it, parameters and its documentation page.',
    usage: 'bitrix24-scopes describe <method> [options]',
    options: [
      ['--version 2|3', 'REST version when a name exists in both (default 2)'],
      ['--format text|json', 'output format (default text; json carries the English and Russian titles)'],
      ['--lang en|ru', 'language of the text: title, who line and page of that edition (default: from LC_ALL, LC_MESSAGES or LANG)'],
    ],
    exit: [
      [0, 'method found'],
      [1, 'unknown method (similar names are suggested)'],
      [2, 'usage mistake'],
    ],
    examples: [
      'bitrix24-scopes describe crm.deal.add',
      'bitrix24-scopes describe crm.deal.add --lang ru',
      'bitrix24-scopes describe tasks.task.list --version 3 --format json',
    ],
  },
  catalog: {
    purpose: "List the REST methods of the catalogue (all, or one scope's), or the scopes with --scopes.",
    usage: 'bitrix24-scopes catalog [options]',
    options: [
      ['--scope CODE', 'only the methods of this scope'],
      ['--scopes', 'one line per scope with its method count, instead of methods'],
      ['--format text|json', 'output format (default text; json is the whole catalogue)'],
    ],
    exit: [
      [0, 'done'],
      [1, 'unknown scope'],
      [2, 'usage mistake'],
    ],
    examples: ['bitrix24-scopes catalog | grep deal', 'bitrix24-scopes catalog --scope task', 'bitrix24-scopes catalog --scopes'],
  },
  explain: {
    purpose: 'Explain a REST error response: what it means and how to fix it.',
    usage: "bitrix24-scopes explain '<error json or code>'|- [options]",
    options: [
      ['--method METHOD', 'the method that answered with the error'],
      ['--manifest DIR', 'folder of the app, to compare with its declared scopes'],
      ['--format text|json', 'output format (default text)'],
      ['--lang en|ru', 'language of the explanation; codes and JSON keys stay as they are (default: from LC_ALL, LC_MESSAGES or LANG)'],
    ],
    exit: [
      [0, 'explained'],
      [1, 'the input holds no error'],
      [2, 'usage mistake'],
    ],
    examples: [`bitrix24-scopes explain '{"error":"insufficient_scope"}' --method crm.deal.add`, 'curl -s "$HOOK/crm.deal.add" | bitrix24-scopes explain -'],
  },
};

function table(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([a]) => a.length));
  return rows.map(([a, b]) => `  ${a.padEnd(width)}  ${b}`);
}

/** The full help of one command. */
export function commandHelp(name: string): string {
  const h = HELP[name];
  return (
    [
      h.purpose,
      '',
      `usage: ${h.usage}`,
      '',
      'options:',
      ...table([...h.options, ['-h, --help', 'show this help']]),
      '',
      'exit codes:',
      ...table(h.exit.map(([c, d]) => [String(c), d])),
      '',
      'examples:',
      ...h.examples.map((e) => `  ${e}`),
    ].join('\n') + '\n'
  );
}

/** The help of the program: its commands, one line each. */
export function programHelp(): string {
  return (
    [
      'Checks that a Bitrix24 app requests exactly the REST scopes its code needs.',
      '',
      'usage: bitrix24-scopes <command> [options]',
      '',
      'commands:',
      ...table(Object.entries(HELP).map(([name, h]) => [name, h.purpose])),
      '',
      'Run `bitrix24-scopes <command> --help` (or `bitrix24-scopes help <command>`) for its options.',
      '',
      'exit codes: 0 ok, 1 the check failed (see each command), 2 usage mistake',
      '',
      'examples:',
      '  bitrix24-scopes check',
      '  bitrix24-scopes needed app',
      '  bitrix24-scopes describe crm.deal.add',
    ].join('\n') + '\n'
  );
}
