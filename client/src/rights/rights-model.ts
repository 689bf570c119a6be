/**
 * The portal's rights model: extended (rules per site) or role-based (rules
 * per role). Only the extended model has per-site rules to edit.
 */
import { RightsApi } from './api';
import { localize } from '../l10n/localize';

export type RightsModel = 'extended' | 'role';

/** Reads the current model with `landing.role.isEnabled`. */
export async function readRightsModel(api: RightsApi): Promise<RightsModel> {
  return (await api.call<unknown>('landing.role.isEnabled', {}, { write: false })) === true ? 'role' : 'extended';
}

/** What the confirmation before switching says; the switch affects the whole portal. */
export function switchToExtendedWarning(): string {
  return localize(
    "Switch the whole portal to the extended rights model? This applies at once to every site and store, knowledge bases, group sites and the main page. Roles stop applying (their settings are kept and return if the role model is switched on again); each site's individual rules saved earlier in the extended model take effect again. Only an administrator or a user with full access to Sites and Stores can do this.",
  );
}

/**
 * Switches to the extended model (`landing.role.enable` with `mode: 0`) and
 * reads the model back, so the caller reports what the portal now uses.
 */
export async function switchToExtended(api: RightsApi): Promise<RightsModel> {
  await api.call<unknown>('landing.role.enable', { mode: 0 }, { write: true });
  return readRightsModel(api);
}

/** What the confirmation before switching to roles says: what the role model does not carry over. */
export function switchToRolesWarning(): string {
  return localize(
    "Switch the whole portal to the role model? This applies at once to every site and store, knowledge bases, group sites and the main page. Each site's individual rules stop applying (the portal keeps them; they return if the extended model is switched on again), and nothing of them is carried over into roles. Roles apply with the holders and rights saved for them; who holds a role cannot be read through REST, so check the role files first. Only an administrator or a user with full access to Sites and Stores can do this. The switch is journaled, so it can be undone.",
  );
}

/** Switches to the role model (`landing.role.enable` with `mode: 1`) and reads the model back. */
export async function switchToRoles(api: RightsApi): Promise<RightsModel> {
  await api.call<unknown>('landing.role.enable', { mode: 1 }, { write: true });
  return readRightsModel(api);
}
