import assert from 'node:assert/strict';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseWebhookUrl } from '../../../client/src/portal/portal-url';
import { RATE_LIMITS } from '../../../client/src/portal/rate-limiter';
import { RestClient } from '../../../client/src/portal/rest-client';
import { portalHost } from '../../../client/src/rights/api';
import { applyRights, ApplyDeps, restorePrevious } from '../../../client/src/rights/apply';
import { readJournal } from '../../../client/src/rights/journal';
import type { Operation } from '../../../client/src/rights/operations';
import { newRightsFile, RulesSet, withRule } from '../../../client/src/rights/rights-file';
import { loadRights, saveRights } from '../../../client/src/rights/rights-store';
import { DemoPortal, startDemoPortal } from '../../../demo-portal/src';
import { MemoryFs } from './memory-fs';

/** What the gateway in front of the portal does with the next `landing.site.setRights`. */
type Gateway = { status: number; forward: boolean; then?: () => Promise<void>; location?: string } | undefined;

/**
 * A loopback gateway in front of the demo portal that forwards every request
 * and, when told, answers a `landing.site.setRights` with a 5xx page or a
 * redirect — after forwarding it (the save went through) or instead of forwarding it.
 */
async function startGateway(target: string, next: () => Gateway): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks);
      const fault = (req.url ?? '').includes('landing.site.setRights') ? next() : undefined;
      let upstream: Response | undefined;
      if (!fault || fault.forward) {
        upstream = await fetch(`${target}${req.url ?? '/'}`, {
          method: req.method,
          headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
          body: req.method === 'GET' ? undefined : body,
        });
      }
      await fault?.then?.();
      if (fault) {
        res.writeHead(fault.status, { 'content-type': 'text/html', ...(fault.location ? { location: fault.location } : {}) });
        res.end(`<html><body><h1>${fault.status} Gateway</h1></body></html>`);
        return;
      }
      const text = await upstream!.text();
      res.writeHead(upstream!.status, { 'content-type': 'application/json' });
      res.end(text);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const SITE = 1; // "Company website"; the manager webhook acts as Carol (U3, a full-access non-administrator).
const ALL: Operation[] = ['read', 'edit', 'sett', 'public', 'delete'];
const FIRST: RulesSet = { AU: ['read'], U1: ALL, U3: ['read'] };
const SECOND: RulesSet = { AU: ['read'], U1: ALL, U3: ['read', 'edit', 'public'] };

