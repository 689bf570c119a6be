/**
 * Apply and restore: plan → confirm → pre-check → setRights → verify →
 * record. Nothing is written (portal or workspace) before the user confirms
 * and the pre-checks pass; a rejected setRights leaves the desired rules
 * unapplied and `lastApplied` untouched. A save whose answer was unclear is
 * settled by re-reading the portal before anything is recorded. Applies to
 * one site run one after another, so each plan starts from the last result.
 */
import { RightsApi, sectionOfType, withSection, portalHost } from './api';
import { explainFailure, outcomeUnknown, RightsFailure } from './failures';
import { checkUnclearSave, unclearAnswer } from './outcome-check';
import { appendJournal, JournalEntry, JournalOutcome, readJournal, restoreTarget } from './journal';
import { formatOperations, isOperation, Operation } from './operations';
import { resolveNames } from './directory';
import { buildPlan, RightsPlan, summarisePlan, withUnknownCodes } from './plan';
import { markApplied, RightsFile, RulesSet, sameRules } from './rights-file';
import { loadRights, RightsFileSystem, saveRights } from './rights-store';
import { oneAtATime } from './site-queue';
import { localize } from '../l10n/localize';

export interface ApplyDeps {
  api: RightsApi;
  fs: RightsFileSystem;
  /** Shows the plan and resolves `true` to go ahead. */
  confirm(plan: RightsPlan): Promise<boolean>;
  now?: () => Date;
}

export type ApplyStatus = 'applied' | 'cancelled' | 'invalid-file' | 'aborted' | 'rejected' | 'uncertain' | 'not-effective' | 'nothing-to-restore';

export type AbortReason = 'role-model' | 'site-gone' | 'file-changed' | 'precheck-failed';

export interface ApplyOutcome {
  status: ApplyStatus;
  /** What happened and what to do, for the user. */
  message: string;
  abortReason?: AbortReason;
  plan?: RightsPlan;
  failure?: RightsFailure;
  /** The connected user's operations after the apply, from getRights. */
  verified?: Operation[];
  problems?: string[];
}

const siteName = (plan: RightsPlan) => `"${plan.site.title || plan.site.code}" (#${plan.site.id})`;

/** Whether the portal still uses the extended model and still lists the site (not deleted, not in the trash). */
async function preCheck(api: RightsApi, plan: RightsPlan): Promise<ApplyOutcome | undefined> {
  const aborted = (abortReason: AbortReason, message: string, failure?: RightsFailure): ApplyOutcome => ({
    status: 'aborted',
    abortReason,
    message: localize('{0} Nothing was changed.', message),
    plan,
    ...(failure ? { failure } : {}),
  });
  try {
    const roleModel = await api.call<unknown>('landing.role.isEnabled', {}, { write: false });
    if (roleModel === true) {
      return aborted(
        'role-model',
        localize('The portal switched to the role model. In that model setRights reports success but applies nothing, so the apply was stopped.'),
      );
    }
    const section = sectionOfType(plan.site.type);
    const found = await api.call<unknown>('landing.site.getList', withSection(section, { params: { select: ['ID'], filter: { ID: plan.site.id } } }), {
      write: false,
    });
    if (!Array.isArray(found) || found.length === 0) {
      return aborted('site-gone', localize('Site {0} no longer exists on the portal or is in the trash.', siteName(plan)));
    }
  } catch (e) {
    const failure = explainFailure(e, localize('check the site before applying'));
    return aborted('precheck-failed', failure.message, failure);
  }
  return undefined;
}

async function record(fs: RightsFileSystem, entry: JournalEntry): Promise<string | undefined> {
  try {
    await appendJournal(fs, entry);
    return undefined;
  } catch (e) {
    return localize('The journal could not be written ({0}).', e instanceof Error ? e.message : String(e));
  }
}

/**
 * Applies a site's desired rules (or `rules`, for restore) after the user
 * confirms the plan. Every setRights attempt is journaled.
 */
export function applyRights(deps: ApplyDeps, siteId: number, opts: { rules?: RulesSet; action?: 'apply' | 'restore' } = {}): Promise<ApplyOutcome> {
  return oneAtATime(`${portalHost(deps.api.portal)}#${siteId}`, () => applyNow(deps, siteId, opts));
}

