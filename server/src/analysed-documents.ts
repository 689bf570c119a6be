/**
 * Keeps one analysis per open document version, so hover, completion and
 * diagnostics on the same version share the work.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyse, familyOf } from './analysis/analyse';
import type { MethodNames } from './analysis/types';
import type { AnalysedDocument } from './features/context';
import { ManifestRegistry } from './workspace/manifest-registry';
import { baseName } from './workspace/file-system';
import { MAX_ANALYSED_DOCUMENT } from './publish-limits';

/** Closing a document at least this large (UTF-16 code units) is followed by a garbage collection. */
export const COLLECT_AFTER_CLOSING = 1024 * 1024;
const COLLECT_DELAY_MS = 300;

let pendingCollection: NodeJS.Timeout | undefined;
let fullCollection: (() => void) | undefined;

/**
 * One full garbage collection shortly after (several calls, one collection). Node collects only
 * under allocation pressure: an idle server that was sent a 20 MB document would otherwise hold
 * its copies (the message bytes, the decoded JSON, the text) long after it was closed. A full
 * collection of the server's heap takes a few tens of milliseconds.
 */
export function collectGarbageSoon(): void {
  if (pendingCollection) return;
  pendingCollection = setTimeout(() => {
    pendingCollection = undefined;
    if (!fullCollection) {
      // The same way test runners reach `gc` without --expose-gc on the command line.
      if (typeof globalThis.gc !== 'function') setFlagsFromString('--expose-gc');
      fullCollection = (typeof globalThis.gc === 'function' ? globalThis.gc : runInNewContext('gc')) as () => void;
    }
    fullCollection();
  }, COLLECT_DELAY_MS);
  pendingCollection.unref();
}

export class AnalysedDocuments {
  private readonly cache = new Map<string, { version: number; names: MethodNames; doc: AnalysedDocument }>();

  /**
   * `namesFor` gives the method names known for a document (the catalogue plus its manifest's custom
   * methods); `collectGarbage` runs after a document of COLLECT_AFTER_CLOSING or more is forgotten.
   */
  constructor(
    private readonly namesFor: (uri: string) => MethodNames,
    private readonly collectGarbage: () => void = collectGarbageSoon,
  ) {}

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
    const analysis = skip ? { references: [], unresolved: [], bindings: [], suppressions: new Map<number, string[]>() } : analyse(text, family, names);
    const doc: AnalysedDocument = { uri: textDoc.uri, text, family, analysis };
    this.cache.set(textDoc.uri, { version: textDoc.version, names, doc });
    return doc;
  }

  /** True when `textDoc` is too large to be analysed. */
  static tooLarge(textDoc: TextDocument): boolean {
    return textDoc.getText().length > MAX_ANALYSED_DOCUMENT;
  }

  /** Drops the analysis of a closed document; a large one's memory is given back soon after. */
  forget(uri: string): void {
    const hit = this.cache.get(uri);
    this.cache.delete(uri);
    if (hit && hit.doc.text.length >= COLLECT_AFTER_CLOSING) this.collectGarbage();
  }
}
