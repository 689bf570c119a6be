/**
 * The shipped `bitrix24-scopes` binary in a terminal: help on every command, a quiet end when
 * the reader of a pipe goes away, paths a terminal can open, colour only when wanted, `check --fix`.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT } from './lsp-client';

const BIN = path.join(ROOT, 'dist', 'bin', 'scopes.js');
const JS_APP = path.join(ROOT, 'test', 'fixtures', 'workspaces', 'scopes', 'js-app');

function scopes(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const env = { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...options.env };
  const res = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, encoding: 'utf8', env });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('bitrix24-scopes in a terminal', function () {
  this.timeout(60_000);
  let tmp: string;
  before(() => assert.ok(existsSync(BIN), `${BIN} is missing: build with node scripts/build.mjs`));
  beforeEach(() => (tmp = mkdtempSync(path.join(tmpdir(), 'b24-cli-'))));
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  for (const command of ['check', 'needed', 'scan', 'describe', 'catalog', 'explain']) {
    it(`${command} --help and help ${command}: purpose, usage, exit codes and examples, exit 0`, () => {
      const run = scopes([command, '--help']);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`^\\S.*\\.\\n\\nusage: bitrix24-scopes ${command}`));
      assert.match(run.stdout, /\nexit codes:\n {2}0 {2}\S/);
      assert.match(run.stdout, new RegExp(`\\nexamples:\\n {2}.*bitrix24-scopes ${command}`));
      assert.equal(scopes(['help', command]).stdout, run.stdout);
      assert.equal(scopes([command, '-h']).stdout, run.stdout);
    });
  }

  it('lists every command with its purpose on --help', () => {
    const run = scopes(['--help']);
    assert.equal(run.status, 0);
    for (const command of ['check', 'needed', 'scan', 'describe', 'catalog', 'explain']) assert.match(run.stdout, new RegExp(`\\n {2}${command} +[A-Z]`));
    assert.equal(scopes(['help', 'nope']).status, 2);
  });

  for (const args of [['catalog'], ['scan', JS_APP]]) {
    it(`ends quietly with status 0 when the reader of \`${args[0]}\` goes away (| head)`, async () => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      // Like `head -1`: read the first chunk, then close the pipe.
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      child.stdout.destroy();
      const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      assert.equal(stderr.replace(/^note: .*\n/gm, ''), '', 'no stack trace');
      assert.equal(code, 0);
    });
  }

  it('names files relative to the current folder, so terminal links open them', () => {
    cpSync(JS_APP, path.join(tmp, 'js-app'), { recursive: true });
    const check = scopes(['check', 'js-app'], { cwd: tmp });
    assert.match(check.stdout, /^ {2}js-app\/src\/app\.js:21:20 'im\.notify\.system\.add' needs 'im'$/m);
    assert.match(check.stdout, /^js-app\/bitrix24\.json:\d+:\d+ error missing-scope/m);
    const scan = scopes(['scan', '.'], { cwd: path.join(tmp, 'js-app', 'src') });
    assert.match(scan.stdout, /^app\.js:3:20 crm\.lead\.add crm$/m);
    const needed = scopes(['needed', 'js-app'], { cwd: tmp });
    assert.match(needed.stdout, /^ {2}js-app\/src\/app\.js:\d+ /m);
  });

  it('says what the code needs per manifest', () => {
    const run = scopes(['check', JS_APP]);
    assert.match(run.stdout, /^test\/fixtures\/workspaces\/scopes\/js-app\/bitrix24\.json needs: crm, im, placement, user_brief$/m);
  });

  it('colours only when asked: FORCE_COLOR on, NO_COLOR wins, a pipe stays plain', () => {
    const plain = scopes(['check', JS_APP]);
    assert.doesNotMatch(plain.stdout, /\u001b\[/);
    const forced = scopes(['check', JS_APP], { env: { FORCE_COLOR: '1' } });
    assert.match(forced.stdout, /^test\/fixtures\/workspaces\/scopes\/js-app\/bitrix24\.json:4:3 \u001b\[31merror\u001b\[0m /m);
    const both = scopes(['check', JS_APP], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    assert.equal(both.stdout, plain.stdout);
  });

  it('check --fix adds the missing scopes, removes the unused ones, keeps comments and says what it changed', () => {
    cpSync(JS_APP, path.join(tmp, 'js-app'), { recursive: true });
    const manifest = path.join(tmp, 'js-app', 'bitrix24.json');
    assert.equal(scopes(['check', 'js-app'], { cwd: tmp }).status, 1);
    const run = scopes(['check', 'js-app', '--fix'], { cwd: tmp });
    assert.equal(run.status, 0, run.stdout);
    assert.match(run.stderr, /^fix: js-app\/bitrix24\.json: added im, placement; removed user, calendar$/m);
    assert.match(run.stdout, /^0 error\(s\), 0 warning\(s\)/m);
    const text = readFileSync(manifest, 'utf8');
    assert.match(text, /\/\/ A Market app: these are the scopes ticked on its version card\./);
    assert.match(text, /"scopes": \[\n {4}"crm",\n {4}"im",\n {4}"placement",\n {4}"user_brief"\n {2}\]/);
    const again = scopes(['check', 'js-app', '--fix'], { cwd: tmp });
    assert.match(again.stderr, /^fix: nothing to change$/m);
    assert.equal(readFileSync(manifest, 'utf8'), text);
  });
});
