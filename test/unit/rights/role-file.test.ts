import assert from 'node:assert/strict';
import { parseRoleFile, readRoleRights, serialiseRoleFile, type RoleFile } from '../../../client/src/rights/role-file';
import { buildRolePlan, diffRoleRights, nameHolders, renderRolePlan, rolePlanSides, withHolderNames } from '../../../client/src/rights/role-plan';

const FILE: RoleFile = {
  version: 1,
  portal: 'example.bitrix24.com',
  section: 'SITE',
  importedAt: '2026-12-07T09:00:00.000Z',
  roles: [
    { id: 2, title: 'Manager', xmlId: 'MANAGER', accessCodes: ['U5', 'DR3'], appliedAccessCodes: null, rights: { 3: ['read', 'edit'], 0: ['read'] } },
    { id: 1, title: 'Administrator', xmlId: 'ADMIN', accessCodes: null, appliedAccessCodes: null, rights: { 0: ['read', 'edit', 'sett', 'public', 'delete'] } },
  ],
  extra: {},
};

describe('role file', () => {
  it('round-trips in a fixed layout: roles by id, keys default first, codes sorted', () => {
    const text = serialiseRoleFile(FILE);
    const parsed = parseRoleFile(text);
    assert.ok(parsed.ok, JSON.stringify(parsed));
    assert.equal(serialiseRoleFile(parsed.file), text);
    assert.ok(text.indexOf('"id": 1') < text.indexOf('"id": 2'));
    assert.match(text, /"accessCodes": \["DR3", "U5"\]/);
    assert.match(text, /"0": \["read"\],\n\s+"3": \["read", "edit"\]/);
  });

  it('reports every problem with its place and guesses nothing', () => {
    const bad = parseRoleFile(
      JSON.stringify({
        version: 1,
        portal: 'x',
        section: 'SHOP',
        roles: [{ id: 2, accessCodes: ['dr3', 'ZZ'], rights: { site: ['read'], 4: ['fly'], 5: 'read' } }, { id: 2 }],
      }),
    );
    assert.ok(!bad.ok);
    const text = bad.problems.join('\n');
    assert.match(text, /"section" must be one of/);
    assert.match(text, /write "DR3" instead of "dr3"/);
    assert.match(text, /"site" is not a site key/);
    assert.match(text, /Unknown operation "fly"/);
    assert.match(text, /rights\.5 must be a list/);
    assert.match(text, /Role 2 appears twice/);
    const syntax = parseRoleFile('{\n  "version": 1,\n}');
    assert.ok(!syntax.ok && /line 3, column 1/.test(syntax.problems[0]), JSON.stringify(syntax));
  });

  it('reads getRights answers: [] for none, normalised operations per key', () => {
    assert.deepEqual(readRoleRights([]), {});
    assert.deepEqual(readRoleRights({ 5: ['edit'], 0: ['denied', 'read'], x: ['read'] }), { 0: ['denied'], 5: ['read', 'edit'] });
  });
});

