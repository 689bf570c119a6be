/** The events and placements a document binds, as the analysis reports them. */
import type { BindingReference, DocumentAnalysis } from '../analysis/types';

/** The bindings of an analysis (none when the analysis does not report them). */
export function documentBindings(analysis: DocumentAnalysis): readonly BindingReference[] {
  return analysis.bindings ?? [];
}

/** The binding under `offset`, if any. */
export function bindingAt(analysis: DocumentAnalysis, offset: number): BindingReference | undefined {
  return documentBindings(analysis).find((b) => b.start <= offset && offset <= b.end);
}
