// Which folder `npm start` opens. Without a folder argument it is a fresh copy of
// examples/ under the cache folder (git-ignored), so quick fixes, Apply and Export
// change the copy and never the checkout, and each start shows the sample as shipped.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * @param {{ root: string, cacheDir: string, folder?: string }} options
 * @returns {{ folder: string, copied: boolean }}
 */
export function prepareWorkspace({ root, cacheDir, folder }) {
  if (folder) return { folder: resolve(folder), copied: false };
  const copy = join(cacheDir, 'start', 'examples');
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(join(cacheDir, 'start'), { recursive: true });
  cpSync(join(root, 'examples'), copy, { recursive: true });
  return { folder: copy, copied: true };
}
