/**
 * Role files and the portal host: a role file copied from another portal's
 * folder (its "portal" still names that host) is refused by the same check
 * and message as a site's rights file, before anything reaches the portal or
 * a folder — on apply, restore, import, editing and switching models back.
 */
import assert from 'node:assert/strict';
import { restorePreviousModel } from '../../../client/src/rights/model-switch';
import { applyRoles, importRoles, restoreRoles } from '../../../client/src/rights/role-apply';
import { RoleFile, serialiseRoleFile } from '../../../client/src/rights/role-file';
import { roleFilePath, roleJournalPath, saveRoleFile } from '../../../client/src/rights/role-store';
import { FakeApi } from './fake-api';
import { MemoryFs } from './memory-fs';

const PROD = 'prod.example.com';
const STAGING = 'staging.example.com';

class ProdApi extends FakeApi {
  override readonly portal: string = `https://${PROD}`;
}

function roleFile(portal: string): RoleFile {
  return {
    version: 1,
    portal,
    section: 'SITE',
    importedAt: null,
    extra: {},
    roles: [{ id: 2, title: 'Manager', xmlId: 'MANAGER', accessCodes: ['U5', 'DR3'], appliedAccessCodes: null, rights: { '0': ['read', 'edit'] } }],
  };
}

function setup() {
  const api = new ProdApi();
  api.admin = true;
  api.roleModel = true;
  api.roles = [{ ID: '2', TITLE: 'Manager', XML_ID: 'MANAGER', rights: { '0': ['read'] } }];
  const fs = new MemoryFs();
  // Copied from staging's folder into prod's: the copy still names staging.
  fs.files.set(roleFilePath(PROD, 'SITE'), serialiseRoleFile(roleFile(STAGING)));
  const asked: unknown[] = [];
  return { api, fs, asked, deps: { api, fs, confirm: async (plan: unknown) => (asked.push(plan), true) } };
}

/** A journal line of a role apply on `portal`, which a restore would put back. */
function appliedLine(portal: string) {
  return {
    kind: 'roles',
    time: '2026-01-01T10:01:00Z',
    portal,
    section: 'SITE',
    action: 'apply',
    model: 'role',
    roles: [
      {
        id: 2,
        title: 'Manager',
        outcome: 'applied',
        holdersSent: true,
        rightsSent: true,
        before: { accessCodes: ['U9'], rights: { '0': ['read'] } },
        after: { accessCodes: ['U5'], rights: { '0': ['read', 'edit'] } },
      },
    ],
  };
}

const SAME_AS_SITE_FILES = /"portal" is "staging\.example\.com", but the file is in the folder of prod\.example\.com, the connected portal\. Nothing is sent/;

describe('role files and the portal host', () => {
  it('applying a role file copied from another portal sends nothing, asks nothing, writes nothing and says why', async () => {
    const t = setup();
    const before = t.fs.snapshot();
    const out = await applyRoles(t.deps, 'SITE');
    assert.equal(out.status, 'invalid-file');
    assert.match(out.problems?.[0] ?? '', SAME_AS_SITE_FILES);
    assert.match(out.problems?.[0] ?? '', /change "portal" to "prod\.example\.com"/);
    assert.deepEqual(t.api.calls, [], 'not even a read reached the portal');
    assert.equal(t.asked.length, 0, 'no plan naming the other host was shown');
    assert.deepEqual(t.fs.snapshot(), before, 'neither folder was written');
  });

  it('restore goes through the same check', async () => {
    const t = setup();
    t.fs.files.set(roleJournalPath(PROD), `${JSON.stringify(appliedLine(PROD))}\n`);
    const out = await restoreRoles(t.deps, 'SITE');
    assert.equal(out.status, 'invalid-file');
    assert.match(out.problems?.[0] ?? '', SAME_AS_SITE_FILES);
    assert.deepEqual(t.api.calls, []);
  });

  it("import does not overwrite another host's file", async () => {
    const t = setup();
    const before = t.fs.snapshot();
    const out = await importRoles(t.api, t.fs, 'SITE');
    assert.equal(out.status, 'invalid-file');
    assert.match(out.problems?.[0] ?? '', SAME_AS_SITE_FILES);
    assert.deepEqual(t.fs.snapshot(), before, 'the file still names staging and holds its holders');
  });

  it("a role file is written only into the connected portal's folder, never one the file names", async () => {
    const t = setup();
    const before = t.fs.snapshot();
    await assert.rejects(saveRoleFile(t.fs, PROD, roleFile(STAGING)), SAME_AS_SITE_FILES);
    assert.deepEqual(t.fs.snapshot(), before);
    // The same host written as a URL is this portal: it lands in the host's folder, not in "https___…".
    const path = await saveRoleFile(t.fs, PROD, roleFile(`https://${PROD}/`));
    assert.equal(path, roleFilePath(PROD, 'SITE'));
  });

  it('a role file naming this portal as a URL or in capitals is accepted, and an import keeps it in the folder', async () => {
    const t = setup();
    t.fs.files.set(roleFilePath(PROD, 'SITE'), serialiseRoleFile(roleFile(`https://${PROD.toUpperCase()}/`)));
    const out = await importRoles(t.api, t.fs, 'SITE');
    assert.equal(out.status, 'imported', out.message);
    assert.equal(out.path, roleFilePath(PROD, 'SITE'));
    assert.deepEqual([...t.fs.files.keys()], [roleFilePath(PROD, 'SITE')]);
  });

  it('a role journal copied from another portal restores nothing: not the roles, not the model', async () => {
    const t = setup();
    t.fs.files.set(roleFilePath(PROD, 'SITE'), serialiseRoleFile(roleFile(PROD)));
    const lines = [
      { kind: 'model', time: '2026-01-01T10:00:00Z', portal: STAGING, from: 'extended', to: 'role', outcome: 'applied', snapshot: [] },
      appliedLine(STAGING),
    ];
    t.fs.files.set(roleJournalPath(PROD), lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
    const roles = await restoreRoles(t.deps, 'SITE');
    assert.equal(roles.status, 'invalid-file');
    assert.match(roles.message, /records this change on staging\.example\.com: it was copied from another portal\. Nothing is sent\./);
    const model = await restorePreviousModel(t.api, t.fs);
    assert.equal(model.status, 'failed');
    assert.match(model.message, /copied from another portal\. Nothing is sent\./);
    assert.deepEqual(t.api.calls, [], 'nothing reached the portal');
    assert.equal(t.api.roleModel, true);
  });
});
