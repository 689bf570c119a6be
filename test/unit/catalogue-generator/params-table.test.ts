import { strict as assert } from 'node:assert';
import { extractParams, paramFromCell, parseTables, splitCells } from '../../../scripts/catalogue/params-table';

const lines = (s: string) => s.split('\n');

describe('catalogue generator: parameter tables', () => {
  it('recognises every documented way of marking a required parameter', () => {
    assert.deepEqual(paramFromCell('**id***\n[`integer`](x.md)'), { name: 'id', type: 'integer', required: true });
    assert.deepEqual(paramFromCell('**id**^*^\n[`integer`](x.md)'), { name: 'id', type: 'integer', required: true });
    assert.deepEqual(paramFromCell('**id^*^**\n[`integer`](x.md)'), { name: 'id', type: 'integer', required: true });
    assert.deepEqual(paramFromCell('**id**\n`integer`'), { name: 'id', type: 'integer', required: false });
  });

  it('rejects header and prose cells', () => {
    assert.equal(paramFromCell('plain text'), undefined);
    assert.equal(paramFromCell('**Error code**'), undefined);
  });

  it('does not split cells on pipes inside code spans', () => {
    assert.deepEqual(splitCells(' **a** `x|y` | desc '), ['**a** `x|y`', 'desc']);
  });

  it('survives a row the page forgot to close', () => {
    const t = parseTables(lines('#|\n|| **Name** | **Description** ||\n|| **fields***\n[`object`](x.md) | text\n|#'));
    assert.equal(t[0].rows.length, 2);
  });

  it('reads the parameter section and its nested field table', () => {
    const page = lines(`# Add garden.bed.add

## Method Parameters

#|
|| **Name**
\`type\` | **Description** ||
|| **fields***
[\`object\`](x.md) | See [below](#fields) ||
|| **mode**
[\`string\`](x.md) | Mode ||
|#

### Parameter fields {#fields}

#|
|| **Name**
\`type\` | **Description** ||
|| **TITLE***
[\`string\`](x.md) | Title ||
|#

## Response Handling

#|
|| **Name**
\`type\` | **Description** ||
|| **result**
[\`object\`](x.md) | Not a parameter ||
|#`);
    assert.deepEqual(extractParams(page), [
      { name: 'fields', type: 'object', required: true, fields: [{ name: 'TITLE', type: 'string', required: true }] },
      { name: 'mode', type: 'string', required: false },
    ]);
  });

  it('links a nested table by its heading when the row has no anchor', () => {
    const page = lines(`## Method Parameters

#|
|| **Name** | **Description** ||
|| **FIELDS**
[\`object\`](x.md) | Values ||
|#

### Parameter FIELDS

#|
|| **Name** | **Description** ||
|| **NAME**
[\`string\`](x.md) | Name ||
|#`);
    assert.deepEqual(extractParams(page)?.[0].fields, [{ name: 'NAME', type: 'string', required: false }]);
  });

  it('returns undefined for a page without a parameter section', () => {
    assert.equal(extractParams(lines('# T\n\nNo parameters.\n\n## Code Examples')), undefined);
  });
});
