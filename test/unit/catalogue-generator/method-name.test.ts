import { strict as assert } from 'node:assert';
import { decideName, methodTokens, pageStem, stemFit, type NameEvidence } from '../../../scripts/catalogue/method-name';

const evidence = (e: Partial<NameEvidence>): NameEvidence => ({
  stem: 'garden-bed-get',
  headingTokens: [],
  proseTokens: [],
  codeTokens: [],
  singleWords: [],
  ...e,
});

describe('catalogue generator: method names', () => {
  it('finds dotted names but not file names, hosts or wildcards', () => {
    assert.deepEqual(methodTokens('see garden.bed.add, data-types.md, portal.bitrix24.com and garden.bed.*'), ['garden.bed.add']);
    assert.deepEqual(methodTokens('https://x/rest/1/abc/garden.bed.add'), ['garden.bed.add']);
  });

  it('strips the REST 3.0 suffix from the file stem', () => {
    assert.equal(pageStem('api-reference/garden/garden-bed-list-rest-v3'), 'garden-bed-list');
  });

  it('fits names to stems exactly or with small spelling drift', () => {
    assert.equal(stemFit('garden.bed.getFields', 'garden-bed-get-fields'), 'exact');
    assert.equal(stemFit('task.item.addtofavorite', 'task-item-add-to-favourite'), 'near');
    assert.equal(stemFit('garden.bed.list', 'garden-bed-get'), undefined);
  });

  it('takes the heading name when it fits', () => {
    assert.deepEqual(decideName(evidence({ headingTokens: ['garden.bed.get'] })), { name: 'garden.bed.get' });
  });

  it('prefers the name in the text over a misspelt heading', () => {
    const d = decideName(evidence({ stem: 'garden-bed-delete', headingTokens: ['gardn.bed.delete'], proseTokens: ['garden.bed.delete'] }));
    assert.equal(d?.name, 'garden.bed.delete');
    assert.match(d?.note ?? '', /gardn\.bed\.delete/);
  });

  it('ignores other methods called by the code samples', () => {
    const d = decideName(evidence({ codeTokens: ['garden.bed.list', 'garden.bed.list', 'garden.bed.list', 'garden.bed.get'] }));
    assert.equal(d?.name, 'garden.bed.get');
  });

  it('keeps a heading name the code samples confirm, even if the text spells it differently', () => {
    const d = decideName(
      evidence({
        stem: 'bed-add-to-favourite',
        headingTokens: ['garden.bed.addtofavorite'],
        proseTokens: ['garden.bed.addtofavourite'],
        codeTokens: ['garden.bed.addtofavorite'],
      }),
    );
    assert.equal(d?.name, 'garden.bed.addtofavorite');
  });

  it('accepts a single-word method named in the text', () => {
    assert.equal(decideName(evidence({ stem: 'ping', singleWords: ['ping'] }))?.name, 'ping');
  });

  it('falls back to the Russian page map, and says so', () => {
    const d = decideName(evidence({ stem: 'unrelated', ruName: 'garden.bed.get' }));
    assert.equal(d?.name, 'garden.bed.get');
    assert.match(d?.note ?? '', /Russian/);
  });

  it('gives up when nothing fits', () => {
    assert.equal(decideName(evidence({ stem: 'season-settings' })), undefined);
  });
});
