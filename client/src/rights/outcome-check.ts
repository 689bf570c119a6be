/**
 * Settling a save whose answer was unclear (no answer, a gateway's 5xx page,
 * a reply that is not REST JSON) by reading the portal again. The portal
 * cannot list a site's rules; what it can say is whether the site still
 * exists (`landing.site.getList`) and which operations the connected user
 * now holds on it (`landing.site.getRights`). When the set that was sent and
 * the set the portal held before would give the user different operations,
 * that answer tells which one the portal holds; otherwise the outcome stays
 * unknown, and this says why.
 */
import { LandingSection, RightsApi, withSection } from './api';
import { explainFailure } from './failures';
import { GRANTING, isOperation, Operation, orderOperations } from './operations';
import type { RightsPlan } from './plan';
import type { RulesSet } from './rights-file';
import { localize } from '../l10n/localize';

export type CheckedOutcome =
  | { state: 'applied'; verified: Operation[] }
  | { state: 'not-applied'; verified: Operation[] }
  | { state: 'site-gone' }
  /** `reason` completes "re-reading could not settle it: …". */
  | { state: 'unknown'; reason: string; verified?: Operation[] };

/** More codes than this are not looked up one by one; the outcome then stays unknown. */
const MAX_CODE_LOOKUPS = 40;

/**
 * The operations `getRights` reports for a non-administrator holding `held`
 * under `rules`: a site without individual rules is open to the section, and
 * otherwise the operations of every held code are joined.
 */
export function operationsUnder(rules: RulesSet, held: ReadonlySet<string>): Operation[] {
  const codes = Object.keys(rules);
  if (codes.length === 0) return [...GRANTING];
  return orderOperations([...new Set(codes.filter((c) => held.has(c)).flatMap((c) => rules[c]))]);
}

function sameOps(a: readonly Operation[], b: readonly Operation[]): boolean {
  const x = orderOperations([...a]);
  const y = orderOperations([...b]);
  return x.length === y.length && x.every((op, i) => op === y[i]);
}

/** Re-reads the site after a save with an unclear answer and says what the portal holds, if it can tell. */
export async function checkUnclearSave(api: RightsApi, plan: RightsPlan, section: LandingSection): Promise<CheckedOutcome> {
  const read = <T>(method: string, params: Record<string, unknown> = {}) => api.call<T>(method, params, { write: false });
  try {
    const found = await read<unknown>('landing.site.getList', withSection(section, { params: { select: ['ID'], filter: { ID: plan.site.id } } }));
    if (!Array.isArray(found) || found.length === 0) return { state: 'site-gone' };
    if ((await read<unknown>('landing.role.isEnabled')) === true) {
      return { state: 'unknown', reason: localize('the portal now uses the role model, where your rights do not come from these rules') };
    }
    const ops = await read<unknown>('landing.site.getRights', withSection(section, { id: plan.site.id }));
    const verified = Array.isArray(ops) ? orderOperations(ops.filter(isOperation)) : [];
    const profile = await read<{ ADMIN?: unknown } | undefined>('profile');
    if (profile?.ADMIN === true) {
      return {
        state: 'unknown',
        verified,
        reason: localize('as a portal administrator you hold every right on every site, so your rights cannot show which rules the site has'),
      };
    }
    if (plan.baseline === null) {
      return {
        state: 'unknown',
        verified,
        reason: localize('this was the first apply from this workspace, so the rules the site had before are not known here'),
      };
    }
    const codes = [...new Set([...Object.keys(plan.rules), ...Object.keys(plan.baseline)])];
    if (codes.length > MAX_CODE_LOOKUPS) {
      return { state: 'unknown', verified, reason: localize('the rules name {0} access codes, too many to check one by one', codes.length) };
    }
    const held = new Set<string>();
    for (const code of codes) {
      if ((await read<unknown>('user.access', { ACCESS: [code] })) === true) held.add(code);
    }
    const after = operationsUnder(plan.rules, held);
    const before = operationsUnder(plan.baseline, held);
    if (sameOps(after, before)) {
      return { state: 'unknown', verified, reason: localize('your own rights on the site are the same under the old and the new rules') };
    }
    if (sameOps(verified, after)) return { state: 'applied', verified };
    if (sameOps(verified, before)) return { state: 'not-applied', verified };
    return {
      state: 'unknown',
      verified,
      reason: localize('your rights on the site match neither the old nor the new rules; someone may have changed them meanwhile'),
    };
  } catch (e) {
    const why = explainFailure(e, localize('re-read the site'))
      .message.replace(/^Could not re-read the site: /, '')
      .replace(/\.$/, '');
    return { state: 'unknown', reason: localize('the site could not be re-read ({0})', why) };
  }
}

/** The unclear answer in a few words, for the message and the journal: "HTTP 504", "no answer", "not REST JSON", "HTTP 307 redirect to …, not followed". */
export function unclearAnswer(e: unknown): string {
  const { kind, status, detail } = (typeof e === 'object' && e !== null ? e : {}) as { kind?: unknown; status?: unknown; detail?: unknown };
  if (kind === 'redirect') {
    const code = typeof status === 'number' ? status : '3xx';
    return typeof detail === 'string' ? localize('HTTP {0} redirect to {1}, not followed', code, detail) : localize('HTTP {0} redirect, not followed', code);
  }
  if (typeof status === 'number') return `HTTP ${status}`;
  if (kind === 'timeout') return localize('no answer in time');
  if (kind === 'malformed') return localize('not Bitrix24 REST JSON');
  return localize('no answer');
}
