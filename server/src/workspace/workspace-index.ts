/**
 * The workspace index: every source file under the workspace roots with its
 * calls, every manifest, and the scope findings per manifest. Kept current
 * file by file; only the manifest a change touches is re-checked.
 */
import { createHash } from 'node:crypto';
import type { Position, Range } from 'vscode-languageserver-types';
import { baseName, dirName, normalisePath, readFailure, relativeTo, type WorkspaceFileSystem } from './file-system';
import { addAllMissingFix, fixesFor, type Fix } from '../manifest/fixes';
import { GitignoreRules } from './gitignore';
import { ManifestRegistry, type ManifestState } from './manifest-registry';
import { DEFAULT_ENV_KEYS } from '../manifest/env-manifest';
import { toCallsTakingTurns, type SourceAnalyser } from './source-analyser';
import { Turns } from './turns';
import type { DocumentAnalysis, LanguageFamily, MethodNames } from '../analysis/types';
import type { AppKind, FileCalls, Finding, ScopeCatalogue } from '../manifest/types';
import { buildReport, type ScopeReport } from './report';
import { proposeForFiles, type ProposedManifest } from '../manifest/create-manifest';
import { MANIFEST_FILE, MAX_MANIFEST_BYTES } from '../manifest/manifest';
import { neededScopes, type NeededScopes } from './needed';
import { GroupChecks, UNCOVERED } from './group-checks';
import { DEFAULT_SCAN_EXCLUDE, limiter, ScanExclusions, walk, type WalkResult } from './workspace-walk';
import type { GitignoreProblem } from './gitignore';
import type { Locale } from '../l10n/locale';
import { ruleMessage } from '../rules';

/** An analysis the editor already made of a text (see `WorkspaceIndex.update`). */
export interface EarlierAnalysis {
  analysis: DocumentAnalysis;
  family: LanguageFamily;
  names: MethodNames;
}

/** Progress of the first scan (reading and analysing files). */
export interface ScanProgress {
  done: number;
  total: number;
}

export interface WorkspaceIndexOptions<C extends ScopeCatalogue = ScopeCatalogue> {
  /** Workspace folders (absolute paths). */
  roots: readonly string[];
  fs: WorkspaceFileSystem;
  catalogue: C;
  analyser: SourceAnalyser;
  /** `.env*` keys that declare scopes (default: BITRIX24_PHP_SDK_APPLICATION_SCOPE). */
  envKeys?: readonly string[];
  /** Files larger than this are not read (default 2 MB). */
  maxFileSize?: number;
  /** Globs, relative to each root, of folders and files never read (default: DEFAULT_SCAN_EXCLUDE). */
  exclude?: readonly string[];
  onProgress?: (progress: ScanProgress) => void;
  /** A line for the log: something left out that no diagnostic can show (a file no manifest covers). */
  onNotice?: (message: string) => void;
  /** The language of the findings' messages (default English). */
  locale?: Locale;
}

/** What the scans so far left out, for a notice telling the user how to include it. */
export interface LeftOut {
  /** Folders (and files) the scan exclusions matched, topmost only. */
  excluded: string[];
  /** Symbolic links, never followed. */
  links: string[];
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** A source file's calls, the hash of the text they came from, and the text when an editor supplied it. */
interface IndexedFile extends FileCalls {
  hash: string;
  overlay?: string;
}

/** `C`: the catalogue type given, which every per-manifest view shares (the language service gives a `Catalogue`). */
export class WorkspaceIndex<C extends ScopeCatalogue = ScopeCatalogue> {
  readonly roots: string[];
  readonly envKeys: readonly string[];
  private readonly files = new Map<string, IndexedFile>();
  private readonly registry: ManifestRegistry;
  private readonly gitignore = new GitignoreRules();
  /** .gitignore texts an editor supplied (unsaved edits win over the disk). */
  private readonly gitignoreTexts = new Map<string, string>();
  /** Manifest texts an editor supplied (a walk of their folder must not undo unsaved edits). */
  private readonly manifestTexts = new Map<string, string>();
  private exclusions: ScanExclusions;
  /** Problems with files themselves (unreadable, bad .gitignore lines), by path; merged into the findings. */
  private readonly fileProblems = new Map<string, Finding[]>();
  private readonly problemChanges = new Set<string>();
  private readonly leftOutNow = { excluded: new Set<string>(), links: new Set<string>() };
  private readonly limit = limiter(32);
  private readonly maxFileSize: number;
  /** What analysis recognises as a method name: the catalogue and every manifest's custom methods. */
  private names: C;
  /** Per-manifest catalogue views, kept while the manifest's text is unchanged. */
  private readonly views = new Map<string, { text: string; view: C }>();
  private customKey = '';
  private readonly groups: GroupChecks;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: WorkspaceIndexOptions<C>) {
    this.roots = options.roots.map(normalisePath);
    this.envKeys = options.envKeys ?? DEFAULT_ENV_KEYS;
    this.registry = new ManifestRegistry(this.envKeys);
    this.exclusions = new ScanExclusions(this.roots, options.exclude ?? DEFAULT_SCAN_EXCLUDE);
    this.maxFileSize = options.maxFileSize ?? 2 * 1024 * 1024;
    this.names = options.catalogue;
    this.groups = new GroupChecks({
      catalogue: options.catalogue,
      locale: options.locale,
      label: (f) => this.label(f),
      manifest: (f) => this.registry.byFile(f),
      ownerOf: (f) => this.registry.owner(f)?.file ?? UNCOVERED,
      calls: (f) => this.files.get(f),
      sourceFiles: () => this.files.keys(),
      manifestFiles: () => this.registry.effective().map((m) => m.file),
    });
  }

