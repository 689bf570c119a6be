/**
 * The shipped `bitrix24-scopes` binary (dist/bin/scopes.js, built by `npm test` or
 * `node scripts/build.mjs`), spawned as CI runs it: exit codes, SARIF valid against the
 * official SARIF 2.1.0 schema, and the README's CI line run as written.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ROOT } from './lsp-client';
import { openToOthers, unprivileged } from '../support/unprivileged';

const BIN = path.join(ROOT, 'dist', 'bin', 'scopes.js');
const fixture = (name: string) => path.join(ROOT, 'test', 'fixtures', 'workspaces', 'scopes', name);
const SARIF_SCHEMA = path.join(ROOT, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function scopes(args: string[], cwd = ROOT): Run {
  const res = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** Validates a SARIF log against the official schema; returns the schema errors (none when valid). */
let validate: ValidateFunction | undefined;
function sarifErrors(log: unknown): string[] {
  if (!validate) {
    // The schema's `language` pattern has a stray `]` that only a non-Unicode RegExp accepts.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')));
  }
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe('bitrix24-scopes, the shipped binary', function () {
  this.timeout(30_000);
  before(() => assert.ok(existsSync(BIN), `${BIN} is missing: build with node scripts/build.mjs`));

  it('exits 1 and lists each problem when code calls a scope the manifest lacks', () => {
    // Run from the app's folder, as CI does: paths are relative to the current folder.
    const run = scopes(['check', '.'], fixture('js-app'));
    assert.equal(run.status, 1, run.stderr);
    // One problem per missing scope, on the manifest, naming the calls; a hint at each call.
    assert.match(
      run.stdout,
      /^bitrix24\.json:\d+:\d+ error missing-scope bitrix24\.json lacks the scope 'im', needed by 'im\.notify\.system\.add' \(src\/app\.js:21\)/m,
    );
    assert.match(run.stdout, /^src\/app\.js:21:20 hint missing-scope-call 'im\.notify\.system\.add' needs the scope 'im'/m);
    assert.match(run.stdout, /^2 error\(s\), \d+ warning\(s\), \d+ hint\(s\); 1 manifest\(s\), 2 file\(s\) checked$/m);
  });

  it('exits 0 when there are only warnings and hints', () => {
    const run = scopes(['check', fixture('python-app')]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^0 error\(s\), /m);
  });

  it('exits 1 and says what to write when there is no manifest', () => {
    const run = scopes(['check', path.join(fixture('monorepo'), 'shared')]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /no bitrix24\.json \(or \.env scope key\)/);
  });

  it('exits 2 with the usage on a usage mistake: bad option value, unknown command, no command', () => {
    const badFormat = scopes(['check', fixture('js-app'), '--format', 'xml']);
    assert.equal(badFormat.status, 2);
    assert.match(badFormat.stderr, /--format must be one of text, json, sarif/);
    assert.match(badFormat.stderr, /^usage: bitrix24-scopes check/m);
    assert.equal(badFormat.stdout, '', 'nothing on stdout, so a redirected report stays empty');

    const unknown = scopes(['frobnicate']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command 'frobnicate'/);

    assert.equal(scopes([]).status, 2);
    assert.equal(scopes(['--help']).status, 0);
  });

  for (const app of ['js-app', 'php-app', 'env-app', 'monorepo', 'python-app']) {
    it(`writes SARIF that the official SARIF 2.1.0 schema accepts (${app})`, () => {
      const run = scopes(['check', fixture(app), '--format', 'sarif']);
      assert.ok(run.status === 0 || run.status === 1, run.stderr);
      const log = JSON.parse(run.stdout) as { version: string; runs: { results: { ruleId: string; level: string }[] }[] };
      assert.deepEqual(sarifErrors(log), []);
      assert.equal(log.version, '2.1.0');
      // Exit 1 exactly when a result is an error: CI fails on what the report shows.
      assert.equal(run.status, log.runs[0].results.some((r) => r.level === 'error') ? 1 : 0);
    });
  }

  it('the schema check itself rejects a broken log (a result without a message)', () => {
    const log = JSON.parse(scopes(['check', fixture('js-app'), '--format', 'sarif']).stdout) as { runs: { results: Record<string, unknown>[] }[] };
    assert.ok(log.runs[0].results.length > 0);
    delete log.runs[0].results[0].message;
    assert.notDeepEqual(sarifErrors(log), []);
  });

  describe("README's CI line, run as written", () => {
    let project: string;
    before(() => {
      // A project that installed this package: its bin linked into node_modules/.bin as npm does.
      project = mkdtempSync(path.join(tmpdir(), 'b24-ci-'));
      cpSync(fixture('js-app'), project, { recursive: true });
      writeFileSync(
        path.join(project, 'package.json'),
        JSON.stringify({ name: 'an-app', private: true, devDependencies: { 'bitrix24-rest-tools': `file:${ROOT}` } }),
      );
      mkdirSync(path.join(project, 'node_modules', '.bin'), { recursive: true });
      symlinkSync(ROOT, path.join(project, 'node_modules', 'bitrix24-rest-tools'), 'dir');
      symlinkSync(path.join('..', 'bitrix24-rest-tools', 'dist', 'bin', 'scopes.js'), path.join(project, 'node_modules', '.bin', 'bitrix24-scopes'));
      chmodSync(BIN, 0o755); // npm marks a package's bins executable when it links them
    });
    after(() => rmSync(project, { recursive: true, force: true }));

    it('`npx bitrix24-scopes check . --format sarif > scopes.sarif` writes a valid SARIF file and fails the job', () => {
      const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
      const line = /^- run: (npx bitrix24-scopes check \. --format sarif > scopes\.sarif)$/m.exec(readme);
      assert.ok(line, "README's CI recipe changed: update this test with it");
      const res = spawnSync('sh', ['-c', line[1]], {
        cwd: project,
        encoding: 'utf8',
        env: { ...process.env, npm_config_offline: 'true', npm_config_update_notifier: 'false' },
      });
      assert.equal(res.status, 1, `${res.stdout}${res.stderr}`);
      type Location = { physicalLocation: { artifactLocation: { uri: string } } };
      const log = JSON.parse(readFileSync(path.join(project, 'scopes.sarif'), 'utf8')) as {
        runs: { results: { ruleId: string; locations: Location[]; relatedLocations?: Location[] }[] }[];
      };
      assert.deepEqual(sarifErrors(log), []);
      // Code scanning shows each missing scope on the manifest, with the calls needing it as related locations.
      const missing = log.runs[0].results.filter((r) => r.ruleId === 'missing-scope');
      assert.deepEqual(
        missing.map((r) => r.locations[0].physicalLocation.artifactLocation.uri),
        ['bitrix24.json', 'bitrix24.json'],
      );
      const calls = missing.flatMap((r) => (r.relatedLocations ?? []).map((l) => l.physicalLocation.artifactLocation.uri));
      assert.deepEqual([...new Set(calls)].sort(), ['src/app.js', 'src/placement.js']);
    });
  });
});

describe('bitrix24-scopes, the shipped binary, on a site with an unreadable file', () => {
  let dir: string;
  const put = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'b24-site-'));
    openToOthers(dir);
    put('bitrix24.json', '{ "kind": "webhook", "scopes": ["crm"] }\n');
    put('local/js/legacy/old.js', "BX24.callMethod('im.notify.system.add');\n");
    // Hardened 1C-Bitrix sites keep the database settings owner-only.
    put('local/php_interface/dbconn.php', "<?php CRest::call('tasks.task.add');\n");
    chmodSync(path.join(dir, 'local/php_interface/dbconn.php'), 0o000);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports the file as a warning on itself and checks the rest (exit 1 for the missing scope, not 2)', () => {
    // As an ordinary user: root would read the file whatever its mode.
    const as = unprivileged(BIN);
    const res = spawnSync(process.execPath, [as.bundle, 'check', dir], { cwd: dir, encoding: 'utf8', ...as.spawn });
    assert.equal(res.status, 1, `${res.stdout}${res.stderr}`);
    assert.match(res.stdout, /^local\/php_interface\/dbconn\.php:1:1 warning unreadable-file Could not read this file \(permission denied\)/m);
    assert.match(res.stdout, /^local\/js\/legacy\/old\.js:1:\d+ hint missing-scope-call/m);
  });
});