describe('role plan', () => {
  const portal = [
    { id: 1, title: 'Administrator', xmlId: 'ADMIN', rights: { 0: ['read', 'edit', 'sett', 'public', 'delete'] as const } },
    { id: 2, title: 'Manager', xmlId: 'MANAGER', rights: { 0: ['read', 'edit'], 1: ['read'] } },
    { id: 9, title: 'Editor', xmlId: '', rights: {} },
  ].map((r) => ({ ...r, rights: r.rights as never }));

  it('sends only what differs: holders never set here, and rights that differ from the portal', () => {
    const plan = buildRolePlan(FILE, portal, 'role', new Set([1, 2, 3]));
    assert.deepEqual(
      plan.roles.map((r) => [r.role.id, r.holders.send, r.rights.send]),
      [[2, true, true]],
    );
    assert.deepEqual(
      plan.roles[0].rights.diff.map((d) => [d.key, d.change]),
      [
        ['0', 'changed'],
        ['1', 'removed'],
        ['3', 'added'],
      ],
    );
    assert.deepEqual(plan.warnings.map((w) => w.id).sort(), ['holders-unknown', 'new-role']);
  });

  it('warns about holders cleared, the default removed, sites the portal would skip, and the extended model', () => {
    const file: RoleFile = { ...FILE, roles: [{ ...FILE.roles[0], accessCodes: [], appliedAccessCodes: ['U5'], rights: { 77: ['read'] } }] };
    const plan = buildRolePlan(file, portal.slice(0, 2), 'extended', new Set([1, 2, 3]));
    assert.deepEqual(plan.warnings.map((w) => w.id).sort(), ['holders-cleared', 'new-role', 'no-default', 'not-in-effect', 'unknown-sites']);
    assert.deepEqual(plan.roles[0].holders.removed, ['U5']);
  });

  it('holders already sent from here are not sent again; a role gone from the portal is left out with a warning', () => {
    const file: RoleFile = {
      ...FILE,
      roles: [
        { ...FILE.roles[0], appliedAccessCodes: ['DR3', 'U5'], rights: portal[1].rights },
        { ...FILE.roles[1], id: 42 },
      ],
    };
    const plan = buildRolePlan(file, portal.slice(0, 2), 'role');
    assert.equal(plan.hasChanges, false);
    assert.ok(plan.warnings.some((w) => w.id === 'role-missing'));
  });

  it('diff sides show the portal now and the set that will be sent', () => {
    const plan = buildRolePlan(FILE, portal, 'role');
    const sides = rolePlanSides(plan);
    assert.match(sides.before, /"accessCodes": null/);
    assert.match(sides.after, /"accessCodes": \[\n\s+"DR3",  \/\/ Department #3 and sub-departments\n\s+"U5"  \/\/ User #5\n\s+\]/);
    assert.deepEqual(diffRoleRights({}, { 0: ['read'] }), [{ key: '0', change: 'added', after: ['read'] }]);
  });

  it('names every holder as the directory knows it — plan text and diff — with the codes kept', () => {
    const names = new Map([
      ['U5', 'Eva Schmidt'],
      ['U7', 'Tom Baker'],
      ['DR3', 'Marketing (with subdepartments)'],
    ]);
    const file: RoleFile = { ...FILE, roles: [{ ...FILE.roles[0], accessCodes: ['U5', 'DR3'], appliedAccessCodes: ['U7', 'DR3'] }] };
    const plan = withHolderNames(buildRolePlan(file, portal, 'role'), names);
    assert.ok(!plan.warnings.some((w) => w.id === 'unknown-codes'), 'the portal knows every holder');
    const text = renderRolePlan(plan);
    assert.match(text, /holders \(replace all\): U5 \(Eva Schmidt\), DR3 \(Marketing \(with subdepartments\)\) \(was U7 \(Tom Baker\), DR3 \(Marketing/);
    assert.doesNotMatch(text, /: U5, DR3|was U7, DR3/, 'no bare codes');
    const sides = rolePlanSides(plan);
    assert.match(sides.before, /"U7"  \/\/ Tom Baker/);
    assert.match(sides.after, /"DR3",  \/\/ Marketing \(with subdepartments\)\n\s+"U5"  \/\/ Eva Schmidt/);
    // A code the directory does not know is described by its kind, never dropped.
    assert.match(nameHolders(['U9', 'AU'], names), /^U9 \(User #9\), AU \(All authorised users\)$/);
    assert.equal(nameHolders([], names), 'nobody');
  });

  it('warns, as a site plan does, about a holder the portal does not know', () => {
    const file: RoleFile = { ...FILE, roles: [{ ...FILE.roles[0], accessCodes: ['U5', 'U999', 'AU'], appliedAccessCodes: ['U5'] }] };
    const plan = withHolderNames(buildRolePlan(file, portal, 'role'), new Map([['U5', 'Eva Schmidt']]));
    assert.deepEqual(
      plan.warnings.filter((w) => w.id === 'unknown-codes').map((w) => w.message),
      ['The portal does not know U999: it is saved without error but grants nothing. Check the id.'],
    );
  });
});
