/**
 * The demo portal as a library: `startDemoPortal` for tests and tools.
 */
export { startDemoPortal, type DemoPortal, type DemoPortalOAuth, type DemoPortalOptions } from './start';
export type { FaultPatch, FaultState, FaultSwitches, FailNext } from './http/faults';
export type { RateLimitSettings } from './http/rate-limit';
export type { SeedName } from './portal/seed';
