// Roles, many sites at once and any workspace, in a real VS Code against a demo portal
// started here: switch to the role model, import the roles, edit a role's holders and a
// site's rights, apply with the plan shown, verify as the affected user, restore, switch
// back; one access code on several sites with one site failing; and rights files read and
// written through workspace.fs on a file system provider registered by the test.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { startDemoPortal, type DemoPortal } from '../../../demo-portal/src';
import { parseWebhookUrl } from '../../../client/src/portal/portal-url';
import { RestClient } from '../../../client/src/portal/rest-client';
import { applyRights } from '../../../client/src/rights/apply';
import type { MultiSiteOutcome } from '../../../client/src/rights/multi-site';
import { importRoles } from '../../../client/src/rights/role-apply';
import type { RoleCommandResult } from '../../../client/src/rights/role-commands';
import { parseRoleFile } from '../../../client/src/rights/role-file';
import { roleFilePath, roleJournalPath } from '../../../client/src/rights/role-store';
import type { RightsCommandResult } from '../../../client/src/rights/commands';
import { newRightsFile, parseRightsFile, withRule } from '../../../client/src/rights/rights-file';
import { journalPath, rightsFilePath, saveRights } from '../../../client/src/rights/rights-store';
import type { SiteRightsTree } from '../../../client/src/rights/site-rights-tree';
import type { TreeNode } from '../../../client/src/rights/tree-nodes';
import { workspaceFileSystem, writeRefusal } from '../../../client/src/rights/workspace-file-system';
import { answerWithEnter, extensionApi, workspaceFolder } from './helpers';

const run = <T>(command: string, arg?: unknown) => vscode.commands.executeCommand<T>(command, arg);

function byId(nodes: TreeNode[], id: string): TreeNode {
  const node = nodes.find((n) => n.id === id);
  assert.ok(node, `no "${id}" among ${nodes.map((n) => n.id).join(', ')}`);
  return node;
}

/** Resolves once the tree has loaded the level `id`. */
function treeLoaded(tree: SiteRightsTree, id: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const sub = tree.onDidLoad((loaded) => {
      if (loaded !== id) return;
      sub.dispose();
      clearTimeout(timer);
      resolve();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`the Site Rights view never loaded ${id}`));
    }, 30_000);
  });
}

/** Right sides of every plan diff opened since the suite started (an apply closes its plan afterwards). */
const shownPlans: string[] = [];
const isPlan = (i: unknown): i is vscode.TabInputTextDiff => i instanceof vscode.TabInputTextDiff && i.modified.scheme === 'bitrix24-rights-plan';

/** Whether a plan diff whose right side ends with `suffix` was shown, and is no longer open (it is closed after the apply). */
function planShownThenClosed(suffix: string): boolean {
  const open = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.input)).some((i) => isPlan(i) && i.modified.path.endsWith(suffix));
  return shownPlans.some((p) => p.endsWith(suffix)) && !open;
}

/** A minimal in-memory file system provider, recording what went through it. */
class MemoryProvider implements vscode.FileSystemProvider {
  readonly files = new Map<string, Uint8Array>();
  readonly dirs = new Set<string>(['/']);
  readonly ops: string[] = [];
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  stat(uri: vscode.Uri): vscode.FileStat {
    if (this.dirs.has(uri.path)) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    const f = this.files.get(uri.path);
    if (!f) throw vscode.FileSystemError.FileNotFound(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: f.byteLength };
  }
  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(uri: vscode.Uri): void {
    const parts = uri.path.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) this.dirs.add(`/${parts.slice(0, i).join('/')}`);
  }
  readFile(uri: vscode.Uri): Uint8Array {
    this.ops.push(`read ${uri.path}`);
    const f = this.files.get(uri.path);
    if (!f) throw vscode.FileSystemError.FileNotFound(uri);
    return f;
  }
  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    this.ops.push(`write ${uri.path}`);
    this.files.set(uri.path, content);
  }
  delete(uri: vscode.Uri): void {
    this.files.delete(uri.path);
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions('rename');
  }
  text(path: string): string | undefined {
    const f = this.files.get(path);
    return f ? new TextDecoder().decode(f) : undefined;
  }
}

