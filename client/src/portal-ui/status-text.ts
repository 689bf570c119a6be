/**
 * What the portal status bar item says, as a pure function of the connection
 * state, so the wording is tested without a window.
 */
import type { PortalEntry, PortalIdentity } from '../portal';
import { hostOf } from '../portal/facts';
import { localize } from '../l10n/localize';

/** Why the last check of the active portal failed. */
export interface PortalProblem {
  /** `credentials`: the portal refused them, reconnect; `unreachable`: offline, timeout, rate limit, server trouble. */
  kind: 'credentials' | 'unreachable';
  message: string;
}

export interface StatusInput {
  active?: PortalEntry;
  /** Who the active connection acts as, once verified. */
  identity?: PortalIdentity;
  verifying: boolean;
  problem?: PortalProblem;
  /** How many portals are connected. */
  count: number;
}

export interface StatusView {
  text: string;
  tooltip: string;
  command: string;
  warning: boolean;
}

/** Keeps `$(name)` in portal-supplied text (a user's name) from rendering as an icon. */
export function escapeIcons(text: string): string {
  return text.replace(/(\\)?\$\(([a-z0-9-]+?(?:~[a-z0-9-]*?)?)\)/gi, (match, escaped: string | undefined) => (escaped ? match : `\\${match}`));
}

/** Status bar text, tooltip and click command for the connection state. */
export function statusView(input: StatusInput): StatusView {
  const { active, identity, verifying, problem } = input;
  if (!active) {
    return {
      text: `$(debug-disconnect) ${localize('Bitrix24: not connected')}`,
      tooltip: localize('Connect a Bitrix24 portal to check granted scopes and rights in the editor.'),
      command: 'bitrix24.connect',
      warning: false,
    };
  }
  const host = hostOf(active.url);
  const who = identity && identity.portal === active.url ? identity : undefined;
  const name = who ? ` — ${escapeIcons(who.user.name)}${who.user.admin ? ` (${localize('admin')})` : ''}` : '';
  const lines = [active.auth === 'oauth' ? localize('Bitrix24 portal {0} (local app)', host) : localize('Bitrix24 portal {0} (webhook)', host)];
  if (who) {
    lines.push(who.user.admin ? localize('Signed in as {0}, administrator', who.user.name) : localize('Signed in as {0}, not an administrator', who.user.name));
    lines.push(localize('Scopes: {0}', who.scopes.join(', ') || localize('none')));
  }
  if (problem)
    lines.push(
      problem.kind === 'credentials'
        ? localize('The portal refused the saved credentials: {0}', problem.message)
        : localize('The last check failed: {0}', problem.message),
    );
  else if (!who && !verifying) lines.push(localize('Not checked yet in this window.'));
  lines.push(
    input.count > 1
      ? localize('Click to switch portals, connect another, refresh or disconnect.')
      : localize('Click to refresh, connect another portal or disconnect.'),
  );
  const icon = verifying ? '$(sync~spin)' : problem ? '$(warning)' : '$(plug)';
  const suffix = problem?.kind === 'credentials' ? ` — ${localize('reconnect needed')}` : name;
  return { text: `${icon} ${host}${suffix}`, tooltip: lines.join('\n'), command: 'bitrix24.switchPortal', warning: problem !== undefined };
}
