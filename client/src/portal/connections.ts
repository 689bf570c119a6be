/**
 * Connected portals: connect (validate with `profile` + `scope`), list, pick
 * the active one, hand out REST clients, disconnect. Secrets live only in the
 * SecretStore, keyed by portal origin; settings hold the origin and auth kind.
 */
import { Clock } from './clock';
import { localize } from '../l10n/localize';
import { AuthKind, Credentials, DEFAULT_TOKEN_ENDPOINT, OAuthCredentials } from './credentials';
import { errorFromResponse, PortalError } from './errors';
import { PortalIdentity, whoAmI } from './identity';
import { requestTokens } from './oauth';
import { Parsed, parseEndpointUrl, parsePortalUrl, parseWebhookUrl } from './portal-url';
import { RateLimit, RateLimiter, RATE_LIMITS } from './rate-limiter';
import { LogSink, PortalLogger, redactingLogger, Redactor } from './redact';
import { RestClient, RetryPolicy } from './rest-client';
import { decodeSecret, encodeSecret, secretKey } from './secret-record';
import { FetchLike } from './transport';
import { credentialUse, UrlSource } from './trust';

/** VS Code's SecretStorage satisfies this. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

export interface PortalEntry {
  /** Portal origin. */
  url: string;
  auth: AuthKind;
}

export interface PortalSettings {
  portals: PortalEntry[];
  active?: string;
}

/**
 * Non-secret settings: portal origins, auth kinds and the active portal. Back it
 * with user-level storage only; an address the workspace suggests is passed to
 * `client(url, { source: 'workspace' })` instead, so it never becomes trusted by
 * being written back.
 */
export interface SettingsStore {
  read(): PortalSettings;
  write(settings: PortalSettings): PromiseLike<void>;
}

export type ConnectInput =
  | { kind: 'webhook'; url: string }
  | {
      kind: 'oauth';
      portalUrl: string;
      clientId: string;
      clientSecret: string;
      /** One of the two is needed: a refresh token, or an authorization code (valid for 30 s). */
      refreshToken?: string;
      authorizationCode?: string;
      tokenEndpoint?: string;
    };

export interface ConnectionStoreOptions {
  secrets: SecretStore;
  settings: SettingsStore;
  log?: LogSink;
  fetch?: FetchLike;
  clock?: Clock;
  workspaceTrusted?: () => boolean;
  /** Per-portal limits; `RATE_LIMITS.enterprise` for Enterprise plans. */
  rateLimit?: (portal: string) => RateLimit;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  requiredScope?: (method: string) => string | undefined;
}

export class ConnectionStore {
  /** Masks every secret this store has seen, in its own logs and its clients'. */
  readonly redactor = new Redactor();
  private readonly log: PortalLogger;
  private readonly clients = new Map<string, RestClient>();
  private readonly limiters = new Map<string, RateLimiter>();

  constructor(private readonly options: ConnectionStoreOptions) {
    this.log = redactingLogger(options.log, this.redactor);
  }

  /** Connected portals, in the order they were added. */
  list(): PortalEntry[] {
    return [...this.options.settings.read().portals];
  }

  /** The active portal, if any. */
  active(): PortalEntry | undefined {
    const { portals, active } = this.options.settings.read();
    return portals.find((p) => p.url === active);
  }

  /** Makes a connected portal the active one. */
  async setActive(portal: string): Promise<void> {
    const settings = this.options.settings.read();
    const origin = originOf(portal);
    if (!settings.portals.some((p) => p.url === origin)) throw errorFromResponse('NOT_CONNECTED', {});
    await this.options.settings.write({ ...settings, active: origin });
  }

  /**
   * Validates the credentials against the portal, then stores them and makes
   * the portal active. Nothing is stored when validation fails.
   */
  async connect(input: ConnectInput, signal?: AbortSignal): Promise<PortalIdentity> {
    let creds = await this.credentialsFrom(input, signal);
    const client = this.makeClient(creds, (tokens) => {
      if (creds.kind === 'oauth') creds = { ...creds, ...tokens };
    });
    let identity: PortalIdentity;
    try {
      identity = await whoAmI(client, signal);
    } finally {
      client.dispose();
    }
    this.forgetClient(creds.portal);
    await this.options.secrets.store(secretKey(creds.portal), encodeSecret(creds));
    const settings = this.options.settings.read();
    const entry: PortalEntry = { url: creds.portal, auth: creds.kind };
    const portals = settings.portals.filter((p) => p.url !== creds.portal).concat(entry);
    await this.options.settings.write({ portals, active: creds.portal });
    const role = identity.user.admin ? 'administrator' : 'user';
    this.log.info(`Connected to ${creds.portal} (${creds.kind}) as ${identity.user.name}, ${role}; scopes: ${identity.scopes.join(', ') || 'none'}`);
    return identity;
  }

  /** Re-reads who the stored credentials belong to (for the status display). */
  async verify(portal?: string, signal?: AbortSignal): Promise<PortalIdentity> {
    return whoAmI(await this.client(portal), signal);
  }

