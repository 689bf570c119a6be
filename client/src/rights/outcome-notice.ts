/**
 * What the user is told after an apply or restore: one message, its level,
 * and the buttons that lead on. Pure, so every outcome's wording is tested
 * without an editor; the commands show it and also return it to callers.
 */
import type { ApplyOutcome } from './apply';
import type { FailureAction } from './failures';
import { localize } from '../l10n/localize';

export interface Notice {
  level: 'info' | 'warning' | 'error';
  text: string;
  actions: FailureAction[];
}

/** An outcome's message followed by its first problem, which names what is wrong with the file (another portal's host, a bad code…). */
export function withFirstProblem(outcome: { message: string; problems?: readonly string[] }): string {
  return `${outcome.message} ${outcome.problems?.[0] ?? ''}`.trim();
}

const SWITCH_MODEL: FailureAction = { title: localize('Switch to Extended Model'), command: 'bitrix24.rights.switchToExtended' };

/** The notice for an outcome; undefined when there is nothing to say (the user cancelled). */
export function noticeFor(outcome: ApplyOutcome, siteId: number): Notice | undefined {
  const notice = (level: Notice['level'], text: string, actions: FailureAction[] = []): Notice => ({ level, text, actions });
  switch (outcome.status) {
    case 'cancelled':
      return undefined;
    case 'applied':
      // A save that could not be verified, or a file or journal left behind, is worth a second look.
      return notice(outcome.problems?.length || outcome.failure ? 'warning' : 'info', outcome.message);
    case 'nothing-to-restore':
      return notice('info', outcome.message);
    case 'invalid-file':
      return notice('error', withFirstProblem(outcome), [{ title: localize('Open Rights File'), command: 'bitrix24.rights.openRightsFile', args: [siteId] }]);
    case 'not-effective':
      return notice('warning', outcome.message, [SWITCH_MODEL]);
    case 'aborted':
      switch (outcome.abortReason) {
        case 'role-model':
          return notice('warning', outcome.message, [SWITCH_MODEL]);
        case 'file-changed':
          return notice('warning', outcome.message, [{ title: localize('Show Plan'), command: 'bitrix24.rights.showPlan', args: [siteId] }]);
        case 'site-gone':
          // The view is reloaded at once, so the site's disappearance needs no button.
          return notice('warning', outcome.message);
        default:
          return notice('warning', outcome.message, outcome.failure?.actions ?? []);
      }
    case 'rejected':
      return notice('error', outcome.message, outcome.failure?.actions ?? []);
    case 'uncertain':
      return notice('warning', outcome.message, outcome.failure?.actions ?? []);
  }
}
