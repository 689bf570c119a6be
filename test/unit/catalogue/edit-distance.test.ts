/** Edit distance and "did you mean" for scope codes: typos a user makes are found, others are not. */
import * as assert from 'node:assert/strict';
import { editDistance } from '../../../server/src/catalogue/edit-distance';
import { closest } from '../../../server/src/manifest/did-you-mean';

describe('edit distance', () => {
  it('counts inserts, deletes and substitutions', () => {
    assert.equal(editDistance('crm.lead.add', 'crm.lead.add'), 0);
    assert.equal(editDistance('crm.lead.ad', 'crm.lead.add'), 1);
    assert.equal(editDistance('crm.deal.list', 'crm.lead.list'), 2);
  });

  it('counts a swap of neighbours as one edit only when asked', () => {
    assert.equal(editDistance('rcm', 'crm'), 2);
    assert.equal(editDistance('rcm', 'crm', Infinity, true), 1);
    assert.equal(editDistance('landnig', 'landing', Infinity, true), 1);
  });

  it('stops early past the bound and says so', () => {
    assert.equal(editDistance('user', 'telephony', 2), 3);
    assert.equal(editDistance('abcdef', 'uvwxyz', 2, true), 3);
  });
});

describe('closest scope code', () => {
  const scopes = ['crm', 'user', 'user_brief', 'landing', 'task', 'tasks'];
  it('suggests the code for a swap, a missing letter or other case', () => {
    assert.equal(closest('rcm', scopes), 'crm');
    assert.equal(closest('landng', scopes), 'landing');
    assert.equal(closest('LANDING', scopes), 'landing');
  });
  it('suggests nothing for a word too far from every code', () => {
    assert.equal(closest('calendar', scopes), undefined);
  });
});
