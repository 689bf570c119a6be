/**
 * Writes the catalogue as compact JSON with one method, scope or event per
 * line: small on disk, and a regeneration shows up in review as a per-method diff.
 */
import type { CatalogueData } from '../../server/src/catalogue/types';

/** Serialises the catalogue deterministically (key order as built). */
export function serializeCatalogue(data: CatalogueData): string {
  const list = (items: unknown[]) => (items.length ? `[\n${items.map((x) => JSON.stringify(x)).join(',\n')}\n]` : '[]');
  return (
    '{' +
    `"$schema":${JSON.stringify(data.$schema)},\n` +
    `"sources":${JSON.stringify(data.sources)},\n` +
    `"generated":${JSON.stringify(data.generated)},\n` +
    `"scopes":${list(data.scopes)},\n` +
    `"events":${list(data.events)},\n` +
    `"placements":${list(data.placements)},\n` +
    `"methods":${list(data.methods)}` +
    '}\n'
  );
}
