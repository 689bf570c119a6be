/**
 * The connection manager against the real demo portal: what it publishes for
 * live checks, when it goes to the network, and what it forgets.
 */
import assert from 'node:assert/strict';
import { DemoPortal, startDemoPortal } from '../../../demo-portal/src';
import { ConnectionStore } from '../../../client/src/portal/connections';
import { isPortalError } from '../../../client/src/portal/errors';
import { ConnectionManager, FACTS_REFRESH_MS, type Timers } from '../../../client/src/portal-ui/connection-manager';
import { statusView } from '../../../client/src/portal-ui/status-text';
import { PORTAL_FACTS_MAX_AGE_MS, type PortalFacts } from '../../../server/src/protocol';
import { CapturingLog, FakeClock, MemorySecrets, MemorySettings, rejection } from '../portal/helpers';

/** Timers on a clock the test moves; due callbacks run in order as it advances. */
class FakeTimers implements Timers {
  t = Date.parse('2025-06-01T12:00:00Z');
  private next = 0;
  private queue: { id: number; at: number; fn: () => void }[] = [];
  set(fn: () => void, ms: number): unknown {
    const id = ++this.next;
    this.queue.push({ id, at: this.t + ms, fn });
    return id;
  }
  clear(handle: unknown): void {
    this.queue = this.queue.filter((q) => q.id !== handle);
  }
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = this.queue.filter((q) => q.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.queue = this.queue.filter((q) => q !== due);
      this.t = due.at;
      due.fn();
    }
    this.t = end;
  }
}

