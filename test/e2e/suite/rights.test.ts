// Site rights in a real VS Code against a demo portal started here: browse the tree as
// two users, change rules, apply with the plan shown first, verify as other users,
// restore, and the failure cases. After each failure the rights file, the journal and
// the portal must still agree, and the user must have been told what happened.
// Each test has its own fresh portal (so its own rights folder and journal, which are kept
// per portal host) and builds the state it starts from; any one of them runs alone.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import * as vscode from 'vscode';
import { startDemoPortal, type DemoPortal } from '../../../demo-portal/src';
import type { RightsCommandResult } from '../../../client/src/rights/commands';
import type { JournalEntry } from '../../../client/src/rights/journal';
import type { RightsPlan } from '../../../client/src/rights/plan';
import { parseRightsFile, type RightsFile, type RulesSet } from '../../../client/src/rights/rights-file';
import { journalPath, rightsFilePath } from '../../../client/src/rights/rights-store';
import type { SiteRightsTree } from '../../../client/src/rights/site-rights-tree';
import type { TreeNode } from '../../../client/src/rights/tree-nodes';
import { answerWithEnter, extensionApi, workspaceFolder } from './helpers';

const PLAN_SCHEME = 'bitrix24-rights-plan';
const ALL = ['read', 'edit', 'sett', 'public', 'delete'];

/** Resolves once the tree has loaded the level `id` (`root`, `section:SITE`, ...). */
function treeLoaded(tree: SiteRightsTree, id: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const sub = tree.onDidLoad((loaded) => {
      if (loaded !== id) return;
      sub.dispose();
      clearTimeout(timer);
      resolve();
    });
    // A bound so a broken view fails the test instead of hanging it (not a wait for readiness).
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`the Site Rights view never loaded ${id}`));
    }, 30_000);
  });
}

const isPlan = (i: unknown): i is vscode.TabInputTextDiff => i instanceof vscode.TabInputTextDiff && i.modified.scheme === PLAN_SCHEME;
/** Every plan diff opened since the suite started: an apply closes its plan's tab once it is done. */
const shownPlans: vscode.TabInputTextDiff[] = [];
const openPlans = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.input)).filter(isPlan);

/** The set a plan document shows (JSON with a comment naming each access code). */
async function planSet(uri: vscode.Uri): Promise<unknown> {
  return parseJsonc((await vscode.workspace.openTextDocument(uri)).getText());
}

/** The diff showing a plan for `siteId` (`planned` or `restored` side), once it was shown. */
function planDiff(siteId: number, side: 'planned' | 'restored'): Promise<vscode.TabInputTextDiff> {
  const find = () => [...openPlans(), ...shownPlans].find((i) => i.modified.path.endsWith(`/${siteId}/${side}.jsonc`));
  return new Promise((resolve, reject) => {
    const check = () => {
      const tab = find();
      if (!tab) return;
      sub.dispose();
      clearTimeout(timer);
      resolve(tab);
    };
    const sub = vscode.window.tabGroups.onDidChangeTabs(check);
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no plan diff for site #${siteId} (${side}) was shown`));
    }, 10_000);
    check();
  });
}

function byId(nodes: TreeNode[], id: string): TreeNode {
  const node = nodes.find((n) => n.id === id);
  assert.ok(node, `no "${id}" among ${nodes.map((n) => n.id).join(', ')}`);
  return node;
}

/** Calls a method as another demo user through their webhook; the URL is never printed. */
async function rest<T>(webhook: string, method: string, params: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${webhook}${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) });
  const body = (await res.json()) as { result?: T; error?: string };
  assert.ok(res.ok && body.error === undefined, `${method} answered ${res.status} ${body.error ?? ''}`);
  return body.result as T;
}

const run = <T>(command: string, arg?: unknown) => vscode.commands.executeCommand<T>(command, arg);