async function applyNow(deps: ApplyDeps, siteId: number, opts: { rules?: RulesSet; action?: 'apply' | 'restore' }): Promise<ApplyOutcome> {
  const { api, fs } = deps;
  const now = deps.now ?? (() => new Date());
  const host = portalHost(api.portal);
  const loaded = await loadRights(fs, host, siteId);
  if (loaded.status !== 'ok') {
    return loaded.status === 'missing'
      ? { status: 'invalid-file', message: localize('There is no rights file for site #{0} yet; add an access code first.', siteId), problems: [] }
      : { status: 'invalid-file', message: localize('The rights file {0} has problems; fix them first.', loaded.path), problems: loaded.problems };
  }
  let plan = buildPlan(loaded.file, opts.rules);
  const names = await resolveNames(api, Object.keys(plan.rules));
  if (names) plan = withUnknownCodes(plan, names);
  if (!(await deps.confirm(plan))) return { status: 'cancelled', message: localize('Apply cancelled; nothing was changed.'), plan };

  // The file may have been edited (or the branch switched) while the plan was on screen.
  const again = await loadRights(fs, host, siteId);
  if (
    again.status !== 'ok' ||
    (opts.rules === undefined && !sameRules(again.file.rules, plan.rules)) ||
    !sameRules(again.file.lastApplied?.rules ?? {}, plan.baseline ?? {}) ||
    (again.file.lastApplied === null) !== plan.firstApply
  ) {
    return {
      status: 'aborted',
      abortReason: 'file-changed',
      message: localize('The rights file changed after the plan was shown. Review the new plan and apply again. Nothing was changed.'),
      plan,
    };
  }
  const stop = await preCheck(api, plan);
  if (stop) return stop;

  const entry = (outcome: JournalOutcome, extra: Partial<JournalEntry> = {}): JournalEntry => ({
    time: now().toISOString(),
    portal: host,
    siteId,
    siteTitle: plan.site.title,
    action: opts.action ?? 'apply',
    outcome,
    before: plan.baseline,
    after: plan.rules,
    ...extra,
  });

  const section = sectionOfType(plan.site.type);
  let saved: unknown;
  try {
    saved = await api.call<unknown>('landing.site.setRights', withSection(section, { id: siteId, rights: plan.rules }), { write: true });
  } catch (e) {
    const failure = explainFailure(e, localize('save the rules'));
    if (!outcomeUnknown(e)) {
      const journalProblem = await record(fs, entry('rejected', { error: failure.code ?? failure.reason }));
      return {
        status: 'rejected',
        message: localize('{0} The portal kept its rules; the rights file keeps yours as not applied. {1}', failure.message, journalProblem ?? '').trim(),
        plan,
        failure,
      };
    }
    const answer = unclearAnswer(e);
    const unknown = localize("Outcome unknown: the portal's answer to the save was unclear ({0}), so the site was read again.", answer);
    const checked = await checkUnclearSave(api, plan, section);
    switch (checked.state) {
      case 'applied':
        return settleApplied(deps, loaded.file, plan, entry, { verified: checked.verified, answer, lead: localize('{0} Verified: applied.', unknown) });
      case 'not-applied': {
        const journalProblem = await record(fs, entry('rejected', { verified: checked.verified, error: localize('{0}; verified not applied', answer) }));
        return {
          status: 'rejected',
          message: localize(
            '{0} Verified: not applied. The portal kept its rules (you still have: {1}); the rights file keeps yours as not applied. Apply again when the portal answers normally. {2}',
            unknown,
            formatOperations(checked.verified) || localize('no rights'),
            journalProblem ?? '',
          ).trim(),
          plan,
          failure,
          verified: checked.verified,
        };
      }
      case 'site-gone': {
        const journalProblem = await record(fs, entry('uncertain', { error: localize('{0}; site gone', answer) }));
        return {
          status: 'aborted',
          abortReason: 'site-gone',
          message: localize(
            '{0} Site {1} no longer exists on the portal or is in the trash, so its rules no longer matter. {2}',
            unknown,
            siteName(plan),
            journalProblem ?? '',
          ).trim(),
          plan,
          failure,
        };
      }
      case 'unknown': {
        const journalProblem = await record(fs, entry('uncertain', { error: answer, ...(checked.verified ? { verified: checked.verified } : {}) }));
        return {
          status: 'uncertain',
          message: localize(
            '{0} Still unknown: {1}. The rules may or may not have been saved; the rights file still holds them as not applied. Apply again to be sure: it sends the whole set, so repeating it is safe. {2}',
            unknown,
            checked.reason,
            journalProblem ?? '',
          ).trim(),
          plan,
          failure,
          ...(checked.verified ? { verified: checked.verified } : {}),
        };
      }
    }
  }
  if (saved !== true) {
    return {
      status: 'aborted',
      abortReason: 'site-gone',
      message: localize('The portal did not find site {0} (deleted or in the trash); nothing was saved.', siteName(plan)),
      plan,
    };
  }

  // In the role model setRights also answers true; check again so a switch at the last moment is not missed.
  let roleModelNow = false;
  try {
    roleModelNow = (await api.call<unknown>('landing.role.isEnabled', {}, { write: false })) === true;
  } catch {
    // Verification below still runs; a failure here is not a reason to doubt the save.
  }
  if (roleModelNow) {
    const journalProblem = await record(fs, entry('not-effective', { error: localize('role model enabled') }));
    return {
      status: 'not-effective',
      message: localize(
        'The portal switched to the role model while applying: the rules were accepted but do not take effect. Switch back to the extended model and apply again. {0}',
        journalProblem ?? '',
      ).trim(),
      plan,
    };
  }

  let verified: Operation[] | undefined;
  let verifyFailure: RightsFailure | undefined;
  try {
    const ops = await api.call<unknown>('landing.site.getRights', withSection(section, { id: siteId }), { write: false });
    verified = Array.isArray(ops) ? ops.filter(isOperation) : [];
  } catch (e) {
    verifyFailure = explainFailure(e, localize('verify the result'));
  }
  return settleApplied(deps, loaded.file, plan, entry, { verified, verifyFailure });
}

