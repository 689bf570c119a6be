/**
 * Entries whose English and Russian pages name different scopes
 * (`editions`): the scope check follows the entry's own requirement, and
 * accepts the other edition's when that is what the manifest declares.
 */
import { isSatisfiedBy } from './requirement';
import type { EditionDisagreement, ScopeRequirement } from './types';

/** An edition of the documentation. */
export type Edition = 'en' | 'ru';

/** The requirement a check holds declared scopes against, and the edition it came from when not the entry's own. */
export interface AcceptedRequirement {
  requirement: ScopeRequirement;
  /** Set when the other edition's scopes were accepted. */
  edition?: Edition;
}

function same(a: ScopeRequirement, b: ScopeRequirement): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The edition whose scopes differ from the entry's own requirement, with its requirement;
 * undefined when the editions agree on scopes (or only one edition is known).
 */
export function otherEdition(entry: {
  requirement: ScopeRequirement;
  editions?: EditionDisagreement;
}): { edition: Edition; requirement: ScopeRequirement } | undefined {
  const e = entry.editions;
  if (!e || same(e.en.requirement, e.ru.requirement)) return undefined;
  if (!same(e.en.requirement, entry.requirement)) return { edition: 'en', requirement: e.en.requirement };
  return { edition: 'ru', requirement: e.ru.requirement };
}

/**
 * What `declared` is checked against for `entry`: its own requirement, unless that is not met
 * and the other edition's is — then the other edition's, named.
 */
export function acceptedRequirement(
  entry: { requirement: ScopeRequirement; editions?: EditionDisagreement },
  declared: ReadonlySet<string>,
): AcceptedRequirement {
  const other = otherEdition(entry);
  if (other && !isSatisfiedBy(entry.requirement, declared) && isSatisfiedBy(other.requirement, declared)) return other;
  return { requirement: entry.requirement };
}
