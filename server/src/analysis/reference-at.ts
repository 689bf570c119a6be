/** Finding the reference under a cursor. */
import type { DocumentAnalysis, MethodReference, UnresolvedReference } from './types';

/**
 * The reference whose name covers `offset` (its end included, so a cursor
 * right after the name still hovers it); known references win over
 * unresolved ones. Both lists are sorted by start.
 */
export function referenceAt(analysis: DocumentAnalysis, offset: number): MethodReference | UnresolvedReference | undefined {
  return covering(analysis.references, offset) ?? covering(analysis.unresolved, offset);
}

function covering<T extends { start: number; end: number }>(list: T[], offset: number): T | undefined {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].start <= offset) lo = mid + 1;
    else hi = mid;
  }
  // lo is the first with start > offset; the candidates are just before it.
  for (let i = lo - 1; i >= 0 && i >= lo - 4; i--) if (list[i].end >= offset) return list[i];
  return undefined;
}
