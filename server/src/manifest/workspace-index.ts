/**
 * The workspace index: every source file under the workspace roots with its
 * calls, every manifest, and the scope findings per manifest. Kept current
 * file by file; only the manifest a change touches is re-checked.
 */
import { createHash } from 'node:crypto';
import type { Position, Range } from 'vscode-languageserver-types';
import { baseName, dirName, normalizePath, relativeTo, type WorkspaceFileSystem } from './file-system';
import { addAllMissingFix, fixesFor, type Fix } from './fixes';
import { GitignoreRules } from './gitignore';
import { ManifestRegistry, type ManifestState } from './manifest-registry';
import { MethodLookup } from './method-lookup';
import { DEFAULT_ENV_KEYS } from './env-manifest';
import { toCalls, type SourceAnalyzer } from './source-analyzer';
import type { AppKind, FileCalls, Finding, ScopeCatalogue } from './types';
import { buildReport, type ScopeReport } from './report';
import { proposeForFiles, type ProposedManifest } from './create-manifest';
import { MANIFEST_FILE } from './manifest';
import { neededScopes, type NeededScopes } from './needed';
import { GroupChecks, UNCOVERED } from './group-checks';
import { DEFAULT_SKIP_FOLDERS, inSkippedFolder, limiter, walk } from './workspace-walk';

/** Progress of the first scan (reading and analysing files). */
export interface ScanProgress {
  done: number;
  total: number;
}

