/**
 * Role apply, restore and import: plan → confirm → re-check → setAccessCodes
 * / setRights per role → verify with getRights → record. Nothing reaches the
 * portal before the user confirms and the re-checks pass (same file, same
 * model, nobody changed the roles meanwhile); the first failure stops the
 * roles after it, and every attempt is journaled.
 */
import { LandingSection, portalHost, RightsApi, withSection } from './api';
import { localTime } from './times';
import { resolveNames } from './directory';
import { explainFailure, outcomeUnknown, RightsFailure } from './failures';
import { RoleEntry, RoleFile, RoleRights, sameRoleRights, serialiseRoleFile, sortRoleRights } from './role-file';
import { appendRoleJournal, foreignJournalEntry, readRoleJournal, RoleJournalEntry, RoleJournalRole, roleRestoreTarget } from './role-journal';
import {
  buildRolePlan,
  holderCodes,
  PortalRole,
  withHolderNames,
  RolePlan,
  SECTION_LABELS,
  samePortalRoles,
  siteKeyLabel,
  summariseRolePlan,
} from './role-plan';
import { readOneRole, readPortalRoles, readSectionSites } from './role-portal';
import { loadRoleFile, saveRoleFile } from './role-store';
import { readRightsModel, RightsModel } from './rights-model';
import type { RightsFileSystem } from './rights-store';
import { localize } from '../l10n/localize';

export interface RoleApplyDeps {
  api: RightsApi;
  fs: RightsFileSystem;
  /** Shows the plan and asks; resolves true to go ahead. `titles` names the section's sites. */
  confirm(plan: RolePlan, titles: ReadonlyMap<number, string>): Promise<boolean>;
  now?: () => Date;
}

export type RoleApplyStatus = 'applied' | 'partial' | 'unchanged' | 'cancelled' | 'invalid-file' | 'aborted' | 'rejected' | 'uncertain' | 'nothing-to-restore';
export type RoleAbortReason = 'model-switched' | 'portal-changed' | 'file-changed' | 'precheck-failed';

export interface RoleApplyOutcome {
  status: RoleApplyStatus;
  message: string;
  abortReason?: RoleAbortReason;
  plan?: RolePlan;
  failure?: RightsFailure;
  /** Per role: what happened and what getRights reported. */
  roles?: RoleJournalRole[];
  /** Site keys whose rights the portal did not keep as sent, per role id. */
  mismatches?: { roleId: number; keys: string[] }[];
  problems?: string[];
}

interface PortalView {
  model: RightsModel;
  roles: PortalRole[];
  titles: Map<number, string>;
  complete: boolean;
}

async function readPortal(api: RightsApi, section: LandingSection): Promise<PortalView> {
  const model = await readRightsModel(api);
  const roles = await readPortalRoles(api, section);
  const sites = await readSectionSites(api, section);
  return { model, roles, ...sites };
}

async function record(fs: RightsFileSystem, entry: RoleJournalEntry): Promise<string | undefined> {
  try {
    await appendRoleJournal(fs, entry);
    return undefined;
  } catch (e) {
    return localize('The journal could not be written ({0}).', e instanceof Error ? e.message : String(e));
  }
}

/**
 * The plan with its holders named as the portal's directory knows them
 * (`access.name`), as a site's plan names its codes, with a warning for
 * holders it does not know; without an answer the plan shows generic descriptions.
 */
async function withNames(api: RightsApi, plan: RolePlan): Promise<RolePlan> {
  const codes = holderCodes(plan);
  const names = codes.length ? await resolveNames(api, codes) : undefined;
  return names ? withHolderNames(plan, names) : plan;
}

/** Keys whose operations differ between what was sent and what the portal reports. */
function mismatchedKeys(sent: RoleRights, got: RoleRights): string[] {
  const keys = [...new Set([...Object.keys(sent), ...Object.keys(got)])];
  return keys.filter((k) => !sameRoleRights({ [k]: sent[k] ?? [] }, { [k]: got[k] ?? [] })).sort((a, b) => Number(a) - Number(b));
}

