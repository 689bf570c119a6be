/**
 * What each Bitrix24 REST error code means, in this project's words: its kind,
 * the HTTP status it usually comes with, and the generic fix. The explain
 * engine (explain.ts) sharpens the fix with the method, manifest and portal.
 * The codes are checked against the documentation's list (documented-codes.json).
 * The Russian words of each code are in l10n/error-codes-ru.ts.
 */
import type { Locale } from '../l10n/locale';
import { ERROR_CODES_RU } from '../l10n/error-codes-ru';

/** The family an error belongs to; decides which facts the engine looks at. */
export type ErrorKind = 'scope' | 'user-rights' | 'confirmation' | 'auth-type' | 'token' | 'payment' | 'limit' | 'request' | 'not-found' | 'server';

export interface CodeFacts {
  kind: ErrorKind;
  /** Usual HTTP status. */
  status?: number;
  /** One line: what happened. */
  meaning: string;
  /** Generic steps; the engine adds specific ones in front. */
  fixes: string[];
  /** Where the code is documented (path under apidocs.bitrix24.com). */
  page?: string;
}

const DOCS = 'https://apidocs.bitrix24.com/';
/** The Russian edition keeps every page listed here at the same path. */
const RU_DOCS = 'https://apidocs.bitrix24.ru/';
const ERRORS = `${DOCS}error-codes.html`;
const LIMITS = `${DOCS}limits.html`;
const OAUTH_ERRORS = `${DOCS}settings/oauth/error-codes.html`;
const CONFIRM = `${DOCS}api-reference/scopes/confirmation.html`;
const V3 = `${DOCS}api-reference/rest-v3.html`;
const BATCH = `${DOCS}settings/how-to-call-rest-api/batch.html`;

const v3Request = (meaning: string, fix: string): CodeFacts => ({ kind: 'request', status: 400, meaning, fixes: [fix], page: V3 });

