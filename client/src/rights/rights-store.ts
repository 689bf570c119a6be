/**
 * Where rights files and journals live (`.bitrix24/rights/<host>/`) and how
 * they are read and written. File access goes through `RightsFileSystem` so
 * tests run against memory and the extension against disk.
 */
import { parseRightsFile, portalMismatch, RightsFile, serialiseRightsFile } from './rights-file';
import { localize } from '../l10n/localize';

/** Paths are workspace-relative with forward slashes. */
export interface RightsFileSystem {
  /** The file's text, or `undefined` when it does not exist. */
  read(path: string): Promise<string | undefined>;
  /** Replaces the file, creating folders as needed; should not leave a half-written file. */
  write(path: string, text: string): Promise<void>;
  /** Appends to the file, creating it and its folders as needed. */
  append(path: string, text: string): Promise<void>;
  /** The names of the files directly in a folder (none when it does not exist); optional, for the pending-changes count. */
  list?(dir: string): Promise<string[]>;
}

export const RIGHTS_ROOT = '.bitrix24/rights';

/** A host as a folder name: `:` (before a port) is not allowed on every file system. */
export function hostFolder(host: string): string {
  return host.toLowerCase().replace(/[^a-z0-9.-]/g, '_');
}

/** `.bitrix24/rights/<host>/<siteId>.json` */
export function rightsFilePath(host: string, siteId: number): string {
  return `${RIGHTS_ROOT}/${hostFolder(host)}/${siteId}.json`;
}

/** `.bitrix24/rights/<host>/journal.jsonl` */
export function journalPath(host: string): string {
  return `${RIGHTS_ROOT}/${hostFolder(host)}/journal.jsonl`;
}

export type LoadedRights =
  | { status: 'missing'; path: string }
  | { status: 'invalid'; path: string; problems: string[] }
  | { status: 'ok'; path: string; file: RightsFile; notes: string[] };

/** Reads and parses a site's rights file from the folder of `host`; a file naming another portal is invalid. */
export async function loadRights(fs: RightsFileSystem, host: string, siteId: number): Promise<LoadedRights> {
  const path = rightsFilePath(host, siteId);
  const text = await fs.read(path);
  if (text === undefined) return { status: 'missing', path };
  const parsed = parseRightsFile(text);
  if (!parsed.ok) return { status: 'invalid', path, problems: parsed.problems };
  if (parsed.file.site.id !== siteId) {
    return { status: 'invalid', path, problems: [localize('"site.id" is {0} but the file is named for site {1}.', parsed.file.site.id, siteId)] };
  }
  const mismatch = portalMismatch(parsed.file, host);
  if (mismatch) return { status: 'invalid', path, problems: [mismatch] };
  return { status: 'ok', path, file: parsed.file, notes: parsed.notes };
}

/**
 * Writes a site's rights file in its deterministic layout, in the folder of `host` (the connected
 * portal), never in a folder named after the file's own `"portal"` spelling; a file naming another
 * portal is refused. Returns the path.
 */
export async function saveRights(fs: RightsFileSystem, host: string, file: RightsFile): Promise<string> {
  const mismatch = portalMismatch(file, host);
  if (mismatch) throw new Error(mismatch);
  const path = rightsFilePath(host, file.site.id);
  await fs.write(path, serialiseRightsFile(file));
  return path;
}