/** The plan Apply would confirm now, without asking or sending anything. */
export async function planRoles(
  api: RightsApi,
  fs: RightsFileSystem,
  section: LandingSection,
): Promise<{ plan: RolePlan; titles: Map<number, string> } | RoleApplyOutcome> {
  const loaded = await loadRoleFile(fs, portalHost(api.portal), section);
  if (loaded.status === 'missing')
    return {
      status: 'invalid-file',
      message: localize('There is no role file for {0} yet; import the roles from the portal first.', SECTION_LABELS[section]),
      problems: [],
    };
  if (loaded.status === 'invalid')
    return { status: 'invalid-file', message: localize('The role file {0} has problems; fix them first.', loaded.path), problems: loaded.problems };
  try {
    const view = await readPortal(api, section);
    const plan = buildRolePlan(loaded.file, view.roles, view.model, view.complete ? new Set(view.titles.keys()) : undefined);
    return { plan: await withNames(api, plan), titles: view.titles };
  } catch (e) {
    const failure = explainFailure(e, localize('read the roles'));
    return { status: 'aborted', abortReason: 'precheck-failed', message: failure.message, failure };
  }
}

/**
 * Applies a section's role file (or, for restore, `override` of it) after the
 * user confirms the plan.
 */
export async function applyRoles(
  deps: RoleApplyDeps,
  section: LandingSection,
  opts: { override?: (file: RoleFile) => RoleFile; action?: 'apply' | 'restore' } = {},
): Promise<RoleApplyOutcome> {
  const { api, fs } = deps;
  const now = deps.now ?? (() => new Date());
  const host = portalHost(api.portal);
  const action = opts.action ?? 'apply';
  const loaded = await loadRoleFile(fs, host, section);
  if (loaded.status !== 'ok') {
    return loaded.status === 'missing'
      ? {
          status: 'invalid-file',
          message: localize('There is no role file for {0} yet; import the roles from the portal first.', SECTION_LABELS[section]),
          problems: [],
        }
      : { status: 'invalid-file', message: localize('The role file {0} has problems; fix them first.', loaded.path), problems: loaded.problems };
  }
  const desired = opts.override ? opts.override(loaded.file) : loaded.file;

  let view: PortalView;
  try {
    view = await readPortal(api, section);
  } catch (e) {
    const failure = explainFailure(e, localize('read the roles before applying'));
    return { status: 'aborted', abortReason: 'precheck-failed', message: localize('{0} Nothing was changed.', failure.message), failure };
  }
  const built = buildRolePlan(desired, view.roles, view.model, view.complete ? new Set(view.titles.keys()) : undefined);
  if (!built.hasChanges)
    return { status: 'unchanged', message: localize('The portal already holds these roles of {0}; nothing to apply.', SECTION_LABELS[section]), plan: built };
  const plan = await withNames(api, built);
  if (!(await deps.confirm(plan, view.titles))) return { status: 'cancelled', message: localize('Apply cancelled; nothing was changed.'), plan };

  // Between the plan and now: the file may have been edited, the model switched, or the roles changed elsewhere.
  const again = await loadRoleFile(fs, host, section);
  if (again.status !== 'ok' || serialiseRoleFile(again.file) !== serialiseRoleFile(loaded.file)) {
    return {
      status: 'aborted',
      abortReason: 'file-changed',
      message: localize('The role file changed after the plan was shown. Review the new plan and apply again. Nothing was changed.'),
      plan,
    };
  }
  try {
    const model = await readRightsModel(api);
    if (model !== plan.model) {
      return {
        status: 'aborted',
        abortReason: 'model-switched',
        message:
          model === 'role'
            ? localize(
                'The portal switched to the role model after the plan was shown, so what the plan says about taking effect no longer holds. Review the plan and apply again. Nothing was changed.',
              )
            : localize(
                'The portal switched to the extended model after the plan was shown, so what the plan says about taking effect no longer holds. Review the plan and apply again. Nothing was changed.',
              ),
        plan,
      };
    }
    const roles = await readPortalRoles(api, section);
    if (!samePortalRoles(roles, view.roles)) {
      return {
        status: 'aborted',
        abortReason: 'portal-changed',
        message: localize('The roles changed on the portal after the plan was shown. Review the new plan and apply again. Nothing was changed.'),
        plan,
      };
    }
  } catch (e) {
    const failure = explainFailure(e, localize('check the roles before applying'));
    return { status: 'aborted', abortReason: 'precheck-failed', message: localize('{0} Nothing was changed.', failure.message), plan, failure };
  }

  const results: RoleJournalRole[] = [];
  let stop: { failure: RightsFailure; unknown: boolean } | undefined;
  for (const entry of plan.roles) {
    const result: RoleJournalRole = {
      id: entry.role.id,
      title: entry.role.title,
      outcome: 'not-sent',
      holdersSent: false,
      rightsSent: false,
      before: { accessCodes: entry.holders.before, rights: entry.rights.before },
      after: { accessCodes: entry.holders.after, rights: entry.rights.after },
    };
    results.push(result);
    if (stop) continue;
    try {
      if (entry.holders.send) {
        result.holdersSent = true;
        await api.call('landing.role.setAccessCodes', withSection(section, { id: entry.role.id, codes: entry.holders.after ?? [] }), { write: true });
      }
      if (entry.rights.send) {
        result.rightsSent = true;
        await api.call('landing.role.setRights', withSection(section, { id: entry.role.id, rights: entry.rights.after }), { write: true });
      }
      result.outcome = 'applied';
    } catch (e) {
      const failure = explainFailure(e, localize('save role "{0}"', entry.role.title));
      const unknown = outcomeUnknown(e);
      result.outcome = unknown ? 'uncertain' : 'rejected';
      result.error = failure.code ?? failure.reason;
      stop = { failure, unknown };
    }
  }

  // Verify every role that was (or may have been) written: getRights returns the rights, never the holders.
  const mismatches: { roleId: number; keys: string[] }[] = [];
  const problems: string[] = [];
  for (const r of results.filter((x) => x.outcome === 'applied' || x.outcome === 'uncertain')) {
    try {
      r.verified = await readOneRole(api, section, r.id);
      // An unclear answer to setRights is settled by what the role holds now; holders cannot be read back.
      if (r.outcome === 'uncertain' && r.rightsSent) {
        const after = sortRoleRights(r.after.rights);
        const before = sortRoleRights(r.before.rights);
        if (sameRoleRights(r.verified, after)) r.outcome = 'applied';
        else if (sameRoleRights(r.verified, before) && !sameRoleRights(before, after)) r.outcome = 'rejected';
      }
      const keys = r.outcome === 'applied' ? mismatchedKeys(r.after.rights, r.verified) : [];
      if (keys.length) mismatches.push({ roleId: r.id, keys });
    } catch (e) {
      problems.push(localize('Role "{0}" could not be verified: {1}', r.title, explainFailure(e, 'verify').message));
    }
  }

  // The file records the holders sent; a restore also makes the restored state the desired one.
  const applied = new Map(results.filter((r) => r.outcome === 'applied').map((r) => [r.id, r]));
  if (applied.size > 0) {
    const next: RoleFile = {
      ...loaded.file,
      roles: loaded.file.roles.map((role): RoleEntry => {
        const r = applied.get(role.id);
        if (!r) return role;
        const restored = action === 'restore' ? desired.roles.find((d) => d.id === role.id) : undefined;
        const base = restored ?? role;
        return { ...base, appliedAccessCodes: r.holdersSent ? r.after.accessCodes : base.appliedAccessCodes };
      }),
    };
    try {
      await saveRoleFile(fs, host, next);
    } catch (e) {
      problems.push(localize('The role file could not be updated ({0}).', e instanceof Error ? e.message : String(e)));
    }
  }
  const journalProblem = await record(fs, { kind: 'roles', time: now().toISOString(), portal: host, section, action, model: plan.model, roles: results });
  if (journalProblem) problems.push(journalProblem);

  return finish(plan, results, mismatches, problems, stop, action);
}

