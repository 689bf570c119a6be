/**
 * Keeps one analysis per open document version, so hover, completion and
 * diagnostics on the same version share the work.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, familyOf } from './analysis/analyze';
import type { MethodNames } from './analysis/types';
import type { AnalysedDocument } from './features/context';

export class AnalysedDocuments {
  private readonly cache = new Map<string, { version: number; doc: AnalysedDocument }>();

  constructor(private names: MethodNames) {}

  /** Changing the known names (e.g. custom methods from a manifest) invalidates every analysis. */
  setNames(names: MethodNames): void {
    this.names = names;
    this.cache.clear();
  }

  /** The analysis of `textDoc`, or undefined for languages we do not analyse. */
  get(textDoc: TextDocument): AnalysedDocument | undefined {
    const hit = this.cache.get(textDoc.uri);
    if (hit && hit.version === textDoc.version) return hit.doc;
    const family = familyOf(textDoc.languageId, textDoc.uri);
    if (!family) return undefined;
    const text = textDoc.getText();
    const doc: AnalysedDocument = { uri: textDoc.uri, text, family, analysis: analyze(text, family, this.names) };
    this.cache.set(textDoc.uri, { version: textDoc.version, doc });
    return doc;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