  /** Reads every root; progress is reported while files are read. */
  scan(): Promise<void> {
    return this.serial(async () => {
      for (const root of this.roots) await this.load(root, { reread: true, progress: true });
    });
  }

  /**
   * A file's text changed or it was created (with the editor's text, saved or not). `earlier`: the
   * editor's own analysis of this very text, taken instead of analysing it again when it was made
   * with the names and the language family the index would use.
   */
  update(path: string, text: string, earlier?: EarlierAnalysis): Promise<void> {
    return this.serial(() => this.apply(normalisePath(path), text, true, earlier));
  }

  /** A file or folder changed on disk (created, changed, deleted, or an editor closed it): re-read it. */
  changedOnDisk(path: string): Promise<void> {
    return this.serial(() => this.reload(normalisePath(path)));
  }

  /** A file or folder was deleted. */
  remove(path: string): Promise<void> {
    return this.serial(async () => {
      this.drop(normalisePath(path));
      await this.refreshNames();
    });
  }

  /** A file or folder was renamed (it is at `to` on disk now). */
  rename(from: string, to: string): Promise<void> {
    return this.serial(async () => {
      this.drop(normalisePath(from));
      await this.reload(normalisePath(to));
      await this.refreshNames();
    });
  }

  /**
   * New scan exclusions (settings changed): files now excluded are forgotten,
   * files no longer excluded are read. Resolves when the index is current.
   */
  setExclude(globs: readonly string[]): Promise<void> {
    return this.serial(async () => {
      this.exclusions = new ScanExclusions(this.roots, globs);
      this.leftOutNow.excluded.clear();
      for (const root of this.roots) await this.load(root, { reread: false, progress: true });
    });
  }

  /** Scan exclusion patterns that do not compile (they exclude nothing). */
  invalidExcludes(): { glob: string; reason: string }[] {
    return this.exclusions.invalid;
  }

  /** What the scan left out: excluded folders and symbolic links (sorted, labelled relative to their root). */
  leftOut(): LeftOut {
    const sorted = (set: Set<string>) => [...set].map((p) => this.label(p)).sort();
    return { excluded: sorted(this.leftOutNow.excluded), links: sorted(this.leftOutNow.links) };
  }

  /** Every finding in the workspace (re-checks only manifests touched since the last call). */
  findings(): Finding[] {
    return [...this.groups.all(), ...[...this.fileProblems.values()].flat()];
  }

  /** Findings located in one file (a source file or a manifest). */
  diagnosticsFor(path: string): Finding[] {
    const p = normalisePath(path);
    const problems = this.fileProblems.get(p);
    return problems ? [...this.groups.inFile(p), ...problems] : this.groups.inFile(p);
  }

  /** Files whose findings changed since the last call, with their findings now (empty = clear). */
  takeChanges(): Map<string, Finding[]> {
    const changes = this.groups.takeChanges();
    for (const [p, list] of changes) {
      const problems = this.fileProblems.get(p);
      if (problems) changes.set(p, [...list, ...problems]);
    }
    for (const p of this.problemChanges) if (!changes.has(p)) changes.set(p, this.diagnosticsFor(p));
    this.problemChanges.clear();
    return changes;
  }