function finish(
  plan: RolePlan,
  results: RoleJournalRole[],
  mismatches: { roleId: number; keys: string[] }[],
  problems: string[],
  stop: { failure: RightsFailure; unknown: boolean } | undefined,
  action: 'apply' | 'restore',
): RoleApplyOutcome {
  const names = (rs: RoleJournalRole[]) => rs.map((r) => `"${r.title}"`).join(', ');
  const done = results.filter((r) => r.outcome === 'applied');
  const notSent = results.filter((r) => r.outcome === 'not-sent');
  const parts: string[] = [];
  if (done.length) {
    parts.push(
      action === 'restore'
        ? localize('Restored {0} in {1} ({2}).', names(done), SECTION_LABELS[plan.section], summariseRolePlan(plan))
        : localize('Applied {0} in {1} ({2}).', names(done), SECTION_LABELS[plan.section], summariseRolePlan(plan)),
    );
  }
  const failed = results.filter((r) => r.outcome === 'rejected' || r.outcome === 'uncertain');
  if (stop) {
    if (!stop.unknown) parts.push(`${stop.failure.message}`);
    else {
      const unsettled = failed.filter((r) => r.outcome === 'uncertain');
      const kept = failed.filter((r) => r.outcome === 'rejected');
      if (unsettled.length) parts.push(localize('No clear answer for {0}: it may or may not have been saved.', names(unsettled)));
      if (kept.length) parts.push(localize('The answer for {0} was unclear; reading the role again shows the portal kept its rights.', names(kept)));
    }
    if (notSent.length) parts.push(localize('Not sent: {0}.', names(notSent)));
  }
  for (const m of mismatches) {
    const r = results.find((x) => x.id === m.roleId);
    parts.push(
      localize(
        'The portal did not keep {0} for "{1}" as sent (a site that does not exist is skipped).',
        m.keys.map((k) => siteKeyLabel(k)).join(', '),
        r?.title ?? '',
      ),
    );
  }
  if (done.some((r) => r.holdersSent)) parts.push(localize('Holders cannot be read back through REST; the rights were verified with getRights.'));
  else if (done.length && !mismatches.length) parts.push(localize('Verified with getRights.'));
  if (plan.model === 'extended' && done.length)
    parts.push(localize('The portal uses the extended model, so the roles take effect once the role model is switched on.'));
  parts.push(...problems);
  const settled = stop?.unknown && failed.length === 0 && notSent.length === 0; // the unclear answer was verified applied
  const status: RoleApplyStatus =
    !stop || settled ? 'applied' : done.length ? 'partial' : failed.some((r) => r.outcome === 'uncertain') ? 'uncertain' : 'rejected';
  return {
    status,
    message: parts.join(' '),
    plan,
    roles: results,
    ...(stop ? { failure: stop.failure } : {}),
    ...(mismatches.length ? { mismatches } : {}),
    ...(problems.length ? { problems } : {}),
  };
}

