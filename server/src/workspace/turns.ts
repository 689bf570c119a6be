/**
 * Lets a long loop of synchronous work give pending requests (hover, completion) a turn every few
 * milliseconds: `await turns.take()` inside the loop waits for one turn of the event loop only when
 * `ms` have passed since the last turn, and otherwise goes straight on.
 */
import { performance } from 'node:perf_hooks';

export class Turns {
  /** `since`: when the last turn was (default now; 0 gives the first `take` a turn at once). */
  constructor(
    private readonly ms = 10,
    private since = performance.now(),
  ) {}

  async take(): Promise<void> {
    if (performance.now() - this.since < this.ms) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.since = performance.now();
  }
}