/** Records a save the portal holds (answered, or verified by re-reading) in the rights file and the journal, and says so. */
async function settleApplied(
  deps: ApplyDeps,
  file: RightsFile,
  plan: RightsPlan,
  entry: (outcome: JournalOutcome, extra?: Partial<JournalEntry>) => JournalEntry,
  how: { verified?: Operation[]; verifyFailure?: RightsFailure; answer?: string; lead?: string },
): Promise<ApplyOutcome> {
  const { verified, verifyFailure } = how;
  const now = deps.now ?? (() => new Date());
  const problems: string[] = [];
  try {
    await saveRights(deps.fs, portalHost(deps.api.portal), markApplied(file, plan.rules, now().toISOString()));
  } catch (e) {
    problems.push(localize('The rights file could not be updated ({0}); its "lastApplied" is out of date.', e instanceof Error ? e.message : String(e)));
  }
  const extra: Partial<JournalEntry> = { ...(verified ? { verified } : {}), ...(how.answer ? { error: localize('{0}; verified applied', how.answer) } : {}) };
  const journalProblem = await record(deps.fs, entry('applied', extra));
  if (journalProblem) problems.push(journalProblem);

  const count = Object.keys(plan.rules).length;
  const what =
    count === 1
      ? localize('Applied 1 rule to {0} ({1}).', siteName(plan), summarisePlan(plan))
      : localize('Applied {0} rules to {1} ({2}).', count, siteName(plan), summarisePlan(plan));
  const check = verified
    ? verified.length
      ? localize('The portal confirms your own rights on this site are {0}; it cannot list other rules.', formatOperations(verified))
      : localize('The portal reports that you yourself have no rights on this site; it cannot list other rules.')
    : localize('Saved, but not verified: {0}', verifyFailure?.message ?? '');
  return {
    status: 'applied',
    message: [...(how.lead ? [how.lead] : []), what, check, ...problems].join(' '),
    plan,
    ...(verified ? { verified } : {}),
    ...(verifyFailure ? { failure: verifyFailure } : {}),
    ...(problems.length ? { problems } : {}),
  };
}

/**
 * Puts back the rules the site had before its last apply from this
 * workspace, through the same plan/confirm/pre-check path.
 */
export function restorePrevious(deps: ApplyDeps, siteId: number): Promise<ApplyOutcome> {
  const host = portalHost(deps.api.portal);
  // The journal is read in turn too, so a restore right after an apply restores from that apply.
  return oneAtATime(`${host}#${siteId}`, async () => {
    const { entries } = await readJournal(deps.fs, host);
    const target = restoreTarget(entries, siteId);
    if (!target.ok) return { status: 'nothing-to-restore', message: target.message };
    return applyNow(deps, siteId, { rules: target.rules, action: 'restore' });
  });
}
