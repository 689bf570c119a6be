/**
 * The apply journal: one JSON line per attempt to change a site's rights,
 * per portal, append-only. It is what "Restore Previous Rules" reads, and a
 * record of who changed what when the portal itself cannot show it.
 */
import { isOperation, Operation } from './operations';
import { parseRules, RulesSet } from './rights-file';
import { journalPath, RightsFileSystem } from './rights-store';
import { localTime } from './times';
import { localize } from '../l10n/localize';

export type JournalOutcome =
  /** setRights accepted (or, after an unclear answer, verified by re-reading); lastApplied was updated. */
  | 'applied'
  /** setRights was refused, or re-reading after an unclear answer showed nothing changed. */
  | 'rejected'
  /** The answer was unclear and re-reading could not tell; the portal may or may not hold `after`. */
  | 'uncertain'
  /** Saved while the role model is on, so the rules do not take effect. */
  | 'not-effective';

export interface JournalEntry {
  /** ISO time. */
  time: string;
  /** Portal host. */
  portal: string;
  siteId: number;
  siteTitle: string;
  action: 'apply' | 'restore';
  outcome: JournalOutcome;
  /** The last applied set as this workspace knew it; `null` when unknown (first apply). */
  before: RulesSet | null;
  after: RulesSet;
  /** The connected user's operations reported by getRights afterwards, when checked. */
  verified?: Operation[];
  /**
   * Error code or short reason for outcomes other than `applied`; for a save
   * whose answer was unclear, that answer and what re-reading found
   * (`HTTP 504; verified applied`).
   */
  error?: string;
}

/** Appends one entry. */
export async function appendJournal(fs: RightsFileSystem, entry: JournalEntry): Promise<void> {
  await fs.append(journalPath(entry.portal), `${JSON.stringify(entry)}\n`);
}

/**
 * One journal line as an object with a string `time` and `portal` (every journal entry has both),
 * or undefined for a broken line, which readers skip.
 */
export function journalLine(line: string): (Record<string, unknown> & { time: string; portal: string }) | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const e = v as Record<string, unknown>;
  return typeof e.time === 'string' && typeof e.portal === 'string' ? (e as Record<string, unknown> & { time: string; portal: string }) : undefined;
}

function readEntry(line: string): JournalEntry | undefined {
  const e = journalLine(line);
  if (!e || typeof e.siteId !== 'number') return undefined;
  const problems: string[] = [];
  const after = parseRules(e.after, 'after', problems, []);
  const before = e.before === null ? null : parseRules(e.before, 'before', problems, []);
  if (problems.length > 0) return undefined;
  const outcome = e.outcome;
  if (outcome !== 'applied' && outcome !== 'rejected' && outcome !== 'uncertain' && outcome !== 'not-effective') return undefined;
  return {
    time: e.time,
    portal: e.portal,
    siteId: e.siteId,
    siteTitle: typeof e.siteTitle === 'string' ? e.siteTitle : '',
    action: e.action === 'restore' ? 'restore' : 'apply',
    outcome,
    before,
    after,
    ...(Array.isArray(e.verified) ? { verified: e.verified.filter(isOperation) } : {}),
    ...(typeof e.error === 'string' ? { error: e.error } : {}),
  };
}

/**
 * A multi-site apply is one line holding an entry per site (`sites`); each
 * counts as that site's own entry, so Restore works per site.
 */
function readEntries(line: string): JournalEntry[] | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  const sites = typeof v === 'object' && v !== null ? (v as Record<string, unknown>).sites : undefined;
  if (!Array.isArray(sites)) {
    const one = readEntry(line);
    return one ? [one] : undefined;
  }
  const { time, portal, action } = v as Record<string, unknown>;
  const entries = sites.map((s) => readEntry(JSON.stringify({ ...(s as object), time, portal, action })));
  return entries.every((e): e is JournalEntry => e !== undefined) ? entries : undefined;
}

/** Reads a portal's journal; lines that do not parse are counted, not fatal. */
export async function readJournal(fs: RightsFileSystem, host: string): Promise<{ entries: JournalEntry[]; skipped: number }> {
  const text = await fs.read(journalPath(host));
  const entries: JournalEntry[] = [];
  let skipped = 0;
  // An editor on Windows may have saved the journal with a byte order mark.
  for (const line of (text ?? '').replace(/^\uFEFF/, '').split('\n')) {
    if (line.trim() === '') continue;
    const read = readEntries(line);
    if (read) entries.push(...read);
    else skipped++;
  }
  return { entries, skipped };
}

export type RestoreTarget = { ok: true; rules: RulesSet; entry: JournalEntry } | { ok: false; message: string };

/**
 * What "Restore Previous Rules" puts back: the before-set of the site's last
 * successful apply. Restoring is itself journaled, so a second restore undoes
 * the first.
 */
export function restoreTarget(entries: readonly JournalEntry[], siteId: number): RestoreTarget {
  const last = [...entries].reverse().find((e) => e.siteId === siteId && e.outcome === 'applied');
  if (!last) return { ok: false, message: localize('This workspace has not applied rights to this site yet, so there is nothing to restore.') };
  if (last.before === null) {
    return {
      ok: false,
      message: localize(
        'The last apply ({0}) was the first from this workspace; the rules before it were never visible here (the portal does not return them), so they cannot be restored.',
        localTime(last.time),
      ),
    };
  }
  return { ok: true, rules: last.before, entry: last };
}
