/** Readers of workspace files under hostile or unusual input: BOMs, bad patterns, deep nesting, duplicate keys, dotenv quoting. */
import assert from 'node:assert/strict';
import { parseManifest } from '../../../server/src/manifest/manifest';
import { findEnvScopes, parseEnvManifest } from '../../../server/src/manifest/env-manifest';
import { GlobList, globError } from '../../../server/src/workspace/glob';
import { GitignoreRules } from '../../../server/src/workspace/gitignore';
import { stripBom } from '../../../server/src/manifest/bom';

const codes = (text: string) => parseManifest(text).manifest.scopes?.map((s) => s.code);

describe('bitrix24.json under hostile input', () => {
  it('reads a manifest with a byte order mark, with spans at the same offsets', () => {
    const text = '\uFEFF{ "scopes": ["crm"] }';
    const parsed = parseManifest(text);
    assert.deepEqual(parsed.problems, []);
    const [crm] = parsed.manifest.scopes!;
    assert.equal(text.slice(crm.span.start, crm.span.end), 'crm');
  });

  it('refuses nesting 10,000 levels deep with one problem instead of overflowing the stack', () => {
    const parsed = parseManifest(`{ "scopes": ${'['.repeat(10_000)}${']'.repeat(10_000)} }`);
    assert.equal(parsed.problems.length, 1);
    assert.equal(parsed.problems[0].code, 'manifest-invalid-json');
    assert.match(parsed.problems[0].message, /Nested more than 64 levels/);
  });

  it('does not count brackets inside strings and comments as nesting', () => {
    assert.deepEqual(codes(`{ "scopes": ["crm"], "$schema": "${'['.repeat(200)}" /* ${'{'.repeat(200)} */ }`), ['crm']);
  });

  it('reports a duplicate "scopes" key on the one that does not count', () => {
    const text = '{\n  "scopes": ["crm"],\n  "scopes": ["task"]\n}';
    const parsed = parseManifest(text);
    assert.deepEqual(codes(text), ['task']);
    const [dup] = parsed.problems;
    assert.equal(dup.code, 'manifest-duplicate-key');
    assert.equal(text.slice(0, dup.span.start).split('\n').length, 2, 'on the first "scopes"');
  });

  it('reports an include or exclude glob that does not compile on the glob and keeps the rest', () => {
    const text = '{ "scopes": [], "include": ["src/**", "[z-a]"] }';
    const parsed = parseManifest(text);
    assert.deepEqual(parsed.manifest.include, ['src/**']);
    assert.equal(parsed.problems.length, 1);
    assert.equal(text.slice(parsed.problems[0].span.start, parsed.problems[0].span.end), '"[z-a]"');
  });

  it('does not parse a manifest over 1 MB', () => {
    const parsed = parseManifest(`{ "scopes": ["crm"], "x": "${'a'.repeat(1024 * 1024)}" }`);
    assert.equal(parsed.manifest.scopes, undefined);
    assert.match(parsed.problems[0].message, /over 1 MB are not read/);
  });
});

describe('.env scope values read as dotenv reads them', () => {
  const keys = ['SCOPE'];
  const value = (text: string) => {
    const found = findEnvScopes(text, keys);
    return found && { value: text.slice(found.value.start, found.value.end), items: found.items.map((i) => text.slice(i.span.start, i.span.end)) };
  };

  it('reads a value after a byte order mark', () => {
    assert.deepEqual(
      parseEnvManifest('\uFEFFSCOPE=crm,task\n', keys)?.manifest.scopes?.map((s) => s.code),
      ['crm', 'task'],
    );
  });

  it('reads quoted values across lines', () => {
    assert.deepEqual(value('SCOPE="crm,\ntask"\nOTHER=1\n')?.items, ['crm', 'task']);
    assert.deepEqual(value("SCOPE='crm\r\n  user_brief'\r\n")?.items, ['crm', 'user_brief']);
  });

  it('does not end a quoted value at an escaped quote', () => {
    assert.equal(value('SCOPE="crm \\" task"\n')?.value, 'crm \\" task');
  });

  it('ends an unquoted value at # and trims it, and reads `export` and `KEY: value`', () => {
    assert.deepEqual(value('SCOPE=crm,task#comment\n')?.items, ['crm', 'task']);
    assert.deepEqual(value('export SCOPE = crm  \n')?.items, ['crm']);
    assert.deepEqual(value('SCOPE: crm\n')?.items, ['crm']);
  });

  it('takes the last assignment, as dotenv does', () => {
    assert.deepEqual(value('SCOPE=crm\nSCOPE="task"\n')?.items, ['task']);
  });

  it('does not read a .env file over 1 MB', () => {
    assert.equal(findEnvScopes(`SCOPE=crm\n${'#'.repeat(1024 * 1024)}\n`, keys), undefined);
  });
});

describe('patterns that do not compile', () => {
  it('globError names a reversed range; GlobList leaves such globs out and matches with the rest', () => {
    assert.equal(globError('[z-a]'), 'a character range is out of order');
    assert.equal(globError('src/[a-z]*.js'), undefined);
    const list = new GlobList(['[z-a]', 'legacy']);
    assert.deepEqual(list.invalid, [{ glob: '[z-a]', reason: 'a character range is out of order' }]);
    assert.ok(list.matches('legacy/a.js'));
    assert.ok(!list.matches('src/a.js'));
  });

  it('a .gitignore line that does not compile is returned as a problem and the other lines apply', () => {
    const rules = new GitignoreRules();
    const problems = rules.set('', '\uFEFFgenerated/\n[z-a]\n*.min.js\n');
    assert.deepEqual(problems, [{ line: 1, pattern: '[z-a]', reason: 'a character range is out of order' }]);
    assert.ok(rules.ignores('generated', true));
    assert.ok(rules.ignores('a.min.js', false));
  });

  it('stripBom drops only a leading byte order mark', () => {
    assert.equal(stripBom('\uFEFF{"a":1}'), '{"a":1}');
    assert.equal(stripBom('a\uFEFF'), 'a\uFEFF');
  });
});
