/**
 * The rights core against the real demo portal over HTTP, through the
 * extension's REST client: apply, verify as the affected user, restore, and
 * the aborts when the portal changes between plan and apply.
 */
import assert from 'node:assert/strict';
import { startDemoPortal, type DemoPortal } from '../../../demo-portal/src';
import { parseWebhookUrl } from '../../../client/src/portal/portal-url';
import { RestClient } from '../../../client/src/portal/rest-client';
import { portalHost } from '../../../client/src/rights/api';
import { applyRights, ApplyDeps, restorePrevious } from '../../../client/src/rights/apply';
import { readJournal } from '../../../client/src/rights/journal';
import type { RightsPlan } from '../../../client/src/rights/plan';
import { newRightsFile, RulesSet, withRule } from '../../../client/src/rights/rights-file';
import { switchToExtended } from '../../../client/src/rights/rights-model';
import { loadRights, saveRights } from '../../../client/src/rights/rights-store';
import { loadRoleRights, loadRoles, loadRoot, loadSiteChildren, loadSitesPage } from '../../../client/src/rights/tree-loader';
import { MemoryFs } from './memory-fs';

function clientFor(portal: DemoPortal, name: string): RestClient {
  const loc = parseWebhookUrl(portal.webhooks[name]);
  if (!loc.ok) throw new Error(`demo webhook ${name} did not parse`);
  // One attempt per call: failure cases must surface, not be retried away.
  return new RestClient({ credentials: { kind: 'webhook', ...loc.value }, retry: { maxAttempts: 1 } });
}

const siteRights = (portal: DemoPortal, id: number) => portal.snapshot().sites.find((s) => s.id === id)?.rights;