describe('site rights: browse, change, apply, verify, restore, and failures', function () {
  let portal: DemoPortal;
  let stateDir: string;
  let tree: SiteRightsTree;
  let root: string;
  const host = () => new URL(portal.baseUrl).host;
  const rightsPath = (siteId: number) => join(root, ...rightsFilePath(host(), siteId).split('/'));
  const rightsText = (siteId: number) => readFileSync(rightsPath(siteId), 'utf8');
  const journalText = () => {
    try {
      return readFileSync(join(root, ...journalPath(host()).split('/')), 'utf8');
    } catch {
      return '';
    }
  };
  const journal = (): JournalEntry[] =>
    journalText()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as JournalEntry);
  const rightsFile = (siteId: number): RightsFile => {
    const parsed = parseRightsFile(rightsText(siteId));
    assert.ok(parsed.ok, `the rights file of site #${siteId} does not parse`);
    return parsed.file;
  };
  /** Each live site's stored rule set, read from the portal's state (no REST method reveals it). */
  const stored = (): Record<number, RulesSet> =>
    Object.fromEntries(
      portal
        .snapshot()
        .sites.filter((s) => !s.deleted)
        .map((s) => [s.id, s.rights]),
    );
  const sites = async (section = 'SITE') => tree.getChildren(byId(await tree.getChildren(), `section:${section}`));
  const siteChildren = async (siteId: number, section = 'SITE') => tree.getChildren(byId(await sites(section), `site:${siteId}`));
  /**
   * What a failure must leave alone: the site's rights file, every site's rules on the
   * portal, and the journal apart from `journaled` new entries (a rejected save is recorded).
   */
  const unchanged = (siteId: number) => {
    const before = { file: rightsText(siteId), journal: journalText(), portal: stored() };
    return (journaled = 0) => {
      assert.equal(rightsText(siteId), before.file, 'the rights file changed');
      assert.deepEqual(stored(), before.portal, "the portal's rules changed");
      assert.ok(journalText().startsWith(before.journal), 'the journal lost entries');
      const added = journalText().slice(before.journal.length).split('\n').filter(Boolean);
      assert.equal(added.length, journaled, 'journal entries added');
      return added.map((l) => JSON.parse(l) as JournalEntry);
    };
  };
  const apply = (siteId: number) => run<RightsCommandResult>('bitrix24.rights.apply', { siteId, confirm: true });

  const SET_1 = { D2: ['read'], U5: ['read', 'edit', 'public'] };
  const SET_2 = { U5: ['read', 'edit'] };

  let planWatch: vscode.Disposable | undefined;

  before(async () => {
    planWatch = vscode.window.tabGroups.onDidChangeTabs((e) => {
      for (const t of [...e.opened, ...e.changed]) if (isPlan(t.input)) shownPlans.push(t.input);
    });
    tree = (await extensionApi()).rightsTree;
    root = workspaceFolder().fsPath;
    // The tests read far more than a user's clicks would; pace as an enterprise plan
    // so the client's own throttle does not dominate the run (the portal's limit is off).
    await vscode.workspace.getConfiguration('bitrix24').update('rateLimit', 'enterprise', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    planWatch?.dispose();
    await vscode.workspace.getConfiguration('bitrix24').update('rateLimit', undefined, vscode.ConfigurationTarget.Global);
  });

  /** Connects as the demo user `who` and waits until the view has loaded for them. */
  const connectAs = async (who: 'admin' | 'user'): Promise<{ user: { name: string; admin: boolean } } | undefined> => {
    const rootLoaded = treeLoaded(tree, 'root');
    const identity = await run<{ user: { name: string; admin: boolean } }>('bitrix24.connect', { kind: 'webhook', url: portal.webhooks[who] });
    await rootLoaded;
    return identity;
  };

  beforeEach(async () => {
    // A state file lets the portal stop (unreachable) and come back on the same address with its data.
    stateDir = mkdtempSync(join(tmpdir(), 'bitrix24-rights-e2e-'));
    portal = await startDemoPortal({ port: 0, rateLimit: false, statePath: join(stateDir, 'portal.json') });
    await run('bitrix24.siteRights.focus');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('bitrix24.disconnect', portal?.baseUrl).then(undefined, () => undefined);
    await portal?.close().catch(() => undefined); // the unreachable test may have closed it already
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  /** Writes SET_1 into site 3's rights file, as the "adds access codes" test does. */
  const editSet1 = async () => {
    await run('bitrix24.rights.addAccessCode', { siteId: 3, code: 'U5', operations: ['edit'] });
    await run('bitrix24.rights.addAccessCode', { siteId: 3, code: 'd2', operations: ['read'] });
    await run('bitrix24.rights.editOperations', { siteId: 3, code: 'U5', operations: ['edit', 'public'] });
  };
  /** SET_1 applied to site 3, as the "applies" test leaves it. */
  const appliedSet1 = async () => {
    await editSet1();
    const out = await apply(3);
    assert.equal(out?.status, 'applied', out?.message);
  };

  it('shows portal, model, sites, your effective rights and no rules yet, as an ordinary user', async () => {
    const who = await connectAs('user');
    assert.equal(who?.user.name, 'Eva Schmidt');

    const top = await tree.getChildren();
    assert.deepEqual(
      top.map((n) => n.id),
      ['portal', 'model:error', 'section:SITE', 'section:KNOWLEDGE', 'section:GROUP'],
    );
    assert.equal(byId(top, 'portal').label, host());
    assert.equal(byId(top, 'portal').description, 'Eva Schmidt');
    // Only administrators may read the model; the view says so in place of it.
    const model = byId(top, 'model:error');
    assert.equal(model.contextValue, 'error.not-admin');
    assert.match(model.label, /^Could not read the rights model: only an administrator/);
    // Eva is in neither D2, U3 nor G1, so the store is hidden from her.
    assert.deepEqual(
      (await sites()).map((n) => n.label),
      ['Company website', 'Spring promo', 'Developer portal'],
    );
    const effective = async (siteId: number, section?: string) => byId(await siteChildren(siteId, section), `site:${siteId}:effective`).description;
    assert.equal(await effective(1), 'Read', 'AU: read');
    assert.equal(await effective(3), 'Read, Edit, Settings, Publish, Delete', 'no individual rules: open to the section');
    assert.equal(await effective(4), 'Read, Edit, Settings', 'DR4 and SG3 joined');
    assert.equal(await effective(6, 'KNOWLEDGE'), 'Read');
    const rules = byId(await siteChildren(4), 'site:4:rules');
    assert.equal(rules.description, 'no rights file yet');
    assert.equal(rules.children?.[0].command?.command, 'bitrix24.rights.addAccessCode');
  });

  it('shows every site with full rights to the administrator', async () => {
    const who = await connectAs('admin');
    assert.equal(who?.user.admin, true);
    assert.equal(byId(await tree.getChildren(), 'portal').description, 'Alice Morgan (administrator)');
    // The trashed "Old campaign" is not listed.
    assert.deepEqual(
      (await sites()).map((n) => n.label),
      ['Company website', 'Online store', 'Spring promo', 'Developer portal'],
    );
    assert.equal(byId(await siteChildren(2), 'site:2:effective').description, 'Read, Edit, Settings, Publish, Delete');
  });

  it('adds access codes and edits operations in the rights file only', async () => {
    await connectAs('admin');
    const added = await run<RightsFile>('bitrix24.rights.addAccessCode', { siteId: 3, code: 'U5', operations: ['edit'] });
    assert.deepEqual(added?.rules, { U5: ['read', 'edit'] }, '"read" comes with "edit"');
    await run('bitrix24.rights.addAccessCode', { siteId: 3, code: 'd2', operations: ['read'] });
    await run('bitrix24.rights.editOperations', { siteId: 3, code: 'U5', operations: ['edit', 'public'] });

    const file = rightsFile(3);
    assert.deepEqual(file.rules, SET_1);
    assert.equal(file.lastApplied, null);
    assert.deepEqual(file.site, { id: 3, code: '/spring-promo/', title: 'Spring promo', type: 'PAGE' });
    assert.deepEqual(stored()[3], {}, 'nothing reaches the portal before Apply');

    const site = byId(await sites(), 'site:3');
    assert.equal(site.contextValue, 'site.pending');
    assert.match(site.description ?? '', /not applied$/);
    const rules = byId(await siteChildren(3), 'site:3:rules');
    assert.equal(rules.description, '2 rules · not applied');
    assert.deepEqual(
      rules.children?.map((n) => [n.label, n.description]),
      [
        ['● D2  Sales', 'Read · not applied'],
        ['● U5  Eva Schmidt', 'Read, Edit, Publish · not applied'],
      ],
    );
  });

  it('applies after showing the plan, and other users get exactly those rights', async () => {
    await connectAs('admin');
    await editSet1();
    const out = await apply(3);
    assert.equal(out?.status, 'applied', out?.message);
    assert.equal(out.plan?.firstApply, true);
    assert.deepEqual(out.plan?.rules, SET_1);
    assert.ok(
      out.plan?.warnings.some((w) => w.id === 'first-apply'),
      'the first apply warns that it replaces unseen rules',
    );
    assert.equal(out.notice?.level, 'info');
    assert.match(
      out.notice?.text ?? '',
      /^Applied 2 rules to "Spring promo" \(#3\) \(2 added\)\. The portal confirms your own rights on this site are Read, Edit, Settings, Publish, Delete; it cannot list other rules\.$/,
    );

    const diff = await planDiff(3, 'planned');
    assert.deepEqual(await planSet(diff.modified), SET_1, 'the diff shows the set that was sent');
    assert.deepEqual(await planSet(diff.original), {}, 'never applied before');
    assert.match(
      (await vscode.workspace.openTextDocument(diff.modified)).getText(),
      /"U5": \["read", "edit", "public"\]\s+\/\/ Eva Schmidt/,
      'each code is named beside it',
    );
    assert.ok(!openPlans().some((i) => i.modified.path.includes('/3/')), 'the plan tab is closed after the apply, so no stale title stays');

    assert.deepEqual(stored()[3], SET_1);
    assert.deepEqual(await rest(portal.webhooks.user, 'landing.site.getRights', { id: 3 }), ['read', 'edit', 'public'], 'Eva (U5)');
    assert.deepEqual(await rest(portal.webhooks.manager, 'landing.site.getRights', { id: 3 }), [], 'Carol holds none of the codes');

    const file = rightsFile(3);
    assert.deepEqual(file.lastApplied?.rules, SET_1);
    assert.deepEqual(file.rules, SET_1);
    const entries = journal();
    assert.equal(entries.length, 1);
    assert.deepEqual([entries[0].action, entries[0].outcome, entries[0].before, entries[0].after, entries[0].verified], ['apply', 'applied', null, SET_1, ALL]);
    const site = byId(await sites(), 'site:3');
    assert.equal(site.contextValue, 'site');
    assert.match(byId(await siteChildren(3), 'site:3:rules').description ?? '', /^2 rules · applied \S.*\d\d:\d\d/);
    assert.doesNotMatch(byId(await siteChildren(3), 'site:3:rules').description ?? '', /\d{4}-\d\d-\d\dT/, 'a local time, not an ISO timestamp');
  });

  it('Remove Access Code asks with Cancel as the default: Enter alone keeps the rule', async () => {
    await connectAs('admin');
    await editSet1();
    const kept = await answerWithEnter<RightsFile>('bitrix24.rights.removeAccessCode', { siteId: 3, code: 'D2' });
    assert.equal(kept, undefined, 'Enter chose Cancel');
    assert.deepEqual(rightsFile(3).rules, SET_1, 'the rule is still in the rights file');
    const removed = await run<RightsFile>('bitrix24.rights.removeAccessCode', { siteId: 3, code: 'D2', confirm: true });
    assert.deepEqual(removed?.rules, { U5: SET_1.U5 }, 'confirm: true still answers the question');
    assert.deepEqual(rightsFile(3).rules, { U5: SET_1.U5 });
  });

  it('restores the rules from before the last apply', async () => {
    await connectAs('admin');
    await appliedSet1();
    await run('bitrix24.rights.removeAccessCode', { siteId: 3, code: 'D2', confirm: true });
    await run('bitrix24.rights.editOperations', { siteId: 3, code: 'U5', operations: ['read', 'edit'] });
    const second = await apply(3);
    assert.equal(second?.status, 'applied', second?.message);
    assert.equal(second.plan?.firstApply, false);
    assert.deepEqual(
      second.plan?.diff.map((d) => [d.code, d.change]),
      [
        ['D2', 'removed'],
        ['U5', 'changed'],
      ],
    );
    assert.deepEqual(stored()[3], SET_2);
    assert.deepEqual(await rest(portal.webhooks.user, 'landing.site.getRights', { id: 3 }), ['read', 'edit']);

    const back = await run<RightsCommandResult>('bitrix24.rights.restore', { siteId: 3, confirm: true });
    assert.equal(back?.status, 'applied', back?.message);
    assert.deepEqual(back.plan?.rules, SET_1);
    assert.equal(back.notice?.level, 'info');
    const diff = await planDiff(3, 'restored');
    assert.deepEqual(await planSet(diff.modified), SET_1);
    assert.deepEqual(stored()[3], SET_1);
    assert.deepEqual(await rest(portal.webhooks.user, 'landing.site.getRights', { id: 3 }), ['read', 'edit', 'public']);
    const file = rightsFile(3);
    assert.deepEqual([file.rules, file.lastApplied?.rules], [SET_1, SET_1]);
    assert.deepEqual(
      journal().map((e) => [e.action, e.outcome, e.before, e.after]),
      [
        ['apply', 'applied', null, SET_1],
        ['apply', 'applied', SET_1, SET_2],
        ['restore', 'applied', SET_2, SET_1],
      ],
    );
  });

  it('setRights rejected: the portal keeps its rules, the file keeps yours as not applied, and you are told why', async () => {
    await connectAs('admin');
    await appliedSet1();
    await run('bitrix24.rights.addAccessCode', { siteId: 3, code: 'AU', operations: ['read'] });
    const check = unchanged(3);
    portal.faults.set({ failNext: { method: 'landing.site.setRights', error: 'IS_NOT_ADMIN', description: 'Only administrators may change rights.' } });
    const out = await apply(3);
    assert.equal(out?.status, 'rejected', out?.message);
    assert.equal(out.notice?.level, 'error');
    assert.match(
      out.notice?.text ?? '',
      /only an administrator or a user with full access to Sites and Stores may do this.*The portal kept its rules; the rights file keeps yours as not applied/,
    );
    assert.ok(
      out.notice?.actions.some((a) => a.command === 'bitrix24.connect'),
      'offers to reconnect as another user',
    );
    assert.deepEqual(portal.faults.get().failNext, [], 'the injected failure was used');
    const [entry] = check(1);
    assert.deepEqual([entry.outcome, entry.error, entry.after], ['rejected', 'IS_NOT_ADMIN', { AU: ['read'], ...SET_1 }]);
    const file = rightsFile(3);
    assert.deepEqual(file.lastApplied?.rules, stored()[3], 'lastApplied still matches the portal');
    assert.equal(byId(await sites(), 'site:3').contextValue, 'site.pending', 'the view still shows the change as not applied');
  });

  it('site deleted between plan and apply: nothing is sent, you are told, and the site leaves the view', async () => {
    await connectAs('admin');
    await run('bitrix24.rights.addAccessCode', { siteId: 2, code: 'AU', operations: ['read'] });
    const plan = await run<RightsPlan>('bitrix24.rights.showPlan', { siteId: 2 });
    assert.deepEqual(plan?.rules, { AU: ['read'] });
    await planDiff(2, 'planned');
    // Someone deletes the store in the browser while the plan is on screen.
    assert.equal(await rest(portal.webhooks.admin, 'landing.site.delete', { id: 2 }), true);
    const check = unchanged(2);
    const out = await apply(2);
    assert.deepEqual([out?.status, out?.abortReason], ['aborted', 'site-gone'], out?.message);
    assert.equal(out?.notice?.level, 'warning');
    assert.match(out?.notice?.text ?? '', /"Online store" \(#2\) no longer exists on the portal or is in the trash\. Nothing was changed\.$/);
    check(0);
    assert.deepEqual(
      (await sites()).map((n) => n.id),
      ['site:1', 'site:3', 'site:4'],
    );
  });

  it('role model switched on between plan and apply: nothing is sent, you are told, and editing stops', async () => {
    await connectAs('admin');
    await run('bitrix24.rights.addAccessCode', { siteId: 4, code: 'SG3_K', operations: ['read', 'edit'] });
    const plan = await run<RightsPlan>('bitrix24.rights.showPlan', { siteId: 4 });
    assert.deepEqual(plan?.rules, { SG3_K: ['read', 'edit'] });
    // Let the view finish loading (the edit refreshes it) before the switch happens behind its back.
    const settled = treeLoaded(tree, 'root');
    await run('bitrix24.rights.refresh');
    await settled;
    assert.equal(byId(await tree.getChildren(), 'model').label, 'Rights model: extended');
    assert.equal(await rest(portal.webhooks.admin, 'landing.role.enable', { mode: 1 }), true);
    const check = unchanged(4);
    try {
      const out = await apply(4);
      assert.deepEqual([out?.status, out?.abortReason], ['aborted', 'role-model'], out?.message);
      assert.equal(out?.notice?.level, 'warning');
      assert.match(out?.notice?.text ?? '', /switched to the role model.*Nothing was changed/);
      assert.deepEqual(
        out?.notice?.actions.map((a) => a.command),
        ['bitrix24.rights.switchToExtended'],
      );
      check(0);
      assert.equal(portal.snapshot().roleModel, true);
      const model = byId(await tree.getChildren(), 'model');
      assert.deepEqual([model.label, model.contextValue], ['Rights model: roles', 'model.role']);
      assert.equal(byId(await siteChildren(4), 'site:4:rules').description, 'editing off: role model');
      // With the view knowing the role model, Apply stops before building a plan.
      assert.equal(await apply(4), undefined);
      check(0);
    } finally {
      await rest(portal.webhooks.admin, 'landing.role.enable', { mode: 0 });
      await run('bitrix24.rights.refresh');
    }
    assert.equal(byId(await tree.getChildren(), 'model').label, 'Rights model: extended');
  });

  it('portal unreachable: nothing is sent or written, you are told, and the pending rule applies once it is back', async function () {
    this.timeout(120_000);
    await connectAs('admin');
    // Site 3 has SET_1 applied and one more rule not applied yet.
    await appliedSet1();
    await run('bitrix24.rights.addAccessCode', { siteId: 3, code: 'AU', operations: ['read'] });
    const check = unchanged(3);
    // The user has the site in view when the portal goes away.
    assert.ok((await sites()).some((n) => n.id === 'site:3'));
    const port = new URL(portal.baseUrl).port;
    await portal.close();
    const out = await apply(3);
    assert.deepEqual([out?.status, out?.abortReason], ['aborted', 'precheck-failed'], out?.message);
    assert.equal(out?.notice?.level, 'warning');
    assert.match(out?.notice?.text ?? '', /the portal is unreachable.*Nothing was changed\.$/);
    assert.deepEqual(
      out?.notice?.actions.map((a) => a.title),
      ['Refresh', 'Reconnect'],
    );
    check(0);
    await run('bitrix24.rights.refresh');
    const top = await tree.getChildren();
    assert.deepEqual(
      top.map((n) => n.id),
      ['portal', 'root:error'],
    );
    assert.equal(byId(top, 'root:error').contextValue, 'error.network');

    portal = await startDemoPortal({ port: Number(port), rateLimit: false, statePath: join(stateDir, 'portal.json') });
    await run('bitrix24.rights.refresh');
    assert.equal(byId(await sites(), 'site:3').contextValue, 'site.pending', 'the unapplied rule survived every failure');
    const done = await apply(3);
    assert.equal(done?.status, 'applied', done?.message);
    const expected = { AU: ['read'], ...SET_1 };
    assert.deepEqual(stored()[3], expected);
    assert.deepEqual(rightsFile(3).lastApplied?.rules, expected);
    assert.deepEqual(await rest(portal.webhooks.manager, 'landing.site.getRights', { id: 3 }), ['read'], 'Carol now reads through AU');
  });

  it('rate-limited refresh: the view says to wait, files and portal stay as they were, and it recovers', async function () {
    this.timeout(120_000);
    await connectAs('admin');
    await appliedSet1();
    const check = unchanged(3);
    // A full request counter (another app on the same address used it up) refuses everything.
    portal.faults.set({ rateLimit: { limit: 1, drainPerSecond: 0 } });
    await rest(portal.webhooks.admin, 'profile');
    await run('bitrix24.rights.refresh');
    const top = await tree.getChildren();
    assert.deepEqual(
      top.map((n) => n.id),
      ['portal', 'root:error'],
    );
    const error = byId(top, 'root:error');
    assert.equal(error.contextValue, 'error.rate-limit');
    assert.match(error.label, /the portal is limiting requests\. Wait a moment, then refresh\./);
    assert.equal(error.command?.command, 'bitrix24.rights.refresh');
    check(0);

    portal.faults.set({ rateLimit: false });
    await run('bitrix24.rights.refresh');
    assert.equal(byId(await tree.getChildren(), 'model').label, 'Rights model: extended');
    assert.equal(byId(await sites(), 'site:3').contextValue, 'site');
    check(0);
  });
});
