/**
 * Times as a person reads them. Rights files and journals keep ISO times in
 * UTC (stable, sortable, diff-friendly); everything shown to the user goes
 * through here and reads in the local time zone.
 */

export interface TimeFormat {
  /** A BCP 47 locale; the runtime's default when absent. */
  locale?: string;
  /** An IANA time zone; the machine's when absent (tests pin one). */
  timeZone?: string;
}

/** "7 Dec 2026, 14:08" in the local zone; text that is not a time is returned unchanged. */
export function localTime(iso: string, format: TimeFormat = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(format.locale, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      ...(format.timeZone ? { timeZone: format.timeZone } : {}),
    }).format(date);
  } catch {
    // An unknown locale or zone must not hide the time.
    return iso;
  }
}
