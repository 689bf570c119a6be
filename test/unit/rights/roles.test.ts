/**
 * Role model editing against the demo portal over HTTP through the
 * extension's REST client: import, edit holders and per-site rights, apply
 * with the plan first, verify, restore, and the aborts and failures.
 */
import assert from 'node:assert/strict';
import { startDemoPortal, type DemoPortal } from '../../../demo-portal/src';
import { parseWebhookUrl } from '../../../client/src/portal/portal-url';
import { RestClient } from '../../../client/src/portal/rest-client';
import { portalHost } from '../../../client/src/rights/api';
import { applyRoles, importRoles, RoleApplyDeps, restoreRoles } from '../../../client/src/rights/role-apply';
import { RoleFile, withAccessCodes, withRole, withRoleRight } from '../../../client/src/rights/role-file';
import { readRoleJournal } from '../../../client/src/rights/role-journal';
import { renderRolePlan, RolePlan } from '../../../client/src/rights/role-plan';
import { loadRoleFile, roleFilePath, saveRoleFile } from '../../../client/src/rights/role-store';
import { restorePreviousModel, switchModel } from '../../../client/src/rights/model-switch';
import { loadRoleSection } from '../../../client/src/rights/tree-loader';
import type { TreeNode } from '../../../client/src/rights/tree-nodes';
import { MemoryFs } from './memory-fs';

function clientFor(portal: DemoPortal, name: string): RestClient {
  const loc = parseWebhookUrl(portal.webhooks[name]);
  if (!loc.ok) throw new Error(`demo webhook ${name} did not parse`);
  return new RestClient({ credentials: { kind: 'webhook', ...loc.value }, retry: { maxAttempts: 1 } });
}

const MANAGER = 2;
const role = (portal: DemoPortal, id: number) => portal.snapshot().roles.find((r) => r.id === id);

