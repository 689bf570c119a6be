import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as check from '../../../server/src/cli/check';
import * as scan from '../../../server/src/cli/scan';

const fixture = (name: string) => join(__dirname, '..', '..', 'fixtures', 'workspaces', 'scopes', name);

async function run(command: typeof check, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await command.run(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; defaultConfiguration: { level: string } }[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number } } }[];
      relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } } }[];
    }[];
  }[];
}

describe('bitrix24-scopes check', () => {
  it('prints file:line:col severity code message and exits 1 on errors', async () => {
    const { code, out } = await run(check, [fixture('js-app')]);
    assert.equal(code, 1);
    assert.match(out, /^bitrix24\.json:4:3 error missing-scope bitrix24\.json lacks the scope 'im', needed by 'im\.notify\.system\.add' \(src\/app\.js:21\)/m);
    assert.match(out, /^ {2}src\/app\.js:21:20 'im\.notify\.system\.add' needs 'im'$/m);
    assert.match(out, /^src\/app\.js:3:\d+ info superseded-method 'crm\.lead\.add'/m);
    assert.match(out, /^bitrix24\.json:8:6 warning unused-scope Scope 'calendar'/m);
    assert.match(out, /^2 error\(s\), 2 warning\(s\), 6 hint\(s\); 1 manifest\(s\), 2 file\(s\) checked$/m);
  });

  it('exits 0 when there are only warnings and hints', async () => {
    assert.equal((await run(check, [fixture('python-app')])).code, 0);
  });

  it('fails and says what to do when there is no manifest', async () => {
    const { code, err } = await run(check, [join(fixture('monorepo'), 'shared')]);
    assert.equal(code, 1);
    assert.match(err, /no bitrix24\.json \(or \.env scope key\)/);
  });

  it('writes the same findings as JSON', async () => {
    const { code, out } = await run(check, [fixture('env-app'), '--format', 'json']);
    const json = JSON.parse(out) as { manifests: { file: string; scopes: string[] }[]; findings: { file: string; line: number; code: string }[] };
    assert.equal(code, 1);
    assert.deepEqual(
      json.manifests.map((m) => [m.file, m.scopes]),
      [['.env', ['crm', 'user_brief', 'task']]],
    );
    assert.deepEqual(json.findings.map((f) => `${f.code}@${f.file}:${f.line}`).sort(), [
      'missing-scope-call@src/Contacts.php:20',
      'missing-scope@.env:3',
      'superseded-method@src/Contacts.php:15',
      'unused-scope@.env:3',
    ]);
  });

  it('writes SARIF 2.1.0 whose results point at described rules and relative files', async () => {
    const { out } = await run(check, [fixture('monorepo'), '--format=sarif']);
    const log = JSON.parse(out) as SarifLog;
    assert.equal(log.version, '2.1.0');
    const [runLog] = log.runs;
    const rules = runLog.tool.driver.rules;
    assert.equal(new Set(rules.map((r) => r.id)).size, rules.length);
    assert.ok(runLog.originalUriBaseIds.SRCROOT.uri.startsWith('file://') && runLog.originalUriBaseIds.SRCROOT.uri.endsWith('/'));
    assert.equal(runLog.results.length, 7);
    const missing = runLog.results.find((r) => r.ruleId === 'missing-scope');
    assert.deepEqual(
      missing?.relatedLocations?.map((l) => l.physicalLocation.artifactLocation.uri),
      ['packages/task-bot/bot.js'],
    );
    for (const r of runLog.results) {
      assert.equal(rules[r.ruleIndex].id, r.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(r.level));
      const loc = r.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, 'SRCROOT');
      assert.ok(!loc.artifactLocation.uri.startsWith('/'));
      assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
    }
    assert.deepEqual([...new Set(runLog.results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri))].sort(), [
      'packages/crm-widget/src/index.ts',
      'packages/task-bot/bitrix24.json',
      'packages/task-bot/bot.js',
      'shared/rest.ts',
    ]);
  });

  it('reads the extra .env keys given with --env-key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scopes-cli-'));
    try {
      writeFileSync(join(dir, '.env'), 'SCOPE=crm,task\n');
      writeFileSync(join(dir, 'app.js'), "BX24.callMethod('crm.lead.add', {});\n");
      assert.equal((await run(check, [dir])).code, 1);
      const { code, out } = await run(check, [dir, '--env-key', 'SCOPE']);
      assert.equal(code, 0);
      assert.match(out, /^\.env:1:\d+ warning unused-scope Scope 'task'/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 on usage mistakes', async () => {
    for (const args of [[fixture('js-app'), '--format', 'xml'], ['--strict'], [fixture('js-app'), fixture('php-app')], ['/no/such/folder'], ['--format']]) {
      const { code, err } = await run(check, args);
      assert.equal(code, 2, args.join(' '));
      assert.match(err, /usage: bitrix24-scopes check/);
    }
  });
});