describe('roles, many sites at once, and any workspace', function () {
  this.timeout(120_000);
  let portal: DemoPortal;
  let tree: SiteRightsTree;
  let root: string;
  let planWatch: vscode.Disposable | undefined;
  const host = () => new URL(portal.baseUrl).host;
  const onDisk = (rel: string) => join(root, ...rel.split('/'));
  const role = (id: number) => portal.snapshot().roles.find((r) => r.id === id);
  const siteRights = (id: number) => portal.snapshot().sites.find((s) => s.id === id)?.rights;
  const asEva = async (siteId: number) => {
    const res = await fetch(`${portal.webhooks.user}landing.site.getRights`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: siteId }),
    });
    return ((await res.json()) as { result: string[] }).result;
  };

  before(async () => {
    planWatch = vscode.window.tabGroups.onDidChangeTabs((e) => {
      for (const t of [...e.opened, ...e.changed]) if (isPlan(t.input)) shownPlans.push(t.input.modified.path);
    });
    tree = (await extensionApi()).rightsTree;
    root = workspaceFolder().fsPath;
    await vscode.workspace.getConfiguration('bitrix24').update('rateLimit', 'enterprise', vscode.ConfigurationTarget.Global);
    portal = await startDemoPortal({ port: 0, rateLimit: false });
    const loaded = treeLoaded(tree, 'root');
    await run('bitrix24.siteRights.focus');
    await run('bitrix24.connect', { kind: 'webhook', url: portal.webhooks.admin });
    await loaded;
  });

  after(async () => {
    planWatch?.dispose();
    await run('bitrix24.disconnect', portal?.baseUrl).then(undefined, () => undefined);
    await portal?.close();
    await vscode.workspace.getConfiguration('bitrix24').update('rateLimit', undefined, vscode.ConfigurationTarget.Global);
  });

  it('asks before switching models with Cancel as the default: Enter alone switches nothing, with what the switch does open beside', async () => {
    const opened: vscode.Uri[] = [];
    const isExplanation = (i: unknown): i is vscode.TabInputText =>
      i instanceof vscode.TabInputText && i.uri.scheme === 'bitrix24-rights-plan' && i.uri.path === `/${host()}/model/switch.txt`;
    const watch = vscode.window.tabGroups.onDidChangeTabs((e) => {
      for (const t of e.opened) if (isExplanation(t.input)) opened.push(t.input.uri);
    });
    try {
      const out = await answerWithEnter('bitrix24.rights.switchToRoles', {});
      assert.equal(out, undefined, 'Enter chose Cancel');
      assert.equal(portal.snapshot().roleModel, false, 'the portal still uses the extended model');
      assert.ok(!existsSync(onDisk(roleJournalPath(host()))), 'nothing journaled: nothing was switched');
      assert.equal(opened.length, 1, 'the explanation was open beside the question');
      assert.match((await vscode.workspace.openTextDocument(opened[0])).getText().replace(/\s+/g, ' '), /nothing of them is carried over into roles/);
      const stillOpen = vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => isExplanation(t.input));
      assert.ok(!stillOpen, 'and closed once answered');
    } finally {
      watch.dispose();
    }
  });

  it("switches to the role model (journaled), imports the roles, edits holders and a site's rights, applies, verifies, restores, switches back", async () => {
    const switched = await run<{ status: string }>('bitrix24.rights.switchToRoles', { confirm: true });
    assert.equal(switched?.status, 'switched');
    assert.equal(portal.snapshot().roleModel, true);
    const top = await tree.getChildren();
    const model = byId(top, 'model');
    assert.equal(model.contextValue, 'model.role');
    const sections = await tree.getChildren(model);
    assert.deepEqual(
      sections.map((n) => n.label),
      ['Roles: Sites and Stores', 'Roles: Knowledge Bases', 'Roles: Group Knowledge Bases'],
    );
    const before = await tree.getChildren(byId(sections, 'roles:SITE'));
    assert.equal(before[0].label, 'Import from portal to edit these roles');

    const imported = await run<{ status: string; path: string }>('bitrix24.rights.importRoles', { section: 'SITE', confirm: true });
    assert.equal(imported?.status, 'imported');
    assert.ok(existsSync(onDisk(roleFilePath(host(), 'SITE'))), 'the role file is in the workspace');
    // The portal cannot return holders: set them once from here so a later restore knows them.
    await run('bitrix24.rights.editRoleHolders', { section: 'SITE', roleId: 2, accessCodes: ['DR3'] });
    const first = await run<RoleCommandResult>('bitrix24.rights.applyRoles', { section: 'SITE', confirm: true });
    assert.equal(first?.status, 'applied', first?.message);
    assert.ok(
      first?.plan?.warnings.some((w) => w.id === 'holders-unknown'),
      'the first holders change says it replaces unknown holders',
    );
    await run('bitrix24.rights.editRoleHolders', { section: 'SITE', roleId: 2, accessCodes: ['U5', 'DR3'] });
    await run('bitrix24.rights.setRoleSiteRights', { section: 'SITE', roleId: 2, key: 3, operations: ['edit'] });
    const parsed = parseRoleFile(readFileSync(onDisk(roleFilePath(host(), 'SITE')), 'utf8'));
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.file.roles.find((r) => r.id === 2)?.accessCodes, ['DR3', 'U5']);
    assert.deepEqual(role(2)?.accessCodes, ['DR3'], 'nothing reaches the portal before Apply');

    const roles = await tree.getChildren(byId(await tree.getChildren(model), 'roles:SITE'));
    const manager = byId(roles, 'roles:SITE:2');
    assert.equal(manager.contextValue, 'roleEntry.pending');
    assert.deepEqual(
      manager.children?.map((c) => [c.label, c.description]),
      [
        ['Holders', 'Marketing (with subdepartments), Eva Schmidt · not applied'],
        ['All sites without their own setting (0)', 'Read'],
        ['Company website (#1)', 'Read, Edit, Settings, Publish'],
        ['Spring promo (#3)', 'Read, Edit · not applied'],
      ],
    );
    assert.deepEqual(
      manager.children?.[0].children?.map((c) => c.label),
      ['DR3  Marketing (with subdepartments)', 'U5  Eva Schmidt'],
    );

    const applied = await run<RoleCommandResult>('bitrix24.rights.applyRoles', { section: 'SITE', confirm: true });
    assert.equal(applied?.status, 'applied', applied?.message);
    assert.ok(planShownThenClosed('/roles/site/planned.jsonc'), 'the plan was shown as a diff, and closed after the apply');
    const planned = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'bitrix24-rights-plan', path: `/${host()}/roles/site/planned.jsonc` }));
    assert.match(planned.getText(), /"DR3",\s+\/\/ Marketing \(with subdepartments\)\n\s+"U5"\s+\/\/ Eva Schmidt/, 'each holder is named beside its code');
    assert.equal(applied?.notice?.level, 'info');
    assert.match(applied?.notice?.text ?? '', /Applied "Manager" in Sites and Stores/);
    assert.deepEqual(role(2)?.accessCodes.sort(), ['DR3', 'U5']);
    assert.deepEqual(role(2)?.rights['3'], ['read', 'edit']);
    assert.deepEqual(await asEva(3), ['read', 'edit'], 'Eva holds the role now and gets its rights on site 3');

    const restored = await run<RoleCommandResult>('bitrix24.rights.restoreRoles', { section: 'SITE', confirm: true });
    assert.equal(restored?.status, 'applied', restored?.message);
    assert.ok(planShownThenClosed('/roles/site/restored.jsonc'));
    assert.deepEqual(role(2)?.accessCodes, ['DR3'], 'holders back as before');
    assert.equal(role(2)?.rights['3'], undefined);
    assert.deepEqual(await asEva(3), [], 'Eva no longer holds a role');

    const back = await run<{ status: string }>('bitrix24.rights.restoreModel', { confirm: true });
    assert.equal(back?.status, 'switched');
    assert.equal(portal.snapshot().roleModel, false);
    const journal = readFileSync(onDisk(roleJournalPath(host())), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; action?: string; from?: string; to?: string });
    assert.deepEqual(
      journal.map((e) => (e.kind === 'model' ? `${e.from}→${e.to}` : e.action)),
      ['extended→role', 'apply', 'apply', 'restore', 'role→extended'],
    );
  });

  it('changes one access code on several sites: one plan, one journal line, a failing site reported, Restore per site', async () => {
    const first = await run<MultiSiteOutcome>('bitrix24.rights.applyToSites', { siteIds: [1, 3, 4], code: 'AU', operations: ['read'], confirm: true });
    assert.equal(first?.status, 'applied', first?.message);
    portal.faults.set({ failNext: { method: 'landing.site.setRights', error: 'ACCESS_DENIED' } });
    const journalBefore = readFileSync(onDisk(journalPath(host())), 'utf8');
    const out = await run<MultiSiteOutcome>('bitrix24.rights.applyToSites', { siteIds: [1, 3, 4], code: 'DR3', operations: ['read', 'edit'], confirm: true });
    assert.equal(out?.status, 'partial', out?.message);
    assert.ok(planShownThenClosed('/sites/planned.jsonc'), 'the plan was shown as a diff, and closed after the apply');
    assert.deepEqual(
      out?.results.map((r) => [r.site.id, r.status]),
      [
        [1, 'rejected'],
        [3, 'applied'],
        [4, 'applied'],
      ],
    );
    assert.match(out?.message ?? '', /applied to 2 of 3 sites.*Not applied: "Company website" \(#1\).*other sites stay applied/);
    assert.deepEqual(siteRights(1), { AU: ['read'] });
    assert.deepEqual(siteRights(3), { AU: ['read'], DR3: ['read', 'edit'] });
    const added = readFileSync(onDisk(journalPath(host())), 'utf8')
      .slice(journalBefore.length)
      .trim()
      .split('\n');
    assert.equal(added.length, 1, 'one journal line for the whole change');
    const file1 = parseRightsFile(readFileSync(onDisk(rightsFilePath(host(), 1)), 'utf8'));
    assert.ok(file1.ok && !('DR3' in (file1.file.lastApplied?.rules ?? {})), 'the failed site keeps its last applied set');

    const restored = await run<RightsCommandResult>('bitrix24.rights.restore', { siteId: 4, confirm: true });
    assert.equal(restored?.status, 'applied', restored?.message);
    assert.deepEqual(siteRights(4), { AU: ['read'] });
    assert.deepEqual(siteRights(3), { AU: ['read'], DR3: ['read', 'edit'] }, 'the other site stays applied');
  });

  it('keeps rights files, role files and the journal on a file system provider through workspace.fs', async () => {
    const provider = new MemoryProvider();
    const registration = vscode.workspace.registerFileSystemProvider('b24test', provider, { isCaseSensitive: true });
    const readonly = new MemoryProvider();
    const roRegistration = vscode.workspace.registerFileSystemProvider('b24readonly', readonly, { isCaseSensitive: true, isReadonly: true });
    try {
      const rootUri = vscode.Uri.from({ scheme: 'b24test', path: '/remote-workspace' });
      const fs = workspaceFileSystem(rootUri);
      const loc = parseWebhookUrl(portal.webhooks.admin);
      assert.ok(loc.ok);
      const api = new RestClient({ credentials: { kind: 'webhook', ...loc.value }, retry: { maxAttempts: 1 } });
      await saveRights(
        fs,
        host(),
        withRule(newRightsFile(host(), { id: 3, code: 'spring-promo', title: 'Spring promo', type: 'PAGE' }), 'U5', ['read', 'edit']),
      );
      const out = await applyRights({ api, fs, confirm: async () => true }, 3);
      assert.equal(out.status, 'applied', out.message);
      const rightsPath = `/remote-workspace/${rightsFilePath(host(), 3)}`;
      const saved = parseRightsFile(provider.text(rightsPath) ?? '');
      assert.ok(saved.ok && saved.file.lastApplied, 'the rights file on the provider records the apply');
      assert.match(provider.text(`/remote-workspace/${journalPath(host())}`) ?? '', /"outcome":"applied"/);
      await importRoles(api, fs, 'KNOWLEDGE');
      assert.ok(provider.text(`/remote-workspace/${roleFilePath(host(), 'KNOWLEDGE')}`)?.includes('"section": "KNOWLEDGE"'));
      assert.ok(provider.ops.some((o) => o.startsWith('read ')) && provider.ops.some((o) => o.startsWith('write ')));
      assert.ok(!existsSync(onDisk(roleFilePath(host(), 'KNOWLEDGE'))), 'nothing went to the local disk');
      assert.match(writeRefusal(vscode.Uri.from({ scheme: 'b24readonly', path: '/ws' })) ?? '', /read-only/);
      assert.equal(writeRefusal(rootUri), undefined);
    } finally {
      registration.dispose();
      roRegistration.dispose();
    }
  });
});
