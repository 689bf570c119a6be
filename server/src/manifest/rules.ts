/** The scope rules: stable codes, default severities and one-line descriptions (for settings, SARIF, docs). */
import type { FindingCode, Severity } from './types';

export interface RuleInfo {
  severity: Severity;
  description: string;
}

export const SCOPE_RULES: Record<FindingCode, RuleInfo> = {
  'missing-scope': { severity: 'error', description: 'A call needs a scope the manifest does not declare.' },
  'unused-scope': { severity: 'warning', description: 'The manifest declares a scope no call needs (Market moderation rejects unused scopes).' },
  'unknown-scope': { severity: 'error', description: 'The manifest declares a code that is not a Bitrix24 scope.' },
  'deprecated-scope': { severity: 'warning', description: 'The manifest declares a deprecated scope.' },
  'duplicate-scope': { severity: 'warning', description: 'The manifest declares a scope twice.' },
  'unknown-extra-method': { severity: 'warning', description: 'methods.extra lists a method nobody documents.' },
  'admin-confirmation': { severity: 'hint', description: 'The method needs administrator confirmation before an app may call it.' },
  'admin-only': { severity: 'hint', description: 'Only an administrator can execute the method.' },
  'app-only-in-webhook': { severity: 'hint', description: 'The method works only in an application, but the manifest is a webhook.' },
  'manifest-invalid-json': { severity: 'error', description: 'bitrix24.json is not valid JSON (comments and trailing commas are allowed).' },
  'manifest-invalid-value': { severity: 'error', description: 'A bitrix24.json value has the wrong type or form.' },
  'manifest-unknown-key': { severity: 'warning', description: 'bitrix24.json has a key the manifest format does not define.' },
  'manifest-duplicate-key': { severity: 'warning', description: 'bitrix24.json has the same key twice; only the last one counts.' },
  'unreadable-file': { severity: 'warning', description: 'A file or folder covered by a manifest could not be read; its calls are not checked.' },
  'invalid-ignore-pattern': { severity: 'warning', description: 'A .gitignore line cannot be compiled; it ignores nothing.' },
  'manifest-secret': { severity: 'error', description: 'bitrix24.json holds a webhook code or token.' },
};
