/**
 * The injection grammar colours REST method names in strings, and nothing else — checked
 * with the real JavaScript, PHP and Python grammars of the VS Code the tests install
 * (code-server in $VSCODE_TEST_CACHE or .vscode-test/), tokenized by vscode-textmate as the
 * editor does.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { requireComponent } from '../../support/requirements';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const INJECTION_SCOPE = 'bitrix24.rest-method.injection';
const GRAMMAR = path.join(ROOT, 'syntaxes', 'bitrix24-rest.injection.tmLanguage.json');
const METHOD_SCOPE = 'support.function.rest-method.bitrix24';
const CACHE = process.env.VSCODE_TEST_CACHE ? path.resolve(process.env.VSCODE_TEST_CACHE) : path.join(ROOT, '.vscode-test');
/** The built-in extensions of the code-server the e2e and ui tiers install. */
const BUILTIN = path.join(CACHE, 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'extensions');

/** scopeName → grammar file, from every built-in extension's `contributes.grammars`. */
function builtinGrammars(): Map<string, string> {
  const byScope = new Map<string, string>();
  for (const ext of readdirSync(BUILTIN)) {
    const manifest = path.join(BUILTIN, ext, 'package.json');
    if (!existsSync(manifest)) continue;
    const grammars =
      (JSON.parse(readFileSync(manifest, 'utf8')) as { contributes?: { grammars?: { scopeName?: string; path: string }[] } }).contributes?.grammars ?? [];
    for (const g of grammars) if (g.scopeName) byScope.set(g.scopeName, path.join(BUILTIN, ext, g.path));
  }
  return byScope;
}

async function loadRegistry(): Promise<textmate.Registry> {
  const grammars = builtinGrammars();
  const injectTo = new Set(
    (
      JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { grammars: { scopeName: string; injectTo?: string[] }[] } }
    ).contributes.grammars.find((g) => g.scopeName === INJECTION_SCOPE)?.injectTo ?? [],
  );
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  return new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      const file = scopeName === INJECTION_SCOPE ? GRAMMAR : grammars.get(scopeName);
      return file ? textmate.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
    },
    // As VS Code does: our grammar is injected into the scopes package.json lists.
    getInjections: (scopeName) => (injectTo.has(scopeName) ? [INJECTION_SCOPE] : undefined),
  });
}

/** The text of every token carrying the method scope, line by line through `source`. */
function methodTokens(grammar: textmate.IGrammar, source: string): string[] {
  let stack = textmate.INITIAL;
  const found: string[] = [];
  for (const line of source.split('\n')) {
    const { tokens, ruleStack } = grammar.tokenizeLine(line, stack);
    stack = ruleStack;
    found.push(...tokens.filter((t) => t.scopes.includes(METHOD_SCOPE)).map((t) => line.slice(t.startIndex, t.endIndex)));
  }
  return found;
}

describe('injection grammar in the real JavaScript, PHP and Python grammars', () => {
  const grammars: Record<string, textmate.IGrammar> = {};
  before(async function () {
    requireComponent(
      this,
      existsSync(BUILTIN),
      `code-server's built-in grammars (${BUILTIN})`,
      'run `node scripts/vscode/ensure-code-server.mjs` (npm test does)',
    );
    const registry = await loadRegistry();
    for (const scope of ['source.js', 'text.html.php', 'source.python']) {
      const g = await registry.loadGrammar(scope);
      assert.ok(g, `${scope} loads from ${BUILTIN}`);
      grammars[scope] = g;
    }
  });

  it('JavaScript: colours method names in quoted and template strings and in REST URLs', () => {
    const js = grammars['source.js'];
    assert.deepEqual(methodTokens(js, "BX24.callMethod('crm.lead.add', { fields: {} });"), ['crm.lead.add']);
    assert.deepEqual(methodTokens(js, 'await b24.callMethod("landing.site.getRights", { id: 1 });'), ['landing.site.getRights']);
    assert.deepEqual(methodTokens(js, 'b24.call(`user.current`);'), ['user.current']);
    assert.deepEqual(methodTokens(js, "fetch('https://x.bitrix24.com/rest/1/abc/user.get.json');"), ['user.get']);
  });

  it('JavaScript: leaves comments, i18n keys and code alone', () => {
    const js = grammars['source.js'];
    assert.deepEqual(methodTokens(js, '// crm.lead.add is called below'), []);
    assert.deepEqual(methodTokens(js, '/* user.get */ const x = 1;'), []);
    assert.deepEqual(methodTokens(js, "t('config.app.title');"), []);
    assert.deepEqual(methodTokens(js, 'crm.lead.add();'), []);
    // Relative module paths name files, not methods.
    assert.deepEqual(methodTokens(js, "import { add } from './crm.lead.add';"), []);
    assert.deepEqual(methodTokens(js, "const m = require('../crm.deal.list');"), []);
  });

  it('PHP: colours method names in strings inside <?php, not in comments or HTML around it', () => {
    const php = grammars['text.html.php'];
    const file = [
      '<p>crm.lead.add in HTML text</p>',
      '<?php',
      "$result = CRest::call('crm.lead.add', ['fields' => ['TITLE' => 'x']]);",
      '$b24->core->call("user.current");',
      '// crm.deal.add in a line comment',
      '# tasks.task.add in a hash comment',
      '/* landing.site.add in a block comment */',
      "$label = 'config.app.title';",
      '?>',
    ].join('\n');
    assert.deepEqual(methodTokens(php, file), ['crm.lead.add', 'user.current']);
  });

  it('Python: colours method names in strings, not in comments or identifiers', () => {
    const py = grammars['source.python'];
    const file = [
      "b24.call('crm.lead.add', {'fields': {}})",
      'b24.call("user.current")',
      '# crm.deal.add in a comment',
      "label = 'config.app.title'",
      'crm.lead.add = 1',
    ].join('\n');
    assert.deepEqual(methodTokens(py, file), ['crm.lead.add', 'user.current']);
  });
});
