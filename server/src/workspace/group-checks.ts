/**
 * Which files each manifest covers, and their findings, kept current one file
 * at a time: an edit re-checks that file and redoes only the group-wide part
 * (declared scopes, ranked alternatives when the preferred scopes change).
 */
import { FindingCache } from './finding-cache';
import type { ManifestState } from './manifest-registry';
import { aggregate, ScopeChecker, type FileCheck } from '../manifest/scope-check';
import type { Locale } from '../l10n/locale';
import type { FileCalls, Finding, ScopeCatalogue } from '../manifest/types';

/** The key of the files no manifest covers. */
export const UNCOVERED = '';

/** What the group checks read from the index. */
export interface GroupSource {
  catalogue: ScopeCatalogue;
  label(file: string): string;
  /** The language of the findings' messages (default English). */
  locale?: Locale;
  /** The manifest with this file path, if it is in effect. */
  manifest(file: string): ManifestState | undefined;
  /** Key of the group covering a source file (its manifest's path, or UNCOVERED). */
  ownerOf(file: string): string;
  calls(file: string): FileCalls | undefined;
  sourceFiles(): Iterable<string>;
  manifestFiles(): string[];
}

interface Group {
  checker: ScopeChecker;
  manifestCheck: FileCheck;
  checks: Map<string, FileCheck>;
  forcedKey: string;
  /** The manifest's findings last set, and the facts they came from, to skip redoing them when an edit changes neither. */
  manifestFindings?: { key: string; declared: string; findings: Finding[] };
}

export class GroupChecks {
  private owners?: Map<string, string>;
  private readonly members = new Map<string, Set<string>>();
  private readonly groups = new Map<string, Group>();
  /** Groups to check afresh (their manifest changed). */
  private readonly stale = new Set<string>();
  /** Files to check again, by group. */
  private readonly dirty = new Map<string, Set<string>>();
  private readonly cache = new FindingCache();

  constructor(private readonly source: GroupSource) {}

  /** A source file was added or its calls changed. */
  fileChanged(file: string): void {
    if (!this.owners) return;
    const before = this.owners.get(file);
    const after = this.source.ownerOf(file);
    if (before !== undefined && before !== after) this.leave(before, file);
    this.owners.set(file, after);
    this.membersOf(after).add(file);
    this.mark(after, file);
  }

  /** A source file is gone from the index. */
  fileRemoved(file: string): void {
    const before = this.owners?.get(file);
    if (before === undefined) return;
    this.leave(before, file);
    this.owners?.delete(file);
  }

  /** A manifest's content changed (its group is checked afresh). */
  manifestChanged(file: string): void {
    this.stale.add(file);
  }

  /** Manifests appeared, disappeared or changed include/exclude: every file's owner is recomputed. */
  ownershipChanged(): void {
    this.owners = undefined;
  }

  /** Findings everywhere. */
  all(): Finding[] {
    this.refresh();
    return this.cache.all();
  }

  /** Findings located in one file. */
  inFile(file: string): Finding[] {
    this.refresh();
    return this.cache.inFile(file);
  }

  /** One group's findings. */
  group(key: string): Finding[] {
    this.refresh();
    return this.cache.group(key);
  }

  /** Files whose findings changed since the last call. */
  takeChanges(): Map<string, Finding[]> {
    this.refresh();
    return this.cache.takeChanges();
  }

  /** Source files a group covers. */
  filesOf(key: string): string[] {
    this.ensureOwners();
    return [...(this.members.get(key) ?? [])];
  }

  private leave(key: string, file: string): void {
    this.members.get(key)?.delete(file);
    this.mark(key, file);
  }

  private mark(key: string, file: string): void {
    const set = this.dirty.get(key);
    if (set) set.add(file);
    else this.dirty.set(key, new Set([file]));
  }

  private membersOf(key: string): Set<string> {
    let set = this.members.get(key);
    if (!set) this.members.set(key, (set = new Set()));
    return set;
  }

