/**
 * One access code on many sites: the plan, one confirmation, per-site
 * setRights and verification against the demo portal, a failure on one site
 * that leaves the others applied, one journal line, and Restore per site.
 */
import assert from 'node:assert/strict';
import { startDemoPortal, type DemoPortal } from '../../../demo-portal/src';
import { parseWebhookUrl } from '../../../client/src/portal/portal-url';
import { RestClient } from '../../../client/src/portal/rest-client';
import { portalHost } from '../../../client/src/rights/api';
import { restorePrevious } from '../../../client/src/rights/apply';
import { readJournal } from '../../../client/src/rights/journal';
import { applyToSites, buildMultiSitePlan, MultiSitePlan, renderMultiSitePlan } from '../../../client/src/rights/multi-site';
import { markApplied, newRightsFile, withRule } from '../../../client/src/rights/rights-file';
import { journalPath, loadRights, saveRights } from '../../../client/src/rights/rights-store';
import type { SiteSummary } from '../../../client/src/rights/tree-nodes';
import { MemoryFs } from './memory-fs';

function clientFor(portal: DemoPortal, name: string): RestClient {
  const loc = parseWebhookUrl(portal.webhooks[name]);
  if (!loc.ok) throw new Error(`demo webhook ${name} did not parse`);
  return new RestClient({ credentials: { kind: 'webhook', ...loc.value }, retry: { maxAttempts: 1 } });
}

const site = (id: number, title: string, type = 'PAGE'): SiteSummary => ({
  id,
  title,
  code: `s${id}`,
  type,
  section: type === 'KNOWLEDGE' ? 'KNOWLEDGE' : 'SITE',
});
const SITES = [site(1, 'Company website'), site(3, 'Spring promo'), site(4, 'Developer portal'), site(6, 'Employee handbook', 'KNOWLEDGE')];

