/** The "unknown method, did you mean" diagnostic, from source text to message, for each certain call style. */
import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyse } from '../../../server/src/analysis/analyse';
import type { LanguageFamily } from '../../../server/src/analysis/types';
import { Catalogue } from '../../../server/src/catalogue/catalogue';
import { diagnose } from '../../../server/src/features/diagnostics';

function unknownMethods(text: string, family: LanguageFamily): string[] {
  const catalogue = Catalogue.load();
  const doc = { uri: 'file:///app/x', text, family, analysis: analyse(text, family, catalogue) };
  const td = TextDocument.create(doc.uri, family, 1, text);
  return diagnose(doc, td, { catalogue, settings: { enable: true, rules: {} } })
    .filter((d) => d.code === 'unknown-method')
    .map((d) => d.message);
}

describe('analysis: unknown-method fires in every certain call style', () => {
  const cases: [string, LanguageFamily, string, string][] = [
    ["<?php\nCRest::call('crm.deal.lst', ['filter' => []]);\n", 'php', 'crm.deal.lst', 'crm.deal.list'],
    ["<?php\n$b24->core->call('crm.deal.updte', ['id' => 1]);\n", 'php', 'crm.deal.updte', 'crm.deal.update'],
    ["<?php\nCRest::callBatch(['a' => ['method' => 'crm.deal.lst']]);\n", 'php', 'crm.deal.lst', 'crm.deal.list'],
    ["from fast_bitrix24 import Bitrix\nb = Bitrix(hook)\nb.get_all('crm.deal.lst')\n", 'python', 'crm.deal.lst', 'crm.deal.list'],
    ["b.get_by_ID('crm.contact.gett', [1])\n", 'python', 'crm.contact.gett', 'crm.contact.get'],
    ["b.list_and_get('crm.lead.lst')\n", 'python', 'crm.lead.lst', 'crm.lead.list'],
    ['from b24pysdk import Client\nclient.crm.deal.lst(filter={})\n', 'python', 'crm.deal.lst', 'crm.deal.list'],
    ["$b24.actions.v2.call.make({ method: 'crm.deal.lst' })", 'js', 'crm.deal.lst', 'crm.deal.list'],
    ["$b24.callListMethod('crm.deal.lst')", 'js', 'crm.deal.lst', 'crm.deal.list'],
    ["BX24.callBatch({ a: ['crm.deal.lst', {}] })", 'js', 'crm.deal.lst', 'crm.deal.list'],
    ['curl https://x.bitrix24.com/rest/1/abc/crm.deal.lst.json\n', 'shell', 'crm.deal.lst', 'crm.deal.list'],
  ];
  for (const [text, family, name, suggestion] of cases) {
    it(`${family}: ${text
      .split('\n')
      .find((l) => l.includes(name))!
      .trim()}`, () => {
      const messages = unknownMethods(text, family);
      assert.equal(messages.length, 1, messages.join('\n'));
      assert.match(messages[0], new RegExp(`'${name.replace(/\./g, '\\.')}' is not a documented`));
      assert.match(messages[0], new RegExp(`Did you mean .*'${suggestion.replace(/\./g, '\\.')}'`));
    });
  }

  it('says nothing for a method-shaped string outside a call', () => {
    assert.deepEqual(unknownMethods("<?php\n$label = 'crm.deal.lst';\n$x = ['method' => 'crm.deal.lst'];\n", 'php'), []);
    assert.deepEqual(unknownMethods("const key = 'crm.deal.lst';\n", 'js'), []);
  });
});
