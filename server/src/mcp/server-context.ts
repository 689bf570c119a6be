/**
 * The tool context inside the language server: its catalogue and workspace
 * index, the portal facts the client last sent, and site rights asked of the
 * client (which holds the portal connection).
 */
import { readdir, readFile } from 'node:fs/promises';
import type { Catalogue } from '../catalogue/catalogue';
import type { WorkspaceIndex } from '../workspace/workspace-index';
import type { PortalFacts } from '../protocol';
import type { PortalReader, ToolContext } from './tool-types';

export interface ServerToolDeps {
  catalogue: Catalogue;
  index: WorkspaceIndex | undefined;
  facts: () => PortalFacts | undefined;
  /** Asks the client; null when no portal is connected. */
  siteRights: (siteId: number, type?: string) => Promise<string[] | null>;
}

/** A tool context for one request. */
export function serverToolContext(deps: ServerToolDeps): ToolContext {
  const facts = deps.facts();
  const portal: PortalReader | undefined = facts
    ? {
        facts: async () => ({ portal: facts.portal, scopes: facts.scopes, admin: facts.admin, auth: facts.auth }),
        siteRights: async (siteId, type) => {
          const operations = await deps.siteRights(siteId, type);
          if (!operations) throw new Error('no portal is connected');
          return { siteId, operations };
        },
      }
    : undefined;
  return {
    catalogue: deps.catalogue,
    workspace: deps.index,
    roots: deps.index?.roots ?? [],
    portal,
    readFile: (p) => readFile(p, 'utf8').catch(() => undefined),
    listDir: (p) => readdir(p).catch(() => []),
    now: () => Date.now(),
  };
}