describe('portal connection manager', () => {
  let demo: DemoPortal;
  let other: DemoPortal;
  let requests: string[];
  let secrets: MemorySecrets;
  let settings: MemorySettings;
  let log: CapturingLog;
  let timers: FakeTimers;
  let published: Array<PortalFacts | undefined>;
  let waiters: Array<(f: PortalFacts | undefined) => void>;
  let manager: ConnectionManager;

  before(async () => {
    demo = await startDemoPortal({ rateLimit: false, log: (line) => void requests.push(line) });
    other = await startDemoPortal({ rateLimit: false });
  });
  after(async () => {
    await demo.close();
    await other.close();
  });

  function makeManager(): ConnectionManager {
    const clock = new FakeClock();
    const store = new ConnectionStore({ secrets, settings, log, clock, retry: { maxAttempts: 1 } });
    return new ConnectionManager({
      store,
      secrets,
      log,
      timers,
      now: () => timers.t,
      onFacts: (facts) => {
        published.push(facts);
        waiters.splice(0).forEach((w) => w(facts));
      },
    });
  }

  /** Resolves with the next facts the manager publishes. */
  const nextFacts = () => new Promise<PortalFacts | undefined>((resolve) => waiters.push(resolve));
  /** Resolves on the manager's next change notification matching `done`. */
  const changeWhere = (m: ConnectionManager, done: () => boolean) =>
    new Promise<void>((resolve) => {
      const sub = m.onDidChange(() => {
        if (!done()) return;
        sub.dispose();
        resolve();
      });
    });

  beforeEach(async () => {
    await demo.reset();
    demo.faults.clear();
    requests = [];
    secrets = new MemorySecrets();
    settings = new MemorySettings();
    log = new CapturingLog();
    timers = new FakeTimers();
    published = [];
    waiters = [];
    manager = makeManager();
  });
  afterEach(() => manager.dispose());

  it('connects, says who you are and publishes the granted scopes for live checks', async () => {
    const identity = await manager.connect({ kind: 'webhook', url: demo.webhooks.user });
    assert.equal(identity.user.name, 'Eva Schmidt');
    assert.equal(identity.user.admin, false);
    assert.deepEqual(published, [
      { portal: demo.baseUrl, fetchedAt: timers.t, scopes: ['department', 'landing', 'sonet_group', 'user'], admin: false, auth: 'webhook' },
    ]);
    assert.deepEqual(manager.facts(), published[0]);
    const host = new URL(demo.baseUrl).host;
    assert.equal(statusView(manager.status()).text, `$(plug) ${host} — Eva Schmidt`);
    const client = manager.activeClient();
    assert.ok(client, 'no client after connecting');
    assert.equal(((await client.call('profile')) as { NAME: string }).NAME, 'Eva');
  });

  it('saves nothing and publishes nothing when the portal refuses the webhook', async () => {
    const bad = demo.webhooks.user.replace(/\/rest\/(\d+)\/[^/]+\//, '/rest/$1/wrongcode123456/');
    const err = await rejection(manager.connect({ kind: 'webhook', url: bad }));
    assert.ok(isPortalError(err) && err.kind === 'auth', String(err));
    assert.deepEqual(settings.value, { portals: [] });
    assert.equal(secrets.data.size, 0);
    assert.deepEqual(published, []);
    assert.equal(statusView(manager.status()).text, '$(debug-disconnect) Bitrix24: not connected');
  });

  it('restores the saved connection without touching the network; facts come only with a refresh', async () => {
    await manager.connect({ kind: 'webhook', url: demo.webhooks.admin });
    manager.dispose();
    requests = [];
    published = [];
    manager = makeManager();
    await manager.restore();
    assert.deepEqual(requests, [], 'restore made requests');
    assert.ok(manager.activeClient(), 'restore did not load the client');
    assert.equal(manager.facts(), undefined);
    assert.equal(statusView(manager.status()).text, `$(plug) ${new URL(demo.baseUrl).host}`);
    const facts = nextFacts();
    manager.refreshInBackground();
    assert.equal((await facts)?.admin, true);
    assert.equal(requests.length, 2);
    assert.match(statusView(manager.status()).text, /— Alice Morgan \(admin\)$/);
  });

  it('re-reads the facts in the background, and withdraws them when they can no longer be refreshed', async () => {
    await manager.connect({ kind: 'webhook', url: demo.webhooks.user });
    const first = published[0];
    assert.ok(first);
    let refreshed = nextFacts();
    timers.advance(FACTS_REFRESH_MS);
    assert.equal((await refreshed)?.fetchedAt, first.fetchedAt + FACTS_REFRESH_MS);

    demo.faults.set({ status5xx: 503 });
    const failed = changeWhere(manager, () => manager.status().problem !== undefined && !manager.status().verifying);
    timers.advance(FACTS_REFRESH_MS);
    await failed;
    assert.equal(manager.status().problem?.kind, 'unreachable');
    assert.ok(manager.facts(), 'facts still fresh after one failed refresh');
    refreshed = nextFacts();
    timers.advance(PORTAL_FACTS_MAX_AGE_MS - FACTS_REFRESH_MS);
    assert.equal(await refreshed, undefined, 'stale facts were not withdrawn');
    assert.equal(manager.facts(), undefined);
  });

  it('withdraws the facts at once when the portal stops accepting the webhook', async () => {
    await manager.connect({ kind: 'webhook', url: demo.webhooks.user });
    demo.faults.set({ failNext: { method: 'profile', error: 'NO_AUTH_FOUND', status: 401 } });
    const withdrawn = nextFacts();
    const err = await rejection(manager.refresh());
    assert.ok(isPortalError(err) && err.kind === 'auth');
    assert.equal(await withdrawn, undefined);
    assert.match(statusView(manager.status()).text, /reconnect needed$/);
  });

  it('disconnecting deletes the secret, withdraws the facts and activates the next portal', async () => {
    await manager.connect({ kind: 'webhook', url: other.webhooks.admin });
    await manager.connect({ kind: 'webhook', url: demo.webhooks.user });
    assert.equal(manager.active()?.url, demo.baseUrl);
    const next = nextFacts();
    await manager.disconnect();
    assert.equal(await manager.hasStoredCredentials(demo.baseUrl), false);
    assert.equal(await manager.hasStoredCredentials(other.baseUrl), true);
    assert.equal(published.at(-1), undefined);
    assert.equal(manager.active()?.url, other.baseUrl);
    assert.equal((await next)?.portal, undefined, 'the old facts were not withdrawn first');
    const verified = await nextFacts();
    assert.equal(verified?.portal, other.baseUrl);
    assert.equal(verified?.admin, true);

    await manager.disconnect(other.baseUrl);
    assert.equal(manager.activeClient(), undefined);
    assert.equal(statusView(manager.status()).text, '$(debug-disconnect) Bitrix24: not connected');
    assert.deepEqual(settings.value.portals, []);
    assert.equal(secrets.data.size, 0);
  });

  it('switches between portals, publishing the new portal’s facts', async () => {
    await manager.connect({ kind: 'webhook', url: other.webhooks.limited });
    await manager.connect({ kind: 'webhook', url: demo.webhooks.admin });
    const identity = await manager.switchTo(other.baseUrl);
    assert.deepEqual(identity?.scopes, ['user_brief']);
    assert.deepEqual(manager.facts()?.scopes, ['user_brief']);
    assert.equal(manager.facts()?.portal, other.baseUrl);
  });

  it('asks method.get about methods the catalogue does not know and adds the answers to the facts', async () => {
    await manager.connect({ kind: 'webhook', url: demo.webhooks.manager });
    const answers = await manager.checkMethods(['landing.site.getList', 'department.get', 'vendor.custom.run']);
    assert.deepEqual(answers, {
      'landing.site.getlist': { exists: true, available: true },
      'department.get': { exists: true, available: false },
      'vendor.custom.run': { exists: false, available: false },
    });
    assert.deepEqual(published.at(-1)?.methods, answers);
    const before = requests.length;
    await manager.checkMethods(['LANDING.SITE.GETLIST']);
    assert.equal(requests.length, before, 'asked again about a method already answered');
  });

  it('never writes the webhook code to its log', async () => {
    await manager.connect({ kind: 'webhook', url: demo.webhooks.user });
    demo.faults.set({ status5xx: 500 });
    await rejection(manager.refresh());
    await manager.disconnect();
    const code = demo.webhooks.user.split('/').at(-2);
    assert.ok(code && code.length >= 6);
    assert.ok(log.lines.length >= 3, 'expected connect, failure and disconnect lines');
    assert.ok(
      log.lines.every((l) => !l.includes(code)),
      'the webhook code reached the log',
    );
  });
});