describe('multi-site plan', () => {
  it("sets one code on every site from each site's own file; unchanged sites are not sent", async () => {
    const fs = new MemoryFs();
    const host = 'example.bitrix24.com';
    let f1 = newRightsFile(host, { id: 1, code: 's1', title: 'Company website', type: 'PAGE' });
    f1 = markApplied(withRule(withRule(f1, 'AU', ['read']), 'DR3', ['read', 'edit']), { AU: ['read'], DR3: ['read', 'edit'] }, '2026-12-01T00:00:00Z');
    await saveRights(fs, host, f1);
    const loaded = new Map([
      [1, await loadRights(fs, host, 1)],
      [3, await loadRights(fs, host, 3)],
    ]);
    const plan = buildMultiSitePlan(host, SITES.slice(0, 2), loaded, { code: 'DR3', operations: ['read', 'edit'] });
    assert.deepEqual(
      plan.entries.map((e) => [e.site.id, e.status]),
      [
        [1, 'unchanged'],
        [3, 'send'],
      ],
    );
    assert.ok(plan.warnings.some((w) => /First apply from this workspace to "Spring promo"/.test(w)));
    const removal = buildMultiSitePlan(host, SITES.slice(0, 2), loaded, { code: 'DR3', operations: null });
    assert.deepEqual(
      removal.entries.map((e) => [e.site.id, e.status]),
      [
        [1, 'send'],
        [3, 'unchanged'],
      ],
    );
    assert.match(renderMultiSitePlan(removal), /- DR3 \(Department #3 and sub-departments\): Read, Edit \(removed\)/);
  });
});

describe('many sites at once against the demo portal', function () {
  this.timeout(20_000);
  let portal: DemoPortal;
  let admin: RestClient;
  let fs: MemoryFs;
  let plans: MultiSitePlan[];
  const rightsOf = (id: number) => portal.snapshot().sites.find((s) => s.id === id)?.rights;

  before(async () => {
    portal = await startDemoPortal({ port: 0, rateLimit: false });
  });
  after(async () => {
    await portal?.close();
  });
  beforeEach(async () => {
    await portal.reset();
    admin = clientFor(portal, 'admin');
    fs = new MemoryFs();
    plans = [];
  });

  it('applies to every site after one confirmation, verifies each and writes one journal line', async () => {
    const out = await applyToSites({ api: admin, fs, confirm: async (p) => (plans.push(p), true) }, SITES, { code: 'U5', operations: ['read', 'edit'] });
    assert.equal(out.status, 'applied', out.message);
    assert.equal(plans.length, 1);
    for (const id of [1, 3, 4, 6]) assert.deepEqual(rightsOf(id), { U5: ['read', 'edit'] }, `site ${id}`);
    assert.ok(out.results.every((r) => r.status === 'applied' && r.verified));
    assert.match(out.message, /applied to 4 of 4 sites/);
    const host = portalHost(admin.portal);
    assert.equal((await fs.read(journalPath(host)))?.trim().split('\n').length, 1);
    const { entries } = await readJournal(fs, host);
    assert.deepEqual(
      entries.map((e) => e.siteId),
      [1, 3, 4, 6],
    );
  });

  it('a failure on one site leaves the others applied, says so, and each site restores on its own', async () => {
    const deps = { api: admin, fs, confirm: async () => true };
    await applyToSites(deps, SITES.slice(0, 3), { code: 'AU', operations: ['read'] });
    portal.faults.set({ failNext: { method: 'landing.site.setRights', error: 'ACCESS_DENIED' } });
    const out = await applyToSites(deps, SITES.slice(0, 3), { code: 'DR3', operations: ['read', 'edit'] });
    assert.equal(out.status, 'partial', out.message);
    assert.deepEqual(
      out.results.map((r) => r.status),
      ['rejected', 'applied', 'applied'],
    );
    assert.match(out.message, /applied to 2 of 3 sites/);
    assert.match(out.message, /Not applied: "Company website" \(#1\)/);
    assert.match(out.message, /other sites stay applied/);
    assert.deepEqual(rightsOf(1), { AU: ['read'] });
    assert.deepEqual(rightsOf(3), { AU: ['read'], DR3: ['read', 'edit'] });
    const host = portalHost(admin.portal);
    const f1 = await loadRights(fs, host, 1);
    assert.ok(f1.status === 'ok' && f1.file.lastApplied && !('DR3' in f1.file.lastApplied.rules), 'the failed site keeps its last applied set');
    const back = await restorePrevious({ ...deps, confirm: async () => true }, 3);
    assert.equal(back.status, 'applied', back.message);
    assert.deepEqual(rightsOf(3), { AU: ['read'] });
    assert.deepEqual(rightsOf(4), { AU: ['read'], DR3: ['read', 'edit'] }, 'restoring one site leaves the others');
  });

  it('an unclear answer (a gateway 504) is re-read before anything is journaled, and said plainly', async () => {
    portal.faults.set({ failNext: { method: 'landing.site.setRights', error: 'GATEWAY_TIMEOUT', status: 504 } });
    const out = await applyToSites({ api: admin, fs, confirm: async () => true }, SITES.slice(0, 2), { code: 'U5', operations: ['read'] });
    assert.equal(out.status, 'partial', out.message);
    assert.equal(out.results[0].status, 'uncertain');
    assert.match(out.results[0].message, /re-reading could not settle it: .*administrator/);
    const { entries } = await readJournal(fs, portalHost(admin.portal));
    assert.deepEqual(
      entries.map((e) => e.outcome),
      ['uncertain', 'applied'],
    );
  });

  it('a gateway 504 after one site saved: re-read and counted as applied, not as a failure', async () => {
    const manager = clientFor(portal, 'manager'); // Carol (U3), a full-access non-administrator
    const deps = { api: manager, fs, confirm: async () => true };
    const sites = SITES.slice(0, 2);
    assert.equal((await applyToSites(deps, sites, { code: 'U3', operations: ['read'] })).status, 'applied');
    portal.faults.set({ failAfterApplying: { method: 'landing.site.setRights', status: 504 } });
    const out = await applyToSites(deps, sites, { code: 'U3', operations: ['read', 'edit'] });
    assert.deepEqual(portal.faults.get().failAfterApplying, [], 'the gateway fault fired');
    assert.equal(out.status, 'applied', out.message);
    assert.deepEqual(
      out.results.map((r) => [r.site.id, r.status]),
      [
        [1, 'applied'],
        [3, 'applied'],
      ],
    );
    for (const id of [1, 3]) assert.deepEqual(rightsOf(id), { U3: ['read', 'edit'] });
    const f1 = await loadRights(fs, portalHost(manager.portal), 1);
    assert.ok(f1.status === 'ok' && f1.file.lastApplied?.rules.U3?.includes('edit'), 'the baseline follows what the portal holds');
  });

  it('stops before writing when the role model is on', async () => {
    await admin.call('landing.role.enable', { mode: 1 }, { write: true });
    const out = await applyToSites({ api: admin, fs, confirm: async () => true }, SITES, { code: 'U5', operations: ['read'] });
    assert.equal(out.status, 'aborted');
    assert.match(out.message, /role model/);
    assert.equal(fs.files.size, 0);
  });
});
