/**
 * The one rule registry: every diagnostic this project reports, with its
 * stable code, default severity, message template and documentation anchor.
 * The editor, the CLI (text, JSON, SARIF), the settings schema in package.json
 * and the rule table in docs/manifest.md all read it (`npm run rules` rewrites
 * the generated parts; a unit test fails when they drift apart).
 */
import type { Locale } from './l10n/locale';
import { RULE_MESSAGES_RU } from './l10n/rule-messages-ru';

/** A rule's default severity (the words of the `bitrix24.diagnostics.rules` setting). */
export type RuleSeverity = 'error' | 'warning' | 'info' | 'hint';

/** What a rule is about, for grouping in docs and settings. */
export type RuleCategory = 'method' | 'event' | 'placement' | 'scope' | 'call' | 'manifest' | 'portal' | 'workspace';

export interface Rule {
  category: RuleCategory;
  severity: RuleSeverity;
  /** Where the problem is shown. */
  where: 'call' | 'binding' | 'manifest' | 'file';
  /** One line for settings, SARIF and the docs table. */
  description: string;
  /** The message, with `{name}` placeholders filled by `ruleMessage`. */
  message: string;
}

/** Every rule, by code. Codes are stable: users name them in settings, manifests and suppression comments. */
export const RULES = {
  'unknown-method': {
    category: 'method',
    severity: 'error',
    where: 'call',
    description: 'A REST call names a method nobody documents (a typo reaches production otherwise).',
    message: "'{name}' is not a documented Bitrix24 REST method.{hint}",
  },
  'deprecated-method': {
    category: 'method',
    severity: 'warning',
    where: 'call',
    description: 'The documentation says the method is removed or will stop working.',
    message: "'{name}' is deprecated.{instead}",
  },
  'superseded-method': {
    category: 'method',
    severity: 'info',
    where: 'call',
    description: 'The method still works, but its development is halted in favour of a newer one (crm.deal.* → crm.item.*).',
    message: "'{name}' still works, but its development is halted.{instead}",
  },
  'rest-version-mismatch': {
    category: 'method',
    severity: 'warning',
    where: 'call',
    description: 'The method is documented for the other REST version than the call uses.',
    message: "'{name}' is documented for REST {documented} only, but is called here as REST {called}.",
  },
  'unknown-event': {
    category: 'event',
    severity: 'warning',
    where: 'binding',
    description: 'event.bind names an event nobody documents.',
    message: "'{name}' is not a documented Bitrix24 event.{hint}",
  },
  'unknown-placement': {
    category: 'placement',
    severity: 'warning',
    where: 'binding',
    description: 'placement.bind (or userfieldtype.add, imconnector.register) names a placement code nobody documents.',
    message: "'{name}' is not a documented Bitrix24 placement code.{hint}",
  },
  'missing-scope': {
    category: 'scope',
    severity: 'error',
    where: 'manifest',
    description:
      'Code needs a scope the manifest does not declare: one problem per scope, on the manifest, listing every call, event and placement that needs it.',
    message: "{manifest} lacks the scope '{scope}', needed by {uses}. Add it to its scopes.",
  },
  'missing-scope-call': {
    category: 'scope',
    severity: 'hint',
    where: 'call',
    description: 'This call, event or placement needs a scope the manifest lacks (the problem itself is reported once, on the manifest).',
    message: '{what} needs {needs}, which {manifest} does not declare (see the missing-scope problem there).',
  },
  'unused-scope': {
    category: 'scope',
    severity: 'warning',
    where: 'manifest',
    description: 'The manifest declares a scope no call, event or placement needs (Market moderation rejects unused scopes).',
    message: "Scope '{scope}' is declared but {why}. Remove it: {rule}",
  },
  'forbidden-scope': {
    category: 'scope',
    severity: 'error',
    where: 'manifest',
    description: 'The code needs (or the manifest declares) a scope the manifest lists under "forbidden".',
    message: "Scope '{scope}' is forbidden by {manifest}, but {uses}. Remove those uses, or take '{scope}' out of \"forbidden\" if the app may have it.",
  },
  'scope-added': {
    category: 'scope',
    severity: 'error',
    where: 'manifest',
    description: '`check --baseline`: the code needs a scope the baseline manifest did not declare.',
    message: "This change adds '{scope}': {uses} need it, and the baseline ({baseline}) did not declare it.",
  },
  'unknown-scope': {
    category: 'scope',
    severity: 'error',
    where: 'manifest',
    description: 'The manifest declares a code that is not a Bitrix24 scope.',
    message: "'{scope}' is not a Bitrix24 scope.{hint}",
  },
  'deprecated-scope': {
    category: 'scope',
    severity: 'warning',
    where: 'manifest',
    description: 'The manifest declares a deprecated scope.',
    message: "Scope '{scope}' is deprecated.{instead}",
  },
  'duplicate-scope': {
    category: 'scope',
    severity: 'warning',
    where: 'manifest',
    description: 'The manifest declares a scope twice.',
    message: "Scope '{scope}' is declared more than once; remove this one.",
  },
  'unknown-extra-method': {
    category: 'scope',
    severity: 'warning',
    where: 'manifest',
    description: 'methods.extra lists a method nobody documents.',
    message: "'{name}' in methods.extra is not a known method. Fix the name, or describe it in methods.custom with the scope it needs.",
  },
  'admin-confirmation': {
    category: 'call',
    severity: 'hint',
    where: 'call',
    description: 'The method needs administrator confirmation before an app may call it.',
    message:
      "'{name}' needs administrator confirmation: the first call returns METHOD_CONFIRM_WAITING until a portal administrator allows it. Handle that error and the OnAppMethodConfirm event.",
  },
  'admin-only': {
    category: 'call',
    severity: 'hint',
    where: 'call',
    description: 'Only an administrator can execute the method.',
    message: "Only an administrator can execute '{name}'; make sure the call runs with an administrator's authorization.",
  },
  'app-only-in-webhook': {
    category: 'call',
    severity: 'hint',
    where: 'call',
    description: 'The method works only in an application, but the manifest is a webhook.',
    message: "'{name}' works only in the context of an application, but this manifest's kind is \"webhook\". Use a local or Market app for this call.",
  },
  'manifest-invalid-json': {
    category: 'manifest',
    severity: 'error',
    where: 'manifest',
    description: 'bitrix24.json is not valid JSON (comments and trailing commas are allowed).',
    message: '{detail} Fix the JSON so the scopes can be read.',
  },
  'manifest-invalid-value': {
    category: 'manifest',
    severity: 'error',
    where: 'manifest',
    description: 'A bitrix24.json value has the wrong type or form.',
    message: '{detail}',
  },
  'manifest-unknown-key': {
    category: 'manifest',
    severity: 'warning',
    where: 'manifest',
    description: 'bitrix24.json has a key the manifest format does not define.',
    message: 'Unknown key "{key}".{hint}',
  },
  'manifest-secret': {
    category: 'manifest',
    severity: 'error',
    where: 'manifest',
    description: 'bitrix24.json holds a webhook code or token.',
    message: 'The portal address contains a webhook code or token. Keep only the address and store the secret outside the repository.',
  },
  'manifest-duplicate-key': {
    category: 'manifest',
    severity: 'warning',
    where: 'manifest',
    description: 'bitrix24.json has the same key twice in one object; JSON readers keep only the last one.',
    message: '"{key}" appears again below; only the last one counts. Merge them into one.',
  },
  'unreadable-file': {
    category: 'workspace',
    severity: 'warning',
    where: 'file',
    description: 'A file or folder a manifest covers could not be read (permissions); its calls are not checked, the rest of the workspace is.',
    message:
      'Could not read this {what} ({reason}); the REST calls in it are not checked. Make it readable, or leave it out of the scan (setting bitrix24.scan.exclude, or --exclude on the command line).',
  },
  'invalid-ignore-pattern': {
    category: 'workspace',
    severity: 'warning',
    where: 'file',
    description: 'A .gitignore line cannot be compiled (e.g. `[z-a]`); it hides nothing, the other lines still apply.',
    message: '"{pattern}" is not a usable pattern ({reason}); this line hides nothing, so the files it was meant to hide are checked.',
  },
  'too-many-problems': {
    category: 'workspace',
    severity: 'info',
    where: 'file',
    description: 'A file has more problems than are published for one document (1,000); this one says how many more there are.',
    message: '{hidden} more problem(s) in this file are not shown; only the first {max} are listed. Fix or suppress some to see the rest.',
  },
  'document-too-large': {
    category: 'workspace',
    severity: 'info',
    where: 'file',
    description: 'An open file is over the size whose calls are analysed (2 MB: minified bundles, generated files); it is not checked.',
    message: 'This file is {size}; REST calls in files over {limit} are not checked (a minified bundle or generated file is best excluded).',
  },
  'portal-missing-scope': {
    category: 'portal',
    severity: 'warning',
    where: 'call',
    description: 'The connected portal did not grant what a call, event or placement needs (judged against its requirement), or a scope the manifest declares.',
    message: 'Portal {host}: {holder} lacks {what}, needed by {name} — {fix}.',
  },
  'portal-not-admin': {
    category: 'portal',
    severity: 'info',
    where: 'call',
    description: 'The method needs a portal administrator, and the connected user is not one.',
    message: "Portal {host}: '{name}' needs a portal administrator, and you are connected as a user who is not one.",
  },
  'portal-method-unavailable': {
    category: 'portal',
    severity: 'warning',
    where: 'call',
    description: 'The portal has the method, but these credentials may not call it.',
    message: "Portal {host} has '{name}', but {holder} may not call it: a scope is missing — {fix}.",
  },
  'portal-unknown-method': {
    category: 'portal',
    severity: 'info',
    where: 'call',
    description: 'The connected portal has no method of this name.',
    message: "Portal {host} has no method '{name}'. Check the name, or whether the module providing it is installed.",
  },
} as const satisfies Record<string, Rule>;

export type RuleCode = keyof typeof RULES;

/** All rule codes, in registry order (docs, settings and SARIF list them in this order). */
export const RULE_CODES = Object.keys(RULES) as RuleCode[];

/** True for a code the registry knows. */
export function isRuleCode(code: string): code is RuleCode {
  return Object.prototype.hasOwnProperty.call(RULES, code);
}

/** The rule's message in `locale` with `{placeholders}` filled (a missing value leaves an empty string). */
export function ruleMessage(code: RuleCode, values: Record<string, string | number | undefined>, locale: Locale = 'en'): string {
  const template = locale === 'ru' ? RULE_MESSAGES_RU[code] : (RULES[code] as Rule).message;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}

/** Where a rule is documented, relative to the repository root. */
export function ruleDocAnchor(code: RuleCode): string {
  return `docs/manifest.md#rule-${code}`;
}
