/** An in-memory RightsFileSystem for tests; `failWrites` simulates a read-only disk. */
import type { RightsFileSystem } from '../../../client/src/rights/rights-store';

export class MemoryFs implements RightsFileSystem {
  readonly files = new Map<string, string>();
  failWrites = false;

  async read(path: string): Promise<string | undefined> {
    return this.files.get(path);
  }

  async write(path: string, text: string): Promise<void> {
    if (this.failWrites) throw new Error('disk is read-only');
    this.files.set(path, text);
  }

  async append(path: string, text: string): Promise<void> {
    if (this.failWrites) throw new Error('disk is read-only');
    this.files.set(path, (this.files.get(path) ?? '') + text);
  }

  async list(dir: string): Promise<string[]> {
    const prefix = `${dir}/`;
    return [...this.files.keys()].filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/')).map((p) => p.slice(prefix.length));
  }

  /** A copy of every file, to compare before/after an operation that must write nothing. */
  snapshot(): Map<string, string> {
    return new Map(this.files);
  }
}
