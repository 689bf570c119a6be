/**
 * Where role files and the role journal live (`.bitrix24/roles/<host>/`),
 * read and written through the same `RightsFileSystem` as rights files.
 */
import type { LandingSection } from './api';
import { parseRoleFile, RoleFile, serialiseRoleFile } from './role-file';
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

/** Reads and checks a section's role file; a file naming another section or host is a problem, not a guess. */
export async function loadRoleFile(fs: RightsFileSystem, host: string, section: LandingSection): Promise<LoadedRoles> {
  const path = roleFilePath(host, section);
  const text = await fs.read(path);
  if (text === undefined) return { status: 'missing', path };
  const parsed = parseRoleFile(text);
  if (!parsed.ok) return { status: 'invalid', path, problems: parsed.problems };
  const problems: string[] = [];
  if (parsed.file.section !== section) problems.push(localize('"section" is {0} but the file is named for {1}.', parsed.file.section, section));
  if (hostFolder(parsed.file.portal) !== hostFolder(host))
    problems.push(localize('"portal" is {0} but the file is in the folder of {1}.', parsed.file.portal, host));
  return problems.length ? { status: 'invalid', path, problems } : { status: 'ok', path, file: parsed.file };
}

/** Writes a role file in its fixed layout; returns the path. */
export async function saveRoleFile(fs: RightsFileSystem, file: RoleFile): Promise<string> {
  const path = roleFilePath(file.portal, file.section);
  await fs.write(path, serialiseRoleFile(file));
  return path;
}