export interface WorkspaceIndexOptions {
  /** Workspace folders (absolute paths). */
  roots: readonly string[];
  fs: WorkspaceFileSystem;
  catalogue: ScopeCatalogue;
  analyzer: SourceAnalyzer;
  /** `.env*` keys that declare scopes (default: BITRIX24_PHP_SDK_APPLICATION_SCOPE). */
  envKeys?: readonly string[];
  /** Files larger than this are not read (default 2 MB). */
  maxFileSize?: number;
  /** Folder names never scanned (default: node_modules, vendor, dist, build, out, .git). */
  skipFolders?: readonly string[];
  onProgress?: (progress: ScanProgress) => void;
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** A source file's calls, the hash of the text they came from, and the text when an editor supplied it. */
interface IndexedFile extends FileCalls {
  hash: string;
  overlay?: string;
}

export class WorkspaceIndex {
  readonly roots: string[];
  readonly envKeys: readonly string[];
  private readonly files = new Map<string, IndexedFile>();
  private readonly registry: ManifestRegistry;
  private readonly gitignore = new GitignoreRules();
  /** .gitignore texts an editor supplied (unsaved edits win over the disk). */
  private readonly gitignoreTexts = new Map<string, string>();
  private readonly skip: ReadonlySet<string>;
  private readonly limit = limiter(32);
  private readonly maxFileSize: number;
  private names: MethodLookup;
  private customKey = '';
  private readonly groups: GroupChecks;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: WorkspaceIndexOptions) {
    this.roots = options.roots.map(normalizePath);
    this.envKeys = options.envKeys ?? DEFAULT_ENV_KEYS;
    this.registry = new ManifestRegistry(this.envKeys);
    this.skip = new Set(options.skipFolders ?? DEFAULT_SKIP_FOLDERS);
    this.maxFileSize = options.maxFileSize ?? 2 * 1024 * 1024;
    this.names = new MethodLookup(options.catalogue);
    this.groups = new GroupChecks({
      catalogue: options.catalogue,
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

  /** A file's text changed or it was created (with the editor's text, saved or not). */
  update(path: string, text: string): Promise<void> {
    return this.serial(() => this.apply(normalizePath(path), text, true));
  }

  /** A file or folder changed on disk (created, changed, deleted, or an editor closed it): re-read it. */
  changedOnDisk(path: string): Promise<void> {
    return this.serial(() => this.reload(normalizePath(path)));
  }

  /** A file or folder was deleted. */
  remove(path: string): Promise<void> {
    return this.serial(async () => {
      this.drop(normalizePath(path));
      await this.refreshNames();
    });
  }

  /** A file or folder was renamed (it is at `to` on disk now). */
  rename(from: string, to: string): Promise<void> {
    return this.serial(async () => {
      this.drop(normalizePath(from));
      await this.reload(normalizePath(to));
      await this.refreshNames();
    });
  }

  /** Every finding in the workspace (re-checks only manifests touched since the last call). */
  findings(): Finding[] {
    return this.groups.all();
  }

  /** Findings located in one file (a source file or a manifest). */
  diagnosticsFor(path: string): Finding[] {
    return this.groups.inFile(normalizePath(path));
  }

  /** Files whose findings changed since the last call, with their findings now (empty = clear). */
  takeChanges(): Map<string, Finding[]> {
    return this.groups.takeChanges();
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
    const p = normalizePath(path);
    return this.registry.byFile(p) ?? this.registry.owner(p);
  }

  /** Every manifest in effect. */
  manifests(): ManifestState[] {
    return this.registry.effective();
  }

  /** The indexed source files a manifest covers (undefined: the files no manifest covers). */
  filesOf(manifestFile?: string): FileCalls[] {
    const key = manifestFile ? normalizePath(manifestFile) : UNCOVERED;
    return this.groups.filesOf(key).flatMap((f) => this.files.get(f) ?? []);
  }

  /** Method lookup for one manifest's files: the catalogue and that manifest's custom methods (none: the catalogue). */
  lookup(manifestFile?: string): MethodLookup {
    const state = manifestFile ? this.registry.byFile(normalizePath(manifestFile)) : undefined;
    return new MethodLookup(this.options.catalogue, state?.parsed.manifest.custom ?? []);
  }

  /** The scope report of a manifest (undefined: of the files no manifest covers). */
  report(manifestFile?: string): ScopeReport {
    const state = manifestFile ? this.registry.byFile(normalizePath(manifestFile)) : undefined;
    return buildReport({
      manifest: state,
      files: this.filesOf(state?.file),
      lookup: this.lookup(state?.file),
      findings: this.groups.group(state?.file ?? UNCOVERED),
      label: (f) => this.label(f),
    });
  }

  /**
   * The least scope set the code under `folder` (default: every root) needs,
   * with evidence; each file's manifest contributes its custom methods. Needs no manifest.
   */
  needed(folder?: string): NeededScopes {
    const dir = folder === undefined ? undefined : normalizePath(folder);
    const files = [...this.files.values()].filter((f) => dir === undefined || f.file === dir || relativeTo(dir, f.file) !== undefined);
    const lookups = new Map<string, MethodLookup>();
    const lookupFor = (file: string) => {
      const owner = this.registry.owner(file)?.file ?? UNCOVERED;
      let lookup = lookups.get(owner);
      if (!lookup) lookups.set(owner, (lookup = this.lookup(owner || undefined)));
      return lookup;
    };
    return neededScopes({ files, catalogue: this.options.catalogue, lookupFor, label: (f) => this.label(f) });
  }

  /** A bitrix24.json for `folder` declaring what its files outside any manifest call. */
  proposeManifest(folder: string, kind?: AppKind): ProposedManifest & { file: string } {
    const dir = normalizePath(folder);
    const files = this.filesOf().filter((f) => relativeTo(dir, f.file) !== undefined);
    return { file: `${dir}/${MANIFEST_FILE}`, ...proposeForFiles(files, this.lookup(), this.options.catalogue, kind) };
  }

  /** How messages and reports name a path: relative to its workspace root. */
  label(path: string): string {
    for (const root of this.roots) {
      const rel = relativeTo(root, path);
      if (rel !== undefined) return rel;
    }
    return path;
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Walks `folder`, reads what it found, and forgets indexed files there that
   * are gone or now ignored. Without `reread`, files already indexed are kept as they are.
   */
  private async load(folder: string, how: { reread: boolean; progress?: boolean }): Promise<void> {
    const found = await walk(folder, {
      fs: this.options.fs,
      gitignore: this.gitignore,
      skip: this.skip,
      accepts: (p) => this.options.analyzer.accepts(p),
      limit: this.limit,
      readGitignore: async (f) => this.gitignoreTexts.get(f) ?? this.options.fs.readFile(`${f}/.gitignore`),
    });
    const keep = new Set([...found.sources, ...found.manifests]);
    for (const p of [...this.files.keys(), ...this.registry.files()]) if (relativeTo(folder, p) !== undefined && !keep.has(p)) this.drop(p);
    for (const m of found.manifests) this.setManifest(m, await this.limit(() => this.options.fs.readFile(m)));
    await this.refreshNames();
    let done = 0;
    const total = found.sources.length;
    const progress = this.options.onProgress;
    const step = Math.max(1, Math.floor(total / 100));
    let slice = performance.now();
    for (const p of found.sources) {
      if (how.reread || !this.files.has(p)) {
        const size = await this.options.fs.size(p);
        if (size !== undefined && size <= this.maxFileSize) this.setSource(p, await this.options.fs.readFile(p), false);
      }
      done++;
      if (how.progress && progress && (done % step === 0 || done === total)) progress({ done, total });
      // Analysis is synchronous: give pending requests (hover, completion) a turn every few milliseconds.
      if (performance.now() - slice > 10) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        slice = performance.now();
      }
    }
  }

  /** Takes in a file's text; `fromEditor` texts are kept (they may be unsaved) until the disk is read again. */
  private async apply(p: string, text: string, fromEditor: boolean): Promise<void> {
    const root = this.rootOf(p);
    if (root === undefined || inSkippedFolder(p, root, this.skip)) return;
    const name = baseName(p);
    if (name === '.gitignore') {
      if (fromEditor) this.gitignoreTexts.set(dirName(p), text);
      return this.load(dirName(p), { reread: false });
    }
    if (ManifestRegistry.isManifestName(name)) {
      if (this.gitignore.ignoresWithin(p, root, false)) return;
      this.setManifest(p, text);
      return this.refreshNames();
    }
    if (!this.options.analyzer.accepts(p) || this.gitignore.ignoresWithin(p, root) || Buffer.byteLength(text) > this.maxFileSize) {
      this.drop(p);
      return;
    }
    this.setSource(p, text, fromEditor);
  }

  private async reload(p: string): Promise<void> {
    const size = await this.options.fs.size(p);
    if (baseName(p) === '.gitignore') this.gitignoreTexts.delete(dirName(p));
    if (size === undefined) {
      this.drop(p);
      const root = this.rootOf(p);
      if (root !== undefined && !inSkippedFolder(`${p}/x`, root, this.skip) && (await this.options.fs.readDir(p)).length > 0) {
        await this.load(p, { reread: true });
      }
      return;
    }
    if (size > this.maxFileSize) this.drop(p);
    else await this.apply(p, await this.options.fs.readFile(p), false);
  }

  private setSource(p: string, text: string, overlay: boolean): void {
    const hash = createHash('sha1').update(text).digest('base64');
    const existing = this.files.get(p);
    if (existing && existing.hash === hash) {
      existing.overlay = overlay ? text : undefined;
      return;
    }
    const analysis = this.options.analyzer.analyze(p, text, this.names);
    const { calls, dynamic, bindings } = toCalls(text, analysis);
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
    const key = custom.map((c) => c.name.toLowerCase()).sort().join('\n');
    if (key === this.customKey) return;
    this.customKey = key;
    this.names = new MethodLookup(this.options.catalogue, custom);
    for (const f of [...this.files.values()]) {
      const text = f.overlay ?? (await this.limit(() => this.options.fs.readFile(f.file)).catch(() => undefined));
      f.hash = '';
      if (text === undefined) this.drop(f.file);
      else this.setSource(f.file, text, f.overlay !== undefined);
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