  /**
   * The REST client for `portal` (default: the active one). `source` says where
   * the address came from; a workspace-supplied address is refused stored
   * credentials while the workspace is untrusted.
   */
  async client(portal?: string, opts: { source?: UrlSource } = {}): Promise<RestClient> {
    const settings = this.options.settings.read();
    const origin = portal !== undefined ? originOf(portal) : settings.active;
    const entry = settings.portals.find((p) => p.url === origin);
    if (origin === undefined || !entry) throw errorFromResponse('NOT_CONNECTED', {});
    const use = credentialUse(opts.source ?? 'user', this.options.workspaceTrusted?.() ?? true);
    if (!use.allowed) {
      this.log.warn(`Refused to send stored credentials to ${origin}: the address came from an untrusted workspace.`);
      throw errorFromResponse('WORKSPACE_NOT_TRUSTED', { status: undefined });
    }
    const cached = this.clients.get(origin);
    if (cached) return cached;
    const creds = decodeSecret(origin, await this.options.secrets.get(secretKey(origin)));
    if (!creds) throw errorFromResponse('NOT_CONNECTED', {});
    let persisted: Credentials = creds;
    const client = this.makeClient(creds, async (tokens) => {
      if (persisted.kind !== 'oauth') return;
      persisted = { ...persisted, ...tokens };
      await this.options.secrets.store(secretKey(origin), encodeSecret(persisted));
    });
    this.clients.set(origin, client);
    return client;
  }

  /** Deletes the portal's secrets and settings entry; the next portal becomes active. */
  async disconnect(portal: string): Promise<void> {
    const origin = originOf(portal);
    this.forgetClient(origin);
    await this.options.secrets.delete(secretKey(origin));
    const settings = this.options.settings.read();
    const portals = settings.portals.filter((p) => p.url !== origin);
    const active = settings.active === origin ? portals[0]?.url : settings.active;
    await this.options.settings.write({ portals, active });
    this.log.info(`Disconnected ${origin}; its stored credentials were deleted.`);
  }

  private forgetClient(origin: string): void {
    this.clients.get(origin)?.dispose();
    this.clients.delete(origin);
  }

  private makeClient(creds: Credentials, onTokens: (t: { accessToken: string; refreshToken: string }) => void | Promise<void>): RestClient {
    let limiter = this.limiters.get(creds.portal);
    if (!limiter) {
      limiter = new RateLimiter(this.options.rateLimit?.(creds.portal) ?? RATE_LIMITS.standard, this.options.clock);
      this.limiters.set(creds.portal, limiter);
    }
    return new RestClient({
      credentials: creds,
      fetch: this.options.fetch,
      clock: this.options.clock,
      limiter,
      log: this.options.log,
      redactor: this.redactor,
      timeoutMs: this.options.timeoutMs,
      retry: this.options.retry,
      requiredScope: this.options.requiredScope,
      onTokens,
    });
  }

  private async credentialsFrom(input: ConnectInput, signal: AbortSignal | undefined): Promise<Credentials> {
    if (input.kind === 'webhook') {
      const hook = unwrap(parseWebhookUrl(input.url));
      this.redactor.addSecret(hook.code);
      return { kind: 'webhook', ...hook };
    }
    this.redactor.addSecret(input.clientSecret, input.refreshToken, input.authorizationCode);
    const portal = unwrap(parsePortalUrl(input.portalUrl));
    const tokenEndpoint = unwrap(parseEndpointUrl(input.tokenEndpoint ?? DEFAULT_TOKEN_ENDPOINT, localize('token endpoint')));
    if (!input.clientId.trim() || !input.clientSecret.trim()) throw badInput(localize('Enter both the client id and the client secret of the local app.'));
    const grant = input.refreshToken
      ? { type: 'refresh_token' as const, refreshToken: input.refreshToken }
      : input.authorizationCode
        ? { type: 'authorization_code' as const, code: input.authorizationCode }
        : undefined;
    if (!grant) throw badInput(localize('Enter a refresh token or an authorization code for the local app.'));
    const client = { clientId: input.clientId.trim(), clientSecret: input.clientSecret.trim() };
    const tokens = await requestTokens(this.options.fetch ?? fetch, tokenEndpoint, client, grant, {
      signal,
      timeoutMs: this.options.timeoutMs ?? 60_000,
      redactor: this.redactor,
    });
    // Tokens are only ever sent to the portal the user named.
    if (tokens.clientEndpoint !== undefined && originOf(tokens.clientEndpoint) !== portal) {
      throw badInput(localize('These tokens belong to {0}, not {1}. Check the portal address.', originOf(tokens.clientEndpoint), portal));
    }
    const creds: OAuthCredentials = { kind: 'oauth', portal, ...client, tokenEndpoint, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
    return creds;
  }
}

function badInput(message: string): PortalError {
  return new PortalError({ kind: 'bad-request', code: 'INVALID_INPUT', message });
}

function unwrap<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw badInput(parsed.message);
  return parsed.value;
}

function originOf(url: string): string {
  const parsed = parsePortalUrl(url);
  if (!parsed.ok) throw badInput(parsed.message);
  return parsed.value;
}
