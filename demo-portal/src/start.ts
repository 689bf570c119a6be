/**
 * Starting a demo portal in-process: the entry point for tests, `npm start`
 * and the command-line tool.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { Faults, type FaultSwitches } from './http/faults';
import { DEFAULT_RATE_LIMIT, LeakyBucket, type RateLimitSettings } from './http/rate-limit';
import type { Runtime } from './http/runtime';
import { safeLogLine } from './http/log-line';
import { createRequestHandler } from './http/server';
import { loadState, StateWriter } from './persistence';
import { expireAllAccessTokens } from './portal/oauth';
import { seedState, type SeedName } from './portal/seed';
import type { PortalState } from './portal/types';

export interface DemoPortalOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Where to keep the state; without it the state lives in memory only. */
  statePath?: string;
  /** Seed data for a new state (ignored when the state file exists). */
  seed?: SeedName;
  /** Rate limit; `false` turns it off. Defaults to the ordinary plan's 50 requests, draining 2 per second. */
  rateLimit?: RateLimitSettings | false;
  /** The clock (ms since epoch); tests may pass their own. */
  now?: () => number;
  /** Receives one line per request; secrets never appear in it. */
  log?: (line: string) => void;
  /**
   * The portal's language: `ru` describes errors in Russian, as a Russian-language portal does
   * (default `en`). A request's `lang` parameter or `Accept-Language` header overrides it.
   */
  language?: 'en' | 'ru';
}

export interface DemoPortalOAuth {
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
  clientEndpoint: string;
}

export interface DemoPortal {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  /** Webhook base URLs by name (`admin`, `user`, `manager`, `limited`), each ending in `/`. */
  webhooks: Record<string, string>;
  oauth: DemoPortalOAuth;
  faults: FaultSwitches;
  /** Back to the seed data (credentials kept), faults cleared. */
  reset(): Promise<void>;
  /** A deep copy of the current state, for assertions. */
  snapshot(): PortalState;
  /** Stops listening, drops open connections and waits for pending writes. */
  close(): Promise<void>;
}

/** Makes a 32-character lower-case secret. */
function newSecret(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(32)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** Starts a demo portal on 127.0.0.1 and resolves once it is listening. */
export async function startDemoPortal(options: DemoPortalOptions = {}): Promise<DemoPortal> {
  const now = options.now ?? Date.now;
  const seed = options.seed ?? 'default';
  const loaded = options.statePath ? await loadState(options.statePath) : undefined;
  let state: PortalState = loaded ?? seedState(seed, newSecret);
  const writer = options.statePath ? new StateWriter(options.statePath, () => JSON.stringify(state, null, 1)) : undefined;
  const rateDefault = options.rateLimit === false ? null : (options.rateLimit ?? DEFAULT_RATE_LIMIT);
  let bucket = rateDefault ? new LeakyBucket(rateDefault) : null;
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  let baseUrl = '';

  const faults = new Faults({
    expireTokens: () => expireAllAccessTokens(state, now()),
    setRateLimit: (settings) => {
      bucket = settings ? new LeakyBucket(settings) : null;
    },
    rateLimit: () => bucket?.current ?? null,
  });
  const rt: Runtime = {
    language: options.language ?? 'en',
    get state() {
      return state;
    },
    set state(next: PortalState) {
      state = next;
    },
    get baseUrl() {
      return baseUrl;
    },
    now,
    secret: newSecret,
    faults,
    bucket: () => bucket,
    persist: () => writer?.save() ?? Promise.resolve(),
    reset: async () => {
      const fresh = seedState(state.seed, newSecret);
      state = {
        ...fresh,
        memberId: state.memberId,
        webhooks: state.webhooks,
        oauthClients: state.oauthClients,
        oauthCodes: state.oauthCodes,
        oauthTokens: state.oauthTokens,
      };
      faults.clear();
      bucket = rateDefault ? new LeakyBucket(rateDefault) : null;
      await writer?.save();
    },
    // Every line is escaped and has the state's secrets masked, whatever a handler put in it.
    log: (line) => options.log?.(safeLogLine(line, state)),
    delay: (ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, ms);
        timers.add(timer);
      }),
  };

  const server: Server = createServer(createRequestHandler(rt));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : options.port}`;
  if (!loaded) await writer?.save();

  return {
    baseUrl,
    webhooks: Object.fromEntries(state.webhooks.map((w) => [w.name, `${baseUrl}/rest/${w.userId}/${w.code}/`])),
    oauth: {
      clientId: state.oauthClients[0]?.clientId ?? '',
      clientSecret: state.oauthClients[0]?.clientSecret ?? '',
      authorizeUrl: `${baseUrl}/oauth/authorize/`,
      tokenUrl: `${baseUrl}/oauth/token/`,
      clientEndpoint: `${baseUrl}/rest/`,
    },
    faults,
    reset: rt.reset,
    snapshot: () => JSON.parse(JSON.stringify(state)) as PortalState,
    close: async () => {
      timers.forEach((t) => clearTimeout(t));
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      sockets.forEach((s) => s.destroy());
      await closed;
      await writer?.flush();
    },
  };
}
