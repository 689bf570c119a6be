import assert from 'node:assert/strict';
import { isScripted, readScriptedArgs } from '../../../client/src/rights/scripted-args';

describe('rights/scripted-args', () => {
  it('takes only plain objects with a siteId; tree nodes and ids stay interactive', () => {
    assert.equal(isScripted({ siteId: 3 }), true);
    assert.equal(isScripted({ id: 'site:3', contextValue: 'site', siteId: 3 }), false);
    assert.equal(isScripted(3), false);
    assert.equal(isScripted(undefined), false);
    assert.equal(isScripted([{ siteId: 3 }]), false);
  });

  it('canonicalises the code and normalises operations as the portal stores them', () => {
    const r = readScriptedArgs({ siteId: 3, code: ' dr5 ', operations: ['public', 'edit'] }, { code: true, operations: true });
    assert.deepEqual(r, { ok: true, value: { siteId: 3, code: 'DR5', operations: ['read', 'edit', 'public'], confirm: false } });
    const denied = readScriptedArgs({ siteId: 3, code: 'U8', operations: ['edit', 'denied'] }, { code: true, operations: true });
    assert.ok(denied.ok);
    assert.deepEqual(denied.value.operations, ['denied']);
  });

  it('answers the confirmation only when told to with a boolean', () => {
    const yes = readScriptedArgs({ siteId: 1, confirm: true });
    assert.ok(yes.ok && yes.value.confirm);
    const no = readScriptedArgs({ siteId: 1 });
    assert.ok(no.ok && !no.value.confirm);
    const bad = readScriptedArgs({ siteId: 1, confirm: 'yes' });
    assert.ok(!bad.ok);
    assert.match(bad.message, /confirm/);
  });

  it('refuses what a prompt would never produce, saying which field is wrong', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ siteId: 0, code: 'U1', operations: ['read'] }, /siteId/],
      [{ siteId: '3', code: 'U1', operations: ['read'] }, /siteId/],
      [{ siteId: 3, operations: ['read'] }, /"code"/],
      [{ siteId: 3, code: 'U01', operations: ['read'] }, /leading zeros/],
      [{ siteId: 3, code: 'X9', operations: ['read'] }, /not an access code/],
      [{ siteId: 3, code: 'U1' }, /operations/],
      [{ siteId: 3, code: 'U1', operations: [] }, /operations/],
      [{ siteId: 3, code: 'U1', operations: ['write'] }, /Unknown operation "write" for U1/],
    ];
    for (const [arg, message] of cases) {
      const r = readScriptedArgs(arg, { code: true, operations: true });
      assert.ok(!r.ok, `accepted ${JSON.stringify(arg)}`);
      assert.match(r.message, message);
    }
  });
});
