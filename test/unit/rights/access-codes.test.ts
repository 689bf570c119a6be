import assert from 'node:assert/strict';
import {
  accessCodeKind,
  accessCodeProblem,
  compareAccessCodes,
  coversEveryUser,
  describeAccessCode,
  parseAccessCode,
} from '../../../client/src/rights/access-codes';

function ok(text: string) {
  const r = parseAccessCode(text);
  assert.ok(r.ok, `expected ${text} to parse: ${r.ok ? '' : r.message}`);
  return r.value;
}

describe('rights/access-codes', () => {
  it('accepts each documented form and classifies it', () => {
    const cases: [string, string][] = [
      ['U3', 'user'],
      ['IU7', 'intranet-user'],
      ['G2', 'user-group'],
      ['D5', 'department'],
      ['DR5', 'department-tree'],
      ['SG4', 'workgroup'],
      ['AU', 'all-authorised'],
      ['UA', 'everyone'],
    ];
    for (const [code, kind] of cases) assert.equal(ok(code).kind, kind, code);
  });

  it('reads workgroup role suffixes', () => {
    assert.equal(ok('SG4_A').workgroupRole, 'owner');
    assert.equal(ok('SG4_E').workgroupRole, 'moderators');
    assert.equal(ok('SG4_K').workgroupRole, 'members');
  });

  it('canonicalises case and surrounding spaces', () => {
    assert.equal(ok('  dr12 ').code, 'DR12');
    assert.equal(ok('au').code, 'AU');
    assert.equal(ok('sg3_e').code, 'SG3_E');
  });

  it('tells DR from D and IU from U', () => {
    assert.deepEqual(ok('DR1'), { code: 'DR1', kind: 'department-tree', id: 1 });
    assert.deepEqual(ok('D1'), { code: 'D1', kind: 'department', id: 1 });
    assert.equal(ok('IU1').kind, 'intranet-user');
  });

  it('rejects codes the portal would save silently but that grant nothing', () => {
    for (const bad of ['X1', 'U', 'USER1', 'CHAT5', 'U-1', 'AU1', 'U1.5', 'marketing']) {
      const r = parseAccessCode(bad);
      assert.equal(r.ok, false, bad);
      if (!r.ok) assert.match(r.message, /U<id>/, 'the message lists the accepted forms');
    }
  });

  it('rejects ids with leading zeros or zero, suggesting the right form', () => {
    const r = parseAccessCode('U01');
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.message, /U1/);
    assert.equal(parseAccessCode('G0').ok, false);
  });

  it('rejects suffixes outside workgroups and unknown workgroup suffixes', () => {
    const onUser = parseAccessCode('U1_A');
    assert.equal(onUser.ok, false);
    if (!onUser.ok) assert.match(onUser.message, /only workgroup/);
    const badRole = parseAccessCode('SG1_Z');
    assert.equal(badRole.ok, false);
    if (!badRole.ok) assert.match(badRole.message, /_A .*_E .*_K/);
  });

  it('gives input-box validation text only for bad input', () => {
    assert.equal(accessCodeProblem('DR3'), undefined);
    assert.match(accessCodeProblem('') ?? '', /Enter an access code/);
    assert.ok(accessCodeProblem('nope'));
  });

  it('describes codes for when the portal gives no name', () => {
    assert.equal(describeAccessCode(ok('DR5')), 'Department #5 and sub-departments');
    assert.equal(describeAccessCode(ok('D5')), 'Department #5');
    assert.equal(describeAccessCode(ok('SG2_E')), 'Workgroup #2: moderators');
    assert.equal(describeAccessCode(ok('SG2_K')), 'Workgroup #2: all members');
    assert.equal(describeAccessCode(ok('UA')), 'All users, including guests');
  });

  it('only classifies canonical codes', () => {
    assert.equal(accessCodeKind('U1'), 'user');
    assert.equal(accessCodeKind('u1'), undefined);
  });

  it('sorts broad to narrow, then by numeric id', () => {
    const sorted = ['U10', 'U2', 'DR3', 'AU', 'G1', 'UA', 'SG1', 'D3'].sort(compareAccessCodes);
    assert.deepEqual(sorted, ['UA', 'AU', 'G1', 'DR3', 'D3', 'SG1', 'U2', 'U10']);
  });

  it('knows which codes cover every user', () => {
    assert.ok(coversEveryUser('AU') && coversEveryUser('UA') && coversEveryUser('G2'));
    assert.ok(!coversEveryUser('U1'));
  });
});
