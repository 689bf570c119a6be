import assert from 'node:assert/strict';
import { stepTitle } from '../../../client/src/rights/picker-titles';

describe('rights/picker-titles', () => {
  it('names the site and the step', () => {
    const heading = { text: 'Add rule to «Spring promo»', steps: 3 };
    assert.equal(stepTitle(heading, 1, 'who'), 'Add rule to «Spring promo» — 1/3: who');
    assert.equal(stepTitle(heading, 3, 'what D2 may do'), 'Add rule to «Spring promo» — 3/3: what D2 may do');
    assert.equal(stepTitle(heading, 5, 'late'), 'Add rule to «Spring promo» — 3/3: late', 'never past the last step');
  });

  it('leaves the count out of a single question, and stands alone without a heading', () => {
    assert.equal(stepTitle({ text: 'Edit a rule of «Promo»' }, 1, 'what D2 may do'), 'Edit a rule of «Promo» — what D2 may do');
    assert.equal(stepTitle(undefined, 2, 'which department'), 'Which department');
  });
});
