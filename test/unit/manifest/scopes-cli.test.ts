import assert from 'node:assert/strict';
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
    }[];
  }[];
}

describe('bitrix24-scopes check', () => {
  it('prints file:line:col severity code message and exits 1 on errors', async () => {
    const { code, out } = await run(check, [fixture('js-app')]);
    assert.equal(code, 1);
    assert.match(out, /^src\/app\.js:21:20 error missing-scope 'im\.notify\.system\.add' needs the scope 'im'/m);
    assert.match(out, /^bitrix24\.json:8:6 warning unused-scope Scope 'calendar'/m);
    assert.match(out, /^2 error\(s\), 2 warning\(s\), 1 hint\(s\); 1 manifest\(s\), 2 file\(s\) checked$/m);
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
    assert.deepEqual(json.manifests.map((m) => [m.file, m.scopes]), [['.env', ['crm', 'user_brief', 'task']]]);
    assert.deepEqual(json.findings.map((f) => `${f.code}@${f.file}:${f.line}`), ['unused-scope@.env:3', 'missing-scope@src/Contacts.php:20']);
  });

  it('writes SARIF 2.1.0 whose results point at described rules and relative files', async () => {
    const { out } = await run(check, [fixture('monorepo'), '--format=sarif']);
    const log = JSON.parse(out) as SarifLog;
    assert.equal(log.version, '2.1.0');
    const [runLog] = log.runs;
    const rules = runLog.tool.driver.rules;
    assert.equal(new Set(rules.map((r) => r.id)).size, rules.length);
    assert.ok(runLog.originalUriBaseIds.SRCROOT.uri.startsWith('file://') && runLog.originalUriBaseIds.SRCROOT.uri.endsWith('/'));
    assert.equal(runLog.results.length, 3);
    for (const r of runLog.results) {
      assert.equal(rules[r.ruleIndex].id, r.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(r.level));
      const loc = r.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, 'SRCROOT');
      assert.ok(!loc.artifactLocation.uri.startsWith('/'));
      assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
    }
    assert.deepEqual(runLog.results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri).sort(), [
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
    const { calls } = JSON.parse(out) as { calls: { file: string; line: number; method: string; requirement: string; resolved: boolean; manifest: string | null }[] };
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
    assert.deepEqual([...new Set(calls.map((c) => `${c.file} ${c.manifest}`))], [
      'packages/crm-widget/src/index.ts packages/crm-widget/bitrix24.json',
      'packages/task-bot/bot.js packages/task-bot/bitrix24.json',
      'shared/rest.ts null',
    ]);
  });

  it('prints one line per call as text', async () => {
    const { out } = await run(scan, [fixture('python-app')]);
    assert.match(out, /^app\/sync\.py:6:\d+ disk\.\*\.get \(name built at run time\)$/m);
    assert.match(out, /^4 call\(s\), 1 built at run time$/m);
  });
});
