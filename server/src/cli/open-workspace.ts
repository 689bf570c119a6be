/** The workspace a command reads: the language service over `dir`, scanned from disk. */
import { createLanguageService, type LanguageService } from '../language-service';
import { escapeControl, type CommandOptions, type Io } from '../workspace/cli-support';
import type { WorkspaceIndex } from '../workspace/workspace-index';

/** A scanned workspace: the service the command asks, and its index (findings, report, labels). */
export interface OpenedWorkspace {
  service: LanguageService;
  index: WorkspaceIndex;
}

/**
 * Indexes `dir` from disk with the bundled catalogue and the project's call analysis.
 * What the scan left out (excluded folders, unreadable files no manifest covers) goes to `io.err`.
 */
export async function openWorkspace(options: CommandOptions, io?: Io): Promise<OpenedWorkspace> {
  const service = createLanguageService({ settings: { locale: options.locale ?? io?.locale } });
  const { index } = service.openWorkspace({
    roots: [options.dir],
    envKeys: options.envKeys,
    exclude: options.exclude,
    onNotice: (m) => io?.err(`note: ${escapeControl(m)}\n`),
  });
  await index.scan();
  for (const bad of index.invalidExcludes())
    io?.err(`note: --exclude '${escapeControl(bad.glob)}' is not a usable pattern (${bad.reason}); it excludes nothing\n`);
  const { excluded, links } = index.leftOut();
  if (excluded.length) {
    const shown = excluded
      .slice(0, 8)
      .map((p) => `${escapeControl(p)}/`)
      .join(', ');
    const more = excluded.length > 8 ? ` and ${excluded.length - 8} more` : '';
    io?.err(`note: not scanned: ${shown}${more} (excluded; --no-default-exclude scans the default ones)\n`);
  }
  if (links.length)
    io?.err(
      `note: symbolic links not followed: ${links.slice(0, 8).map(escapeControl).join(', ')}${links.length > 8 ? ` and ${links.length - 8} more` : ''}\n`,
    );
  return { service, index };
}
