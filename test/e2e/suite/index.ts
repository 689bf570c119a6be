// Mocha runner loaded by VS Code as `extensionTestsPath` inside the extension host.
// Runs every bundled `*.test.js` next to it, prints mocha's report through the host's
// console (the launcher forwards it) and leaves the counts where test/e2e/run.mjs reads them.
import Mocha from 'mocha';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Entry point VS Code calls once the extension host is up; rejects when a test failed. */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 60_000 });
  const grep = process.env.E2E_GREP;
  if (grep) mocha.grep(grep);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(join(__dirname, f));

  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, failures: failed = 0, pending = 0 } = runner.stats ?? {};
      const stats = { passes, failures: failed, pending, files: files.length };
      console.log(`e2e-stats ${JSON.stringify(stats)}`);
      const resultFile = process.env.E2E_RESULT_FILE;
      if (resultFile) writeFileSync(resultFile, JSON.stringify(stats));
      if (failures > 0 || files.length === 0) reject(new Error(files.length === 0 ? 'no e2e test files found' : `${failures} e2e test(s) failed`));
      else resolve();
    });
  });
}