describe('rights against the demo portal', function () {
  let portal: DemoPortal;
  let admin: RestClient;
  let fs: MemoryFs;
  let plans: RightsPlan[];
  let deps: ApplyDeps;
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

  /** Spring promo (#3) starts with no individual rules. */
  async function desire(rules: RulesSet, siteId = 3): Promise<void> {
    const [row] = await admin.call<{ TITLE: string; CODE: string; TYPE: string }[]>('landing.site.getList', { params: { filter: { ID: siteId } } });
    let file = newRightsFile(host, { id: siteId, title: row.TITLE, code: row.CODE, type: row.TYPE });
    const loaded = await loadRights(fs, host, siteId);
    if (loaded.status === 'ok') file = { ...loaded.file, rules: {} };
    for (const [code, ops] of Object.entries(rules)) file = withRule(file, code, ops);
    await saveRights(fs, host, file);
  }

  it('applies, and the affected user sees exactly the granted operations', async () => {
    await desire({ AU: ['read'], U5: ['read', 'edit', 'public'] });
    const out = await applyRights(deps, 3);
    assert.equal(out.status, 'applied', out.message);
    assert.deepEqual(siteRights(portal, 3), { AU: ['read'], U5: ['read', 'edit', 'public'] });
    const asEva = await clientFor(portal, 'user').call<string[]>('landing.site.getRights', { id: 3 }, { write: false });
    assert.deepEqual(asEva, ['read', 'edit', 'public']);
    assert.ok(out.verified?.includes('read'), 'the admin verification ran');
  });

  it('restores the previous set', async () => {
    await desire({ AU: ['read'] });
    await applyRights(deps, 3);
    await desire({ AU: ['read'], DR3: ['read', 'edit'] });
    await applyRights(deps, 3);
    assert.deepEqual(siteRights(portal, 3), { AU: ['read'], DR3: ['read', 'edit'] });
    const out = await restorePrevious(deps, 3);
    assert.equal(out.status, 'applied', out.message);
    assert.deepEqual(siteRights(portal, 3), { AU: ['read'] });
    const { entries } = await readJournal(fs, host);
    assert.deepEqual(
      entries.map((e) => e.action),
      ['apply', 'apply', 'restore'],
    );
  });

  it('aborts when the role model is switched on between plan and apply', async () => {
    await desire({ AU: ['denied'] });
    deps.confirm = async () => {
      await admin.call('landing.role.enable', { mode: 1 }, { write: true });
      return true;
    };
    const files = fs.snapshot();
    const out = await applyRights(deps, 3);
    assert.equal(out.abortReason, 'role-model', out.message);
    assert.deepEqual(siteRights(portal, 3), {});
    assert.deepEqual(fs.snapshot(), files);
  });

  it('aborts when the site is deleted between plan and apply', async () => {
    await desire({ AU: ['read'] });
    deps.confirm = async () => {
      await admin.call('landing.site.delete', { id: 3 }, { write: true });
      return true;
    };
    const files = fs.snapshot();
    const out = await applyRights(deps, 3);
    assert.equal(out.abortReason, 'site-gone', out.message);
    assert.deepEqual(fs.snapshot(), files);
  });

  it('keeps the rights file unapplied when setRights is rejected', async () => {
    await desire({ AU: ['read'] });
    portal.faults.set({ failNext: { method: 'landing.site.setRights', error: 'ACCESS_DENIED' } });
    const out = await applyRights(deps, 3);
    assert.equal(out.status, 'rejected');
    assert.match(out.message, /no access to the Sites and Stores section/);
    assert.deepEqual(siteRights(portal, 3), {});
    const loaded = await loadRights(fs, host, 3);
    assert.ok(loaded.status === 'ok' && loaded.file.lastApplied === null);
  });

  it('stops at the pre-check for a user who is not a sites administrator', async () => {
    await desire({ AU: ['read'] });
    const out = await applyRights({ ...deps, api: clientFor(portal, 'user') }, 3);
    assert.equal(out.status, 'aborted');
    assert.match(out.message, /only an administrator/);
    assert.deepEqual(siteRights(portal, 3), {});
  });

  it('aborts without writing when the portal drops connections', async () => {
    await desire({ AU: ['read'] });
    portal.faults.set({ dropConnections: true });
    const files = fs.snapshot();
    const out = await applyRights(deps, 3);
    portal.faults.clear();
    assert.equal(out.abortReason, 'precheck-failed');
    assert.equal(out.failure?.reason, 'network');
    assert.deepEqual(fs.snapshot(), files);
    assert.deepEqual(siteRights(portal, 3), {});
  });

  it('builds the tree from the portal: user, model, sites, names, roles', async () => {
    const root = await loadRoot({ api: admin, fs });
    assert.equal(root.model, 'extended');
    assert.equal(root.nodes[0].description, 'Alice Morgan (administrator)');
    const knowledge = await loadSitesPage(admin, 'KNOWLEDGE', 0);
    assert.deepEqual(
      knowledge.sites.map((s) => s.title),
      ['Employee handbook'],
    );
    await desire({ DR3: ['read', 'edit'], G77: ['read'] }, 1);
    const site = (await loadSitesPage(admin, 'SITE', 0)).sites.find((s) => s.id === 1);
    assert.ok(site);
    const [effective, rules] = await loadSiteChildren({ api: admin, fs }, site, 'extended');
    assert.match(effective.description ?? '', /Read/);
    assert.deepEqual(
      rules.children?.map((c) => [c.label, c.icon]),
      [
        ['● G77  User group #77', 'warning'],
        ['● DR3  Marketing (with subdepartments)', 'type-hierarchy'],
      ],
    );
  });

  it('shows a rate-limited refresh as an error node', async () => {
    portal.faults.set({ failNext: { method: 'profile', error: 'QUERY_LIMIT_EXCEEDED', status: 503 } });
    const root = await loadRoot({ api: admin, fs });
    assert.equal(root.nodes[1].contextValue, 'error.rate-limit');
  });

  it('shows roles read-only in the role model and switches back on request', async () => {
    await admin.call('landing.role.enable', { mode: 1 }, { write: true });
    const root = await loadRoot({ api: admin, fs });
    assert.equal(root.model, 'role');
    const roles = await loadRoles(admin);
    assert.ok(roles.length >= 2);
    const ref = roles[0].ref;
    assert.ok(ref?.type === 'role');
    const rights = await loadRoleRights(admin, ref.role, new Map());
    assert.ok(rights.every((r) => r.contextValue === 'roleRight'));
    assert.equal(await switchToExtended(admin), 'extended');
  });
});
