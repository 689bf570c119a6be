/**
 * The findings of each manifest's group of files, indexed by file, and which
 * files' findings changed since the server last published them.
 */
import type { Finding } from '../manifest/types';

export class FindingCache {
  private readonly groups = new Map<string, Map<string, Finding[]>>();
  /** Files whose findings may have changed since the last `takeChanges`. */
  private readonly pending = new Set<string>();
  /** file → the findings last handed out by `takeChanges` (compared by value, not as one JSON string: a file may hold 100k). */
  private readonly published = new Map<string, Finding[]>();

  /** Sets the findings of one file within a group (empty: none). */
  setFile(key: string, file: string, findings: Finding[]): void {
    let group = this.groups.get(key);
    if (!group) this.groups.set(key, (group = new Map()));
    const had = group.get(file);
    if (findings.length) group.set(file, findings);
    else group.delete(file);
    if (had || findings.length) this.pending.add(file);
  }

  /** Drops a group (its manifest is gone, or its files are checked afresh). */
  delete(key: string): void {
    const old = this.groups.get(key);
    if (!old) return;
    for (const file of old.keys()) this.pending.add(file);
    this.groups.delete(key);
  }

  /** Drops every group (ownership of files changed). */
  clear(): void {
    for (const key of [...this.groups.keys()]) this.delete(key);
  }

  /** Every finding of every group. */
  all(): Finding[] {
    return [...this.groups.values()].flatMap((g) => [...g.values()].flat());
  }

  /** One group's findings. */
  group(key: string): Finding[] {
    return [...(this.groups.get(key)?.values() ?? [])].flat();
  }

  /** Findings located in `file`. */
  inFile(file: string): Finding[] {
    // Usually one group holds the file: its list is handed out as it is, not copied (it may hold 100k).
    let only: Finding[] | undefined;
    for (const g of this.groups.values()) {
      const list = g.get(file);
      if (!list) continue;
      if (only) return [...this.groups.values()].flatMap((h) => h.get(file) ?? []);
      only = list;
    }
    return only ?? [];
  }

  /** Files whose findings changed since the last call, with their findings now (empty = clear them). */
  takeChanges(): Map<string, Finding[]> {
    const changes = new Map<string, Finding[]>();
    for (const file of this.pending) {
      const list = this.inFile(file);
      if (sameValue(this.published.get(file) ?? [], list)) continue;
      changes.set(file, list);
      if (list.length) this.published.set(file, list);
      else this.published.delete(file);
    }
    this.pending.clear();
    return changes;
  }
}

/**
 * Whether two JSON-like values are equal as JSON would write them (a property set to undefined
 * counts as absent; key order does not matter), without writing them out.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    keys++;
    if (!sameValue(x[k], y[k])) return false;
  }
  for (const k in y) if (y[k] !== undefined) keys--;
  return keys === 0;
}
