/** The events and placements a document binds, as the analysis reports them. */
import type { DocumentAnalysis } from '../analysis/types';

/** An `event.bind` / `placement.bind` / `userfieldtype.add` / `imconnector.register` reference (offsets into the text). */
export interface BindingReference {
  kind: 'event' | 'placement';
  name: string;
  start: number;
  end: number;
  via: string;
}

/** The bindings of an analysis (none when the analysis does not report them). */
export function documentBindings(analysis: DocumentAnalysis): readonly BindingReference[] {
  return (analysis as { bindings?: BindingReference[] }).bindings ?? [];
}

/** The binding under `offset`, if any. */
export function bindingAt(analysis: DocumentAnalysis, offset: number): BindingReference | undefined {
  return documentBindings(analysis).find((b) => b.start <= offset && offset <= b.end);
}
