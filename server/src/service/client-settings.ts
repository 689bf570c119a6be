/** Reads the editor's `bitrix24` and `files.exclude` settings into what the service and the scan use. */
import type { FeatureSettings } from '../features/context';
import type { ExclusionSettings } from '../workspace/scan-settings';

/** The `bitrix24` settings section, as far as the server reads it. */
interface Bitrix24Section {
  diagnostics?: { enable?: boolean; rules?: FeatureSettings['rules'] };
  scan?: { exclude?: unknown };
  /** `auto` | `en` | `ru` (see l10n/locale.ts). */
  language?: unknown;
}

/**
 * Feature settings and exclusions from the client's answer to `workspace/configuration`;
 * a missing or malformed exclusion keeps the one in `previous` (the initialization options').
 */
export function readClientSettings(section: unknown, filesExclude: unknown, previous: ExclusionSettings): { settings: FeatureSettings; exclusions: ExclusionSettings; language: unknown } {
  const s = (section && typeof section === 'object' ? section : {}) as Bitrix24Section;
  return {
    language: s.language,
    settings: { enable: s.diagnostics?.enable ?? true, rules: s.diagnostics?.rules ?? {} },
    exclusions: {
      scanExclude: Array.isArray(s.scan?.exclude) ? s.scan.exclude : previous.scanExclude,
      filesExclude: filesExclude && typeof filesExclude === 'object' ? (filesExclude as Record<string, unknown>) : previous.filesExclude,
    },
  };
}
