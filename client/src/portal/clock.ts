/**
 * Time as the REST client sees it. Injected so tests drive the rate limiter and
 * the retry backoff without waiting for real time to pass.
 */
import { localError } from './errors';

export interface Clock {
  /** Milliseconds, monotonic enough for pacing. */
  now(): number;
  /** Resolves after `ms`; rejects with a `cancelled` PortalError when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock: `performance.now()` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => performance.now(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(localError('cancelled'));
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(localError('cancelled'));
      };
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};
