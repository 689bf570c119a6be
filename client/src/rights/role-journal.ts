/**
 * The role journal (`.bitrix24/roles/<host>/journal.jsonl`): one JSON line
 * per role apply or restore, and one per switch of the rights model. Restore
 * reads it: the roles' state before their last apply, and the model before
 * the last switch (with the roles as they were then).
 */
import { journalLine } from './journal';
import { LandingSection, portalHost } from './api';
import { parseRoleRights, RoleRights } from './role-file';
import type { PortalRole } from './role-plan';
import { roleJournalPath } from './role-store';
import type { RightsModel } from './rights-model';
import type { RightsFileSystem } from './rights-store';
import { localize } from '../l10n/localize';

export type RoleOutcome = 'applied' | 'rejected' | 'uncertain' | 'not-sent';

export interface RoleSide {
  /** `null` when unknown (holders never set from this workspace) or not managed. */
  accessCodes: string[] | null;
  rights: RoleRights;
}

export interface RoleJournalRole {
  id: number;
  title: string;
  outcome: RoleOutcome;
  holdersSent: boolean;
  rightsSent: boolean;
  before: RoleSide;
  after: RoleSide;
  /** What getRights reported afterwards. */
  verified?: RoleRights;
  error?: string;
}

export interface RoleJournalEntry {
  kind: 'roles';
  time: string;
  portal: string;
  section: LandingSection;
  action: 'apply' | 'restore';
  model: RightsModel;
  roles: RoleJournalRole[];
}

export interface ModelJournalEntry {
  kind: 'model';
  time: string;
  portal: string;
  from: RightsModel;
  to: RightsModel;
  outcome: 'applied' | 'rejected' | 'uncertain';
  /** The roles of each section when the switch was made, so they can be compared and put back. */
  snapshot: { section: LandingSection; roles: PortalRole[] }[];
  error?: string;
}

export type AnyRoleJournalEntry = RoleJournalEntry | ModelJournalEntry;

/** Appends one entry. */
export async function appendRoleJournal(fs: RightsFileSystem, entry: AnyRoleJournalEntry): Promise<void> {
  await fs.append(roleJournalPath(entry.portal), `${JSON.stringify(entry)}\n`);
}

function side(v: unknown, problems: string[]): RoleSide {
  const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  const codes = Array.isArray(o.accessCodes) ? o.accessCodes.filter((c): c is string => typeof c === 'string') : null;
  return { accessCodes: codes, rights: parseRoleRights(o.rights ?? {}, 'rights', problems) };
}

function readLine(line: string): AnyRoleJournalEntry | undefined {
  const e = journalLine(line);
  if (!e) return undefined;
  const problems: string[] = [];
  if (e.kind === 'model') {
    if ((e.from !== 'role' && e.from !== 'extended') || (e.to !== 'role' && e.to !== 'extended')) return undefined;
    const snapshot = (Array.isArray(e.snapshot) ? e.snapshot : []).flatMap((s: unknown) => {
      const x = (s ?? {}) as Record<string, unknown>;
      const roles = (Array.isArray(x.roles) ? x.roles : []).flatMap((r: unknown) => {
        const y = (r ?? {}) as Record<string, unknown>;
        return typeof y.id === 'number'
          ? [{ id: y.id, title: String(y.title ?? ''), xmlId: String(y.xmlId ?? ''), rights: parseRoleRights(y.rights ?? {}, 'rights', problems) }]
          : [];
      });
      return typeof x.section === 'string' ? [{ section: x.section as LandingSection, roles }] : [];
    });
    const outcome = e.outcome === 'rejected' || e.outcome === 'uncertain' ? e.outcome : 'applied';
    return {
      kind: 'model',
      time: e.time,
      portal: e.portal,
      from: e.from,
      to: e.to,
      outcome,
      snapshot,
      ...(typeof e.error === 'string' ? { error: e.error } : {}),
    };
  }
  if (e.kind !== 'roles' || typeof e.section !== 'string' || !Array.isArray(e.roles)) return undefined;
  const roles = e.roles.flatMap((r: unknown): RoleJournalRole[] => {
    const x = (r ?? {}) as Record<string, unknown>;
    if (typeof x.id !== 'number') return [];
    const outcome = (['applied', 'rejected', 'uncertain', 'not-sent'] as const).find((o) => o === x.outcome);
    if (!outcome) return [];
    return [
      {
        id: x.id,
        title: String(x.title ?? ''),
        outcome,
        holdersSent: x.holdersSent === true,
        rightsSent: x.rightsSent === true,
        before: side(x.before, problems),
        after: side(x.after, problems),
        ...(x.verified !== undefined ? { verified: parseRoleRights(x.verified, 'verified', problems) } : {}),
        ...(typeof x.error === 'string' ? { error: x.error } : {}),
      },
    ];
  });
  if (problems.length) return undefined;
  return {
    kind: 'roles',
    time: e.time,
    portal: e.portal,
    section: e.section as LandingSection,
    action: e.action === 'restore' ? 'restore' : 'apply',
    model: e.model === 'role' ? 'role' : 'extended',
    roles,
  };
}

/** Reads a portal's role journal; lines that do not parse are counted, not fatal. */
export async function readRoleJournal(fs: RightsFileSystem, host: string): Promise<{ entries: AnyRoleJournalEntry[]; skipped: number }> {
  const text = await fs.read(roleJournalPath(host));
  const entries: AnyRoleJournalEntry[] = [];
  let skipped = 0;
  for (const line of (text ?? '').split('\n')) {
    if (line.trim() === '') continue;
    const entry = readLine(line);
    if (entry) entries.push(entry);
    else skipped++;
  }
  return { entries, skipped };
}

export type RoleRestoreTarget = { ok: true; entry: RoleJournalEntry; roles: RoleJournalRole[] } | { ok: false; message: string };

/**
 * What "Restore Previous Roles" puts back for a section: the state before
 * the last apply that changed at least one role. A restore is journaled too,
 * so a second restore undoes the first.
 */
export function roleRestoreTarget(entries: readonly AnyRoleJournalEntry[], section: LandingSection): RoleRestoreTarget {
  const last = [...entries]
    .reverse()
    .find(
      (e): e is RoleJournalEntry => e.kind === 'roles' && e.section === section && e.roles.some((r) => r.outcome === 'applied' || r.outcome === 'uncertain'),
    );
  if (!last) return { ok: false, message: localize('This workspace has not applied roles of this site type yet, so there is nothing to restore.') };
  return { ok: true, entry: last, roles: last.roles.filter((r) => r.outcome === 'applied' || r.outcome === 'uncertain') };
}

/**
 * Why a journaled change must not be put back on the connected portal
 * `host`: the line names another portal, as when a workspace folder was
 * copied from another portal's. Restoring it would send that portal's
 * earlier state here.
 */
export function foreignJournalEntry(entry: Pick<AnyRoleJournalEntry, 'portal'>, host: string): string | undefined {
  if (portalHost(entry.portal) === host.toLowerCase()) return undefined;
  return localize(
    'The role journal in the folder of {1}, the connected portal, records this change on {0}: it was copied from another portal. Nothing is sent.',
    entry.portal,
    host,
  );
}

/** The last model switch recorded, for "Restore Previous Rights Model". */
export function lastModelSwitch(entries: readonly AnyRoleJournalEntry[]): ModelJournalEntry | undefined {
  return [...entries].reverse().find((e): e is ModelJournalEntry => e.kind === 'model' && e.outcome !== 'rejected');
}