  /** Quick fixes for a finding this index reported (plus "add all missing" for a missing scope). */
  codeActionsFor(finding: Finding): Fix[] {
    const file = 'manifestFile' in finding.data ? finding.data.manifestFile : undefined;
    const state = file ? this.registry.byFile(file) : undefined;
    if (!state) return [];
    const manifest = { file: state.file, text: state.text, format: state.parsed.format, envKeys: this.envKeys };
    const fixes = fixesFor(finding, manifest);
    if (finding.code === 'missing-scope' || finding.code === 'missing-scope-call') {
      const all = addAllMissingFix(this.groups.group(state.file), manifest);
      if (all && fixes.every((f) => f.edit.newText !== all.edit.newText || f.edit.range.start.line !== all.edit.range.start.line)) fixes.push(all);
    }
    return fixes;
  }

  /** Fixes for the findings of `path` that touch `range` (what an editor asks for at the cursor or selection). */
  codeActionsAt(path: string, range: Range): { finding: Finding; fixes: Fix[] }[] {
    const touches = (r: Range) => !(before(r.end, range.start) || before(range.end, r.start));
    return this.diagnosticsFor(path)
      .filter((f) => touches(f.range))
      .map((finding) => ({ finding, fixes: this.codeActionsFor(finding) }))
      .filter((a) => a.fixes.length > 0);
  }

  /** The manifest covering a source file, or governing a manifest file. */
  manifestFor(path: string): ManifestState | undefined {
    const p = normalisePath(path);
    return this.registry.byFile(p) ?? this.registry.owner(p);
  }

  /** Every manifest in effect. */
  manifests(): ManifestState[] {
    return this.registry.effective();
  }

  /** The indexed source files a manifest covers (undefined: the files no manifest covers). */
  filesOf(manifestFile?: string): FileCalls[] {
    const key = manifestFile ? normalisePath(manifestFile) : UNCOVERED;
    return this.groups.filesOf(key).flatMap((f) => this.files.get(f) ?? []);
  }

  /**
   * The catalogue as one manifest's files see it: with that manifest's custom methods (no
   * manifest, or none declared: the catalogue itself). The same object while the manifest's
   * text is unchanged, so analyses cached against a view stay valid until it changes.
   */
  view(manifestFile?: string): C {
    const state = manifestFile ? this.registry.byFile(normalisePath(manifestFile)) : undefined;
    const custom = state?.parsed.manifest.custom ?? [];
    if (!state || custom.length === 0) return this.options.catalogue;
    const hit = this.views.get(state.file);
    if (hit && hit.text === state.text) return hit.view;
    const view = this.options.catalogue.withCustom(custom);
    this.views.set(state.file, { text: state.text, view });
    return view;
  }

  /** The catalogue view of the manifest covering `path` (see `view`). */
  viewFor(path: string): C {
    return this.view(this.manifestFor(path)?.file);
  }

  /** The scope report of a manifest (undefined: of the files no manifest covers). */
  report(manifestFile?: string): ScopeReport {
    const state = manifestFile ? this.registry.byFile(normalisePath(manifestFile)) : undefined;
    return buildReport({
      manifest: state,
      files: this.filesOf(state?.file),
      view: this.view(state?.file),
      findings: this.groups.group(state?.file ?? UNCOVERED),
      label: (f) => this.label(f),
      catalogue: this.options.catalogue,
    });
  }

  /**
   * The least scope set the code under `folder` (default: every root) needs,
   * with evidence; each file's manifest contributes its custom methods. Needs no manifest.
   * The reasons are worded in `locale`, by default the index's.
   */
  needed(folder?: string, locale?: Locale): NeededScopes {
    const dir = folder === undefined ? undefined : normalisePath(folder);
    const files = [...this.files.values()].filter((f) => dir === undefined || f.file === dir || relativeTo(dir, f.file) !== undefined);
    const viewFor = (file: string) => this.view(this.registry.owner(file)?.file);
    return neededScopes({ files, catalogue: this.options.catalogue, viewFor, label: (f) => this.label(f), locale: locale ?? this.options.locale });
  }

  /**
   * A bitrix24.json for `folder` declaring what the files it would cover call: those under it
   * that no manifest covers or that a manifest above it covers (the nearest manifest wins, so
   * the new one takes them over); files of a manifest inside `folder` keep theirs.
   */
  proposeManifest(folder: string, kind?: AppKind): ProposedManifest & { file: string } {
    const dir = normalisePath(folder);
    const takesOver = (file: string): boolean => {
      const owner = this.registry.owner(file);
      return !owner || (owner.folder !== dir && relativeTo(owner.folder, dir) !== undefined);
    };
    const files = [...this.files.values()].filter((f) => relativeTo(dir, f.file) !== undefined && takesOver(f.file));
    return { file: `${dir}/${MANIFEST_FILE}`, ...proposeForFiles(files, this.options.catalogue, kind) };
  }

