// The scripts' command lines, read with Node's util.parseArgs: `--name value` or `--name=value`;
// a mistake (unknown option, missing value) ends the script with exit code 2 and says which.
import { parseArgs } from 'node:util';

/** `util.parseArgs` in strict mode for script `name`; on a usage mistake prints `name: <why>` and exits 2. */
export function readCommandLine(name, config) {
  try {
    return parseArgs({ args: process.argv.slice(2), strict: true, ...config });
  } catch (err) {
    console.error(`${name}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    process.exit(2);
  }
}
