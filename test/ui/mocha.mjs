// The ui tier's mocha setup, apart from the workbench it drives, so a test can run it on
// other files: a stray `it.only` fails the tier (forbidOnly); with CI set, so does a skip.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { watchSkips } from '../support/counts.mjs';

/** The file that runs before the others (when it is there). */
const FIRST = 'walk.test.mjs';

/**
 * Runs every `*.test.mjs` in `dir`; `afterEach` (optional) runs after each test with mocha's
 * context. Resolves with mocha's stats, failures including skips CI does not allow.
 */
export async function runUiMocha(dir, { afterEach } = {}) {
  const mocha = new Mocha({ reporter: 'spec', timeout: 180_000, color: false, forbidOnly: true });
  // The first-run walk meets the workbench as a new user does, so it goes before the rest.
  const order = (f) => (f === FIRST ? '' : f);
  readdirSync(dir)
    .filter((f) => f.endsWith('.test.mjs'))
    .sort((a, b) => order(a).localeCompare(order(b)))
    .forEach((f) => mocha.addFile(join(dir, f)));
  try {
    await mocha.loadFilesAsync();
  } catch (err) {
    // A file that cannot load (a syntax error, an `it.only` under forbidOnly) fails the tier.
    console.error(err instanceof Error ? err.message : err);
    return { passes: 0, failures: 1, pending: 0 };
  }
  if (afterEach) mocha.suite.afterEach(afterEach);
  return new Promise((resolve) => {
    const runner = mocha.run(() => {
      const skipsOnCi = skips.check();
      const { passes = 0, failures = 0, pending = 0 } = runner.stats ?? { failures: 1 };
      resolve({ passes, failures: failures + skipsOnCi, pending });
    });
    const skips = watchSkips(runner);
  });
}