  /** How messages and reports name a path: relative to its workspace root. */
  label(path: string): string {
    for (const root of this.roots) {
      const rel = relativeTo(root, path);
      if (rel !== undefined) return rel;
    }
    return path;
  }

  /**
   * Runs index operations one after another. Reads are synchronous behind async calls, so a
   * long series (a branch switch: thousands of file events) would otherwise run as one
   * unbroken chain of microtasks; every ~10 ms the event loop gets a turn for requests.
   */
  private serial<T>(op: () => Promise<T>): Promise<T> {
    const start = () => this.opTurns.take().then(op);
    const run = this.queue.then(start, start);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private readonly opTurns = new Turns(10, 0);

  /**
   * Walks `folder`, reads what it found, and forgets indexed files there that
   * are gone, ignored or excluded now. Without `reread`, files already indexed
   * are kept as they are. A file that cannot be read is reported on itself and
   * the rest is read as usual.
   */
  private async load(folder: string, how: { reread: boolean; progress?: boolean }): Promise<void> {
    const found = await walk(folder, {
      fs: this.options.fs,
      gitignore: this.gitignore,
      exclude: this.exclusions,
      accepts: (p) => this.options.analyser.accepts(p),
      limit: this.limit,
      readGitignore: async (f) => this.gitignoreTexts.get(f) ?? this.options.fs.readFile(`${f}/.gitignore`),
    });
    const inside = (p: string) => relativeTo(folder, p) !== undefined;
    const manifests = new Set(found.manifests);
    for (const m of this.registry.files()) if (inside(m) && !manifests.has(m)) this.drop(m);
    for (const m of found.manifests) await this.readManifest(m);
    await this.refreshNames();
    // What a manifest excludes is never read.
    const sources = found.sources.filter((p) => !this.registry.excludes(p));
    const keep = new Set(sources);
    for (const p of [...this.files.keys()]) if (inside(p) && !keep.has(p)) this.drop(p);
    this.recordWalk(folder, found);
    let done = 0;
    const total = sources.length;
    const progress = this.options.onProgress;
    const step = Math.max(1, Math.floor(total / 100));
    // Analysis is synchronous: pending requests (hover, completion) get a turn every few milliseconds.
    const turns = new Turns();
    if (how.progress && progress) progress({ done: 0, total });
    for (const p of sources) {
      if (how.reread || !this.files.has(p)) await this.readSource(p);
      done++;
      if (how.progress && progress && (done % step === 0 || done === total)) progress({ done, total });
      await turns.take();
    }
  }

  /** Reads and indexes one source file; one that cannot be read is reported, never thrown. */
  private async readSource(p: string): Promise<void> {
    try {
      const size = await this.options.fs.size(p);
      if (size === undefined || size > this.maxFileSize) {
        this.drop(p);
        return;
      }
      const text = await this.options.fs.readFile(p);
      this.setProblems(p, []);
      await this.setSource(p, text, false);
    } catch (err) {
      this.drop(p);
      this.unreadable(p, false, readFailure(err));
    }
  }

  /** Reads a manifest file; one too large or unreadable is reported on itself (bitrix24.json) or in the log (.env). */
  private async readManifest(p: string): Promise<void> {
    const unsaved = this.manifestTexts.get(p);
    if (unsaved !== undefined) return this.setManifest(p, unsaved);
    let text: string;
    try {
      const size = (await this.options.fs.size(p)) ?? 0;
      if (size > MAX_MANIFEST_BYTES) {
        const mb = `${(size / 1024 / 1024).toFixed(1)} MB`;
        return this.manifestUnread(p, `${baseName(p)} is ${mb}; manifests over 1 MB are not read.`);
      }
      text = await this.limit(() => this.options.fs.readFile(p));
    } catch (err) {
      return this.manifestUnread(p, `Could not read ${baseName(p)} (${readFailure(err)}); its scopes are not checked.`);
    }
    this.setManifest(p, text);
  }

  private manifestUnread(p: string, reason: string): void {
    const before = this.shape();
    this.registry.setUnread(p, reason);
    if (this.shape() !== before) this.groups.ownershipChanged();
    this.groups.manifestChanged(p);
    if (baseName(p) !== MANIFEST_FILE) this.options.onNotice?.(`${this.label(p)}: ${reason}`);
  }

  /** Records what a walk of `folder` left out and the problems it met; earlier records under `folder` are replaced. */
  private recordWalk(folder: string, found: WalkResult): void {
    const inside = (p: string) => p === folder || relativeTo(folder, p) !== undefined;
    for (const p of [...this.fileProblems.keys()]) if (inside(p)) this.setProblems(p, []);
    for (const set of [this.leftOutNow.excluded, this.leftOutNow.links]) for (const p of [...set]) if (inside(p)) set.delete(p);
    found.excluded.forEach((p) => this.leftOutNow.excluded.add(p));
    found.links.forEach((p) => this.leftOutNow.links.add(p));
    for (const [file, problems] of found.gitignoreProblems) this.badIgnoreLines(file, problems);
    for (const u of found.unreadable) this.unreadable(u.path, u.isDir, u.reason);
  }

  /** An unreadable file or folder: a finding on it when a manifest covers it, else a line in the log. */
  private unreadable(p: string, isDir: boolean, reason: string): void {
    const what = isDir ? 'folder' : 'file';
    if (!this.registry.owner(isDir ? `${p}/-` : p)) {
      this.options.onNotice?.(`Skipped ${this.label(p)}: the ${what} could not be read (${reason}).`);
      return;
    }
    const message = ruleMessage('unreadable-file', { what, reason });
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    this.setProblems(p, [{ code: 'unreadable-file', severity: 'warning', message, file: p, range, data: { kind: 'file' } }]);
  }

  /** .gitignore lines that do not compile: findings on the lines when a manifest covers the file, else log lines. */
  private badIgnoreLines(file: string, problems: GitignoreProblem[]): void {
    const findings: Finding[] = problems.map((g) => ({
      code: 'invalid-ignore-pattern',
      severity: 'warning',
      message: ruleMessage('invalid-ignore-pattern', { pattern: g.pattern, reason: g.reason }),
      file,
      range: { start: { line: g.line, character: 0 }, end: { line: g.line, character: g.pattern.length } },
      data: { kind: 'file' },
    }));
    if (this.registry.owner(file)) this.setProblems(file, findings);
    else for (const f of findings) this.options.onNotice?.(`${this.label(file)}:${f.range.start.line + 1}: ${f.message}`);
  }

  private setProblems(p: string, problems: Finding[]): void {
    const had = this.fileProblems.get(p);
    if (!had && problems.length === 0) return;
    if (problems.length) this.fileProblems.set(p, problems);
    else this.fileProblems.delete(p);
    this.problemChanges.add(p);
  }

  /** Takes in a file's text; `fromEditor` texts are kept (they may be unsaved) until the disk is read again. */
  private async apply(p: string, text: string, fromEditor: boolean, earlier?: EarlierAnalysis): Promise<void> {
    const root = this.rootOf(p);
    if (root === undefined || this.exclusions.excludesWithin(p)) return;
    const name = baseName(p);
    if (name === '.gitignore') {
      if (fromEditor) this.gitignoreTexts.set(dirName(p), text);
      return this.load(dirName(p), { reread: false });
    }
    if (ManifestRegistry.isManifestName(name)) {
      if (this.gitignore.ignoresWithin(p, root, false)) return;
      if (fromEditor) this.manifestTexts.set(p, text);
      const excludes = this.registry.byFile(p)?.parsed.manifest.exclude.join('\n');
      this.setManifest(p, text);
      // A changed `exclude` lets files in or keeps them out: walk the manifest's folder again.
      if (this.registry.byFile(p)?.parsed.manifest.exclude.join('\n') !== excludes) await this.load(dirName(p), { reread: false });
      return this.refreshNames();
    }
    if (
      !this.options.analyser.accepts(p) ||
      this.gitignore.ignoresWithin(p, root) ||
      this.registry.excludes(p) ||
      text.length > this.maxFileSize ||
      Buffer.byteLength(text) > this.maxFileSize
    ) {
      this.drop(p);
      return;
    }
    this.setProblems(p, []);
    await this.setSource(p, text, fromEditor, earlier);
  }

  private async reload(p: string): Promise<void> {
    const size = await this.options.fs.size(p);
    if (baseName(p) === '.gitignore') this.gitignoreTexts.delete(dirName(p));
    this.manifestTexts.delete(p);
    if (size === undefined) {
      this.drop(p);
      this.setProblems(p, []);
      if (this.rootOf(p) !== undefined && !this.exclusions.excludesWithin(p)) {
        const entries = await this.options.fs.readDir(p).catch((err: unknown) => {
          this.unreadable(p, true, readFailure(err));
          return [];
        });
        if (entries.length > 0) await this.load(p, { reread: true });
      }
      return;
    }
    if (ManifestRegistry.isManifestName(baseName(p)) && size > MAX_MANIFEST_BYTES) {
      if (this.rootOf(p) !== undefined && !this.exclusions.excludesWithin(p))
        this.manifestUnread(p, `${baseName(p)} is over 1 MB; manifests over 1 MB are not read.`);
      return;
    }
    if (size > this.maxFileSize && !ManifestRegistry.isManifestName(baseName(p))) {
      this.drop(p);
      return;
    }
    let text: string;
    try {
      text = await this.options.fs.readFile(p);
    } catch (err) {
      if (ManifestRegistry.isManifestName(baseName(p)))
        this.manifestUnread(p, `Could not read ${baseName(p)} (${readFailure(err)}); its scopes are not checked.`);
      else if (baseName(p) !== '.gitignore' && this.options.analyser.accepts(p)) {
        this.drop(p);
        this.unreadable(p, false, readFailure(err));
      }
      return;
    }
    await this.apply(p, text, false);
  }

  private async setSource(p: string, text: string, overlay: boolean, earlier?: EarlierAnalysis): Promise<void> {
    const hash = createHash('sha1').update(text).digest('base64');
    const existing = this.files.get(p);
    if (existing && existing.hash === hash) {
      existing.overlay = overlay ? text : undefined;
      return;
    }
    const reuse = earlier !== undefined && earlier.names === this.names && earlier.family === this.options.analyser.familyOf?.(p);
    const analysis = reuse ? earlier.analysis : this.options.analyser.analyse(p, text, this.names);
    const { calls, dynamic, bindings } = await toCallsTakingTurns(text, analysis);
    this.files.set(p, { file: p, hash, calls, dynamic, bindings, suppressions: analysis.suppressions, overlay: overlay ? text : undefined });
    this.groups.fileChanged(p);
  }

  private setManifest(p: string, text: string): void {
    const shape = this.shape();
    const before = this.registry.at(dirName(p))?.file;
    this.registry.set(p, text);
    const after = this.registry.at(dirName(p))?.file;
    if (this.shape() !== shape) this.groups.ownershipChanged();
    for (const key of [before, after]) if (key) this.groups.manifestChanged(key);
  }

  /** Forgets a file, or everything under a folder. */
  private drop(p: string): void {
    if (this.files.delete(p)) {
      this.groups.fileRemoved(p);
      return;
    }
    const shape = this.shape();
    const under = (x: string) => x === p || relativeTo(p, x) !== undefined;
    for (const f of [...this.files.keys()].filter(under)) {
      this.files.delete(f);
      this.groups.fileRemoved(f);
    }
    for (const m of this.registry.files().filter(under)) {
      this.groups.manifestChanged(m);
      this.registry.delete(m);
    }
    if (baseName(p) === '.gitignore') this.gitignore.delete(dirName(p));
    if (this.shape() !== shape) this.groups.ownershipChanged();
  }

  /** Custom methods changed: the names analysis recognises changed, so every file is analysed again. */
  private async refreshNames(): Promise<void> {
    const custom = this.registry.customMethods();
    const key = custom
      .map((c) => c.name.toLowerCase())
      .sort()
      .join('\n');
    if (key === this.customKey) return;
    this.customKey = key;
    this.names = custom.length ? this.options.catalogue.withCustom(custom) : this.options.catalogue;
    for (const f of [...this.files.values()]) {
      const text = f.overlay ?? (await this.limit(() => this.options.fs.readFile(f.file)).catch(() => undefined));
      f.hash = '';
      if (text === undefined) this.drop(f.file);
      else await this.setSource(f.file, text, f.overlay !== undefined);
    }
  }

  /** Which manifests govern which folders and what they include: when it changes, ownership is recomputed. */
  private shape(): string {
    return this.registry
      .effective()
      .map((s) => `${s.file}|${s.parsed.manifest.include.join(',')}|${s.parsed.manifest.exclude.join(',')}`)
      .sort()
      .join('\n');
  }

  private rootOf(p: string): string | undefined {
    return this.roots.find((r) => relativeTo(r, p) !== undefined);
  }
}
