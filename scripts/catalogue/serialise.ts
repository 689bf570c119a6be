/**
 * Writes the catalogue as compact JSON with one method, scope or event per
 * line: small on disk, and a regeneration shows up in review as a per-method diff.
 */
import type { CatalogueData, RussianCatalogueData } from '../../server/src/catalogue/types';

/** Serialises the catalogue deterministically (key order as built). */
export function serialiseCatalogue(data: CatalogueData): string {
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

/** Serialises catalogue.ru.json: one entry per line, in the order of catalogue.json. */
export function serialiseRussian(ru: RussianCatalogueData): string {
  const map = (o: Record<string, unknown>) => {
    const keys = Object.keys(o);
    return keys.length ? `{\n${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(o[k])}`).join(',\n')}\n}` : '{}';
  };
  return (
    '{' +
    `"$comment":${JSON.stringify(ru.$comment)},\n` +
    `"scopes":${map(ru.scopes)},\n` +
    `"events":${map(ru.events)},\n` +
    `"placements":${map(ru.placements)},\n` +
    `"methods":${map(ru.methods)}` +
    '}\n'
  );
}
