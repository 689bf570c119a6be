/**
 * Which folders the workspace scan leaves out, from the user's settings
 * (`bitrix24.scan.exclude`, VS Code's `files.exclude`), and the one notice
 * that tells the user what was left out and how to bring it back.
 */
import { DEFAULT_SCAN_EXCLUDE } from './workspace-walk';
import type { LeftOut } from './workspace-index';

/** The settings as the client sends them (initialization options) or the server pulls them. */
export interface ExclusionSettings {
  /** `bitrix24.scan.exclude`: globs relative to each workspace folder; undefined = the defaults. */
  scanExclude?: unknown[];
  /** `files.exclude`: glob → true (excluded) / false / a `when` condition (not applied). */
  filesExclude?: Record<string, unknown>;
}

/** The globs the scan leaves out: `bitrix24.scan.exclude` (or its defaults) plus every `files.exclude` glob set to true. */
export function scanExclude(settings: ExclusionSettings): string[] {
  const own = settings.scanExclude ? settings.scanExclude.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [...DEFAULT_SCAN_EXCLUDE];
  const files = Object.entries(settings.filesExclude ?? {})
    .filter(([glob, on]) => on === true && glob.trim() !== '')
    .map(([glob]) => glob);
  return [...new Set([...own, ...files])];
}

/** Folders everybody expects a scan to skip; leaving them out is not news. */
const UNREMARKABLE = new Set(['node_modules', 'bower_components', 'vendor', '.git', '.svn', '.hg']);

/**
 * What to log and (once per session) show after a scan: the folders left out, symbolic links
 * not followed, exclusion patterns that do not compile. `show` is undefined when only
 * dependency and VCS folders were left out.
 */
export function leftOutNotice(leftOut: LeftOut, invalid: { glob: string; reason: string }[]): { log: string; show?: string } | undefined {
  const lines: string[] = [];
  if (leftOut.excluded.length) lines.push(`Not scanned (bitrix24.scan.exclude, files.exclude): ${leftOut.excluded.join(', ')}`);
  if (leftOut.links.length) lines.push(`Symbolic links not followed: ${leftOut.links.join(', ')}`);
  for (const bad of invalid) lines.push(`Exclusion pattern "${bad.glob}" is not usable (${bad.reason}); it excludes nothing.`);
  if (!lines.length) return undefined;
  const remarkable = leftOut.excluded.filter((p) => !UNREMARKABLE.has(p.slice(p.lastIndexOf('/') + 1)));
  const parts: string[] = [];
  const list = (items: string[]) =>
    `${items
      .slice(0, 4)
      .map((p) => `${p}/`)
      .join(', ')}${items.length > 4 ? ` and ${items.length - 4} more` : ''}`;
  if (remarkable.length) {
    parts.push(`Bitrix24: the scope check left out ${list(remarkable)}. To check a folder, remove its pattern from the "bitrix24.scan.exclude" setting.`);
  }
  if (leftOut.links.length) parts.push(`Symbolic links are not followed (${list(leftOut.links)}); add their target as a workspace folder to check it.`);
  if (invalid.length) parts.push(`${invalid.length} exclusion pattern(s) cannot be used; see the Bitrix24 log.`);
  return { log: lines.join('\n'), show: parts.length ? parts.join(' ') : undefined };
}
