// A stray `it.only` must fail its tier — and so `npm test` — instead of silently dropping
// every other test; with CI set, a skipped test fails too (the real-portal contract runs
// excepted). Each tier's own mocha setup runs here on a planted file.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

const ROOT = join(__dirname, '..', '..', '..');
const ONLY = `describe('planted', () => {\n  it.only('the one a developer was focusing on', () => {});\n  it('every other test', () => {});\n});\n`;
const SKIP = (title: string) => `describe('planted', () => {\n  it('runs', () => {});\n  it.skip(${JSON.stringify(title)});\n});\n`;

interface Run {
  status: number | null;
  out: string;
}

function node(args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const res = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '', ...env } });
  return { status: res.status, out: `${res.stdout}${res.stderr}` };
}

describe('test harness: it.only and skips', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'b24-harness-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  for (const tier of ['unit', 'server']) {
    it(`fails the ${tier} tier when a test file holds it.only`, () => {
      writeFileSync(join(dir, 'focused.test.ts'), ONLY);
      const run = node(['test/run-tier.mjs', tier, '--dir', dir]);
      assert.equal(run.status, 1, run.out);
      assert.match(run.out, /`\.only` forbidden/);
      assert.match(run.out, new RegExp(`${tier}: 0 passed, 1 failed, 0 skipped`));
    });
  }

  it('runs the same planted file normally without .only (the check above is about .only)', () => {
    writeFileSync(join(dir, 'plain.test.ts'), ONLY.replace('it.only', 'it'));
    const run = node(['test/run-tier.mjs', 'unit', '--dir', dir]);
    assert.equal(run.status, 0, run.out);
    assert.match(run.out, /unit: 2 passed, 0 failed, 0 skipped/);
  });

  it('fails the e2e tier (its extension-host runner) when a suite holds it.only', () => {
    // The runner VS Code loads, bundled as the build does, next to a planted suite.
    buildSync({
      entryPoints: [join(ROOT, 'test/e2e/suite/index.ts')],
      outfile: join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['vscode', 'mocha'],
      logLevel: 'silent',
    });
    writeFileSync(join(dir, 'focused.test.js'), ONLY);
    const result = join(dir, 'result.json');
    const run = node(
      ['-e', `require(${JSON.stringify(join(dir, 'index.js'))}).run().then(() => process.exit(0), (e) => { console.log(e.message); process.exit(1); })`],
      {
        E2E_RESULT_FILE: result,
        NODE_PATH: join(ROOT, 'node_modules'),
      },
    );
    assert.equal(run.status, 1, run.out);
    assert.match(run.out, /`\.only` forbidden/);
    assert.match(run.out, /"passes":0,"failures":1/);
  });

  it('fails the ui tier (its mocha setup) when a test holds it.only', () => {
    writeFileSync(join(dir, 'focused.test.mjs'), ONLY);
    const script = `import { runUiMocha } from ${JSON.stringify(join(ROOT, 'test/ui/mocha.mjs'))};\nconst s = await runUiMocha(${JSON.stringify(dir)});\nconsole.log(JSON.stringify(s));`;
    const run = node(['--input-type=module', '-e', script]);
    assert.match(run.out, /`\.only` forbidden/);
    assert.match(run.out, /\{"passes":0,"failures":1,"pending":0\}/);
  });

  it('fails `npm test` when one tier fails this way', () => {
    writeFileSync(join(dir, 'focused.test.ts'), ONLY);
    const steps = JSON.stringify([{ name: 'unit', args: ['test/run-tier.mjs', 'unit', '--dir', dir], tier: true }]);
    const script = `import { runSteps } from ${JSON.stringify(join(ROOT, 'scripts/test-steps.mjs'))};\nconst r = await runSteps(${steps}, { cwd: ${JSON.stringify(ROOT)} });\nprocess.exitCode = r.exitCode;`;
    const run = node(['--input-type=module', '-e', script]);
    assert.equal(run.status, 1, run.out);
    assert.match(run.out, /failed: unit/);
    assert.match(run.out, /^0 passed, 1 failed, 0 skipped$/m);
  });

  it('with CI set, fails a tier that skips a test, but not for the real-portal contract runs', () => {
    writeFileSync(join(dir, 'skips.test.ts'), SKIP('needs something this machine lacks'));
    const skipped = node(['test/run-tier.mjs', 'unit', '--dir', dir], { CI: 'true' });
    assert.equal(skipped.status, 1, skipped.out);
    assert.match(skipped.out, /planted needs something this machine lacks/);
    assert.match(skipped.out, /unit: 1 passed, 0 failed, 1 skipped/);

    const local = node(['test/run-tier.mjs', 'unit', '--dir', dir]);
    assert.equal(local.status, 0, local.out);

    writeFileSync(join(dir, 'skips.test.ts'), SKIP('real portal: set BITRIX24_TEST_WEBHOOK'));
    const contract = node(['test/run-tier.mjs', 'unit', '--dir', dir], { CI: 'true' });
    assert.equal(contract.status, 0, contract.out);
  });
});
