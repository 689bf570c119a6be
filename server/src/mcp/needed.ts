/** The one place the tools ask for the scopes a folder needs. */
import type { ScopeCatalogue } from '../manifest/types';
import type { WorkspaceIndex } from '../manifest/workspace-index';
import { neededFromIndex, type NeededScopes } from './needed-from-index';

export type { NeededScopes };

/** Least scope set for the files under `folder` (undefined: the whole workspace), with evidence. */
export function neededScopes(index: WorkspaceIndex, catalogue: ScopeCatalogue, folder?: string): NeededScopes {
  return neededFromIndex(index, catalogue, folder);
}
