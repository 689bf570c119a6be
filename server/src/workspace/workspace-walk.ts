/**
 * Walks a folder tree for the workspace index: manifests and source files,
 * leaving out excluded folders (dependencies, build output, a 1C-Bitrix core)
 * and what .gitignore files ignore. Manifest files are never skipped by
 * .gitignore (`.env` usually is ignored, yet it may be where the app declares
 * its scopes). Nothing in one folder stops the walk: an unreadable folder or a
 * .gitignore line that does not compile is recorded and the rest is walked.
 */
import { readFailure, relativeTo, type WorkspaceFileSystem } from './file-system';
import type { GitignoreProblem, GitignoreRules } from './gitignore';
import { GlobList } from './glob';
import { ManifestRegistry } from './manifest-registry';

/**
 * Folders left out of the scan unless the user says otherwise (`bitrix24.scan.exclude`,
 * `--exclude`): a 1C-Bitrix core and its uploads at the workspace root (`local/`, where a
 * site's own code lives, stays in), dependencies, build output and VCS data at any depth.
 */
export const DEFAULT_SCAN_EXCLUDE: readonly string[] = [
  'bitrix',
  'upload',
  '**/node_modules',
  '**/bower_components',
  '**/vendor',
  '**/dist',
  '**/build',
  '**/out',
  '**/.git',
  '**/.svn',
  '**/.hg',
];

/** Something the walk left out that the user may want to hear about. */
export interface Skipped {
  path: string;
  isDir: boolean;
  reason: string;
}

/** What a walk found. */
export interface WalkResult {
  manifests: string[];
  sources: string[];
  /** Folders or files that could not be read. */
  unreadable: Skipped[];
  /** Folders left out by the scan exclusions (the topmost ones only). */
  excluded: string[];
  /** Symbolic links to folders or files, not followed. */
  links: string[];
  /** .gitignore lines that could not be used, by .gitignore file. */
  gitignoreProblems: Map<string, GitignoreProblem[]>;
}

export interface WalkOptions {
  fs: WorkspaceFileSystem;
  gitignore: GitignoreRules;
  exclude: ScanExclusions;
  accepts: (path: string) => boolean;
  /** The text of the .gitignore in `folder`. */
  readGitignore: (folder: string) => Promise<string>;
  /** Runs `task` with bounded concurrency (file handles are finite). */
  limit: <T>(task: () => Promise<T>) => Promise<T>;
}

/** An empty result to collect into. */
export function emptyWalk(): WalkResult {
  return { manifests: [], sources: [], unreadable: [], excluded: [], links: [], gitignoreProblems: new Map() };
}

/** Walks `folder` (loading each .gitignore before looking at its siblings). */
export async function walk(folder: string, options: WalkOptions, out: WalkResult = emptyWalk()): Promise<WalkResult> {
  const { fs, gitignore, exclude, accepts, limit, readGitignore } = options;
  let entries;
  try {
    entries = await limit(() => fs.readDir(folder));
  } catch (err) {
    out.unreadable.push({ path: folder, isDir: true, reason: readFailure(err) });
    return out;
  }
  const join = (name: string) => (folder.endsWith('/') ? `${folder}${name}` : `${folder}/${name}`);
  if (entries.some((e) => e.kind === 'file' && e.name === '.gitignore')) {
    try {
      const problems = gitignore.set(folder, await limit(() => readGitignore(folder)));
      if (problems.length) out.gitignoreProblems.set(join('.gitignore'), problems);
    } catch (err) {
      out.unreadable.push({ path: join('.gitignore'), isDir: false, reason: readFailure(err) });
    }
  }
  const subfolders: string[] = [];
  for (const e of entries) {
    const path = join(e.name);
    if (e.kind === 'dir') {
      if (exclude.excludes(path)) out.excluded.push(path);
      else if (!gitignore.ignores(path, true)) subfolders.push(path);
    } else if (e.kind === 'file') {
      if (ManifestRegistry.isManifestName(e.name)) {
        if (!exclude.excludes(path)) out.manifests.push(path);
      } else if (accepts(path) && !exclude.excludes(path) && !gitignore.ignores(path, false)) out.sources.push(path);
    } else if (e.kind === 'link' && !exclude.excludes(path) && !gitignore.ignores(path, false)) {
      out.links.push(path);
    }
  }
  await Promise.all(subfolders.map((f) => walk(f, options, out)));
  return out;
}

/** The scan exclusions of a workspace: globs relative to each root; a glob matching a folder leaves out all of it. */
export class ScanExclusions {
  private readonly globs: GlobList;

  constructor(
    private readonly roots: readonly string[],
    globs: readonly string[] = DEFAULT_SCAN_EXCLUDE,
  ) {
    this.globs = new GlobList(globs);
  }

  /** Patterns that do not compile (they exclude nothing). */
  get invalid(): GlobList['invalid'] {
    return this.globs.invalid;
  }

  /** True when `path` itself is excluded (the walk never enters an excluded folder, so its parents need no test). */
  excludes(path: string): boolean {
    const rel = this.relative(path);
    return rel !== undefined && rel !== '' && this.globs.matchesSelf(rel);
  }

  /** True when `path` or a folder above it (below its root) is excluded: for files the editor reports after the walk. */
  excludesWithin(path: string): boolean {
    const rel = this.relative(path);
    return rel !== undefined && rel !== '' && this.globs.matches(rel);
  }

  private relative(path: string): string | undefined {
    for (const root of this.roots) {
      const rel = relativeTo(root, path);
      if (rel !== undefined) return rel;
    }
    return undefined;
  }
}

/** A concurrency limiter: at most `n` tasks run at once. */
export function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
