// Site rights writes that meet a misbehaving gateway, in a real VS Code against a demo portal:
// a 5xx answer after the portal saved the rules, and a redirect to another origin. The user
// must be told what really happened, and the rights file, journal and portal must agree.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { startDemoPortal, type DemoPortal } from '../../../demo-portal/src';
import type { RightsCommandResult } from '../../../client/src/rights/commands';
import type { JournalEntry } from '../../../client/src/rights/journal';
import { parseRightsFile, type RulesSet } from '../../../client/src/rights/rights-file';
import { journalPath, rightsFilePath } from '../../../client/src/rights/rights-store';
import type { SiteRightsTree } from '../../../client/src/rights/site-rights-tree';
import { extensionApi, workspaceFolder } from './helpers';

const run = <T>(command: string, arg?: unknown) => vscode.commands.executeCommand<T>(command, arg);
const SITE = 1; // "Company website": the manager webhook acts as Carol (U3), a full-access non-administrator.
const ALL = ['read', 'edit', 'sett', 'public', 'delete'];
const FIRST: RulesSet = { AU: ['read'], U1: ALL as RulesSet[string], U3: ['read'] };
const SECOND: RulesSet = { ...FIRST, U3: ['read', 'edit', 'public'] };

/** Resolves once the tree has loaded its root. */
function rootLoaded(tree: SiteRightsTree): Promise<void> {
  return new Promise((resolve, reject) => {
    const sub = tree.onDidLoad((loaded) => {
      if (loaded !== 'root') return;
      sub.dispose();
      clearTimeout(timer);
      resolve();
    });
    // A bound so a broken view fails the test instead of hanging it (not a wait for readiness).
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error('the Site Rights view never loaded its root'));
    }, 30_000);
  });
}

