/**
 * What the HTTP handlers share: the live state, the clock, the switches and
 * how to persist. Built by `startDemoPortal`.
 */
import type { PortalState } from '../portal/types';
import type { Faults } from './faults';
import type { LeakyBucket } from './rate-limit';

export interface Runtime {
  /** The live state; replaced wholesale by `reset()`. */
  state: PortalState;
  readonly baseUrl: string;
  /** The portal's language: what errors are described in unless the request asks otherwise. */
  readonly language: 'en' | 'ru';
  now(): number;
  /** A fresh random secret (webhook codes, tokens). */
  secret(): string;
  readonly faults: Faults;
  /** The rate limiter, or null when it is off. */
  bucket(): LeakyBucket | null;
  /** Saves the state when a state file is in use; resolves once it is on disk. */
  persist(): Promise<void>;
  /** Back to the seed data, keeping credentials; clears faults and the rate counter. */
  reset(): Promise<void>;
  /** One line per request; never given secrets. */
  log(line: string): void;
  /** Registers a timer so closing the server can cancel it. */
  delay(ms: number): Promise<void>;
}
