import assert from 'node:assert/strict';
import { markApplied, newRightsFile, withRule } from '../../../client/src/rights/rights-file';
import { rightsFilePath, saveRights } from '../../../client/src/rights/rights-store';
import { loadMoreSites, loadRoleRights, loadRoles, loadRoot, loadSiteChildren, loadSitesPage, sectionChildren } from '../../../client/src/rights/tree-loader';
import { errorNode, SiteSummary, TreeNode } from '../../../client/src/rights/tree-nodes';
import { explainFailure } from '../../../client/src/rights/failures';
import { FakeApi, networkError, portalError } from './fake-api';
import { MemoryFs } from './memory-fs';

const HOST = 'example.bitrix24.com';
const site1: SiteSummary = { id: 1, title: 'Site 1', code: 'site-1', type: 'PAGE', section: 'SITE' };

function byId(nodes: TreeNode[], id: string): TreeNode {
  const n = nodes.find((x) => x.id === id);
  assert.ok(n, `no node ${id} in ${nodes.map((x) => x.id).join(', ')}`);
  return n;
}

describe('rights/tree', () => {
  describe('root', () => {
    it('shows who you are, the extended model and the site sections', async () => {
      const api = new FakeApi();
      api.admin = true;
      const { nodes, model } = await loadRoot({ api, fs: new MemoryFs() });
      assert.equal(model, 'extended');
      assert.deepEqual(
        nodes.map((n) => n.id),
        ['portal', 'model', 'section:SITE', 'section:KNOWLEDGE', 'section:GROUP'],
      );
      assert.equal(nodes[0].label, HOST);
      assert.equal(nodes[0].description, 'Alice Morgan (administrator)');
      assert.equal(nodes[1].contextValue, 'model.extended');
    });

    it('marks the role model, with roles to expand and the switch action in its context', async () => {
      const api = new FakeApi();
      api.roleModel = true;
      const { nodes, model } = await loadRoot({ api, fs: new MemoryFs() });
      assert.equal(model, 'role');
      const m = byId(nodes, 'model');
      assert.equal(m.contextValue, 'model.role');
      assert.deepEqual(m.ref, { type: 'roles' });
      assert.match(m.tooltip ?? '', /apply nothing/);
    });

    it('turns FEATURE_NOT_AVAIL into a plain-words node and read-only sites', async () => {
      const api = new FakeApi().failNext('landing.role.isEnabled', portalError('FEATURE_NOT_AVAIL', 'landing.role.isEnabled'));
      const { nodes, model } = await loadRoot({ api, fs: new MemoryFs() });
      assert.equal(model, 'unavailable');
      const err = byId(nodes, 'model:error');
      assert.match(err.label, /plan does not include access rights/);
      assert.equal(err.description, 'FEATURE_NOT_AVAIL');
      assert.equal(err.contextValue, 'error.plan');
      const site = (await sectionChildren({ api, fs: undefined }, 'SITE', { sites: [site1], hasMore: false }, model))[0];
      assert.equal(site.contextValue, 'site.readonly');
    });

    it('explains IS_NOT_ADMIN and offers to reconnect, keeping sites visible', async () => {
      const api = new FakeApi().failNext('landing.role.isEnabled', portalError('IS_NOT_ADMIN', 'landing.role.isEnabled'));
      const { nodes, model } = await loadRoot({ api, fs: new MemoryFs() });
      assert.equal(model, 'unknown');
      const err = byId(nodes, 'model:error');
      assert.match(err.label, /only an administrator/);
      assert.equal(err.command?.command, 'bitrix24.connect');
      assert.ok(nodes.some((n) => n.id === 'section:SITE'));
    });

    it('shows one error node with Refresh and Reconnect when the portal is unreachable', async () => {
      const api = new FakeApi().failNext('profile', networkError('profile'));
      const { nodes } = await loadRoot({ api, fs: new MemoryFs() });
      assert.deepEqual(
        nodes.map((n) => n.id),
        ['portal', 'root:error'],
      );
      const err = nodes[1];
      assert.match(err.label, /unreachable/);
      assert.deepEqual(
        err.children?.map((c) => c.command?.command),
        ['bitrix24.rights.refresh', 'bitrix24.connect'],
      );
      assert.equal(api.count('landing.role.isEnabled'), 0, 'no more calls once the portal is known to be down');
    });

    it('tells the user to wait on a rate-limited refresh', async () => {
      const api = new FakeApi().failNext('profile', portalError('QUERY_LIMIT_EXCEEDED', 'profile', 503));
      const { nodes } = await loadRoot({ api, fs: new MemoryFs() });
      const err = byId(nodes, 'root:error');
      assert.match(err.label, /limiting requests.*refresh/i);
      assert.equal(err.command?.command, 'bitrix24.rights.refresh');
      assert.equal(err.icon, 'watch');
    });
  });

  describe('sites', () => {
    it('pages with one extra row to know whether more exist', async () => {
      const api = new FakeApi(45);
      const first = await loadSitesPage(api, 'SITE', 0, 20);
      assert.equal(first.sites.length, 20);
      assert.ok(first.hasMore);
      const p = api.calls[0].params.params as { limit: number; offset: number };
      assert.deepEqual([p.limit, p.offset], [21, 0]);
    });

    it('loads more onto what is shown and drops the load-more node at the end', async () => {
      const api = new FakeApi(45);
      const deps = { api, fs: new MemoryFs() };
      let r = await loadMoreSites(api, 'SITE', undefined);
      let kids = await sectionChildren(deps, 'SITE', r.pages, 'extended');
      assert.equal(kids.length, 21);
      assert.equal(kids[20].contextValue, 'loadMore');
      assert.equal(kids[20].command?.command, 'bitrix24.rights.loadMore');
      r = await loadMoreSites(api, 'SITE', r.pages);
      r = await loadMoreSites(api, 'SITE', r.pages);
      kids = await sectionChildren(deps, 'SITE', r.pages, 'extended');
      assert.equal(r.pages.sites.length, 45);
      assert.deepEqual(kids.map((k) => k.id).slice(-1), ['site:45']);
      assert.equal(new Set(r.pages.sites.map((s) => s.id)).size, 45);
    });

    it('keeps loaded sites and adds an error node when loading more fails', async () => {
      const api = new FakeApi(45);
      const first = await loadMoreSites(api, 'SITE', undefined);
      api.failNext('landing.site.getList', portalError('QUERY_LIMIT_EXCEEDED', 'landing.site.getList', 503));
      const r = await loadMoreSites(api, 'SITE', first.pages);
      assert.equal(r.pages.sites.length, 20);
      assert.ok(r.error);
      const kids = await sectionChildren({ api, fs: new MemoryFs() }, 'SITE', r.pages, 'extended', r.error);
      assert.equal(kids[20].contextValue, 'error.rate-limit');
    });

    it('lists knowledge bases with their landing scope', async () => {
      const api = new FakeApi(1);
      api.sites.push({ id: 6, title: 'Handbook', code: 'handbook', type: 'KNOWLEDGE', rights: {} });
      const r = await loadSitesPage(api, 'KNOWLEDGE', 0);
      assert.deepEqual(r.sites, [{ id: 6, title: 'Handbook', code: 'handbook', type: 'KNOWLEDGE', section: 'KNOWLEDGE' }]);
      assert.equal(api.calls[0].params.scope, 'KNOWLEDGE');
    });

    it('says when a section is empty', async () => {
      const kids = await sectionChildren({ api: new FakeApi(0), fs: undefined }, 'GROUP', { sites: [], hasMore: false }, 'extended');
      assert.equal(kids.length, 1);
      assert.match(kids[0].label, /No group knowledge bases/);
    });

    it('shows title, code, id, type, and marks unapplied changes', async () => {
      const fs = new MemoryFs();
      await saveRights(fs, HOST, withRule(newRightsFile(HOST, { ...site1 }), 'AU', ['read']));
      const [node] = await sectionChildren({ api: new FakeApi(1), fs }, 'SITE', { sites: [site1], hasMore: false }, 'extended');
      // The marker leads the label: the description is cut off at the default sidebar width.
      assert.equal(node.label, '● Site 1');
      assert.equal(node.description, 'site-1 · #1 · PAGE · not applied');
      assert.equal(node.contextValue, 'site.pending');
    });
  });

  describe('site children', () => {
    it('shows your effective rights and the configured rules with resolved names', async () => {
      const api = new FakeApi(1);
      api.sites[0].rights = { AU: ['read'], U1: ['read', 'edit'] };
      const fs = new MemoryFs();
      let file = withRule(withRule(newRightsFile(HOST, { ...site1 }), 'AU', ['read']), 'U1', ['read', 'edit']);
      file = markApplied(file, file.rules, '2025-05-01T12:00:00.000Z');
      await saveRights(fs, HOST, withRule(file, 'DR5', ['read', 'edit', 'public']));
      const [effective, rules] = await loadSiteChildren({ api, fs }, site1, 'extended');
      assert.equal(effective.label, 'Your effective rights');
      assert.equal(effective.description, 'Read, Edit');
      assert.match(effective.tooltip ?? '', /\(read, edit\)/, 'the raw codes stay in the tooltip');
      assert.match(effective.tooltip ?? '', /only your own operations/);
      assert.equal(rules.label, '● Configured rules');
      assert.equal(rules.description, '3 rules · not applied');
      const labels = rules.children?.map((c) => [c.label, c.description]);
      assert.deepEqual(labels, [
        ['AU  All authorized users', 'Read'],
        ['● DR5  Marketing (with subdepartments)', 'Read, Edit, Publish · not applied'],
        ['U1  Alice Morgan', 'Read, Edit'],
      ]);
      assert.match(rules.children?.[1].tooltip ?? '', /codes: read, edit, public/);
      assert.ok(rules.children?.every((c) => c.contextValue === 'rule'));
      assert.deepEqual(api.calls.find((c) => c.method === 'access.name')?.params, { ACCESS: ['AU', 'DR5', 'U1'] });
    });

    it('warns about codes the portal does not know', async () => {
      const api = new FakeApi(1);
      const fs = new MemoryFs();
      await saveRights(fs, HOST, withRule(newRightsFile(HOST, { ...site1 }), 'G77', ['read']));
      const [, rules] = await loadSiteChildren({ api, fs }, site1, 'extended');
      const rule = rules.children?.[0];
      assert.equal(rule?.icon, 'warning');
      assert.match(rule?.tooltip ?? '', /does not know this access code/);
      assert.equal(rule?.label, '● G77  User group #77');
    });

    it('falls back to generic names when access.name fails', async () => {
      const api = new FakeApi(1).failNext('access.name', networkError('access.name'));
      const fs = new MemoryFs();
      await saveRights(fs, HOST, withRule(newRightsFile(HOST, { ...site1 }), 'DR5', ['read']));
      const [, rules] = await loadSiteChildren({ api, fs }, site1, 'extended');
      assert.equal(rules.children?.[0].label, '● DR5  Department #5 and sub-departments');
      assert.notEqual(rules.children?.[0].icon, 'warning', 'unknown is not the same as unresolved');
    });

    it('shows rules removed since the last apply until they are applied', async () => {
      const fs = new MemoryFs();
      let file = withRule(withRule(newRightsFile(HOST, { ...site1 }), 'AU', ['read']), 'U3', ['read', 'edit']);
      file = markApplied(file, file.rules, '2025-05-01T12:00:00.000Z');
      await saveRights(fs, HOST, { ...file, rules: { AU: ['read'] } });
      const [, rules] = await loadSiteChildren({ api: new FakeApi(1), fs }, site1, 'extended');
      const removed = rules.children?.find((c) => c.contextValue === 'rule.removed');
      assert.equal(removed?.label, '● U3');
      assert.equal(removed?.description, 'Read, Edit · removed, not applied');
    });

    it('invites to add a code when there is no rights file yet', async () => {
      const [, rules] = await loadSiteChildren({ api: new FakeApi(1), fs: new MemoryFs() }, site1, 'extended');
      assert.equal(rules.description, 'no rights file yet');
      assert.equal(rules.children?.[0].command?.command, 'bitrix24.rights.addAccessCode');
    });

    it("lists a broken file's problems with an action to open it", async () => {
      const fs = new MemoryFs();
      fs.files.set(rightsFilePath(HOST, 1), '{ "version": 1, "rules": { "U1": ["write"] } }');
      const [, rules] = await loadSiteChildren({ api: new FakeApi(1), fs }, site1, 'extended');
      assert.equal(rules.contextValue, 'rules.invalid');
      assert.ok(rules.children?.some((c) => /Unknown operation "write"/.test(c.label)));
      assert.equal(rules.children?.[0].command?.command, 'bitrix24.rights.openRightsFile');
    });

    it('disables editing in the role model and says why', async () => {
      const fs = new MemoryFs();
      await saveRights(fs, HOST, withRule(newRightsFile(HOST, { ...site1 }), 'AU', ['read']));
      const api = new FakeApi(1);
      const [, rules] = await loadSiteChildren({ api, fs }, site1, 'role');
      assert.equal(rules.contextValue, 'rules.readonly');
      assert.match(rules.description ?? '', /role model/);
      assert.equal(api.count('access.name'), 0);
    });

    it('asks for a folder when none is open', async () => {
      const [, hint] = await loadSiteChildren({ api: new FakeApi(1), fs: undefined }, site1, 'extended');
      assert.match(hint.label, /Open a folder/);
    });

    it('explains a missing landing scope on getRights with a re-issue action', async () => {
      const api = new FakeApi(1).failNext('landing.site.getRights', portalError('insufficient_scope', 'landing.site.getRights', 401));
      const [err] = await loadSiteChildren({ api, fs: new MemoryFs() }, site1, 'extended');
      assert.match(err.label, /lacks the "landing" scope/);
      assert.equal(err.contextValue, 'error.scope');
      assert.ok(err.children?.some((c) => c.command?.command === 'vscode.open'));
    });

    it('explains ACCESS_DENIED in plain words', () => {
      const node = errorNode('x', explainFailure(portalError('ACCESS_DENIED', 'landing.site.getList'), 'load the sites'));
      assert.match(node.label, /no access to the Sites and Stores section/);
    });
  });

  describe('roles', () => {
    it('lists roles read-only and their rights per site, default first', async () => {
      const api = new FakeApi(1);
      api.roles = [{ ID: '3', TITLE: 'Administrator', XML_ID: 'ADMIN', rights: { '5': ['read'], '0': ['read', 'edit'] } }];
      const roles = await loadRoles(api);
      assert.deepEqual(
        roles.map((r) => [r.label, r.contextValue]),
        [['Administrator', 'role']],
      );
      const ref = roles[0].ref;
      assert.ok(ref?.type === 'role');
      const rights = await loadRoleRights(api, ref.role, new Map([[5, 'Promo']]));
      assert.deepEqual(
        rights.map((r) => [r.label, r.description, r.contextValue]),
        [
          ['All sites without their own setting', 'Read, Edit', 'roleRight'],
          ['Promo', 'Read', 'roleRight'],
        ],
      );
    });

    it('handles a role with no rights (an empty PHP array)', async () => {
      const api = new FakeApi(1);
      api.roles = [{ ID: '4', TITLE: 'Manager', XML_ID: 'MANAGER', rights: [] }];
      const rights = await loadRoleRights(api, { id: 4, title: 'Manager', xmlId: 'MANAGER' }, new Map());
      assert.match(rights[0].label, /No site rights/);
    });

    it('shows IS_NOT_ADMIN on role listing as an error node', async () => {
      const api = new FakeApi(1).failNext('landing.role.getList', portalError('IS_NOT_ADMIN', 'landing.role.getList'));
      const [err] = await loadRoles(api);
      assert.equal(err.contextValue, 'error.not-admin');
    });
  });
});
