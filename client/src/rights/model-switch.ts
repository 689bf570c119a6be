/**
 * Switching the portal's rights model, journaled: the journal line records
 * the model before and after and the roles of every site type at that
 * moment, so "Restore Previous Rights Model" can switch back and, for the
 * role model, put the roles back as they were if they changed meanwhile.
 */
import { portalHost, RightsApi } from './api';
import { explainFailure, outcomeUnknown } from './failures';
import { appendRoleJournal, foreignJournalEntry, lastModelSwitch, ModelJournalEntry, readRoleJournal } from './role-journal';
import { ROLE_SECTIONS } from './role-nodes';
import { PortalRole, samePortalRoles } from './role-plan';
import { readPortalRoles } from './role-portal';
import { readRightsModel, RightsModel, switchToExtended, switchToRoles } from './rights-model';
import type { RightsFileSystem } from './rights-store';
import type { LandingSection } from './api';
import { localTime } from './times';
import { localize } from '../l10n/localize';

export interface SwitchOutcome {
  status: 'switched' | 'unchanged' | 'failed' | 'nothing-to-restore';
  model?: RightsModel;
  message: string;
  /** After switching back to roles: site types whose roles differ from the journaled snapshot. */
  changedSections?: { section: LandingSection; snapshot: PortalRole[] }[];
  journalProblem?: string;
}

async function snapshot(api: RightsApi): Promise<ModelJournalEntry['snapshot']> {
  const out: ModelJournalEntry['snapshot'] = [];
  for (const section of ROLE_SECTIONS) {
    try {
      out.push({ section, roles: await readPortalRoles(api, section) });
    } catch {
      // A site type whose roles cannot be read is left out of the snapshot, not a reason to refuse the switch.
    }
  }
  return out;
}

/** Switches to `to`, journaling the switch (when a workspace is open) with the roles as they are now. */
export async function switchModel(
  api: RightsApi,
  fs: RightsFileSystem | undefined,
  to: RightsModel,
  now: () => Date = () => new Date(),
): Promise<SwitchOutcome> {
  const from = await readRightsModel(api);
  if (from === to)
    return {
      status: 'unchanged',
      model: from,
      message: to === 'role' ? localize('The portal already uses the role model.') : localize('The portal already uses the extended model.'),
    };
  const roles = await snapshot(api);
  const host = portalHost(api.portal);
  const entry = (outcome: ModelJournalEntry['outcome'], error?: string): ModelJournalEntry => ({
    kind: 'model',
    time: now().toISOString(),
    portal: host,
    from,
    to,
    outcome,
    snapshot: roles,
    ...(error ? { error } : {}),
  });
  const record = async (e: ModelJournalEntry) => {
    if (!fs) return undefined;
    try {
      await appendRoleJournal(fs, e);
      return undefined;
    } catch (err) {
      return localize('The journal could not be written ({0}).', err instanceof Error ? err.message : String(err));
    }
  };
  let model: RightsModel;
  try {
    model = to === 'role' ? await switchToRoles(api) : await switchToExtended(api);
  } catch (e) {
    const failure = explainFailure(e, localize('switch the rights model'));
    // A gateway error, timeout or redirect may come after the portal switched: the model read back decides.
    const settled = outcomeUnknown(e) ? await readRightsModel(api).catch(() => undefined) : undefined;
    if (settled === undefined) {
      const journalProblem = await record(entry(outcomeUnknown(e) ? 'uncertain' : 'rejected', failure.code ?? failure.reason));
      return { status: 'failed', message: failure.message, ...(journalProblem ? { journalProblem } : {}) };
    }
    model = settled;
  }
  const journalProblem = await record(entry(model === to ? 'applied' : 'rejected', model === to ? undefined : localize('model unchanged')));
  return model === to
    ? {
        status: 'switched',
        model,
        message: to === 'role' ? localize('The portal now uses the role model.') : localize('The portal now uses the extended model.'),
        ...(journalProblem ? { journalProblem } : {}),
      }
    : {
        status: 'failed',
        model,
        message: localize('The portal still reports the previous model. Check with an administrator.'),
        ...(journalProblem ? { journalProblem } : {}),
      };
}

/**
 * Switches back to the model before the last journaled switch. For the role
 * model the portal brings back its saved roles; site types whose roles no
 * longer match the snapshot are returned so they can be restored through a
 * role plan.
 */
export async function restorePreviousModel(api: RightsApi, fs: RightsFileSystem): Promise<SwitchOutcome> {
  const { entries } = await readRoleJournal(fs, portalHost(api.portal));
  const last = lastModelSwitch(entries);
  if (!last)
    return {
      status: 'nothing-to-restore',
      message: localize('This workspace has not switched the rights model of this portal, so there is nothing to restore.'),
    };
  const foreign = foreignJournalEntry(last, portalHost(api.portal));
  if (foreign) return { status: 'failed', message: foreign };
  const out = await switchModel(api, fs, last.from);
  if (last.from !== 'role' || (out.status !== 'switched' && out.status !== 'unchanged')) return out;
  const changedSections: { section: LandingSection; snapshot: PortalRole[] }[] = [];
  for (const s of last.snapshot) {
    const now = await readPortalRoles(api, s.section).catch(() => undefined);
    if (now && !samePortalRoles(now, s.roles)) changedSections.push({ section: s.section, snapshot: s.roles });
  }
  return {
    ...out,
    message: `${out.message} ${
      changedSections.length
        ? localize('Roles are as the portal saved them, but site types changed since the switch on {1}: {0}.', changedSections.length, localTime(last.time))
        : localize('Roles are as the portal saved them when it was switched off on {0}.', localTime(last.time))
    }`,
    ...(changedSections.length ? { changedSections } : {}),
  };
}
