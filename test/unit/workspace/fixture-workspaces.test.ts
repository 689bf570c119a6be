/**
 * The fixture workspaces of test/fixtures/workspaces/scopes, indexed from disk
 * with the bundled catalogue and the real call analysis, as the editor and the
 * CLI see them.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Catalogue } from '../../../server/src/catalogue/catalogue';
import { defaultAnalyser } from '../../../server/src/workspace/default-analyser';
import { nodeFileSystem, normalisePath } from '../../../server/src/workspace/file-system';
import { WorkspaceIndex } from '../../../server/src/workspace/workspace-index';
import { RULES } from '../../../server/src/rules';
import type { Finding } from '../../../server/src/manifest/types';
import { MemoryFileSystem } from '../manifest/helpers/memory-fs';

const fixtures = normalisePath(join(__dirname, '..', '..', 'fixtures', 'workspaces', 'scopes'));

async function open(name: string, fs = nodeFileSystem, root = `${fixtures}/${name}`): Promise<WorkspaceIndex> {
  const index = new WorkspaceIndex({ roots: [root], fs, catalogue: Catalogue.load(), analyser: defaultAnalyser });
  await index.scan();
  return index;
}

const brief = (index: WorkspaceIndex, findings: Finding[]) => findings.map((f) => `${f.code}@${index.label(f.file)}:${f.range.start.line + 1}`).sort();

/** Copies a fixture into memory so a test may edit it. */
function inMemory(name: string): MemoryFileSystem {
  const fs = new MemoryFileSystem();
  const copy = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const p = join(dir, entry);
      if (statSync(p).isDirectory()) copy(p);
      else fs.write(normalisePath(p).replace(fixtures, '/ws'), readFileSync(p, 'utf8'));
    }
  };
  copy(join(fixtures, name));
  return fs;
}

describe('fixture workspaces: expected findings', () => {
  it('js-app: missing, unused and covered-alternative scopes; excluded tests', async () => {
    const index = await open('js-app');
    assert.deepEqual(brief(index, index.findings()), [
      'admin-only@src/placement.js:3',
      'missing-scope-call@src/app.js:21',
      'missing-scope-call@src/placement.js:3', // placement.bind
      'missing-scope-call@src/placement.js:3', // the placement CRM_DEAL_DETAIL_TAB
      'missing-scope@bitrix24.json:4', // im, once, on "scopes"
      'missing-scope@bitrix24.json:4', // placement
      'superseded-method@src/app.js:13', // crm.deal.list: development halted, still works
      'superseded-method@src/app.js:3', // crm.lead.add
      'unused-scope@bitrix24.json:6', // user: user_brief covers user.get and user.current
      'unused-scope@bitrix24.json:8', // calendar
    ]);
  });

  it('php-app: unknown code, ignored methods, suppression, vendor skipped, who-may-call hints', async () => {
    const index = await open('php-app');
    assert.deepEqual(brief(index, index.findings()), [
      'admin-confirmation@src/Sync.php:16',
      'admin-only@src/Sync.php:21',
      'missing-scope-call@src/Sync.php:9',
      'missing-scope@bitrix24.json:3',
      'superseded-method@src/Sync.php:7',
      'unknown-scope@bitrix24.json:3',
      'unused-scope@bitrix24.json:3',
    ]);
    const unknown = index.findings().find((f) => f.code === 'unknown-scope');
    assert.match(unknown?.message ?? '', /'crmm' .* Did you mean 'crm'\?/);
  });

  it('python-app: a webhook calling an app-only method; a dynamic call keeps "unused" a hint', async () => {
    const index = await open('python-app');
    const findings = index.findings();
    assert.deepEqual(brief(index, findings), [
      'app-only-in-webhook@app/sync.py:7',
      'superseded-method@app/sync.py:5',
      'unused-scope@bitrix24.json:3',
      'unused-scope@bitrix24.json:3',
    ]);
    const severity = (scope: string) => findings.find((f) => f.data.kind === 'declared' && f.data.scope === scope)?.severity;
    assert.equal(severity('bizproc'), 'warning');
    assert.equal(severity('disk'), 'hint');
  });

  it('monorepo: each manifest covers its package; ignored and uncovered folders', async () => {
    const index = await open('monorepo');
    assert.deepEqual(brief(index, index.findings()), [
      'admin-only@shared/rest.ts:7',
      'missing-scope-call@packages/task-bot/bot.js:6',
      'missing-scope@packages/task-bot/bitrix24.json:3',
      'superseded-method@packages/crm-widget/src/index.ts:4',
      'superseded-method@packages/crm-widget/src/index.ts:5',
      'superseded-method@packages/task-bot/bot.js:2',
      'unused-scope@packages/task-bot/bitrix24.json:3',
    ]);
    assert.deepEqual(
      index
        .manifests()
        .map((m) => index.label(m.file))
        .sort(),
      ['packages/crm-widget/bitrix24.json', 'packages/task-bot/bitrix24.json'],
    );
    assert.equal(index.manifestFor(`${fixtures}/monorepo/shared/rest.ts`), undefined);
  });

  it('env-app: scopes declared in .env are checked like a manifest', async () => {
    const index = await open('env-app');
    assert.deepEqual(brief(index, index.findings()), [
      'missing-scope-call@src/Contacts.php:20',
      'missing-scope@.env:3',
      'superseded-method@src/Contacts.php:15',
      'unused-scope@.env:3',
    ]);
  });
});