/**
 * Puts back the roles of a section as they were before the last apply from
 * this workspace, through the same plan/confirm/re-check path. Holders that
 * were unknown before that apply cannot be put back; they stay as applied.
 */
export async function restoreRoles(deps: RoleApplyDeps, section: LandingSection): Promise<RoleApplyOutcome> {
  const host = portalHost(deps.api.portal);
  const { entries } = await readRoleJournal(deps.fs, host);
  const target = roleRestoreTarget(entries, section);
  if (!target.ok) return { status: 'nothing-to-restore', message: target.message };
  const foreign = foreignJournalEntry(target.entry, host);
  if (foreign) return { status: 'invalid-file', message: foreign, problems: [foreign] };
  const override = (file: RoleFile): RoleFile => ({
    ...file,
    roles: file.roles.map((role) => {
      const t = target.roles.find((r) => r.id === role.id);
      if (!t) return role;
      const holders = t.holdersSent && t.before.accessCodes !== null ? t.before.accessCodes : role.accessCodes;
      return { ...role, accessCodes: holders, rights: t.before.rights };
    }),
  });
  const outcome = await applyRoles(deps, section, { override, action: 'restore' });
  const unknown = target.roles.filter((r) => r.holdersSent && r.before.accessCodes === null).map((r) => `"${r.title}"`);
  if (!unknown.length || outcome.status === 'cancelled') return outcome;
  return {
    ...outcome,
    message: localize(
      '{0} Who held {1} before {2} was never known here, so the holders stay as applied.',
      outcome.message,
      unknown.join(', '),
      localTime(target.entry.time),
    ),
  };
}

