/**
 * Who may call landing methods: users without access to the "Sites and
 * Stores" section get `ACCESS_DENIED`; management methods also need full
 * access there (`IS_NOT_ADMIN` otherwise).
 */
import { landingError } from '../portal/rest-error';
import type { User } from '../portal/types';

/** Throws unless the user may use the section at all. */
export function requireSectionAccess(user: User): void {
  if (!user.admin && user.sitesAccess === 'none') throw landingError('ACCESS_DENIED', 'Access denied.');
}

/** Throws unless the user is an admin or has full access to the section. */
export function requireSectionAdmin(user: User): void {
  requireSectionAccess(user);
  if (!user.admin && user.sitesAccess !== 'full') {
    throw landingError('IS_NOT_ADMIN', 'Administrator rights or full access to Sites and Stores are required.');
  }
}