/**
 * Default severities as docs/manifest.md's rule table documents them, copied here as literals so
 * the check does not read the implementation's own rule table.
 */
const DOCUMENTED_SEVERITY: Record<string, string> = {
  'unknown-method': 'error',
  'deprecated-method': 'warning',
  'superseded-method': 'info',
  'missing-scope': 'error',
  'missing-scope-call': 'hint',
  'unused-scope': 'warning',
  'unknown-scope': 'error',
  'deprecated-scope': 'warning',
  'duplicate-scope': 'warning',
  'unknown-extra-method': 'warning',
  'admin-confirmation': 'hint',
  'admin-only': 'hint',
  'app-only-in-webhook': 'hint',
};

describe('fixture workspaces: severities', () => {
  it('report every rule at its documented default severity (unused-scope drops to a hint when it may be incomplete)', async () => {
    for (const name of ['js-app', 'php-app', 'python-app', 'monorepo', 'env-app']) {
      for (const f of (await open(name)).findings()) {
        const expected = f.code === 'unused-scope' && /may be unused/.test(f.message) ? 'hint' : DOCUMENTED_SEVERITY[f.code];
        assert.equal(f.severity, expected, `${name}: ${f.code}`);
      }
    }
  });

  it('the literals above are what docs/manifest.md says', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'manifest.md'), 'utf8');
    const rows = new Map(
      [...doc.matchAll(/^\| (?:<a id="[^"]*"><\/a>)?`([a-z-]+)` \|[^|\n]*\|[^|\n]*\| (error|warning|hint|info) \|/gm)].map((m) => [m[1], m[2]]),
    );
    for (const [code, severity] of Object.entries(DOCUMENTED_SEVERITY)) assert.equal(rows.get(code), severity, code);
  });
});

describe('fixture workspaces: applying the fixes', () => {
  for (const name of ['js-app', 'env-app', 'monorepo']) {
    it(`${name}: one "add all missing" and the "remove unused" fixes leave no scope errors or warnings`, async () => {
      const fs = inMemory(name);
      const index = await open(name, fs, '/ws');
      const applyFirst = async (pick: (f: Finding) => boolean, title: RegExp) => {
        const finding = index.findings().find(pick);
        if (!finding) return false;
        const fix = index.codeActionsFor(finding).find((x) => title.test(x.title));
        assert.ok(fix, `no fix for ${finding.code}`);
        const before = fs.files.get(fix.file) ?? '';
        const after = TextDocument.applyEdits(TextDocument.create('file:///x', 'json', 0, before), [fix.edit]);
        fs.write(fix.file, after);
        await index.update(fix.file, after);
        return true;
      };
      // Each fix must make progress: a bounded number of rounds, never a loop.
      for (let round = 0; round < 10 && (await applyFirst((f) => f.code === 'missing-scope', /^Add (all missing scopes|scope)/)); round++);
      for (let round = 0; round < 10 && (await applyFirst((f) => f.code === 'unused-scope' && f.severity === 'warning', /^Remove unused/)); round++);
      // Method diagnostics (deprecated calls) are the code's to fix, not the manifest's.
      const left = index.findings().filter((f) => (f.severity === 'error' || f.severity === 'warning') && RULES[f.code].category !== 'method');
      assert.deepEqual(brief(index, left), []);
    });
  }
});