describe('rights/apply: a save answered with a 5xx is settled by re-reading the portal', () => {
  let demo: DemoPortal;
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  let fault: Gateway;

  before(async () => {
    demo = await startDemoPortal({ port: 0, rateLimit: false });
    gateway = await startGateway(demo.baseUrl, () => {
      const f = fault;
      fault = undefined;
      return f;
    });
  });
  after(async () => {
    await gateway.close();
    await demo.close();
  });
  beforeEach(async () => {
    fault = undefined;
    await demo.reset();
  });

  function setup(webhook: 'manager' | 'admin' = 'manager') {
    const hook = parseWebhookUrl(demo.webhooks[webhook].replace(demo.baseUrl, gateway.origin));
    assert.ok(hook.ok);
    const api = new RestClient({ credentials: { kind: 'webhook', ...hook.value }, rateLimit: RATE_LIMITS.enterprise });
    const fs = new MemoryFs();
    const host = portalHost(api.portal);
    const deps: ApplyDeps = { api, fs, confirm: async () => true };
    const write = async (rules: RulesSet) => {
      const loaded = await loadRights(fs, host, SITE);
      let file = loaded.status === 'ok' ? loaded.file : newRightsFile(host, { id: SITE, code: 'company', title: 'Company website', type: 'PAGE' });
      file = { ...file, rules: {} };
      for (const [code, ops] of Object.entries(rules)) file = withRule(file, code, ops);
      await saveRights(fs, host, file);
    };
    const onPortal = () => demo.snapshot().sites.find((s) => s.id === SITE)?.rights;
    const lastApplied = async () => {
      const loaded = await loadRights(fs, host, SITE);
      assert.equal(loaded.status, 'ok');
      return loaded.status === 'ok' ? loaded.file.lastApplied?.rules : undefined;
    };
    return { api, fs, host, deps, write, onPortal, lastApplied };
  }

  /** Applies FIRST normally, then SECOND through the gateway fault. */
  async function applyTwice(t: ReturnType<typeof setup>, f: Gateway) {
    await t.write(FIRST);
    const first = await applyRights(t.deps, SITE);
    assert.equal(first.status, 'applied', first.message);
    await t.write(SECOND);
    fault = f;
    return applyRights(t.deps, SITE);
  }

  for (const status of [500, 502, 503, 504]) {
    it(`HTTP ${status} after the portal saved: outcome unknown, verified applied, recorded as applied`, async () => {
      const t = setup();
      const out = await applyTwice(t, { status, forward: true });
      assert.deepEqual(t.onPortal(), SECOND, 'the gateway did forward the save');
      assert.equal(out.status, 'applied', out.message);
      assert.match(out.message, new RegExp(`^Outcome unknown: the portal's answer to the save was unclear \\(HTTP ${status}\\)`));
      assert.match(out.message, /Verified: applied\. Applied 3 rules/);
      assert.doesNotMatch(out.message, /kept its rules/);
      assert.deepEqual(out.verified, ['read', 'edit', 'public']);
      // The next plan's baseline and Restore start from what the portal holds.
      assert.deepEqual(await t.lastApplied(), SECOND);
      const { entries } = await readJournal(t.fs, t.host);
      assert.deepEqual(
        entries.map((e) => e.outcome),
        ['applied', 'applied'],
      );
      assert.deepEqual(entries[1].before, FIRST);
      assert.equal(entries[1].error, `HTTP ${status}; verified applied`);
      const restored = await restorePrevious(t.deps, SITE);
      assert.equal(restored.status, 'applied', restored.message);
      assert.deepEqual(t.onPortal(), FIRST);
    });
  }

  it('HTTP 504 before the portal saw the save: verified not applied, recorded as rejected', async () => {
    const t = setup();
    const out = await applyTwice(t, { status: 504, forward: false });
    assert.deepEqual(t.onPortal(), FIRST);
    assert.equal(out.status, 'rejected', out.message);
    assert.match(out.message, /Outcome unknown: .*\(HTTP 504\).* Verified: not applied\. The portal kept its rules \(you still have: Read\)/);
    assert.deepEqual(await t.lastApplied(), FIRST, 'the baseline stays what the portal holds');
    const { entries } = await readJournal(t.fs, t.host);
    assert.deepEqual(
      entries.map((e) => [e.outcome, e.error]),
      [
        ['applied', undefined],
        ['rejected', 'HTTP 504; verified not applied'],
      ],
    );
  });

  // The client never follows a redirect (it would re-send the write, token and all, to another
  // address); whatever answered with it may have run the save first, so it is settled the same way.
  it('HTTP 307 to another origin after the portal saved: outcome unknown, verified applied, recorded as applied', async () => {
    const t = setup();
    const out = await applyTwice(t, { status: 307, forward: true, location: 'https://portal-moved.example.com/rest/landing.site.setRights.json' });
    assert.deepEqual(t.onPortal(), SECOND, 'the gateway did forward the save');
    assert.equal(out.status, 'applied', out.message);
    assert.match(
      out.message,
      /^Outcome unknown: the portal's answer to the save was unclear \(HTTP 307 redirect to https:\/\/portal-moved\.example\.com, not followed\)/,
    );
    assert.match(out.message, /Verified: applied\./);
    assert.deepEqual(await t.lastApplied(), SECOND);
    const { entries } = await readJournal(t.fs, t.host);
    assert.deepEqual(
      entries.map((e) => [e.outcome, e.error]),
      [
        ['applied', undefined],
        ['applied', 'HTTP 307 redirect to https://portal-moved.example.com, not followed; verified applied'],
      ],
    );
  });

  it('HTTP 307 to another origin before the portal saw the save: verified not applied, recorded as rejected', async () => {
    const t = setup();
    const out = await applyTwice(t, { status: 307, forward: false, location: 'https://portal-moved.example.com/rest/landing.site.setRights.json' });
    assert.deepEqual(t.onPortal(), FIRST);
    assert.equal(out.status, 'rejected', out.message);
    assert.match(
      out.message,
      /Outcome unknown: .*\(HTTP 307 redirect to https:\/\/portal-moved\.example\.com, not followed\).* Verified: not applied\. The portal kept its rules/,
    );
    assert.deepEqual(await t.lastApplied(), FIRST);
    const { entries } = await readJournal(t.fs, t.host);
    assert.deepEqual(
      entries.map((e) => [e.outcome, e.error]),
      [
        ['applied', undefined],
        ['rejected', 'HTTP 307 redirect to https://portal-moved.example.com, not followed; verified not applied'],
      ],
    );
  });

  it('stays unknown, and says why, when re-reading cannot tell (an administrator holds every right)', async () => {
    const t = setup('admin');
    const out = await applyTwice(t, { status: 502, forward: true });
    assert.equal(out.status, 'uncertain', out.message);
    assert.match(out.message, /Still unknown: as a portal administrator you hold every right on every site/);
    assert.match(out.message, /Apply again to be sure/);
    assert.deepEqual(await t.lastApplied(), FIRST);
    const { entries } = await readJournal(t.fs, t.host);
    assert.deepEqual(
      entries.map((e) => e.outcome),
      ['applied', 'uncertain'],
    );
  });

  it('says the site is gone when it was deleted before the answer came', async () => {
    const t = setup();
    const admin = parseWebhookUrl(demo.webhooks.admin);
    assert.ok(admin.ok);
    const deleteSite = async () => {
      await new RestClient({ credentials: { kind: 'webhook', ...admin.value } }).call('landing.site.delete', { id: SITE });
    };
    const out = await applyTwice(t, { status: 504, forward: true, then: deleteSite });
    assert.equal(out.status, 'aborted');
    assert.equal(out.abortReason, 'site-gone');
    assert.match(out.message, /Outcome unknown: .* no longer exists on the portal or is in the trash/);
    const { entries } = await readJournal(t.fs, t.host);
    assert.equal(entries[1].outcome, 'uncertain');
  });
});
