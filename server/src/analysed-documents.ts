/**
 * Keeps one analysis per open document version, so hover, completion and
 * diagnostics on the same version share the work.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, familyOf } from './analysis/analyse';
import type { MethodNames } from './analysis/types';
import type { AnalysedDocument } from './features/context';
import { ManifestRegistry } from './workspace/manifest-registry';
import { baseName } from './workspace/file-system';
import { MAX_ANALYSED_DOCUMENT } from './publish-limits';

export class AnalysedDocuments {
  private readonly cache = new Map<string, { version: number; names: MethodNames; doc: AnalysedDocument }>();

  /** `namesFor` gives the method names known for a document (the catalogue plus its manifest's custom methods). */
  constructor(private readonly namesFor: (uri: string) => MethodNames) {}

  /**
   * The analysis of `textDoc`; manifests, and documents over MAX_ANALYSED_DOCUMENT (minified
   * bundles, generated files), get an empty one; undefined for other languages.
   */
  get(textDoc: TextDocument): AnalysedDocument | undefined {
    const names = this.namesFor(textDoc.uri);
    const hit = this.cache.get(textDoc.uri);
    if (hit && hit.version === textDoc.version && hit.names === names) return hit.doc;
    const family = ManifestRegistry.isManifestName(baseName(textDoc.uri)) ? 'plain' : familyOf(textDoc.languageId, textDoc.uri);
    if (!family) return undefined;
    const text = textDoc.getText();
    const skip = family === 'plain' || text.length > MAX_ANALYSED_DOCUMENT;
    const analysis = skip ? { references: [], unresolved: [], bindings: [], suppressions: new Map<number, string[]>() } : analyze(text, family, names);
    const doc: AnalysedDocument = { uri: textDoc.uri, text, family, analysis };
    this.cache.set(textDoc.uri, { version: textDoc.version, names, doc });
    return doc;
  }

  /** True when `textDoc` is too large to be analysed. */
  static tooLarge(textDoc: TextDocument): boolean {
    return textDoc.getText().length > MAX_ANALYSED_DOCUMENT;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
