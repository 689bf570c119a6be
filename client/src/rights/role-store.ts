/**
 * Where role files and the role journal live (`.bitrix24/roles/<host>/`),
 * read and written through the same `RightsFileSystem` as rights files.
 */
import type { LandingSection } from './api';
import { parseRoleFile, RoleFile, serialiseRoleFile } from './role-file';
import { portalMismatch } from './rights-file';
import { hostFolder, RightsFileSystem } from './rights-store';
import { localize } from '../l10n/localize';

export const ROLES_ROOT = '.bitrix24/roles';

const FILE_NAME: Readonly<Record<LandingSection, string>> = { SITE: 'sites', KNOWLEDGE: 'knowledge', GROUP: 'group', MAINPAGE: 'mainpage' };

/** `.bitrix24/roles/<host>/<sites|knowledge|group|mainpage>.json` */
export function roleFilePath(host: string, section: LandingSection): string {
  return `${ROLES_ROOT}/${hostFolder(host)}/${FILE_NAME[section]}.json`;
}

/** `.bitrix24/roles/<host>/journal.jsonl` */
export function roleJournalPath(host: string): string {
  return `${ROLES_ROOT}/${hostFolder(host)}/journal.jsonl`;
}

export type LoadedRoles =
  { status: 'missing'; path: string } | { status: 'invalid'; path: string; problems: string[] } | { status: 'ok'; path: string; file: RoleFile };

/**
 * Reads and checks a section's role file from the folder of the connected
 * `host`; a file naming another section or host is a problem, not a guess
 * (the host check is the rights files' own, so both say the same).
 */
export async function loadRoleFile(fs: RightsFileSystem, host: string, section: LandingSection): Promise<LoadedRoles> {
  const path = roleFilePath(host, section);
  const text = await fs.read(path);
  if (text === undefined) return { status: 'missing', path };
  const parsed = parseRoleFile(text);
  if (!parsed.ok) return { status: 'invalid', path, problems: parsed.problems };
  const problems: string[] = [];
  if (parsed.file.section !== section) problems.push(localize('"section" is {0} but the file is named for {1}.', parsed.file.section, section));
  const mismatch = portalMismatch(parsed.file, host);
  if (mismatch) problems.push(mismatch);
  return problems.length ? { status: 'invalid', path, problems } : { status: 'ok', path, file: parsed.file };
}

/**
 * Writes a role file in its fixed layout into the folder of the connected
 * `host`; returns the path. A file naming another host is refused before
 * anything is written, so no write lands in a folder the user did not confirm.
 */
export async function saveRoleFile(fs: RightsFileSystem, host: string, file: RoleFile): Promise<string> {
  const mismatch = portalMismatch(file, host);
  if (mismatch) throw new Error(mismatch);
  const path = roleFilePath(host, file.section);
  await fs.write(path, serialiseRoleFile(file));
  return path;
}
