import assert from 'node:assert/strict';
import {
  formatOperationCodes,
  formatOperations,
  normaliseOperations,
  OPERATION_NAMES,
  OPERATIONS,
  orderOperations,
  sameOperations,
} from '../../../client/src/rights/operations';

describe('rights/operations', () => {
  it('keeps a normal list in the portal order', () => {
    const r = normaliseOperations(['public', 'edit', 'read']);
    assert.deepEqual(r, { ok: true, ops: ['read', 'edit', 'public'], notes: [] });
  });

  it('adds read like the portal does, and says so', () => {
    const r = normaliseOperations(['edit']);
    assert.ok(r.ok);
    assert.deepEqual(r.ops, ['read', 'edit']);
    assert.match(r.notes.join(), /"read" added/);
  });

  it('treats an empty list as read, as the portal stores it', () => {
    const r = normaliseOperations([]);
    assert.ok(r.ok);
    assert.deepEqual(r.ops, ['read']);
  });

  it('makes denied exclusive and names what it dropped', () => {
    const r = normaliseOperations(['edit', 'denied', 'read']);
    assert.ok(r.ok);
    assert.deepEqual(r.ops, ['denied']);
    assert.match(r.notes.join(), /read, edit dropped/);
  });

  it('rejects unknown operations instead of dropping them silently', () => {
    const r = normaliseOperations(['read', 'write', 'admin'], 'U3');
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.match(r.message, /"write", "admin"/);
      assert.match(r.message, /for U3/);
      assert.match(r.message, /read, edit, sett, public, delete/);
    }
  });

  it('rejects non-string entries', () => {
    const r = normaliseOperations(['read', 5]);
    assert.equal(r.ok, false);
  });

  it('is case-sensitive like the portal', () => {
    assert.equal(normaliseOperations(['READ']).ok, false);
  });

  it('orders and compares lists', () => {
    assert.deepEqual(orderOperations(['delete', 'read', 'denied']), ['denied', 'read', 'delete']);
    assert.ok(sameOperations(['read', 'edit'], ['read', 'edit']));
    assert.ok(!sameOperations(['read'], ['read', 'edit']));
  });

  it('names operations as people say them, keeping the raw codes for tooltips', () => {
    assert.equal(formatOperations(['read', 'edit', 'sett', 'public', 'delete']), 'Read, Edit, Settings, Publish, Delete');
    assert.equal(formatOperations(['denied']), 'No access');
    assert.equal(formatOperations([]), 'nothing');
    assert.equal(formatOperationCodes(['read', 'sett', 'public']), 'read, sett, public');
    assert.ok(
      OPERATIONS.every((op) => OPERATION_NAMES[op] && OPERATION_NAMES[op] !== op),
      'no operation is shown by its code',
    );
  });
});