const FACTS = {
  // Scopes
  insufficient_scope: {
    kind: 'scope',
    status: 403,
    meaning: 'The webhook or app was not granted the scope this method belongs to. The portal does not say which scope (error_description is usually empty).',
    fixes: ['Look up the method’s scope (hover it, or `bitrix24-scopes describe <method>`), declare it in the manifest and grant it to the webhook or app.'],
    page: ERRORS,
  },
  invalid_scope: {
    kind: 'scope',
    meaning: 'The authorization server refused: the app asked for scopes its app card in the Developer resources / Vendor dashboard does not list.',
    fixes: ['Add the missing scopes to the app card (or stop requesting them), then authorize again.'],
    page: OAUTH_ERRORS,
  },
  BITRIX_REST_V3_EXCEPTION_INSUFFICIENTSCOPEEXCEPTION: {
    kind: 'scope',
    status: 403,
    meaning: 'REST 3.0: the webhook or app lacks the scope this method needs.',
    fixes: ['Declare the method’s scope and grant it; REST 3.0 `rest.scope.list` maps methods to scopes when the page does not say.'],
    page: V3,
  },
  // User rights
  ACCESS_DENIED: {
    kind: 'user-rights',
    status: 403,
    meaning: 'Access refused: on the cloud the REST API needs a commercial plan; otherwise the user behind the call may not do this.',
    fixes: [
      'Check the portal’s plan (REST works only on commercial plans).',
      'Check the user’s rights in the module the method belongs to, or call as a user who has them.',
    ],
    page: ERRORS,
  },
  INVALID_CREDENTIALS: {
    kind: 'user-rights',
    status: 403,
    meaning: 'The user whose token or webhook made the call lacks the permission this call needs.',
    fixes: ['Give that user the needed rights, or issue the webhook / authorize the app as a user who has them.'],
    page: ERRORS,
  },
  BITRIX_REST_V3_EXCEPTION_ACCESSDENIEDEXCEPTION: {
    kind: 'user-rights',
    status: 403,
    meaning: 'REST 3.0: the scope is fine, but the user making the call has no access to this object.',
    fixes: ['Give the user access to the object (or call as one who has it); the scope is not the problem.'],
    page: V3,
  },
  user_access_error: {
    kind: 'user-rights',
    status: 403,
    meaning: 'The app is installed, but an administrator limited it to certain users and this user is not one of them.',
    fixes: ['Ask a portal administrator to give this user access to the app in the app’s settings on the portal.'],
    page: ERRORS,
  },
  // Administrator confirmation
  METHOD_CONFIRM_WAITING: {
    kind: 'confirmation',
    status: 401,
    meaning: 'The method needs a portal administrator to approve it for this token; the request for approval was sent, nothing ran.',
    fixes: [
      'Bind a handler to the OnAppMethodConfirm event: it tells the app when the administrator allowed or denied the method for which token.',
      'Ask an administrator to approve the notification; then repeat the call with the same token (approval belongs to that token, a renewed token needs a new one).',
    ],
    page: CONFIRM,
  },
  METHOD_CONFIRM_DENIED: {
    kind: 'confirmation',
    status: 403,
    meaning: 'A portal administrator denied this method for this token.',
    fixes: ['Handle the denial in the app (OnAppMethodConfirm with CONFIRMED=0); after a token renewal the app may ask again.'],
    page: CONFIRM,
  },
  // Authorization type
  WRONG_AUTH_TYPE: {
    kind: 'auth-type',
    status: 403,
    meaning: 'The method works only with application (OAuth) authorization, and the call came another way — usually a webhook.',
    fixes: ['Call it from an app (local or Market) with its OAuth token, not from an inbound webhook.'],
  },
  // Tokens and credentials
  expired_token: {
    kind: 'token',
    status: 401,
    meaning: 'The OAuth access token has expired (they live about an hour).',
    fixes: ['Renew it with the refresh token (grant_type=refresh_token) and repeat the call; SDKs do this when given the refresh token.'],
    page: ERRORS,
  },
  NO_AUTH_FOUND: {
    kind: 'token',
    status: 401,
    meaning: 'The portal did not accept the credentials: the access token or webhook code is wrong, or the webhook was deleted.',
    fixes: ['Check the webhook URL (user id and code) or the token being sent; re-create the webhook if it was deleted.'],
    page: ERRORS,
  },
  invalid_token: {
    kind: 'token',
    status: 401,
    meaning: 'The access token is not valid for this portal.',
    fixes: ['Authorize again to obtain a fresh token pair.'],
  },
  invalid_grant: {
    kind: 'token',
    meaning: 'The authorization server rejected the code or refresh token (expired, already used, or from another app).',
    fixes: ['When the refresh token has expired, run the full OAuth authorization again.'],
    page: OAUTH_ERRORS,
  },
  invalid_client: {
    kind: 'token',
    meaning: 'The authorization server did not recognise client_id / client_secret, or the app is not installed on this portal.',
    fixes: ['Check client_id and client_secret against the app card and make sure the app is installed on this portal.'],
    page: OAUTH_ERRORS,
  },
  invalid_request: {
    kind: 'request',
    meaning: 'The authorization server could not read the authorization request.',
    fixes: ['Check the names and values of the OAuth request parameters.'],
    page: OAUTH_ERRORS,
  },
  // Payment and plan
  PAYMENT_REQUIRED: {
    kind: 'payment',
    meaning: 'The app’s trial or paid period is over; the authorization server issues no tokens until it is renewed.',
    fixes: ['Renew the app’s subscription on the portal, then authorize again.'],
    page: OAUTH_ERRORS,
  },
  // Limits
  QUERY_LIMIT_EXCEEDED: {
    kind: 'limit',
    status: 503,
    meaning: 'Too many requests: the portal’s request counter passed its threshold (50 on ordinary plans, 250 on Enterprise; it drains at 2 or 5 per second).',
    fixes: [
      'Slow down to at most 2 requests per second (5 on Enterprise) and retry with growing delays; group calls with batch (up to 50 per request); avoid parallel series from one IP.',
    ],
    page: LIMITS,
  },
  OPERATION_TIME_LIMIT: {
    kind: 'limit',
    status: 429,
    meaning: 'This method used up its execution-time budget for this app or webhook (counted over the last 10 minutes); only this method is blocked.',
    fixes: ['Pause calls to this method; retry after `time.operating_reset_at` of the last successful answer, and spread heavy calls out.'],
    page: LIMITS,
  },
  OVERLOAD_LIMIT: {
    kind: 'limit',
    status: 503,
    meaning: 'Bitrix24 support blocked the REST API of this portal by hand for overload; waiting does not lift it.',
    fixes: ['Contact Bitrix24 support to lift the block, and reduce the load before resuming.'],
    page: ERRORS,
  },
  // Requests
  INVALID_REQUEST: {
    kind: 'request',
    status: 400,
    meaning: 'The call was made over plain HTTP; the REST API requires HTTPS.',
    fixes: ['Use the https:// address of the portal.'],
    page: ERRORS,
  },
  ERROR_BATCH_LENGTH_EXCEEDED: {
    kind: 'request',
    status: 400,
    meaning: 'The batch is too long: more than 50 commands, or its parameters exceed the size limit. Commands beyond the limit fail.',
    fixes: ['Split it into batches of at most 50 commands.'],
    page: BATCH,
  },
  ERROR_BATCH_METHOD_NOT_ALLOWED: {
    kind: 'request',
    status: 405,
    meaning: 'This method may not run inside batch (batch inside batch is not allowed either).',
    fixes: ['Call the method on its own, outside batch.'],
    page: BATCH,
  },
  BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION: v3Request(
    'REST 3.0: a required field is missing or a value has the wrong type; error.validation lists the fields.',
    'Fix the fields named in error.validation; REST 3.0 reads parameters only from a JSON POST body, not the query string.',
  ),
  BITRIX_REST_V3_EXCEPTION_VALIDATION_DTOVALIDATIONEXCEPTION: v3Request(
    'REST 3.0: the object’s fields did not pass validation.',
    'Check the field values against the method’s field list.',
  ),
  BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTFILTERVALIDATIONEXCEPTION: v3Request(
    'REST 3.0: a filter condition is not valid for this field.',
    'Check the field, operator and value of each filter condition.',
  ),
  BITRIX_REST_V3_EXCEPTION_INVALIDJSONEXCEPTION: v3Request(
    'REST 3.0: the body is not valid JSON (for example form-data was sent).',
    'Send a JSON body with Content-Type: application/json.',
  ),
  BITRIX_REST_V3_EXCEPTION_UNKNOWNDTOPROPERTYEXCEPTION: v3Request(
    'REST 3.0: filter or select names a field the object does not have.',
    'Use only the object’s fields (see its field list method).',
  ),
  BITRIX_REST_V3_EXCEPTION_UNKNOWNFILTEROPERATOREXCEPTION: v3Request(
    'REST 3.0: a filter condition uses an operator that does not exist.',
    'Use one of the documented operators (=, !=, >, >=, <, <=, in, between).',
  ),
  BITRIX_REST_V3_EXCEPTION_INVALIDFILTEREXCEPTION: v3Request('REST 3.0: the filter is malformed.', 'Write each condition as [field, operator, value].'),
  BITRIX_REST_V3_EXCEPTION_INVALIDSELECTEXCEPTION: v3Request('REST 3.0: select names a field that cannot be selected.', 'Select only fields of the object.'),
  BITRIX_REST_V3_EXCEPTION_INVALIDORDEREXCEPTION: v3Request(
    'REST 3.0: the sort order names an unknown field or direction.',
    'Sort by fields of the object, ASC or DESC.',
  ),
  BITRIX_REST_V3_EXCEPTION_INVALIDPAGINATIONEXCEPTION: v3Request(
    'REST 3.0: the pagination values are out of range.',
    'Pass a positive page and a limit within the method’s maximum.',
  ),
  BITRIX_REST_V3_EXCEPTION_INVALIDIDEMPOTENCYKEYEXCEPTION: v3Request(
    'REST 3.0: the Idempotency-Key header is empty, too long or has characters outside printable ASCII.',
    'Send 1–255 printable ASCII characters, e.g. a UUID.',
  ),
  BITRIX_REST_V3_EXCEPTION_IDEMPOTENCYKEYREUSEDEXCEPTION: {
    kind: 'request',
    status: 422,
    meaning: 'REST 3.0: this Idempotency-Key was already used with a different request body.',
    fixes: ['Take a new key for a new call; reuse a key only to repeat exactly the same call.'],
    page: V3,
  },
  // Not found
  ERROR_METHOD_NOT_FOUND: {
    kind: 'not-found',
    status: 404,
    meaning: 'The portal has no such method: a typo, a module not installed, or a REST 3.0-only method called without /rest/api/ (or the reverse).',
    fixes: ['Check the name (the editor flags unknown methods) and the REST version of the URL; check that the module is installed.'],
    page: V3,
  },
  ERROR_MANIFEST_IS_NOT_AVAILABLE: {
    kind: 'not-found',
    status: 404,
    meaning: 'The configuration manifest the call refers to is not available on this portal.',
    fixes: ['Check the manifest code passed to the method and that the feature exists on the portal.'],
    page: ERRORS,
  },
  BITRIX_REST_V3_EXCEPTION_ENTITYNOTFOUNDEXCEPTION: {
    kind: 'not-found',
    status: 400,
    meaning: 'REST 3.0: no object with the given identifier.',
    fixes: ['Check the id (and that the user can see the object).'],
    page: V3,
  },
  // Server
  INTERNAL_SERVER_ERROR: {
    kind: 'server',
    status: 500,
    meaning: 'The portal failed while handling the call.',
    fixes: ['Retry later; if it persists, contact the portal administrator or Bitrix24 support with the request time.'],
    page: ERRORS,
  },
  ERROR_UNEXPECTED_ANSWER: {
    kind: 'server',
    status: 500,
    meaning: 'The portal produced an answer it could not return properly.',
    fixes: ['Retry later; if it persists, contact the portal administrator or Bitrix24 support.'],
    page: ERRORS,
  },
  PORTAL_DELETED: {
    kind: 'server',
    status: 500,
    meaning: 'The portal (its public part) is closed or deleted.',
    fixes: ['On-premise: turn off the temporary closure of the public part in the main module settings. Cloud: check that the portal still exists.'],
    page: ERRORS,
  },
} satisfies Record<string, CodeFacts>;

