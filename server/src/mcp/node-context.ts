/**
 * A tool context over a folder on disk, for `bitrix24-mcp` and tests: a language
 * service over the folder (its index scanned once, in the background, then kept),
 * rights files read with node:fs.
 */
import type { Catalogue } from '../catalogue/catalogue';
import { createLanguageService } from '../language-service';
import { DEFAULT_ENV_KEYS } from '../manifest/env-manifest';
import { normalisePath } from '../workspace/file-system';
import type { PortalReader, ToolContext } from './tool-types';
import type { Locale } from '../l10n/locale';

export interface NodeContextOptions {
  folder: string;
  envKeys?: string[];
  portal?: PortalReader;
  catalogue?: Catalogue;
  /** The language of explanations and of why a scope is needed (default English). */
  locale?: Locale;
}

/** Starts indexing `folder`; the returned function resolves to the context once the scan is done. */
export function nodeToolContext(options: NodeContextOptions): () => Promise<ToolContext> {
  const root = normalisePath(options.folder);
  const service = createLanguageService({ catalogue: options.catalogue, settings: { locale: options.locale } });
  const { index } = service.openWorkspace({ roots: [root], envKeys: [...DEFAULT_ENV_KEYS, ...(options.envKeys ?? [])] });
  // The portal here is the MCP server's own webhook connection, read on demand, not facts an editor sent.
  const ready = index.scan().then((): ToolContext => ({ ...service.toolContext(), portal: options.portal }));
  return () => ready;
}
