/**
 * Landing sections: the `scope` parameter of landing methods picks one, and
 * each site type belongs to exactly one.
 */
import type { Section, SiteType } from './types';

const TYPES_BY_SECTION: Record<Section, readonly SiteType[]> = {
  SITE: ['PAGE', 'STORE', 'SMN'],
  KNOWLEDGE: ['KNOWLEDGE'],
  GROUP: ['GROUP'],
  MAINPAGE: ['MAINPAGE'],
};

/** The section a `scope` parameter selects; missing or unsupported values mean ordinary sites. */
export function sectionFromScope(scope: unknown): Section {
  const value = typeof scope === 'string' ? scope.toUpperCase() : '';
  return value === 'KNOWLEDGE' || value === 'GROUP' || value === 'MAINPAGE' ? value : 'SITE';
}

/** The site types visible in a section. */
export function typesOfSection(section: Section): readonly SiteType[] {
  return TYPES_BY_SECTION[section];
}

/** The section a site of `type` belongs to. */
export function sectionOfType(type: SiteType): Section {
  return (Object.keys(TYPES_BY_SECTION) as Section[]).find((s) => TYPES_BY_SECTION[s].includes(type)) ?? 'SITE';
}

/** Narrows an arbitrary string to a site type. */
export function isSiteType(value: unknown): value is SiteType {
  return typeof value === 'string' && Object.values(TYPES_BY_SECTION).some((types) => types.includes(value as SiteType));
}
