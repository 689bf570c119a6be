/**
 * Per-manifest catalogue views: the catalogue plus the custom methods of the manifest
 * covering a document. A view stays the same object while its manifest is unchanged,
 * so analyses cached against it stay valid and a changed manifest is noticed by identity.
 */
import type { Catalogue } from '../catalogue/catalogue';
import { toCustomDeclarations } from '../manifest/method-lookup';
import { uriToPath } from '../workspace/file-system';
import type { WorkspaceIndex } from '../workspace/workspace-index';

export class CatalogueViews {
  private readonly views = new Map<string, { text: string; view: Catalogue }>();

  constructor(
    private readonly base: Catalogue,
    private readonly index: () => WorkspaceIndex | undefined,
  ) {}

  /** The catalogue for a document: the base one, or a view with its manifest's custom methods. */
  for(uri: string): Catalogue {
    const path = uriToPath(uri);
    const state = path ? this.index()?.manifestFor(path) : undefined;
    const custom = state?.parsed.manifest.custom ?? [];
    if (!state || custom.length === 0) return this.base;
    const hit = this.views.get(state.file);
    if (hit && hit.text === state.text) return hit.view;
    const view = this.base.withCustom(toCustomDeclarations(custom));
    this.views.set(state.file, { text: state.text, view });
    return view;
  }
}
