import { strict as assert } from 'node:assert';
import { formatRequirement, isSatisfiedBy, requirementScopes } from '../../../server/src/catalogue/requirement';
import type { ScopeRequirement } from '../../../server/src/catalogue/types';

const any: ScopeRequirement = { kind: 'anyOf', scopes: ['user', 'user_brief', 'user_basic'] };
const all: ScopeRequirement = { kind: 'allOf', scopes: ['sign.b2e', 'crm'] };
const one: ScopeRequirement = { kind: 'scope', scope: 'crm' };
const unknown: ScopeRequirement = { kind: 'unknown', reason: 'no Scope block' };

describe('scope requirements', () => {
  it('lists the codes a requirement mentions', () => {
    assert.deepEqual(requirementScopes(one), ['crm']);
    assert.deepEqual(requirementScopes(any), ['user', 'user_brief', 'user_basic']);
    assert.deepEqual(requirementScopes({ kind: 'basic' }), []);
    assert.deepEqual(requirementScopes(unknown), []);
  });

  it('is satisfied by granted scopes as the kind says', () => {
    assert.equal(isSatisfiedBy(one, new Set(['crm'])), true);
    assert.equal(isSatisfiedBy(one, new Set(['task'])), false);
    assert.equal(isSatisfiedBy(any, new Set(['user_brief'])), true);
    assert.equal(isSatisfiedBy(any, new Set(['crm'])), false);
    assert.equal(isSatisfiedBy(all, new Set(['sign.b2e'])), false);
    assert.equal(isSatisfiedBy(all, new Set(['sign.b2e', 'crm'])), true);
    assert.equal(isSatisfiedBy({ kind: 'basic' }, new Set()), true);
    assert.equal(isSatisfiedBy(unknown, new Set(['crm'])), false);
  });

  it('compares granted codes case-insensitively', () => {
    assert.equal(isSatisfiedBy(one, new Set(['CRM'])), true);
  });

  it('formats each kind for people', () => {
    assert.equal(formatRequirement(one), 'crm');
    assert.equal(formatRequirement(any), 'user | user_brief | user_basic');
    assert.equal(formatRequirement(all), 'sign.b2e + crm');
    assert.equal(formatRequirement({ kind: 'basic' }), 'basic (no scope needed)');
    assert.equal(formatRequirement(unknown), 'unknown (no Scope block)');
  });
});
