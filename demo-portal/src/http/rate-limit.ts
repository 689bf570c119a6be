/**
 * The portal's leaky bucket: each request adds one to a counter that drains
 * at a fixed rate; a request that would take it over the limit is refused
 * with 503 `QUERY_LIMIT_EXCEEDED`.
 */

export interface RateLimitSettings {
  /** Requests allowed in a burst (50 on ordinary plans). */
  limit: number;
  /** How much the counter drains per second (2 on ordinary plans). */
  drainPerSecond: number;
}

/** The limits of ordinary (non-Enterprise) plans. */
export const DEFAULT_RATE_LIMIT: RateLimitSettings = { limit: 50, drainPerSecond: 2 };

/** One bucket per client key (the portal counts per source address). */
export class LeakyBucket {
  private readonly counters = new Map<string, { level: number; at: number }>();

  constructor(private settings: RateLimitSettings) {}

  /** Counts a request at `now` (ms); false when it must be refused. */
  take(key: string, now: number): boolean {
    const entry = this.counters.get(key) ?? { level: 0, at: now };
    const drained = Math.max(0, entry.level - ((now - entry.at) / 1000) * this.settings.drainPerSecond);
    if (drained + 1 > this.settings.limit) {
      this.counters.set(key, { level: drained, at: now });
      return false;
    }
    this.counters.set(key, { level: drained + 1, at: now });
    return true;
  }

  /** Changes the limits and empties every bucket. */
  configure(settings: RateLimitSettings): void {
    this.settings = { ...settings };
    this.counters.clear();
  }

  get current(): RateLimitSettings {
    return { ...this.settings };
  }
}
