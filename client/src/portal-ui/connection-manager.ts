/**
 * The extension's view of its portal connections: owns the ConnectionStore,
 * keeps a ready REST client for the active portal, knows who it acts as, and
 * publishes the facts the language server checks code against. Facts are
 * refreshed in the background while connected and withdrawn once they are
 * too old to trust, so an offline editor never shows stale claims.
 * No `vscode` import: tests drive it against the demo portal.
 */
import { ConnectionStore, isPortalError, parsePortalUrl, redactingLogger } from '../portal';
import type { ConnectInput, LogSink, PortalEntry, PortalIdentity, PortalLogger, RestClient, SecretStore } from '../portal';
import { secretKey } from '../portal/secret-record';
import { localize } from '../l10n/localize';
import { PORTAL_FACTS_MAX_AGE_MS, type PortalFacts } from '../../../server/src/protocol';
import { factsFrom, hostOf } from '../portal/facts';
import type { PortalProblem, StatusInput } from './status-text';
import { checkUnknownMethods, type MethodAnswers } from '../portal/unknown-methods';

/** How often the active portal's facts are re-read while connected: well inside their ten-minute life. */
export const FACTS_REFRESH_MS = 5 * 60_000;

/** Timer functions, injectable so tests control time. */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** Real timers that never keep the process alive on their own. */
export const systemTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface ConnectionManagerOptions {
  store: ConnectionStore;
  /** The store's secret storage, to answer "are credentials still stored?". */
  secrets: SecretStore;
  log?: LogSink;
  /** Called whenever the facts change; undefined when there are none to trust. */
  onFacts?: (facts: PortalFacts | undefined) => void;
  /** Wall clock (ms since epoch) for `fetchedAt`. */
  now?: () => number;
  timers?: Timers;
  /** Background refresh interval; 0 turns it off. */
  refreshEveryMs?: number;
}

/** Failures that mean the saved credentials no longer work (as opposed to the portal being unreachable). */
const CREDENTIAL_FAILURES = new Set(['auth', 'expired', 'denied', 'scope', 'not-admin']);

export class ConnectionManager {
  private readonly listeners = new Set<() => void>();
  private readonly log: PortalLogger;
  private readonly now: () => number;
  private readonly timers: Timers;
  private client: RestClient | undefined;
  /** The portal the loaded state belongs to. */
  private loadedFor: string | undefined;
  private identity: PortalIdentity | undefined;
  private currentFacts: PortalFacts | undefined;
  private methods: MethodAnswers = {};
  private problem: PortalProblem | undefined;
  private verifying = 0;
  /** Bumped whenever the active portal's state is reset; late answers for an older generation are dropped. */
  private generation = 0;
  /** Our own settings writes in flight; their change events need no reaction. */
  private ownWrites = 0;
  private refreshTimer: unknown;
  private expiryTimer: unknown;

  constructor(private readonly options: ConnectionManagerOptions) {
    this.log = redactingLogger(options.log, options.store.redactor);
    this.now = options.now ?? Date.now;
    this.timers = options.timers ?? systemTimers;
  }

  /** The underlying store, for callers that need a client for a specific portal. */
  get store(): ConnectionStore {
    return this.options.store;
  }

  /** Connected portals. */
  portals(): PortalEntry[] {
    return this.store.list();
  }

  /** The active portal, if any. */
  active(): PortalEntry | undefined {
    return this.store.active();
  }

  /** Who the active connection acts as, once verified in this session. */
  whoAmI(): PortalIdentity | undefined {
    return this.identity;
  }

  /** Everything the status bar shows. */
  status(): StatusInput {
    return { active: this.active(), identity: this.identity, verifying: this.verifying > 0, problem: this.problem, count: this.portals().length };
  }

  /** The active portal's facts while fresh, otherwise undefined. */
  facts(): PortalFacts | undefined {
    const f = this.currentFacts;
    return f && this.now() - f.fetchedAt <= PORTAL_FACTS_MAX_AGE_MS ? f : undefined;
  }

  /** A ready REST client for the active portal (after `restore` or `connect`), or undefined. */
  activeClient(): RestClient | undefined {
    return this.client;
  }

  /** Subscribes to any change of portals, active portal, identity or status. */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Loads the active portal's client from storage. No network: verification is separate. */
  async restore(): Promise<void> {
    await this.loadActive();
  }

  /** Validates and saves a new connection, makes it active and publishes its facts. Nothing is saved on failure. */
  async connect(input: ConnectInput, signal?: AbortSignal): Promise<PortalIdentity> {
    const identity = await this.writing(() => this.store.connect(input, signal));
    await this.loadActive();
    this.accept(identity, this.generation);
    this.scheduleRefresh(this.generation);
    return identity;
  }

  /** Re-reads who the active connection acts as (`profile` + `scope`) and republishes the facts. */
  async refresh(signal?: AbortSignal): Promise<PortalIdentity | undefined> {
    const entry = this.active();
    if (!entry) return undefined;
    if (this.loadedFor !== entry.url || !this.client) await this.loadActive();
    const gen = this.generation;
    this.verifying++;
    this.changed();
    try {
      const identity = await this.store.verify(entry.url, signal);
      this.accept(identity, gen);
      return identity;
    } catch (e) {
      if (gen === this.generation) this.reject(entry.url, e);
      throw e;
    } finally {
      this.verifying--;
      this.scheduleRefresh(gen);
      this.changed();
    }
  }