describe('bitrix24-scopes scan', () => {
  it('lists every call as JSON, dynamic ones as unresolved', async () => {
    const { code, out } = await run(scan, [fixture('python-app'), '--format', 'json']);
    assert.equal(code, 0);
    const { calls } = JSON.parse(out) as {
      calls: { file: string; line: number; method: string; requirement: string; resolved: boolean; manifest: string | null }[];
    };
    assert.deepEqual(
      calls.map((c) => [c.file, c.line, c.method, c.resolved]),
      [
        ['app/sync.py', 5, 'crm.contact.list', true],
        ['app/sync.py', 6, 'disk.*.get', false],
        ['app/sync.py', 7, 'app.info', true],
        ['app/sync.py', 8, 'server.time', true],
      ],
    );
    assert.equal(calls[0].requirement, 'crm');
    assert.ok(calls.every((c) => c.manifest === 'bitrix24.json'));
  });

  it('names the manifest covering each call, or none', async () => {
    const { out } = await run(scan, [fixture('monorepo'), '--format', 'json']);
    const { calls } = JSON.parse(out) as { calls: { file: string; manifest: string | null }[] };
    assert.deepEqual(
      [...new Set(calls.map((c) => `${c.file} ${c.manifest}`))],
      ['packages/crm-widget/src/index.ts packages/crm-widget/bitrix24.json', 'packages/task-bot/bot.js packages/task-bot/bitrix24.json', 'shared/rest.ts null'],
    );
  });

  it('prints one line per call as text', async () => {
    const { out } = await run(scan, [fixture('python-app')]);
    assert.match(out, /^app\/sync\.py:6:\d+ disk\.\*\.get \(name built at run time\)$/m);
    assert.match(out, /^4 call\(s\), 1 built at run time$/m);
  });
});

describe('bitrix24-scopes check --baseline', () => {
  let dir: string;
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { stdio: 'pipe' });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scopes-baseline-'));
    writeFileSync(join(dir, 'bitrix24.json'), '{ "scopes": ["crm"] }\n');
    writeFileSync(join(dir, 'app.js'), "BX24.callMethod('crm.lead.list', {});\n");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fails when the code needs a scope the baseline file did not declare, naming it', async () => {
    writeFileSync(join(dir, 'base.json'), '{ "scopes": ["crm"] }\n');
    writeFileSync(join(dir, 'bitrix24.json'), '{ "scopes": ["crm", "disk"] }\n');
    writeFileSync(join(dir, 'app.js'), "BX24.callMethod('crm.lead.list', {});\nBX24.callMethod('disk.storage.getlist', {});\n");
    assert.equal((await run(check, [dir])).code, 0, 'the manifest itself is fine');
    const { code, out } = await run(check, [dir, '--baseline', join(dir, 'base.json')]);
    assert.equal(code, 1);
    assert.match(out, /^bitrix24\.json:1:3 error scope-added This change adds 'disk': 1 use \(app\.js:2\) need it/m);
    assert.doesNotMatch(out, /adds 'crm'/);
  });

  it('compares with the manifest at a git revision, and carries the gate in SARIF', async () => {
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    writeFileSync(join(dir, 'bitrix24.json'), '{ "scopes": ["crm", "task"] }\n');
    writeFileSync(join(dir, 'app.js'), "BX24.callMethod('crm.lead.list', {});\nBX24.callMethod('tasks.task.add', {});\n");
    const { code, out } = await run(check, [dir, '--baseline', 'HEAD', '--format', 'sarif']);
    assert.equal(code, 1);
    const results = (JSON.parse(out) as SarifLog).runs[0].results.filter((r) => r.ruleId === 'scope-added');
    assert.deepEqual(
      results.map((r) => r.message.text.slice(0, 30)),
      ["This change adds 'task': 1 use"],
    );
    assert.equal((await run(check, [dir, '--baseline=HEAD'])).code, 1);
    git('commit', '-qam', 'task');
    assert.equal((await run(check, [dir, '--baseline', 'HEAD'])).code, 0);
  });

  it('refuses a baseline that is neither a file nor a revision (exit 2)', async () => {
    git('init', '-q');
    const { code, err } = await run(check, [dir, '--baseline', 'no-such-ref']);
    assert.equal(code, 2);
    assert.match(err, /'no-such-ref' is neither a file nor a git revision/);
  });
});
