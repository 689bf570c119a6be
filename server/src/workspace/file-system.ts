/**
 * The file access the workspace index needs, so tests give it an in-memory
 * tree and the server and CLI give it the disk. Paths use forward slashes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stripBom } from '../manifest/bom';

export interface DirEntry {
  name: string;
  /** `link`: a symbolic link (never followed). */
  kind: 'file' | 'dir' | 'link' | 'other';
}

export interface WorkspaceFileSystem {
  /** Entries of a folder; empty when it does not exist. Throws when it exists but cannot be read (permissions). */
  readDir(path: string): Promise<DirEntry[]>;
  /** Size in bytes, or undefined when the file does not exist. */
  size(path: string): Promise<number | undefined>;
  /** The file's text (UTF-8, without a byte order mark). Throws when it cannot be read. */
  readFile(path: string): Promise<string>;
}

/** A short reason for a failed read, without the path (callers name the file themselves). */
export function readFailure(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'ENOENT') return 'it no longer exists';
  if (code) return code;
  return err instanceof Error ? err.message : String(err);
}

const MISSING = new Set(['ENOENT', 'ENOTDIR']);

/**
 * The disk. Symbolic links are reported as `link` and not followed (no cycles,
 * no escaping the workspace). Reads are synchronous behind the async interface:
 * source files are small and usually in the page cache, where a synchronous read
 * is about ten times faster than a trip through libuv's thread pool; the index
 * yields to the event loop every few milliseconds, so the server stays responsive.
 */
export const nodeFileSystem: WorkspaceFileSystem = {
  async readDir(path) {
    try {
      return readdirSync(path, { withFileTypes: true }).map((e) => ({
        name: e.name,
        kind: e.isFile() ? 'file' : e.isDirectory() ? 'dir' : e.isSymbolicLink() ? 'link' : 'other',
      }));
    } catch (err) {
      if (MISSING.has((err as NodeJS.ErrnoException).code ?? '')) return [];
      throw err;
    }
  },
  async size(path) {
    try {
      const st = statSync(path);
      return st.isFile() ? st.size : undefined;
    } catch {
      return undefined;
    }
  },
  async readFile(path) {
    return stripBom(readFileSync(path, 'utf8'));
  },
};

/** `path` with forward slashes and no trailing slash (Windows paths keep their drive letter). */
export function normalisePath(path: string): string {
  const p = path.replace(/\\/g, '/');
  return p.length > 1 && p.endsWith('/') && !/^[A-Za-z]:\/$/.test(p) ? p.slice(0, -1) : p;
}

/** Folder part of a normalised path. */
export function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? (i === 0 ? '/' : '') : path.slice(0, i);
}

/** Last segment of a normalised path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `path` relative to `folder` when inside it, else undefined. */
export function relativeTo(folder: string, path: string): string | undefined {
  if (path === folder) return '';
  const prefix = folder.endsWith('/') ? folder : `${folder}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
}

/** The index's path for a `file:` URI (LSP document URIs), or undefined for other schemes. */
export function uriToPath(uri: string): string | undefined {
  return uri.startsWith('file:') ? normalisePath(fileURLToPath(uri)) : undefined;
}

/** The `file:` URI of an index path. */
export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}