/**
 * Merges the portal's roles into a role file: rights and titles come from
 * the portal; holders, which the portal cannot return, are kept from the
 * existing file (or `null` for roles it did not list).
 */
export function mergeImport(existing: RoleFile | undefined, portal: readonly PortalRole[], host: string, section: LandingSection, at: string): RoleFile {
  return {
    version: 1,
    portal: existing?.portal ?? host,
    section,
    importedAt: at,
    extra: existing?.extra ?? {},
    roles: portal.map((p): RoleEntry => {
      const old = existing?.roles.find((r) => r.id === p.id);
      return {
        id: p.id,
        title: p.title,
        xmlId: p.xmlId,
        accessCodes: old?.accessCodes ?? null,
        appliedAccessCodes: old?.appliedAccessCodes ?? null,
        rights: sortRoleRights(p.rights),
      };
    }),
  };
}

/** Roles whose desired rights in `file` differ from the portal's: an import would overwrite these edits. */
export function unappliedRightsEdits(file: RoleFile, portal: readonly PortalRole[]): string[] {
  return file.roles
    .filter((r) => {
      const p = portal.find((x) => x.id === r.id);
      return p !== undefined && !sameRoleRights(p.rights, r.rights);
    })
    .map((r) => r.title || `#${r.id}`);
}

/** Reads the portal's roles of a section and writes them to the role file (holders kept). */
export async function importRoles(
  api: RightsApi,
  fs: RightsFileSystem,
  section: LandingSection,
  opts: { now?: () => Date; confirmOverwrite?: (roles: string[]) => Promise<boolean> } = {},
): Promise<{ status: 'imported' | 'cancelled' | 'invalid-file'; path: string; file?: RoleFile; message: string; problems?: string[] }> {
  const host = portalHost(api.portal);
  const loaded = await loadRoleFile(fs, host, section);
  if (loaded.status === 'invalid')
    return {
      status: 'invalid-file',
      path: loaded.path,
      message: localize('The role file {0} has problems; fix or delete it first.', loaded.path),
      problems: loaded.problems,
    };
  const roles = await readPortalRoles(api, section);
  const existing = loaded.status === 'ok' ? loaded.file : undefined;
  const edits = existing ? unappliedRightsEdits(existing, roles) : [];
  if (edits.length && opts.confirmOverwrite && !(await opts.confirmOverwrite(edits))) {
    return { status: 'cancelled', path: loaded.path, message: localize('Import cancelled; the role file is unchanged.') };
  }
  const file = mergeImport(existing, roles, host, section, (opts.now ?? (() => new Date()))().toISOString());
  const path = await saveRoleFile(fs, host, file);
  const unknown = file.roles.filter((r) => r.accessCodes === null).length;
  return {
    status: 'imported',
    path,
    file,
    message: `${localize('Imported the roles of {1} into {2}: {0}.', file.roles.length, SECTION_LABELS[section], path)}${
      unknown ? ` ${localize('The portal cannot return who holds a role: set the holders here to manage them (roles without holders: {0}).', unknown)}` : ''
    }`,
  };
}
