/** ISO time with whole seconds and an explicit offset, as the portal prints `date_start`. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** The timing fields the portal reports for a call, and for each command of a batch. */
export function timeSpan(start: number, finish: number): Record<string, unknown> {
  return {
    start: start / 1000,
    finish: finish / 1000,
    duration: (finish - start) / 1000,
    processing: (finish - start) / 1000,
    date_start: isoSeconds(start),
    date_finish: isoSeconds(finish),
  };
}
