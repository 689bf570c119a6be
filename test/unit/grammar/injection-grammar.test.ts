/** The injection grammar colours REST method names in strings, and nothing else. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const GRAMMAR = path.join(ROOT, 'syntaxes', 'bitrix24-rest.injection.tmLanguage.json');
const METHOD_SCOPE = 'support.function.rest-method.bitrix24';

// A minimal host language with strings and line comments: enough to check the
// injection's selector (strings yes, comments no) and its name pattern.
const HOST = {
  scopeName: 'source.host',
  patterns: [
    { name: 'comment.line.host', match: '//.*$' },
    { name: 'string.quoted.single.host', begin: "'", end: "'" },
    { name: 'string.quoted.double.host', begin: '"', end: '"' },
  ],
};

async function loadRegistry(): Promise<textmate.Registry> {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  return new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName === 'source.host') return textmate.parseRawGrammar(JSON.stringify(HOST), 'host.json');
      if (scopeName === 'bitrix24.rest-method.injection') return textmate.parseRawGrammar(readFileSync(GRAMMAR, 'utf8'), GRAMMAR);
      return null;
    },
    getInjections: (scopeName) => (scopeName === 'source.host' ? ['bitrix24.rest-method.injection'] : undefined),
  });
}

/** The text of every token on `line` that carries the method scope. */
function methodTokens(grammar: textmate.IGrammar, line: string): string[] {
  const { tokens } = grammar.tokenizeLine(line, textmate.INITIAL);
  return tokens.filter((t) => t.scopes.includes(METHOD_SCOPE)).map((t) => line.slice(t.startIndex, t.endIndex));
}

describe('injection grammar', () => {
  let grammar: textmate.IGrammar;
  before(async () => {
    const g = await (await loadRegistry()).loadGrammar('source.host');
    assert.ok(g, 'host grammar loads');
    grammar = g;
  });

  it('colours a method name in a single- or double-quoted string', () => {
    assert.deepEqual(methodTokens(grammar, "call('crm.lead.add', {})"), ['crm.lead.add']);
    assert.deepEqual(methodTokens(grammar, 'call("landing.site.getRights")'), ['landing.site.getRights']);
  });

  it('colours the method inside a REST URL', () => {
    assert.deepEqual(methodTokens(grammar, "fetch('https://x.bitrix24.com/rest/1/abc/user.get.json')"), ['user.get']);
  });

  it('leaves comments, non-REST dotted strings and plain code alone', () => {
    assert.deepEqual(methodTokens(grammar, '// crm.lead.add is called below'), []);
    assert.deepEqual(methodTokens(grammar, "t('config.app.title')"), []);
    assert.deepEqual(methodTokens(grammar, 'crm.lead.add()'), []);
  });
});
