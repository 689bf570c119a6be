/**
 * Walks a folder tree for the workspace index: manifests and source files,
 * skipping build/dependency folders and what .gitignore files ignore.
 * Manifest files are never skipped by .gitignore (`.env` usually is ignored,
 * yet it may be where the app declares its scopes).
 */
import { baseName, type WorkspaceFileSystem } from './file-system';
import type { GitignoreRules } from './gitignore';
import { ManifestRegistry } from './manifest-registry';

/** Folders never scanned (dependencies, build output, VCS data). */
export const DEFAULT_SKIP_FOLDERS: readonly string[] = ['node_modules', 'vendor', 'dist', 'build', 'out', '.git'];

/** What a walk found. */
export interface WalkResult {
  manifests: string[];
  sources: string[];
}

export interface WalkOptions {
  fs: WorkspaceFileSystem;
  gitignore: GitignoreRules;
  skip: ReadonlySet<string>;
  accepts: (path: string) => boolean;
  /** The text of the .gitignore in `folder`. */
  readGitignore: (folder: string) => Promise<string>;
  /** Runs `task` with bounded concurrency (file handles are finite). */
  limit: <T>(task: () => Promise<T>) => Promise<T>;
}

/** Walks `folder` (loading each .gitignore before looking at its siblings). */
export async function walk(folder: string, options: WalkOptions, out: WalkResult = { manifests: [], sources: [] }): Promise<WalkResult> {
  const { fs, gitignore, skip, accepts, limit, readGitignore } = options;
  const entries = await limit(() => fs.readDir(folder));
  const join = (name: string) => (folder.endsWith('/') ? `${folder}${name}` : `${folder}/${name}`);
  if (entries.some((e) => e.kind === 'file' && e.name === '.gitignore')) {
    gitignore.set(folder, await limit(() => readGitignore(folder)));
  }
  const subfolders: string[] = [];
  for (const e of entries) {
    const path = join(e.name);
    if (e.kind === 'dir') {
      if (!skip.has(e.name) && !gitignore.ignores(path, true)) subfolders.push(path);
    } else if (e.kind === 'file') {
      if (ManifestRegistry.isManifestName(e.name)) out.manifests.push(path);
      else if (accepts(path) && !gitignore.ignores(path, false)) out.sources.push(path);
    }
  }
  await Promise.all(subfolders.map((f) => walk(f, options, out)));
  return out;
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

/** True when a segment of `path` below `root` is a skipped folder name. */
export function inSkippedFolder(path: string, root: string, skip: ReadonlySet<string>): boolean {
  const rel = path.slice(root.length + 1).split('/');
  rel.pop();
  return rel.some((segment) => skip.has(segment)) || skip.has(baseName(path));
}
