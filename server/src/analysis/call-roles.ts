/**
 * What a callee's name says about its arguments: REST call functions (the
 * first string argument is a method name), batch functions (an object or
 * array of commands), and i18n/import functions (strings are not methods).
 */

/** What a call's callee makes of its arguments. */
export const enum Role {
  Unknown = -1,
  None = 0,
  /** A REST call function: its first string argument is a method name. */
  Call = 1,
  /** A batch function: its object/array argument holds commands. */
  Batch = 2,
  /** i18n, import/require: string arguments are not method names. */
  Ignore = 3,
  /** PHP `array(...)`: behaves like `[...]`. */
  Container = 4,
}

/** Callee names (lower case) whose first string argument names a REST method. */
const CALL_NAMES = new Set([
  'callmethod',
  'callmethodasync',
  'call',
  'callasync',
  'call_method',
  'calllistmethod',
  'call_list_method',
  'fetchlistmethod',
  'fetch_list_method',
  'calllist',
  'call_list',
  'get_all',
  'getall',
  'get_by_id',
  'getbyid',
  'callrest',
  'call_rest',
  'restcall',
  'rest_call',
  'restcommand',
  'rest_command',
  'callapi',
  'call_api',
  'do',
  'executemethod',
  'execute_method',
  'callhook',
  'callwebhook',
  'call_webhook',
  'callcurl',
  'callb24',
  'callbx24',
  'bx24call',
  'b24call',
  'callbitrix',
  'bitrixcall',
  'callrestmethod',
  'rest',
  'list_and_get',
]);
const BATCH_NAMES = new Set(['callbatch', 'callbatchbychunk', 'createbatch', 'call_batch', 'call_batches', 'callbatches', 'callbatchasync']);
const IGNORE_NAMES = new Set([
  't',
  '$t',
  'tc',
  '$tc',
  'te',
  '$te',
  'i18n',
  '__',
  '_',
  '_e',
  '_n',
  '_x',
  'gettext',
  'ngettext',
  'trans',
  'translate',
  'getmessage',
  'formatmessage',
  'lang',
  'loc',
  'require',
  'import',
  'require_once',
  'include',
  'include_once',
  'define_message',
  'l10n',
  'localize',
  'intl',
]);

/** Callee name (lower case) → role; `make` and `define` are decided by their receiver. */
const ROLES = new Map<string, Role>([
  ...[...CALL_NAMES].map((n): [string, Role] => [n, Role.Call]),
  ...[...BATCH_NAMES].map((n): [string, Role] => [n, Role.Batch]),
  ...[...IGNORE_NAMES].map((n): [string, Role] => [n, Role.Ignore]),
]);

/** Lower-cases only names that need it (most callees are all lower case already). */
function lowerName(name: string): string {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 65 && c <= 90) return name.toLowerCase();
  }
  return name;
}

/** The role of a callee named `name` (any case), or undefined when the name says nothing. */
export function roleOfCallee(name: string): Role | undefined {
  return ROLES.get(lowerName(name));
}
