import { strict as assert } from 'node:assert';
import { familyOf, referenceAt } from '../../../server/src/analysis/analyse';
import { createMethodNames } from '../../../server/src/analysis/method-names';
import { run } from './helpers';

describe('analysis: familyOf', () => {
  it('maps VS Code language ids', () => {
    assert.equal(familyOf('typescriptreact'), 'js');
    assert.equal(familyOf('vue'), 'js');
    assert.equal(familyOf('shellscript'), 'shell');
    assert.equal(familyOf('csharp'), 'csharp');
    assert.equal(familyOf('markdown'), 'markdown');
    assert.equal(familyOf('rust'), undefined);
  });

  it('falls back to the file extension when the language id is not ours', () => {
    assert.equal(familyOf('', '/app/src/x.mjs'), 'js');
    assert.equal(familyOf('plaintext', 'C:\\app\\api.REST'), 'http');
    assert.equal(familyOf('', 'deploy.bash'), 'shell');
    assert.equal(familyOf('', 'README.md'), 'markdown');
    assert.equal(familyOf('', 'Makefile'), undefined);
    assert.equal(familyOf('', '/dir.js/file'), undefined);
  });
});

describe('analysis: referenceAt', () => {
  const text = "BX24.callMethod('crm.lead.add'); BX24.callMethod('crm.' + x + '.list');";
  const a = run(text, 'js');

  it('finds the reference under the cursor, its end included', () => {
    const at = text.indexOf('crm.lead.add');
    assert.equal(referenceAt(a, at)?.start, at);
    assert.equal((referenceAt(a, at + 'crm.lead.add'.length) as { name: string }).name, 'crm.lead.add');
    assert.equal(referenceAt(a, at - 2), undefined);
  });

  it('falls back to unresolved references', () => {
    const at = text.indexOf("'crm.' +") + 3;
    assert.equal((referenceAt(a, at) as { pattern: string }).pattern, 'crm.*.list');
  });
});

describe('analysis: suppression comments', () => {
  it('reads disable-line and disable-next-line with codes in any comment syntax', () => {
    const text = [
      "BX24.callMethod('crm.lead.add'); // bitrix24-disable-line missing-scope",
      '// bitrix24-disable-next-line',
      "BX24.callMethod('crm.deal.add');",
      '/* bitrix24-disable-next-line missing-scope, deprecated-method -- legacy */ x();',
      "const s = 'bitrix24-disable-line';",
    ].join('\n');
    const s = run(text, 'js').suppressions;
    assert.deepEqual(
      [...s.entries()],
      [
        [0, ['missing-scope']],
        [2, []],
        [4, ['missing-scope', 'deprecated-method']],
      ],
    );
  });

  it('works with #, <!-- --> and .http comments', () => {
    assert.deepEqual([...run("<?php\n# bitrix24-disable-next-line unknown-method\nCRest::call('x.y');", 'php').suppressions], [[2, ['unknown-method']]]);
    assert.deepEqual([...run('x = 1  # bitrix24-disable-line\n', 'python').suppressions], [[0, []]]);
    assert.deepEqual([...run('<!-- bitrix24-disable-next-line -->\n```js\nBX24.callMethod("crm.lead.add")\n```', 'markdown').suppressions], [[1, []]]);
    assert.deepEqual([...run('# bitrix24-disable-next-line\nGET https://x/rest/profile', 'http').suppressions], [[1, []]]);
  });
});

describe('analysis: createMethodNames', () => {
  const names = createMethodNames(['crm.lead.add', 'catalog.catalog.isOffers', 'profile']);

  it('answers case-insensitively', () => {
    assert.ok(names.has('CRM.Lead.Add'));
    assert.ok(names.has('catalog.catalog.isoffers'));
    assert.ok(!names.has('crm.lead'));
  });

  it('matches `*` patterns against the names', () => {
    assert.ok(names.matchesPattern!('crm.*.add'));
    assert.ok(names.matchesPattern!('catalog.*.isOffers'));
    assert.ok(!names.matchesPattern!('crm.*.title'));
    assert.ok(!names.matchesPattern!('crm.lead.add.*'));
  });
});
