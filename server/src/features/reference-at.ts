/** Finding what the cursor is on in an analysed document. */
import type { DocumentAnalysis, MethodReference, UnresolvedReference } from '../analysis/types';

/** The method reference whose name covers `offset` (end inclusive, so a cursor right after the name counts). */
export function methodAt(analysis: DocumentAnalysis, offset: number): MethodReference | undefined {
  return analysis.references.find((r) => r.start <= offset && offset <= r.end);
}

/** The unresolved (dynamic) reference covering `offset`. */
export function unresolvedAt(analysis: DocumentAnalysis, offset: number): UnresolvedReference | undefined {
  return analysis.unresolved.find((r) => r.start <= offset && offset <= r.end);
}
