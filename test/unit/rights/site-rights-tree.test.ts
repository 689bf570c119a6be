import './vscode-stub';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeFileSystem } from '../../../client/src/rights/node-file-system';
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
    assert.deepEqual(await new SiteRightsTree({ getApi: () => undefined, fileSystem: () => nodeFileSystem(root), fileUri: () => undefined, writeRefusal: () => undefined, log }).getChildren(), []);
  });

  it('renders nodes as tree items with icons, context values and commands', async () => {
    const tree = new SiteRightsTree({ getApi: () => new FakeApi(25), fileSystem: () => nodeFileSystem(root), fileUri: () => undefined, writeRefusal: () => undefined, log });
    const top = await tree.getChildren();
    const section = top.find((n) => n.id === 'section:SITE') as TreeNode;
    const sites = await tree.getChildren(section);
    const more = sites[sites.length - 1];
    const item = tree.getTreeItem(more) as unknown as { id: string; contextValue: string; command: { command: string; arguments: unknown[] }; iconPath: { id: string } };
    assert.equal(item.id, 'section:SITE:more');
    assert.equal(item.contextValue, 'loadMore');
    assert.deepEqual([item.command.command, item.command.arguments], ['bitrix24.rights.loadMore', ['SITE']]);
    assert.equal(item.iconPath.id, 'ellipsis');
  });

  it('loads more into the same section node and re-renders only it', async () => {
    const tree = new SiteRightsTree({ getApi: () => new FakeApi(25), fileSystem: () => nodeFileSystem(root), fileUri: () => undefined, writeRefusal: () => undefined, log });
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
    const tree = new SiteRightsTree({ getApi: () => api, fileSystem: () => nodeFileSystem(root), fileUri: () => undefined, writeRefusal: () => undefined, log });
    const section = (await tree.getChildren()).find((n) => n.id === 'section:SITE') as TreeNode;
    assert.equal(tree.model, 'role');
    assert.equal((await tree.getChildren(section))[0].contextValue, 'site.readonly');
    tree.refresh();
    assert.equal(tree.loadedSites().length, 0);
  });
});
