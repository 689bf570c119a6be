/** ISO time with whole seconds and an explicit offset, as the portal prints `date_start`. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}
