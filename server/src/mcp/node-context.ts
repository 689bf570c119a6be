/**
 * A tool context over a folder on disk, for `bitrix24-mcp` and tests: the
 * bundled catalogue, the folder's workspace index (scanned once, in the
 * background, then kept), rights files read with node:fs.
 */
import { readdir, readFile } from 'node:fs/promises';
import { Catalogue } from '../catalogue/catalogue';
import { defaultAnalyzer } from '../workspace/default-analyser';
import { DEFAULT_ENV_KEYS } from '../manifest/env-manifest';
import { nodeFileSystem, normalizePath } from '../workspace/file-system';
import { WorkspaceIndex } from '../workspace/workspace-index';
import type { PortalReader, ToolContext } from './tool-types';

export interface NodeContextOptions {
  folder: string;
  envKeys?: string[];
  portal?: PortalReader;
  catalogue?: Catalogue;
}

/** Starts indexing `folder`; the returned function resolves to the context once the scan is done. */
export function nodeToolContext(options: NodeContextOptions): () => Promise<ToolContext> {
  const root = normalizePath(options.folder);
  const catalogue = options.catalogue ?? Catalogue.load();
  const index = new WorkspaceIndex({ roots: [root], fs: nodeFileSystem, catalogue, analyzer: defaultAnalyzer, envKeys: [...DEFAULT_ENV_KEYS, ...(options.envKeys ?? [])] });
  const ready = index.scan().then((): ToolContext => ({
    catalogue,
    workspace: index,
    roots: [root],
    portal: options.portal,
    readFile: (p) => readFile(p, 'utf8').catch(() => undefined),
    listDir: (p) => readdir(p).catch(() => []),
    now: () => Date.now(),
  }));
  return () => ready;
}
