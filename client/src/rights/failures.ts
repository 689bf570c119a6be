/**
 * Turns whatever a portal call rejected with into plain words and the actions
 * that can fix it. Reads PortalError fields by duck typing so a fake API in
 * tests and the real REST client are treated alike.
 */
import { explainAction } from '../ai/explain-action';
import { localize } from '../l10n/localize';

export const DOCS = {
  extendedModel: 'https://apidocs.bitrix24.com/api-reference/landing/rights/extended-model/index.html',
  setRights: 'https://apidocs.bitrix24.com/api-reference/landing/rights/extended-model/landing-site-set-rights.html',
  roleModel: 'https://apidocs.bitrix24.com/api-reference/landing/rights/role-model/index.html',
  roleEnable: 'https://apidocs.bitrix24.com/api-reference/landing/rights/landing-role-enable.html',
  webhooks: 'https://apidocs.bitrix24.com/local-integrations/local-webhooks.html',
} as const;

export type FailureReason = 'plan' | 'not-admin' | 'denied' | 'scope' | 'auth' | 'network' | 'rate-limit' | 'not-found' | 'other';

/** A follow-up the UI offers next to a failure; `command` is a VS Code command id. */
export interface FailureAction {
  title: string;
  command: string;
  args?: unknown[];
}

export interface RightsFailure {
  reason: FailureReason;
  /** The Bitrix24 error code, when there was one. */
  code?: string;
  /** One sentence: what happened, in plain words. */
  message: string;
  /** The error's own text, for the log only. */
  detail?: string;
  actions: FailureAction[];
}

// Getters: the titles are looked up in the display language when read.
export const REFRESH: FailureAction = {
  get title() {
    return localize('Refresh');
  },
  command: 'bitrix24.rights.refresh',
};
export const RECONNECT: FailureAction = {
  get title() {
    return localize('Reconnect');
  },
  command: 'bitrix24.connect',
};

/** An action that opens a documentation page in the browser. */
export function openDocs(url: string, title = localize('Open Documentation')): FailureAction {
  return { title, command: 'vscode.open', args: [url] };
}

interface ErrorLike {
  kind?: unknown;
  code?: unknown;
  message?: unknown;
  detail?: unknown;
}

function fieldsOf(e: unknown): { kind?: string; code?: string; message: string; detail?: string } {
  if (typeof e !== 'object' || e === null) return { message: String(e) };
  const x = e as ErrorLike;
  return {
    kind: typeof x.kind === 'string' ? x.kind : undefined,
    code: typeof x.code === 'string' ? x.code : undefined,
    message: typeof x.message === 'string' ? x.message : String(e),
    detail: typeof x.detail === 'string' ? x.detail : undefined,
  };
}

/**
 * Explains a rejected call. `doing` completes "Could not …", e.g. "load the sites".
 * The codes the landing rights methods document get their own wording; the
 * rest fall back to the REST client's advice, which is already user-facing.
 */
export function explainFailure(e: unknown, doing: string): RightsFailure {
  const failure = describeFailure(e, doing);
  const explain = explainAction(e);
  return explain ? { ...failure, actions: [...failure.actions, explain] } : failure;
}

function describeFailure(e: unknown, doing: string): RightsFailure {
  const f = fieldsOf(e);
  const base = { code: f.code, detail: f.detail ?? (f.kind === undefined ? f.message : undefined) };
  switch (f.code) {
    case 'FEATURE_NOT_AVAIL':
      return {
        ...base,
        reason: 'plan',
        message: localize(
          "Could not {0}: the portal's plan does not include access rights for sites. Sites keep their default access until the plan is changed.",
          doing,
        ),
        actions: [openDocs(DOCS.extendedModel), REFRESH],
      };
    case 'IS_NOT_ADMIN':
      return {
        ...base,
        reason: 'not-admin',
        message: localize(
          'Could not {0}: only an administrator or a user with full access to Sites and Stores may do this. Connect with a webhook created by such a user.',
          doing,
        ),
        actions: [RECONNECT, openDocs(DOCS.webhooks, localize('How to Create a Webhook'))],
      };
    case 'ACCESS_DENIED':
      return {
        ...base,
        reason: 'denied',
        message: localize(
          'Could not {0}: your user has no access to the Sites and Stores section. Ask an administrator to grant it, or connect as another user.',
          doing,
        ),
        actions: [RECONNECT, REFRESH],
      };
    case 'insufficient_scope':
    case 'invalid_scope':
      return {
        ...base,
        reason: 'scope',
        message: localize(
          'Could not {0}: the connection lacks the "landing" scope. Re-issue the webhook with "landing" ticked and connect with the new URL.',
          doing,
        ),
        actions: [{ ...RECONNECT, title: localize('Connect with Re-issued Webhook') }, openDocs(DOCS.webhooks, localize('How to Re-issue a Webhook'))],
      };
  }
  switch (f.kind) {
    case 'scope':
      return {
        ...base,
        reason: 'scope',
        message: localize('Could not {0}: {1}', doing, f.message),
        actions: [RECONNECT, openDocs(DOCS.webhooks, localize('How to Re-issue a Webhook'))],
      };
    case 'auth':
    case 'expired':
      return { ...base, reason: 'auth', message: localize('Could not {0}: {1}', doing, f.message), actions: [RECONNECT] };
    case 'network':
    case 'timeout':
      return {
        ...base,
        reason: 'network',
        message: localize('Could not {0}: the portal is unreachable. Check the address and your network, then refresh.', doing),
        actions: [REFRESH, RECONNECT],
      };
    case 'rate-limit':
      return {
        ...base,
        reason: 'rate-limit',
        message: localize('Could not {0}: the portal is limiting requests. Wait a moment, then refresh.', doing),
        actions: [REFRESH],
      };
    case 'not-admin':
      return describeFailure({ ...f, code: 'IS_NOT_ADMIN' }, doing);
    case 'denied':
      return { ...base, reason: 'denied', message: localize('Could not {0}: {1}', doing, f.message), actions: [RECONNECT, REFRESH] };
    case 'not-found':
      return { ...base, reason: 'not-found', message: localize('Could not {0}: {1}', doing, f.message), actions: [REFRESH] };
  }
  return { ...base, reason: 'other', message: localize('Could not {0}: {1}', doing, f.message), actions: [REFRESH] };
}

/**
 * Whether a failed *write* may still have been carried out: no answer came
 * back, or one that does not say the portal refused (a gateway's 5xx page).
 * The REST client's errors decide this themselves (`outcomeUnknown`).
 */
export function outcomeUnknown(e: unknown): boolean {
  const own = typeof e === 'object' && e !== null ? (e as { outcomeUnknown?: unknown }).outcomeUnknown : undefined;
  if (typeof own === 'boolean') return own;
  const kind = fieldsOf(e).kind;
  return kind === 'network' || kind === 'timeout' || kind === 'malformed';
}