describe('site rights: a gateway in the way of a save', function () {
  let portal: DemoPortal;
  let elsewhere: Server;
  const elsewhereHits: string[] = [];
  let root: string;
  const host = () => new URL(portal.baseUrl).host;
  const rightsFile = () => {
    const parsed = parseRightsFile(readFileSync(join(root, ...rightsFilePath(host(), SITE).split('/')), 'utf8'));
    assert.ok(parsed.ok, 'the rights file does not parse');
    return parsed.file;
  };
  const journal = (): JournalEntry[] =>
    readFileSync(join(root, ...journalPath(host()).split('/')), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as JournalEntry);
  const stored = () => portal.snapshot().sites.find((s) => s.id === SITE)?.rights;
  const apply = () => run<RightsCommandResult>('bitrix24.rights.apply', { siteId: SITE, confirm: true });
  const setU3 = (operations: string[]) => run('bitrix24.rights.editOperations', { siteId: SITE, code: 'U3', operations });

  before(async () => {
    root = workspaceFolder().fsPath;
    await vscode.workspace.getConfiguration('bitrix24').update('rateLimit', 'enterprise', vscode.ConfigurationTarget.Global);
    portal = await startDemoPortal({ port: 0, rateLimit: false });
    elsewhere = createServer((req, res) => {
      elsewhereHits.push(req.method ?? '');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"result":true}');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    const tree = (await extensionApi()).rightsTree;
    const loaded = rootLoaded(tree);
    await run('bitrix24.siteRights.focus');
    const who = await run<{ user: { name: string; admin: boolean } }>('bitrix24.connect', { kind: 'webhook', url: portal.webhooks.manager });
    assert.deepEqual([who?.user.name, who?.user.admin], ['Carol Diaz', false]);
    await loaded;
    // A known baseline: the first apply from this workspace, answered normally.
    for (const [code, operations] of Object.entries(FIRST)) await run('bitrix24.rights.addAccessCode', { siteId: SITE, code, operations });
    const first = await apply();
    assert.equal(first?.status, 'applied', first?.message);
    assert.deepEqual(stored(), FIRST);
  });

  after(async () => {
    await run('bitrix24.disconnect', portal?.baseUrl).then(undefined, () => undefined);
    await portal?.close();
    await new Promise<void>((resolve) => (elsewhere ? elsewhere.close(() => resolve()) : resolve()));
    await vscode.workspace.getConfiguration('bitrix24').update('rateLimit', undefined, vscode.ConfigurationTarget.Global);
  });

  it('a 504 after the portal saved: you are told the outcome was unknown, then verified applied; Restore starts from it', async () => {
    await setU3(['read', 'edit', 'public']);
    portal.faults.set({ failAfterApplying: { method: 'landing.site.setRights', status: 504 } });
    const out = await apply();
    assert.deepEqual(portal.faults.get().failAfterApplying, [], 'the gateway fault fired');
    assert.deepEqual(stored(), SECOND, 'the portal saved the rules');
    assert.equal(out?.status, 'applied', out?.message);
    assert.equal(out.notice?.level, 'info');
    assert.match(
      out.notice?.text ?? '',
      /^Outcome unknown: the portal's answer to the save was unclear \(HTTP 504\), so the site was read again\. Verified: applied\. Applied 3 rules to "Company website" \(#1\) \(1 changed\)\. The portal confirms your own rights on this site are Read, Edit, Publish; it cannot list other rules\.$/,
    );
    const file = rightsFile();
    assert.deepEqual([file.rules, file.lastApplied?.rules], [SECOND, SECOND], 'the next plan compares with what the portal holds');
    const last = journal().at(-1);
    assert.deepEqual([last?.outcome, last?.error, last?.before, last?.after], ['applied', 'HTTP 504; verified applied', FIRST, SECOND]);

    const back = await run<RightsCommandResult>('bitrix24.rights.restore', { siteId: SITE, confirm: true });
    assert.equal(back?.status, 'applied', back?.message);
    assert.deepEqual(stored(), FIRST, 'Restore put back the rules from before the unclear save');
  });

  // A redirect is never followed; whatever answered with it may have run the save first, so the
  // outcome is unknown until the site is read again — the same path as a gateway's 5xx.
  for (const afterApplying of [false, true]) {
    it(`a redirect to another origin ${afterApplying ? 'after' : 'before'} the portal saved: nothing sent there, outcome unknown, verified ${afterApplying ? 'applied' : 'not applied'}`, async () => {
      const rules = afterApplying ? ['read', 'edit', 'public'] : ['read', 'edit'];
      await setU3(rules);
      const before = { portal: stored(), applied: rightsFile().lastApplied?.rules, journal: journal().length };
      const origin = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
      portal.faults.set({ redirect: { status: 307, origin, method: 'landing.site.setRights', afterApplying } });
      let out: RightsCommandResult | undefined;
      try {
        out = await apply();
      } finally {
        portal.faults.clear();
      }
      const text = out?.notice?.text ?? '';
      assert.ok(
        text.startsWith(
          `Outcome unknown: the portal's answer to the save was unclear (HTTP 307 redirect to ${origin}, not followed), so the site was read again.`,
        ),
        text,
      );
      assert.ok(!text.includes('/rest/'), 'only the origin is named, never the path with the webhook code');
      assert.deepEqual(elsewhereHits, [], 'nothing reached the other origin');
      const last = journal().slice(before.journal);
      if (afterApplying) {
        assert.equal(out?.status, 'applied', out?.message);
        assert.match(text, /Verified: applied\./);
        assert.deepEqual(stored(), { ...FIRST, U3: rules });
        assert.deepEqual(rightsFile().lastApplied?.rules, { ...FIRST, U3: rules }, 'the next plan compares with what the portal holds');
        assert.deepEqual(
          last.map((e) => [e.outcome, e.error]),
          [['applied', `HTTP 307 redirect to ${origin}, not followed; verified applied`]],
        );
      } else {
        assert.equal(out?.status, 'rejected', out?.message);
        assert.equal(out?.notice?.level, 'error');
        assert.match(text, /Verified: not applied\. The portal kept its rules/);
        assert.deepEqual(stored(), before.portal);
        assert.deepEqual(rightsFile().lastApplied?.rules, before.applied);
        assert.deepEqual(
          last.map((e) => [e.outcome, e.error]),
          [['rejected', `HTTP 307 redirect to ${origin}, not followed; verified not applied`]],
        );
      }
    });
  }
});
