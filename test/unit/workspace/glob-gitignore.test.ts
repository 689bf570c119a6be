import assert from 'node:assert/strict';
import { GlobList, globToRegExp } from '../../../server/src/workspace/glob';
import { GitignoreRules } from '../../../server/src/workspace/gitignore';

describe('glob matching (manifest include/exclude)', () => {
  const matches = (glob: string, path: string) => globToRegExp(glob).test(path);

  it('keeps * and ? inside one folder level', () => {
    assert.ok(matches('src/*.js', 'src/app.js'));
    assert.ok(!matches('src/*.js', 'src/lib/app.js'));
    assert.ok(matches('src/?.js', 'src/a.js'));
    assert.ok(!matches('src/?.js', 'src/ab.js'));
  });

  it('lets ** cross folder levels, including none', () => {
    assert.ok(matches('**/*.test.js', 'a.test.js'));
    assert.ok(matches('**/*.test.js', 'src/deep/a.test.js'));
    assert.ok(matches('src/**/util.js', 'src/util.js'));
    assert.ok(matches('src/**', 'src/a/b/c.php'));
    assert.ok(!matches('src/**/util.js', 'lib/util.js'));
  });

  it('supports classes, alternatives and escapes', () => {
    assert.ok(matches('src/[ab].js', 'src/b.js'));
    assert.ok(!matches('src/[!ab].js', 'src/a.js'));
    assert.ok(matches('**/*.{js,ts}', 'x/y.ts'));
    assert.ok(!matches('**/*.{js,ts}', 'x/y.py'));
    assert.ok(matches('a\\*b', 'a*b'));
    assert.ok(!matches('a\\*b', 'axb'));
    assert.ok(!matches('a.js', 'abjs'));
  });

  it('covers everything inside a folder the glob names', () => {
    const list = new GlobList(['legacy', 'tests/', './scripts/**']);
    assert.ok(list.matches('legacy/old.js'));
    assert.ok(list.matches('tests/unit/a.js'));
    assert.ok(list.matches('scripts/x.js'));
    assert.ok(!list.matches('src/legacy.js'));
    assert.ok(new GlobList([]).empty);
  });
});

describe('.gitignore rules', () => {
  const rules = (text: string, folder = '/ws') => {
    const r = new GitignoreRules();
    r.set(folder, text);
    return r;
  };

  it('matches an unanchored pattern at any depth', () => {
    const r = rules('*.log\ntmp\n');
    assert.ok(r.ignores('/ws/a.log', false));
    assert.ok(r.ignores('/ws/src/deep/b.log', false));
    assert.ok(r.ignores('/ws/src/tmp', true));
    assert.ok(!r.ignores('/ws/src/a.js', false));
  });

  it('anchors patterns with a slash at the start or in the middle', () => {
    const r = rules('/generated.js\nsrc/cache\n');
    assert.ok(r.ignores('/ws/generated.js', false));
    assert.ok(!r.ignores('/ws/src/generated.js', false));
    assert.ok(r.ignores('/ws/src/cache', true));
    assert.ok(!r.ignores('/ws/lib/src/cache', true));
  });

  it('applies dir/ patterns to folders only', () => {
    const r = rules('cache/\n');
    assert.ok(r.ignores('/ws/cache', true));
    assert.ok(!r.ignores('/ws/cache', false));
  });

  it('re-includes with ! (the last matching rule wins)', () => {
    const r = rules('*.js\n!keep.js\n');
    assert.ok(r.ignores('/ws/a.js', false));
    assert.ok(!r.ignores('/ws/keep.js', false));
  });

  it('skips comments and blank lines, and honours escapes', () => {
    const r = rules('# a comment\n\n\\#hash.js\n\\!bang.js\n');
    assert.ok(r.ignores('/ws/#hash.js', false));
    assert.ok(r.ignores('/ws/!bang.js', false));
    assert.ok(!r.ignores('/ws/a comment', false));
  });

  it('lets a nested .gitignore override its parent for its own folder', () => {
    const r = rules('*.gen.js\n');
    r.set('/ws/pkg', '!*.gen.js\n');
    assert.ok(r.ignores('/ws/a.gen.js', false));
    assert.ok(!r.ignores('/ws/pkg/a.gen.js', false));
  });

  it('finds files inside an ignored folder ignored', () => {
    const r = rules('cache/\n');
    assert.ok(r.ignoresWithin('/ws/cache/deep/a.js', '/ws'));
    assert.ok(!r.ignoresWithin('/ws/src/a.js', '/ws'));
  });
});
