/**
 * Which sites of a portal have rules in their rights file that were never
 * applied: the count behind the Site Rights view's badge. Read from the
 * workspace only, so it costs no portal call.
 */
import { hasPendingChanges } from './rights-file';
import { hostFolder, loadRights, RightsFileSystem, RIGHTS_ROOT } from './rights-store';

/** Ids of the sites whose rights file (valid, for `host`) differs from what was last applied; sorted. */
export async function pendingSites(fs: RightsFileSystem, host: string): Promise<number[]> {
  if (!fs.list) return [];
  const names = await fs.list(`${RIGHTS_ROOT}/${hostFolder(host)}`);
  const ids = names
    .map((n) => /^(\d+)\.json$/.exec(n)?.[1])
    .filter((x): x is string => x !== undefined)
    .map(Number);
  const out: number[] = [];
  for (const id of ids.sort((a, b) => a - b)) {
    const loaded = await loadRights(fs, host, id).catch(() => undefined);
    if (loaded?.status === 'ok' && hasPendingChanges(loaded.file)) out.push(id);
  }
  return out;
}