  /** `refresh` for background use: failures are recorded in the status and the log, not thrown. */
  refreshInBackground(): void {
    if (this.active()) this.refresh().catch(() => undefined);
  }

  /** Makes another connected portal active and verifies it. */
  async switchTo(portal: string, signal?: AbortSignal): Promise<PortalIdentity | undefined> {
    await this.writing(() => this.store.setActive(portal));
    await this.loadActive();
    return this.refresh(signal);
  }

  /** Deletes a portal's credentials and settings entry (default: the active one); the next portal, if any, becomes active. */
  async disconnect(portal?: string): Promise<boolean> {
    const target = portal ?? this.active()?.url;
    if (target === undefined) return false;
    const origin = parsePortalUrl(target);
    const wasActive = origin.ok && origin.value === this.active()?.url;
    await this.writing(() => this.store.disconnect(target));
    if (wasActive) {
      await this.loadActive();
      this.refreshInBackground();
    } else {
      this.changed();
    }
    return true;
  }

  /**
   * Asks the active portal (`method.get`) about methods the catalogue does not
   * know and adds the answers to the published facts. Names already answered
   * for this connection are not asked again.
   */
  async checkMethods(names: Iterable<string>, signal?: AbortSignal): Promise<MethodAnswers> {
    const client = this.client;
    if (!client) return {};
    const gen = this.generation;
    const unasked = [...names].filter((n) => !(n.toLowerCase() in this.methods));
    const answers = await checkUnknownMethods(client, unasked, signal);
    if (gen !== this.generation || Object.keys(answers).length === 0) return answers;
    Object.assign(this.methods, answers);
    if (this.currentFacts) this.publish({ ...this.currentFacts, methods: { ...this.methods } });
    return answers;
  }

  /** True while secret storage still holds credentials for `portal`. */
  async hasStoredCredentials(portal: string): Promise<boolean> {
    const origin = parsePortalUrl(portal);
    return origin.ok && (await this.options.secrets.get(secretKey(origin.value))) !== undefined;
  }

  /** Call when the portal settings changed outside this manager (e.g. settings.json edited by hand). */
  settingsChanged(): void {
    if (this.ownWrites > 0) return;
    if (this.active()?.url === this.loadedFor) {
      this.changed();
      return;
    }
    void this.loadActive().then(() => this.refreshInBackground());
  }

  /** Stops timers and drops listeners; late answers are ignored. */
  dispose(): void {
    this.generation++;
    this.timers.clear(this.refreshTimer);
    this.timers.clear(this.expiryTimer);
    this.listeners.clear();
  }

  private async writing<T>(op: () => Promise<T>): Promise<T> {
    this.ownWrites++;
    try {
      return await op();
    } finally {
      this.ownWrites--;
    }
  }

  /** Resets everything known about the previous active portal and loads the current one's client. */
  private async loadActive(): Promise<void> {
    const gen = ++this.generation;
    const entry = this.active();
    this.loadedFor = entry?.url;
    this.client = undefined;
    this.identity = undefined;
    this.problem = undefined;
    this.methods = {};
    this.timers.clear(this.refreshTimer);
    this.publish(undefined);
    if (entry) {
      try {
        const client = await this.store.client(entry.url);
        if (gen === this.generation) this.client = client;
      } catch (e) {
        if (gen === this.generation) this.reject(entry.url, e);
      }
    }
    if (gen === this.generation) this.changed();
  }

  private accept(identity: PortalIdentity, gen: number): void {
    if (gen !== this.generation || identity.portal !== this.loadedFor) return;
    const before = this.identity?.scopes.join(' ');
    // Another grant may change which custom methods are available.
    if (before !== undefined && before !== identity.scopes.join(' ')) this.methods = {};
    this.identity = identity;
    this.problem = undefined;
    this.publish(factsFrom(identity, this.now(), this.methods));
    this.changed();
  }

  private reject(portal: string, e: unknown): void {
    if (isPortalError(e) && e.kind === 'cancelled') return;
    const credentials = isPortalError(e) && CREDENTIAL_FAILURES.has(e.kind);
    const message = isPortalError(e) ? e.message : localize('Unexpected error; see the log.');
    this.problem = { kind: credentials ? 'credentials' : 'unreachable', message };
    this.log.warn(`Checking ${hostOf(portal)} failed: ${message}`, ...(isPortalError(e) && e.detail ? [e.detail] : isPortalError(e) ? [] : [e]));
    if (credentials) {
      // What these credentials were granted is no longer known.
      this.identity = undefined;
      this.publish(undefined);
    }
  }

  private scheduleRefresh(gen: number): void {
    const every = this.options.refreshEveryMs ?? FACTS_REFRESH_MS;
    this.timers.clear(this.refreshTimer);
    this.refreshTimer = undefined;
    if (every <= 0 || gen !== this.generation || !this.active()) return;
    this.refreshTimer = this.timers.set(() => {
      if (gen === this.generation) this.refreshInBackground();
    }, every);
  }

  private publish(facts: PortalFacts | undefined): void {
    this.timers.clear(this.expiryTimer);
    this.expiryTimer = undefined;
    if (facts === undefined && this.currentFacts === undefined) return;
    this.currentFacts = facts;
    if (facts) {
      this.expiryTimer = this.timers.set(
        () => {
          if (this.currentFacts === facts) this.publish(undefined);
        },
        Math.max(0, facts.fetchedAt + PORTAL_FACTS_MAX_AGE_MS - this.now()),
      );
    }
    this.options.onFacts?.(facts);
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
