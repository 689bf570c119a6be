/**
 * Client-side leaky bucket mirroring the portal's own request counter: each
 * request adds one, the bucket drains `ratePerSecond` per second, and a request
 * that would overflow the usable part of `burst` waits until it fits. Keeping under the portal's
 * threshold avoids QUERY_LIMIT_EXCEEDED instead of recovering from it.
 */
import { Clock, systemClock } from './clock';

export interface RateLimit {
  ratePerSecond: number;
  burst: number;
}

/** The portal's limits by plan (docs: REST API limits). */
export const RATE_LIMITS: Readonly<Record<'standard' | 'enterprise', RateLimit>> = {
  standard: { ratePerSecond: 2, burst: 50 },
  enterprise: { ratePerSecond: 5, burst: 250 },
};

/**
 * The part of the portal's burst the limiter leaves unused. The portal counts requests as they
 * arrive, and requests sent at an even pace can arrive bunched (a slow connection, a socket
 * queue); a tenth in reserve keeps such bunches under the portal's threshold.
 */
export function usableBurst(limit: RateLimit): number {
  return limit.burst - Math.floor(limit.burst / 10);
}

/** How long after the portal's last refusal the limiter returns to the configured rate. */
const RECOVERY_MS = 60_000;
/** The slowest pace the limiter backs down to. */
const MIN_RATE_PER_SECOND = 0.5;

export class RateLimiter {
  private level = 0;
  private last: number;
  /** The configured rate, halved after each refusal by the portal until it has been quiet a while. */
  private rate: number;
  private lastRefusal = -Infinity;
  private readonly capacity: number;

  constructor(
    readonly limit: RateLimit = RATE_LIMITS.standard,
    private readonly clock: Clock = systemClock,
  ) {
    if (!(limit.ratePerSecond > 0) || !(limit.burst >= 1)) {
      throw new RangeError('rate limit needs ratePerSecond > 0 and burst >= 1');
    }
    this.last = clock.now();
    this.rate = limit.ratePerSecond;
    this.capacity = usableBurst(limit);
  }

  /**
   * Waits for a slot. The slot is reserved synchronously, so concurrent callers
   * queue in call order; a cancelled wait gives its slot back.
   */
  async acquire(signal?: AbortSignal): Promise<void> {
    const wait = this.reserve();
    if (wait <= 0) return;
    try {
      await this.clock.sleep(wait, signal);
    } catch (e) {
      this.level = Math.max(0, this.level - 1);
      throw e;
    }
  }

  /**
   * Called when the portal answers QUERY_LIMIT_EXCEEDED: its counter is full,
   * and it drains slower than we assumed (another app on the same address may
   * share it, or the plan's limits are lower). Pace from here on, at half the rate.
   */
  saturate(): void {
    this.drain();
    this.level = Math.max(this.level, this.capacity);
    this.rate = Math.max(Math.min(MIN_RATE_PER_SECOND, this.limit.ratePerSecond), this.rate / 2);
    this.lastRefusal = this.clock.now();
  }

  /** The pace in force now, in requests per second. */
  currentRate(): number {
    this.drain();
    return this.rate;
  }

  /** Milliseconds a request made now would wait; for status displays and tests. */
  pendingDelay(): number {
    this.drain();
    return this.delayFor(this.level + 1);
  }

  private reserve(): number {
    this.drain();
    this.level += 1;
    return this.delayFor(this.level);
  }

  private delayFor(level: number): number {
    return level <= this.capacity ? 0 : ((level - this.capacity) * 1000) / this.rate;
  }

  private drain(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    this.level = Math.max(0, this.level - (elapsed * this.rate) / 1000);
    if (this.rate < this.limit.ratePerSecond && now - this.lastRefusal >= RECOVERY_MS) this.rate = this.limit.ratePerSecond;
  }
}
