/** RightsFileSystem over the local disk, rooted at the workspace folder. */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { RightsFileSystem } from './rights-store';

/** Creates a file system for workspace-relative rights paths under `root`. */
export function nodeFileSystem(root: string): RightsFileSystem {
  const abs = (rel: string) => path.join(root, ...rel.split('/'));
  return {
    async read(rel) {
      try {
        return await fsp.readFile(abs(rel), 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
    },
    async write(rel, text) {
      const target = abs(rel);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      // Write beside the target and rename, so a crash never leaves a half-written rights file.
      const tmp = `${target}.${process.pid}.tmp`;
      await fsp.writeFile(tmp, text, 'utf8');
      await fsp.rename(tmp, target);
    },
    async append(rel, text) {
      const target = abs(rel);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      await fsp.appendFile(target, text, 'utf8');
    },
    async list(dir) {
      try {
        return (await fsp.readdir(abs(dir), { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw e;
      }
    },
  };
}
