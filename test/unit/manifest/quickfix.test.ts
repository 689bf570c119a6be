/**
 * Golden tests of the manifest quick fixes: each folder of test/fixtures/quickfix
 * holds a manifest before the fix, the expected manifest after it, and case.json
 * (the calls the code makes, the finding to fix, and the fix's title).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkScopes } from '../../../server/src/manifest/scope-check';
import { parseManifest } from '../../../server/src/manifest/manifest';
import { DEFAULT_ENV_KEYS, parseEnvManifest } from '../../../server/src/manifest/env-manifest';
import { addAllMissingFix, fixesFor, type Fix } from '../../../server/src/manifest/fixes';
import { proposeManifest } from '../../../server/src/manifest/create-manifest';
import type { FileCalls, ParsedManifest } from '../../../server/src/manifest/types';
import { testCatalogue } from './helpers/test-catalogue';

interface Case {
  calls: string[];
  finding?: string;
  fix?: string;
  preferred?: boolean;
  envKeys?: string[];
  create?: boolean;
  kind?: 'webhook' | 'local' | 'market';
}

const root = join(__dirname, '..', '..', 'fixtures', 'quickfix');

function sourceCalling(methods: string[]): FileCalls {
  return {
    file: '/app/src/app.js',
    calls: methods.map((name, line) => ({ name, range: { start: { line, character: 0 }, end: { line, character: name.length } }, context: 'call' })),
    dynamic: [],
    suppressions: new Map(),
  };
}

function parse(text: string, env: boolean, keys: readonly string[]): ParsedManifest {
  const parsed = env ? parseEnvManifest(text, keys) : parseManifest(text);
  assert.ok(parsed, 'the manifest declares no scopes');
  return parsed;
}

function applyFix(before: string, fix: Fix): string {
  return TextDocument.applyEdits(TextDocument.create('file:///m', 'json', 0, before), [fix.edit]);
}

describe('quick fixes (golden files)', () => {
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    if (!statSync(dir).isDirectory()) continue;
    const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Case;
    const catalogue = testCatalogue();

    if (spec.create) {
      it(`${name}: creates the manifest the code needs`, () => {
        const needs = spec.calls.flatMap((c) => {
          const m = catalogue.get(c);
          return m ? [{ method: m.name, requirement: m.requirement }] : [];
        });
        const proposed = proposeManifest(needs, catalogue, { kind: spec.kind });
        assert.equal(proposed.text, readFileSync(join(dir, 'after.json'), 'utf8'));
        assert.deepEqual(parseManifest(proposed.text).problems, []);
      });
      continue;
    }

    const env = existsSync(join(dir, 'before.env'));
    const ext = env ? 'env' : 'json';
    const keys = spec.envKeys ?? DEFAULT_ENV_KEYS;
    it(`${name}: ${spec.fix}`, () => {
      const before = readFileSync(join(dir, `before.${ext}`), 'utf8');
      const expected = readFileSync(join(dir, `after.${ext}`), 'utf8');
      const file = env ? '/app/.env' : '/app/bitrix24.json';
      const manifest = { file, displayName: env ? '.env' : 'bitrix24.json', text: before, parsed: parse(before, env, keys) };
      const findings = checkScopes({ manifest, files: [sourceCalling(spec.calls)], catalogue });
      const ref = { file, text: before, format: manifest.parsed.format, envKeys: keys };
      const fixes = findings
        .filter((f) => f.code === spec.finding)
        .flatMap((f) => [...fixesFor(f, ref), ...(f.code === 'missing-scope' ? [addAllMissingFix(findings, ref)] : [])])
        .filter((f): f is Fix => f !== undefined);
      const fix = fixes.find((f) => f.title === spec.fix);
      assert.ok(fix, `no fix titled "${spec.fix}"; offered: ${[...new Set(fixes.map((f) => f.title))].join(' / ')}`);
      if (spec.preferred !== undefined) assert.equal(fix.isPreferred, spec.preferred);
      const after = applyFix(before, fix);
      assert.equal(after, expected);
      assert.deepEqual(parse(after, env, keys).problems, []);
    });
  }
});
