import assert from 'node:assert/strict';
import { isPortalError } from '../../../client/src/portal/errors';
import { RATE_LIMITS, RateLimiter, usableBurst } from '../../../client/src/portal/rate-limiter';
import { FakeClock, rejection } from './helpers';

describe('portal rate limiter (leaky bucket)', () => {
  it("lets a burst of 45 through at once (a tenth of the portal's 50 in reserve), then paces at 2 requests per second", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(RATE_LIMITS.standard, clock);
    assert.equal(usableBurst(RATE_LIMITS.standard), 45);
    for (let i = 0; i < 45; i++) await limiter.acquire();
    assert.equal(clock.t, 0, 'the burst should not wait');
    for (let i = 0; i < 10; i++) await limiter.acquire();
    assert.equal(clock.t, 5000, '10 requests past the burst take 5 s at 2/s');
  });

  it('queues concurrent callers in order, each in its own slot', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(RATE_LIMITS.standard, clock);
    const done: number[] = [];
    await Promise.all(Array.from({ length: 49 }, (_, i) => limiter.acquire().then(() => done.push(i))));
    assert.deepEqual(clock.sleeps, [500, 1000, 1500, 2000]);
    assert.equal(clock.t, 2000);
    assert.deepEqual(
      done,
      Array.from({ length: 49 }, (_, i) => i),
    );
  });

  it('drains while idle, so a new burst is allowed after a pause', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(RATE_LIMITS.standard, clock);
    for (let i = 0; i < 45; i++) await limiter.acquire();
    assert.ok(limiter.pendingDelay() > 0);
    clock.advance(22_500);
    assert.equal(limiter.pendingDelay(), 0);
    for (let i = 0; i < 45; i++) await limiter.acquire();
    assert.equal(clock.sleeps.length, 0);
  });

  it('uses the Enterprise limits when configured (5/s, burst 250 of which 225 are used)', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(RATE_LIMITS.enterprise, clock);
    for (let i = 0; i < 225; i++) await limiter.acquire();
    assert.equal(clock.t, 0);
    for (let i = 0; i < 5; i++) await limiter.acquire();
    assert.equal(clock.t, 1000);
  });

  it('paces at once, at half the rate, after the portal reports its counter full', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(RATE_LIMITS.standard, clock);
    await limiter.acquire();
    limiter.saturate();
    await limiter.acquire();
    assert.deepEqual(clock.sleeps, [1000], 'one request per second after a refusal at 2/s');
    limiter.saturate();
    assert.equal(limiter.currentRate(), 0.5);
    limiter.saturate();
    assert.equal(limiter.currentRate(), 0.5, 'never slower than one request per 2 s');
  });

  it('returns to the configured rate after a minute without refusals', () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(RATE_LIMITS.enterprise, clock);
    limiter.saturate();
    assert.equal(limiter.currentRate(), 2.5);
    clock.advance(59_000);
    assert.equal(limiter.currentRate(), 2.5);
    clock.advance(1_000);
    assert.equal(limiter.currentRate(), 5);
  });

  it('rejects a cancelled wait and gives its slot back', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(RATE_LIMITS.standard, clock);
    for (let i = 0; i < 45; i++) await limiter.acquire();
    const controller = new AbortController();
    controller.abort();
    const e = await rejection(limiter.acquire(controller.signal));
    assert.ok(isPortalError(e) && e.kind === 'cancelled');
    assert.equal(limiter.pendingDelay(), 500, 'the cancelled request must not hold a slot');
  });

  it('refuses nonsensical limits', () => {
    assert.throws(() => new RateLimiter({ ratePerSecond: 0, burst: 50 }));
    assert.throws(() => new RateLimiter({ ratePerSecond: 2, burst: 0 }));
  });
});