  private ensureOwners(): void {
    if (this.owners) return;
    this.owners = new Map();
    this.members.clear();
    for (const file of this.source.sourceFiles()) {
      const key = this.source.ownerOf(file);
      this.owners.set(file, key);
      this.membersOf(key).add(file);
    }
    for (const key of [...this.groups.keys(), ...this.members.keys(), ...this.source.manifestFiles()]) this.stale.add(key);
    this.dirty.clear();
  }

  private refresh(): void {
    this.ensureOwners();
    for (const key of new Set([...this.stale, ...this.dirty.keys()])) this.refreshGroup(key);
    this.stale.clear();
    this.dirty.clear();
  }

  private refreshGroup(key: string): void {
    const state = key === UNCOVERED ? undefined : this.source.manifest(key);
    if (key !== UNCOVERED && !state) {
      this.groups.delete(key);
      this.cache.delete(key);
      return;
    }
    let group = this.groups.get(key);
    let changed: Set<string>;
    let changedManifest = false;
    if (!group || this.stale.has(key)) {
      const manifest = state && { file: state.file, displayName: this.source.label(state.file), text: state.text, parsed: state.parsed };
      const checker = new ScopeChecker({ manifest, catalogue: this.source.catalogue, label: (f) => this.source.label(f), locale: this.source.locale });
      group = { checker, manifestCheck: checker.manifestCheck(), checks: new Map(), forcedKey: '' };
      changedManifest = true;
      this.groups.set(key, group);
      this.cache.delete(key);
      changed = new Set(this.members.get(key));
    } else {
      changed = this.dirty.get(key) ?? new Set();
    }
    // Whether an edit changed what the manifest's group-wide problems list (uses lacking or forbidding a scope).
    let usesChanged = changedManifest;
    for (const file of changed) {
      const calls = this.members.get(key)?.has(file) ? this.source.calls(file) : undefined;
      const before = group.checks.get(file);
      const after = calls ? group.checker.checkFile(calls) : undefined;
      if (after) group.checks.set(file, after);
      else group.checks.delete(file);
      if (!usesChanged && usesKey(before) !== usesKey(after)) usesChanged = true;
    }
    const agg = aggregate([group.manifestCheck, ...group.checks.values()]);
    if (agg.forcedKey !== group.forcedKey) {
      // The preferred alternative may differ now: redo every file with ranked alternatives.
      for (const [file, check] of group.checks) if (check.alternatives.length) changed.add(file);
      group.forcedKey = agg.forcedKey;
    }
    for (const file of changed) {
      const check = group.checks.get(file);
      this.cache.setFile(key, file, check ? [...check.findings, ...group.checker.rankAlternatives(check, agg.forced)] : []);
    }
    if (state) {
      const m = group.manifestCheck;
      const declared = group.checker.declaredFindings(agg);
      const declaredKey = JSON.stringify(declared);
      const previous = group.manifestFindings;
      // The missing/forbidden problems (with every use as related information) are redone only when their uses or the preferred scopes changed.
      if (previous && !usesChanged && previous.key === agg.forcedKey && previous.declared === declaredKey) return;
      const findings = [...m.findings, ...group.checker.rankAlternatives(m, agg.forced), ...declared, ...group.checker.groupFindings(agg)];
      group.manifestFindings = { key: agg.forcedKey, declared: declaredKey, findings };
      this.cache.setFile(key, state.file, findings);
    }
  }
}

/** What one file contributes to the manifest's missing/forbidden problems, as a comparable string. */
function usesKey(check: FileCheck | undefined): string {
  if (!check || (check.missing.length === 0 && check.alternatives.length === 0 && check.forbidden.length === 0)) return '';
  const at = (n: { method: string; range: { start: { line: number; character: number } } }) => `${n.method}@${n.range.start.line}:${n.range.start.character}`;
  return [
    ...check.missing.map((m) => `m ${m.scope} ${at(m.need)}`),
    ...check.alternatives.map((a) => `a ${a.scopes.join(',')} ${at(a.need)}`),
    ...check.forbidden.map((f) => `f ${f.scope} ${at(f.need)}`),
  ].join('\n');
}
