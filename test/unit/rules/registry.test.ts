import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_CODES, RULES, ruleMessage } from '../../../server/src/rules';
import { settingsNls, settingsProperties, withRuleTable } from '../../../scripts/rules/render';

const root = join(__dirname, '..', '..', '..');

describe('rule registry', () => {
  it('the rule table in docs/manifest.md is the one the registry generates (run `npm run rules`)', () => {
    const docs = readFileSync(join(root, 'docs', 'manifest.md'), 'utf8');
    assert.equal(withRuleTable(docs), docs);
    for (const code of RULE_CODES) assert.ok(docs.includes(`<a id="rule-${code}"></a>\`${code}\``), code);
  });

  it('the bitrix24.diagnostics.rules setting lists every rule with its default (run `npm run rules`)', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { properties?: unknown }> } };
    };
    assert.deepEqual(pkg.contributes.configuration.properties['bitrix24.diagnostics.rules'].properties, settingsProperties());
    const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
    for (const [key, text] of Object.entries(settingsNls())) assert.equal(nls[key], text, key);
  });

  it('every rule has a message whose placeholders are all filled by ruleMessage', () => {
    for (const code of RULE_CODES) {
      const filled = ruleMessage(code, new Proxy({}, { get: (_, key) => `<${String(key)}>` }));
      assert.doesNotMatch(filled, /\{\w+\}/, code);
      assert.ok(RULES[code].description.endsWith('.'), `${code}: a description is a sentence`);
    }
  });

  it('unknown methods are errors, so CI fails on a typo; superseded methods are information', () => {
    assert.equal(RULES['unknown-method'].severity, 'error');
    assert.equal(RULES['superseded-method'].severity, 'info');
    assert.equal(RULES['missing-scope'].where, 'manifest');
  });
});
