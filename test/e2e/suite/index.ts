// Mocha runner loaded by VS Code as `extensionTestsPath` inside the extension host.
// Runs every bundled `*.test.js` next to it, prints mocha's report through the host's
// console (the launcher forwards it) and leaves the counts where test/e2e/run.mjs reads them.
// A stray `it.only` fails the run (forbidOnly); with CI set, so does any skipped test.
import Mocha from 'mocha';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Entry point VS Code calls once the extension host is up; rejects when a test failed. */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 60_000, forbidOnly: true });
  const grep = process.env.E2E_GREP;
  if (grep) mocha.grep(grep);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(join(__dirname, f));

  const ci = !['', '0', 'false'].includes((process.env.CI ?? '').trim().toLowerCase());
  const skippedOnCi: string[] = [];
  const report = (passes: number, failures: number, pending: number): void => {
    if (skippedOnCi.length > 0) console.log(`skipped on CI, which only the real-portal contract runs may do:\n  - ${skippedOnCi.join('\n  - ')}`);
    const stats = { passes, failures, pending, skippedOnCi: skippedOnCi.length, files: files.length };
    console.log(`e2e-stats ${JSON.stringify(stats)}`);
    const resultFile = process.env.E2E_RESULT_FILE;
    if (resultFile) writeFileSync(resultFile, JSON.stringify(stats));
  };
  return new Promise((resolve, reject) => {
    let runner: Mocha.Runner;
    try {
      runner = mocha.run((failures) => {
        const { passes = 0, failures: failed = 0, pending = 0 } = runner.stats ?? {};
        report(passes, failed, pending);
        if (failures > 0 || skippedOnCi.length > 0 || files.length === 0) {
          reject(new Error(files.length === 0 ? 'no e2e test files found' : `${failures} e2e test(s) failed, ${skippedOnCi.length} skipped on CI`));
        } else resolve();
      });
    } catch (err) {
      // A suite that cannot load (an `it.only` under forbidOnly, a throw at the top) fails the run.
      console.log(err instanceof Error ? err.message : String(err));
      report(0, 1, 0);
      reject(err);
      return;
    }
    runner.on('pending', (test) => {
      if (ci) skippedOnCi.push(test.fullTitle());
    });
  });
}
