// The binaries' command lines: one reader (Node's util.parseArgs) with short reasons for usage
// mistakes, and the version they report taken from package.json.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommandLine, UsageError } from '../../../server/src/cli/args';
import { VERSION } from '../../../server/src/version';

const options = { format: { type: 'string' }, 'env-key': { type: 'string', multiple: true }, fix: { type: 'boolean' } } as const;
const parse = (args: string[]) => parseCommandLine({ args, options, allowPositionals: true });
const reason = (args: string[], allowPositionals = true) => {
  try {
    parseCommandLine({ args, options, allowPositionals });
  } catch (err) {
    assert.ok(err instanceof UsageError, String(err));
    return err.message;
  }
  assert.fail(`${args.join(' ')} was accepted`);
};

describe('command-line reading', () => {
  it('takes --name value and --name=value anywhere among the arguments, repeated options as lists', () => {
    const { values, positionals } = parse(['app', '--format=json', '--env-key', 'A', '--fix', '--env-key=B']);
    assert.deepEqual({ ...values }, { format: 'json', 'env-key': ['A', 'B'], fix: true });
    assert.deepEqual(positionals, ['app']);
    assert.deepEqual(parse(['--', '--format']).positionals, ['--format']);
  });

  it('names the mistake: unknown option, missing or empty value, value on a switch, stray argument', () => {
    assert.equal(reason(['--bogus']), "unknown option '--bogus'");
    assert.equal(reason(['-x']), "unknown option '-x'");
    assert.equal(reason(['--format']), '--format needs a value');
    assert.equal(reason(['--format=']), '--format needs a value');
    assert.equal(reason(['--env-key', 'A', '--env-key=']), '--env-key needs a value');
    assert.equal(reason(['--fix=yes']), '--fix takes no value');
    assert.equal(reason(['app'], false), "unexpected argument 'app'");
  });

  it('reports the version package.json declares when run from the sources', () => {
    assert.equal(VERSION, JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')).version);
  });
});