describe('role model editing against the demo portal', function () {
  this.timeout(20_000);
  let portal: DemoPortal;
  let admin: RestClient;
  let fs: MemoryFs;
  let plans: RolePlan[];
  let deps: RoleApplyDeps;
  let host: string;

  before(async () => {
    portal = await startDemoPortal({ port: 0, rateLimit: false });
  });
  after(async () => {
    await portal?.close();
  });
  beforeEach(async () => {
    await portal.reset();
    admin = clientFor(portal, 'admin');
    host = portalHost(admin.portal);
    fs = new MemoryFs();
    plans = [];
    deps = { api: admin, fs, confirm: async (plan) => (plans.push(plan), true) };
  });

  async function file(): Promise<RoleFile> {
    const loaded = await loadRoleFile(fs, host, 'SITE');
    assert.ok(loaded.status === 'ok', JSON.stringify(loaded));
    return loaded.file;
  }

  async function edit(change: (f: RoleFile) => RoleFile): Promise<void> {
    await saveRoleFile(fs, host, change(await file()));
  }

  const manager = (f: RoleFile) => {
    const r = f.roles.find((x) => x.id === MANAGER);
    assert.ok(r);
    return r;
  };

  it('imports the roles of a site type with their rights; holders are unknown', async () => {
    const out = await importRoles(admin, fs, 'SITE');
    assert.equal(out.status, 'imported', out.message);
    assert.equal(out.path, roleFilePath(host, 'SITE'));
    const f = await file();
    assert.deepEqual(
      f.roles.map((r) => [r.id, r.title, r.accessCodes]),
      [
        [1, 'Administrator', null],
        [2, 'Manager', null],
      ],
    );
    assert.deepEqual(manager(f).rights, { 0: ['read'], 1: ['read', 'edit', 'sett', 'public'] });
    assert.match(out.message, /cannot return who holds a role/);
    const kb = await importRoles(admin, fs, 'KNOWLEDGE');
    assert.deepEqual(
      kb.file?.roles.map((r) => r.id),
      [3, 4],
    );
  });

  it("applies holders and a site's rights, verifies with getRights, and journals", async () => {
    await importRoles(admin, fs, 'SITE');
    await edit((f) => withRole(f, withRoleRight(withAccessCodes(manager(f), ['U5', 'DR3']), '3', ['read', 'edit'])));
    const out = await applyRoles(deps, 'SITE');
    assert.equal(out.status, 'applied', out.message);
    assert.equal(plans.length, 1);
    const [plan] = plans;
    assert.deepEqual(
      plan.roles.map((r) => [r.role.id, r.holders.send, r.rights.send]),
      [[MANAGER, true, true]],
    );
    assert.ok(
      plan.warnings.some((w) => w.id === 'holders-unknown'),
      'the first holders change says it replaces unknown holders',
    );
    assert.ok(
      plan.warnings.some((w) => w.id === 'not-in-effect'),
      'the extended model is on in the seed',
    );
    assert.match(renderRolePlan(plan), /\+ Site #3: Read, Edit/);
    // The holders are named as the portal's directory knows them, as a site's plan names its codes.
    assert.match(renderRolePlan(plan), /holders \(replace all\): DR3 \(Marketing \(with subdepartments\)\), U5 \(Eva Schmidt\)/);
    assert.deepEqual(role(portal, MANAGER)?.accessCodes.sort(), ['DR3', 'U5']);
    assert.deepEqual(role(portal, MANAGER)?.rights, { 0: ['read'], 1: ['read', 'edit', 'sett', 'public'], 3: ['read', 'edit'] });
    assert.deepEqual(out.roles?.[0].verified, { 0: ['read'], 1: ['read', 'edit', 'sett', 'public'], 3: ['read', 'edit'] });
    assert.deepEqual(manager(await file()).appliedAccessCodes, ['DR3', 'U5']);
    // With the role model on, Eva (U5) gets the role's rights on site 3.
    await admin.call('landing.role.enable', { mode: 1 }, { write: true });
    assert.deepEqual(await clientFor(portal, 'user').call('landing.site.getRights', { id: 3 }, { write: false }), ['read', 'edit']);
    const { entries } = await readRoleJournal(fs, host);
    assert.equal(entries.length, 1);
    assert.equal(entries[0].kind, 'roles');
  });

  it('says nothing needs applying when the file equals the portal, without asking', async () => {
    await importRoles(admin, fs, 'SITE');
    const out = await applyRoles(deps, 'SITE');
    assert.equal(out.status, 'unchanged');
    assert.equal(plans.length, 0);
  });

  it('restores the roles as they were before the last apply', async () => {
    await importRoles(admin, fs, 'SITE');
    await edit((f) => withRole(f, withAccessCodes(manager(f), ['U5'])));
    await applyRoles(deps, 'SITE');
    await edit((f) => withRole(f, withRoleRight(withAccessCodes(manager(f), ['U6']), '0', ['read', 'edit'])));
    await applyRoles(deps, 'SITE');
    assert.deepEqual(role(portal, MANAGER)?.accessCodes, ['U6']);
    const out = await restoreRoles(deps, 'SITE');
    assert.equal(out.status, 'applied', out.message);
    assert.deepEqual(role(portal, MANAGER)?.accessCodes, ['U5']);
    assert.deepEqual(role(portal, MANAGER)?.rights['0'], ['read']);
    assert.deepEqual(manager(await file()).accessCodes, ['U5'], 'the restored state becomes the desired one');
    const { entries } = await readRoleJournal(fs, host);
    assert.deepEqual(
      entries.map((e) => (e.kind === 'roles' ? e.action : e.kind)),
      ['apply', 'apply', 'restore'],
    );
  });

  it('aborts when the portal switches models between plan and apply', async () => {
    await importRoles(admin, fs, 'SITE');
    await edit((f) => withRole(f, withRoleRight(manager(f), '0', ['read', 'edit'])));
    deps.confirm = async () => {
      await admin.call('landing.role.enable', { mode: 1 }, { write: true });
      return true;
    };
    const files = fs.snapshot();
    const out = await applyRoles(deps, 'SITE');
    assert.equal(out.abortReason, 'model-switched', out.message);
    assert.deepEqual(role(portal, MANAGER)?.rights['0'], ['read']);
    assert.deepEqual(fs.snapshot(), files, 'nothing written, not even the journal');
  });

  it('aborts when the roles change on the portal between plan and apply', async () => {
    await importRoles(admin, fs, 'SITE');
    await edit((f) => withRole(f, withRoleRight(manager(f), '0', ['read', 'edit'])));
    deps.confirm = async () => {
      await admin.call('landing.role.setRights', { id: MANAGER, rights: { 0: ['read', 'sett'] } }, { write: true });
      return true;
    };
    const out = await applyRoles(deps, 'SITE');
    assert.equal(out.abortReason, 'portal-changed', out.message);
    assert.deepEqual(role(portal, MANAGER)?.rights['0'], ['read', 'sett']);
  });

  it('cancel sends nothing', async () => {
    await importRoles(admin, fs, 'SITE');
    await edit((f) => withRole(f, withAccessCodes(manager(f), ['U5'])));
    const out = await applyRoles({ ...deps, confirm: async () => false }, 'SITE');
    assert.equal(out.status, 'cancelled');
    assert.deepEqual(role(portal, MANAGER)?.accessCodes, ['DR3']);
  });

  it('a rejected setRights stops the roles after it and is journaled; the earlier role stays applied', async () => {
    await importRoles(admin, fs, 'SITE');
    await edit((f) => {
      const admins = f.roles.find((r) => r.id === 1);
      assert.ok(admins);
      return withRole(withRole(f, withAccessCodes(admins, ['G1', 'U3'])), withRoleRight(manager(f), '0', ['read', 'edit']));
    });
    portal.faults.set({ failNext: { method: 'landing.role.setRights', error: 'ACCESS_DENIED' } });
    const out = await applyRoles(deps, 'SITE');
    assert.equal(out.status, 'partial', out.message);
    assert.match(out.message, /Applied "Administrator"/);
    assert.deepEqual(role(portal, 1)?.accessCodes.sort(), ['G1', 'U3']);
    assert.deepEqual(role(portal, MANAGER)?.rights['0'], ['read']);
    const f = await file();
    assert.deepEqual(f.roles.find((r) => r.id === 1)?.appliedAccessCodes, ['G1', 'U3']);
    assert.equal(manager(f).appliedAccessCodes, null);
    const { entries } = await readRoleJournal(fs, host);
    const last = entries[entries.length - 1];
    assert.ok(last.kind === 'roles');
    assert.deepEqual(
      last.roles.map((r) => r.outcome),
      ['applied', 'rejected'],
    );
  });

  for (const afterApplying of [true, false]) {
    it(`a redirect answer to setRights ${afterApplying ? 'after' : 'before'} the portal saved is settled by reading the role: journaled ${afterApplying ? 'applied' : 'rejected'}`, async () => {
      await importRoles(admin, fs, 'SITE');
      await edit((f) => withRole(f, withRoleRight(manager(f), '0', ['read', 'edit'])));
      portal.faults.set({ redirect: { status: 307, origin: 'https://portal-moved.example.com', method: 'landing.role.setRights', afterApplying } });
      const out = await applyRoles(deps, 'SITE');
      portal.faults.clear();
      assert.deepEqual(role(portal, MANAGER)?.rights['0'], afterApplying ? ['read', 'edit'] : ['read']);
      const { entries } = await readRoleJournal(fs, host);
      const last = entries[entries.length - 1];
      assert.ok(last.kind === 'roles');
      const manager2 = last.roles.find((r) => r.id === MANAGER);
      // The role read decides: never "rejected" on the strength of a redirect alone.
      assert.equal(manager2?.outcome, afterApplying ? 'applied' : 'rejected', out.message);
      assert.equal(out.status, afterApplying ? 'applied' : 'rejected', out.message);
      if (!afterApplying) assert.match(out.message, /reading the role again shows the portal kept its rights/);
      assert.deepEqual(manager2?.verified?.['0'], afterApplying ? ['read', 'edit'] : ['read']);
    });
  }

  for (const afterApplying of [true, false]) {
    it(`a redirect answer to the model switch ${afterApplying ? 'after' : 'before'} the portal switched is settled by reading the model: journaled ${afterApplying ? 'applied' : 'rejected'}`, async () => {
      assert.equal(portal.snapshot().roleModel, false);
      portal.faults.set({ redirect: { status: 307, origin: 'https://portal-moved.example.com', method: 'landing.role.enable', afterApplying } });
      const out = await switchModel(admin, fs, 'role');
      portal.faults.clear();
      assert.equal(portal.snapshot().roleModel, afterApplying);
      assert.equal(out.status, afterApplying ? 'switched' : 'failed', out.message);
      const { entries } = await readRoleJournal(fs, host);
      const last = entries[entries.length - 1];
      assert.ok(last.kind === 'model');
      assert.equal(last.outcome, afterApplying ? 'applied' : 'rejected');
      if (afterApplying) await switchModel(admin, fs, 'extended');
    });
  }

  for (const afterApplying of [true, false]) {
    it(`a 504 from a gateway to setRights ${afterApplying ? 'after' : 'before'} the portal saved is settled by reading the role: journaled ${afterApplying ? 'applied' : 'rejected'}`, async () => {
      await importRoles(admin, fs, 'SITE');
      await edit((f) => withRole(f, withRoleRight(manager(f), '0', ['read', 'edit'])));
      portal.faults.set(
        afterApplying
          ? { failAfterApplying: { method: 'landing.role.setRights', status: 504 } }
          : { failNext: { method: 'landing.role.setRights', error: 'GATEWAY_TIMEOUT', status: 504 } },
      );
      const out = await applyRoles(deps, 'SITE');
      const left = portal.faults.get();
      assert.deepEqual([left.failNext, left.failAfterApplying], [[], []], 'the 504 was answered');
      portal.faults.clear();
      assert.deepEqual(role(portal, MANAGER)?.rights['0'], afterApplying ? ['read', 'edit'] : ['read']);
      const { entries } = await readRoleJournal(fs, host);
      const last = entries[entries.length - 1];
      assert.ok(last.kind === 'roles');
      const journaled = last.roles.find((r) => r.id === MANAGER);
      // The role read decides: never "rejected" on the strength of a 5xx alone.
      assert.equal(journaled?.outcome, afterApplying ? 'applied' : 'rejected', out.message);
      assert.equal(out.status, afterApplying ? 'applied' : 'rejected', out.message);
      assert.deepEqual(journaled?.verified?.['0'], afterApplying ? ['read', 'edit'] : ['read']);
    });

    it(`a 504 from a gateway to the model switch ${afterApplying ? 'after' : 'before'} the portal switched is settled by reading the model: journaled ${afterApplying ? 'applied' : 'rejected'}`, async () => {
      assert.equal(portal.snapshot().roleModel, false);
      portal.faults.set(
        afterApplying
          ? { failAfterApplying: { method: 'landing.role.enable', status: 504 } }
          : { failNext: { method: 'landing.role.enable', error: 'GATEWAY_TIMEOUT', status: 504 } },
      );
      const out = await switchModel(admin, fs, 'role');
      const left = portal.faults.get();
      assert.deepEqual([left.failNext, left.failAfterApplying], [[], []], 'the 504 was answered');
      portal.faults.clear();
      assert.equal(portal.snapshot().roleModel, afterApplying);
      assert.equal(out.status, afterApplying ? 'switched' : 'failed', out.message);
      const { entries } = await readRoleJournal(fs, host);
      const last = entries[entries.length - 1];
      assert.ok(last.kind === 'model');
      assert.equal(last.outcome, afterApplying ? 'applied' : 'rejected');
      if (afterApplying) await switchModel(admin, fs, 'extended');
    });
  }

  it('names entries for sites the portal skips, and verification reports them', async () => {
    await importRoles(admin, fs, 'SITE');
    await edit((f) => withRole(f, withRoleRight(manager(f), '6', ['read'])));
    const out = await applyRoles(deps, 'SITE');
    assert.ok(
      plans[0].warnings.some((w) => w.id === 'unknown-sites'),
      'site 6 is a knowledge base, not in Sites and Stores',
    );
    assert.equal(out.mismatches?.[0].keys[0], '6');
    assert.match(out.message, /did not keep Site #6/);
  });

  it('refuses a non-administrator before anything is sent', async () => {
    await importRoles(admin, fs, 'SITE');
    await edit((f) => withRole(f, withAccessCodes(manager(f), ['U5'])));
    const out = await applyRoles({ ...deps, api: clientFor(portal, 'user') }, 'SITE');
    assert.equal(out.status, 'aborted');
    assert.match(out.message, /only an administrator/);
  });

  it('an import keeps the holders set here and asks before overwriting unapplied rights edits', async () => {
    await importRoles(admin, fs, 'SITE');
    await edit((f) => withRole(f, withRoleRight(withAccessCodes(manager(f), ['U5']), '0', ['read', 'edit'])));
    let asked: string[] = [];
    const cancelled = await importRoles(admin, fs, 'SITE', { confirmOverwrite: async (roles) => ((asked = roles), false) });
    assert.equal(cancelled.status, 'cancelled');
    assert.deepEqual(asked, ['Manager']);
    const out = await importRoles(admin, fs, 'SITE', { confirmOverwrite: async () => true });
    assert.equal(out.status, 'imported');
    assert.deepEqual(manager(await file()).accessCodes, ['U5']);
    assert.deepEqual(manager(await file()).rights['0'], ['read']);
  });

  it('the tree shows roles → holders with names → default and per-site rights, marked until applied', async () => {
    const before = await loadRoleSection({ api: admin, fs }, 'SITE');
    assert.equal(before[0].label, 'Import from portal to edit these roles');
    assert.equal(before[0].command?.command, 'bitrix24.rights.importRoles');
    await importRoles(admin, fs, 'SITE');
    await edit((f) => withRole(f, withRoleRight(withAccessCodes(manager(f), ['U5', 'DR3']), '3', ['read', 'edit'])));
    const nodes = await loadRoleSection({ api: admin, fs }, 'SITE');
    const m = nodes.find((n) => n.id === 'roles:SITE:2') as TreeNode;
    assert.equal(m.contextValue, 'roleEntry.pending');
    const [holders, ...rights] = m.children ?? [];
    // Names where the directory knows them; the codes in the tooltip.
    assert.equal(holders.description, 'Marketing (with subdepartments), Eva Schmidt · not applied');
    assert.match(String(holders.tooltip), /\nDR3 \(Marketing \(with subdepartments\)\)\nU5 \(Eva Schmidt\)$/);
    assert.deepEqual(
      holders.children?.map((c) => c.label),
      ['DR3  Marketing (with subdepartments)', 'U5  Eva Schmidt'],
    );
    assert.deepEqual(
      rights.map((r) => [r.label, r.description]),
      [
        ['All sites without their own setting (0)', 'Read'],
        ['Company website (#1)', 'Read, Edit, Settings, Publish'],
        ['Spring promo (#3)', 'Read, Edit · not applied'],
      ],
    );
    await applyRoles(deps, 'SITE');
    const after = (await loadRoleSection({ api: admin, fs }, 'SITE')).find((n) => n.id === 'roles:SITE:2') as TreeNode;
    assert.equal(after.contextValue, 'roleEntry');
    assert.equal(after.children?.[0].description, 'Marketing (with subdepartments), Eva Schmidt');
  });

  it('journals model switches with the roles as they were, and switching back reports roles changed meanwhile', async () => {
    const on = await switchModel(admin, fs, 'role');
    assert.equal(on.status, 'switched');
    const off = await switchModel(admin, fs, 'extended');
    assert.equal(off.status, 'switched');
    // While the role model is off, someone changes a role.
    await admin.call('landing.role.setRights', { id: MANAGER, rights: { 0: ['read', 'edit'] } }, { write: true });
    const back = await restorePreviousModel(admin, fs);
    assert.equal(back.status, 'switched', back.message);
    assert.equal(portal.snapshot().roleModel, true);
    assert.deepEqual(
      back.changedSections?.map((c) => c.section),
      ['SITE'],
    );
    assert.deepEqual(back.changedSections?.[0].snapshot.find((r) => r.id === MANAGER)?.rights['0'], ['read']);
    const { entries } = await readRoleJournal(fs, host);
    assert.deepEqual(
      entries.map((e) => (e.kind === 'model' ? `${e.from}→${e.to}` : e.kind)),
      ['extended→role', 'role→extended', 'extended→role'],
    );
    assert.equal((await switchModel(admin, fs, 'role')).status, 'unchanged');
  });
});
