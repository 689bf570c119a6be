/**
 * The tool context inside a language service: its catalogue and workspace index,
 * the portal facts the client last sent, and site rights asked of whoever holds the
 * portal connection (in the editor, the client).
 */
import { readdir, readFile } from 'node:fs/promises';
import type { Catalogue } from '../catalogue/catalogue';
import type { WorkspaceIndex } from '../workspace/workspace-index';
import type { PortalFacts } from '../protocol';
import type { PortalReader, ToolContext } from './tool-types';
import type { Locale } from '../l10n/locale';

/** Asks for a site's rights operations; null when no portal is connected. */
export type SiteRightsAsker = (siteId: number, type?: string) => Promise<string[] | null>;

export interface ServerToolDeps {
  catalogue: Catalogue;
  index: WorkspaceIndex | undefined;
  facts: () => PortalFacts | undefined;
  /** Absent: the front end holds no portal connection, so site rights cannot be read. */
  siteRights?: SiteRightsAsker;
  now?: () => number;
  /** The language of the tools' explanations and reasons. */
  locale?: Locale;
}

/** A tool context for one request. */
export function serverToolContext(deps: ServerToolDeps): ToolContext {
  const facts = deps.facts();
  const portal: PortalReader | undefined = facts
    ? {
        facts: async () => ({ portal: facts.portal, scopes: facts.scopes, admin: facts.admin, auth: facts.auth }),
        siteRights: async (siteId, type) => {
          const operations = deps.siteRights ? await deps.siteRights(siteId, type) : null;
          if (!operations) throw new Error('no portal is connected');
          return { siteId, operations };
        },
      }
    : undefined;
  const now = deps.now ?? Date.now;
  return {
    catalogue: deps.catalogue,
    workspace: deps.index,
    roots: deps.index?.roots ?? [],
    portal,
    readFile: (p) => readFile(p, 'utf8').catch(() => undefined),
    listDir: (p) => readdir(p).catch(() => []),
    now: () => now(),
    locale: deps.locale,
  };
}