/** A code this project explains; every one has a text in each language (l10n/error-codes-ru.ts). */
export type ErrorCode = keyof typeof FACTS;

/** Keyed by the exact code; lookups fall back to a case-insensitive match. */
export const CODES: Readonly<Record<string, CodeFacts>> = FACTS;

const lower = new Map(Object.keys(CODES).map((c) => [c.toLowerCase(), c]));

/**
 * The facts of a code, matched exactly first, then ignoring case, worded in `locale`: for `ru`
 * the Russian meaning and fixes and the page of the Russian edition (same path on apidocs.bitrix24.ru).
 */
export function codeFacts(code: string, locale?: Locale): { code: string; facts: CodeFacts } | undefined {
  const key = CODES[code] ? code : lower.get(code.toLowerCase());
  return key ? { code: key, facts: inLocale(key as ErrorCode, locale) } : undefined;
}

function inLocale(code: ErrorCode, locale: Locale | undefined): CodeFacts {
  const facts = CODES[code];
  if (locale !== 'ru') return facts;
  const ru = ERROR_CODES_RU[code];
  return { ...facts, ...ru, page: facts.page?.replace(DOCS, RU_DOCS) };
}

/** Whether `s` looks like a Bitrix24 error code we can explain (for hovers on string literals). */
export function isKnownCode(s: string): boolean {
  return CODES[s] !== undefined;
}

/** What an unknown code most likely means, from its HTTP status. */
export function kindFromStatus(status: number | undefined): ErrorKind | undefined {
  if (status === undefined) return undefined;
  if (status === 401) return 'token';
  if (status === 403) return 'user-rights';
  if (status === 404) return 'not-found';
  if (status === 429) return 'limit';
  if (status >= 500) return 'server';
  if (status >= 400) return 'request';
  return undefined;
}
