/** An in-memory file tree for workspace-index tests (paths with forward slashes). */
import type { DirEntry, WorkspaceFileSystem } from '../../../../server/src/workspace/file-system';

export class MemoryFileSystem implements WorkspaceFileSystem {
  readonly files = new Map<string, string>();
  /** Paths read so far, to show what a scan skipped. */
  readonly reads: string[] = [];
  /** Files and folders that exist but cannot be read (reading them fails as EACCES does on disk). */
  readonly unreadable = new Set<string>();
  /** Symbolic links (listed by their folder, never followed). */
  readonly links = new Set<string>();

  constructor(files: Record<string, string> = {}) {
    for (const [p, text] of Object.entries(files)) this.files.set(p, text);
  }

  write(path: string, text: string): void {
    this.files.set(path, text);
  }

  delete(path: string): void {
    for (const p of [...this.files.keys()]) if (p === path || p.startsWith(`${path}/`)) this.files.delete(p);
  }

  async readDir(path: string): Promise<DirEntry[]> {
    if (this.unreadable.has(path)) throw denied(path);
    const prefix = `${path}/`;
    const out = new Map<string, DirEntry>();
    for (const p of this.files.keys()) {
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length);
      const slash = rest.indexOf('/');
      const name = slash === -1 ? rest : rest.slice(0, slash);
      out.set(name, { name, kind: slash === -1 ? 'file' : 'dir' });
    }
    for (const link of this.links)
      if (link.startsWith(prefix) && !link.slice(prefix.length).includes('/'))
        out.set(link.slice(prefix.length), { name: link.slice(prefix.length), kind: 'link' });
    return [...out.values()];
  }

  async size(path: string): Promise<number | undefined> {
    const text = this.files.get(path);
    return text === undefined ? undefined : Buffer.byteLength(text);
  }

  async readFile(path: string): Promise<string> {
    const text = this.files.get(path);
    if (text === undefined) throw new Error(`ENOENT: ${path}`);
    if (this.unreadable.has(path)) throw denied(path);
    this.reads.push(path);
    return text;
  }
}

function denied(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
}
