import './vscode-stub';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { portalHost } from '../../../client/src/rights/api';
import { nodeFileSystem } from '../../../client/src/rights/node-file-system';
import { newRightsFile, withRule } from '../../../client/src/rights/rights-file';
import { saveRights } from '../../../client/src/rights/rights-store';
import { SiteRightsTree, RightsDeps } from '../../../client/src/rights/site-rights-tree';
import type { TreeNode } from '../../../client/src/rights/tree-nodes';
import { FakeApi } from './fake-api';

const log = { error: () => undefined, info: () => undefined, warn: () => undefined } as unknown as RightsDeps['log'];

describe('rights/site-rights-tree (provider)', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'rights-tree-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is empty without a connection, so the welcome view shows', async () => {
    assert.deepEqual(await new SiteRightsTree().getChildren(), []);
    assert.deepEqual(
      await new SiteRightsTree({
        getApi: () => undefined,
        fileSystem: () => nodeFileSystem(root),
        fileUri: () => undefined,
        writeRefusal: () => undefined,
        log,
      }).getChildren(),
      [],
    );
  });

  it('renders nodes as tree items with icons, context values and commands', async () => {
    const tree = new SiteRightsTree({
      getApi: () => new FakeApi(25),
      fileSystem: () => nodeFileSystem(root),
      fileUri: () => undefined,
      writeRefusal: () => undefined,
      log,
    });
    const top = await tree.getChildren();
    const section = top.find((n) => n.id === 'section:SITE') as TreeNode;
    const sites = await tree.getChildren(section);
    const more = sites[sites.length - 1];
    const item = tree.getTreeItem(more) as unknown as {
      id: string;
      contextValue: string;
      command: { command: string; arguments: unknown[] };
      iconPath: { id: string };
    };
    assert.equal(item.id, 'section:SITE:more');
    assert.equal(item.contextValue, 'loadMore');
    assert.deepEqual([item.command.command, item.command.arguments], ['bitrix24.rights.loadMore', ['SITE']]);
    assert.equal(item.iconPath.id, 'ellipsis');
  });

  it('loads more into the same section node and re-renders only it', async () => {
    const tree = new SiteRightsTree({
      getApi: () => new FakeApi(25),
      fileSystem: () => nodeFileSystem(root),
      fileUri: () => undefined,
      writeRefusal: () => undefined,
      log,
    });
    const section = (await tree.getChildren()).find((n) => n.id === 'section:SITE') as TreeNode;
    assert.equal((await tree.getChildren(section)).length, 21);
    const fired: (TreeNode | undefined)[] = [];
    tree.onDidChangeTreeData((n) => fired.push(n));
    await tree.loadMore('SITE');
    assert.equal(fired.length, 1);
    assert.equal(fired[0], section, 'fires the very object VS Code holds');
    assert.equal((await tree.getChildren(section)).length, 25);
    assert.equal(tree.findSite(25)?.title, 'Site 25');
  });

  it('remembers the model for the commands, and forgets loaded pages on refresh', async () => {
    const api = new FakeApi(3);
    api.roleModel = true;
    const tree = new SiteRightsTree({
      getApi: () => api,
      fileSystem: () => nodeFileSystem(root),
      fileUri: () => undefined,
      writeRefusal: () => undefined,
      log,
    });
    const section = (await tree.getChildren()).find((n) => n.id === 'section:SITE') as TreeNode;
    assert.equal(tree.model, 'role');
    assert.equal((await tree.getChildren(section))[0].contextValue, 'site.readonly');
    tree.refresh();
    assert.equal(tree.loadedSites().length, 0);
  });

  it('counts the sites with unapplied changes for the view badge, and none while disconnected', async () => {
    let api: FakeApi | undefined = new FakeApi(3);
    const fs = nodeFileSystem(root);
    const host = portalHost(api.portal);
    await saveRights(fs, host, withRule(newRightsFile(host, { id: 2, code: 's2', title: 'Site 2', type: 'PAGE' }), 'AU', ['read']));
    const tree = new SiteRightsTree({ getApi: () => api, fileSystem: () => fs, fileUri: () => undefined, writeRefusal: () => undefined, log });
    const counts: number[][] = [];
    tree.onDidChangePending((ids) => counts.push(ids));
    await tree.getChildren();
    await tree.recountPending();
    assert.deepEqual(tree.pending, [2]);
    await saveRights(fs, host, withRule(newRightsFile(host, { id: 3, code: 's3', title: 'Site 3', type: 'PAGE' }), 'U1', ['read']));
    tree.siteChanged({ id: 3, code: 's3', title: 'Site 3', type: 'PAGE', section: 'SITE' });
    await tree.recountPending();
    assert.deepEqual(tree.pending, [2, 3]);
    api = undefined;
    tree.refresh();
    await tree.getChildren();
    await tree.recountPending();
    assert.deepEqual(tree.pending, [], 'no badge without a connection');
    assert.deepEqual(counts.at(-1), []);
  });
});
