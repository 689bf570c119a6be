/**
 * The portal layer's public surface: the extension's commands, tree and
 * status bar use only what is exported here, and never build REST URLs.
 */
export { ConnectionStore } from './connections';
export type { ConnectInput, ConnectionStoreOptions, PortalEntry, PortalSettings, SecretStore, SettingsStore } from './connections';
export type { PortalIdentity, PortalUser } from './identity';
export { RestClient } from './rest-client';
export type { CallOptions, ListOptions, RestClientOptions, RetryPolicy } from './rest-client';
export type { BatchCommand, BatchItem } from './batch';
export { MAX_BATCH_COMMANDS } from './batch';
export { PortalError, isPortalError } from './errors';
export type { PortalErrorKind } from './errors';
export { RATE_LIMITS, RateLimiter } from './rate-limiter';
export type { RateLimit } from './rate-limiter';
export { Redactor, redactingLogger } from './redact';
export type { LogSink, PortalLogger } from './redact';
export { parseWebhookUrl, parsePortalUrl, isLoopbackHost } from './portal-url';
export { methodKind } from './method-kind';
export type { MethodKind } from './method-kind';
export { credentialUse } from './trust';
export type { UrlSource } from './trust';
export { DEFAULT_TOKEN_ENDPOINT } from './credentials';
export type { AuthKind, Credentials } from './credentials';
