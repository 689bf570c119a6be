/** Reads the editor's `bitrix24` and `files.exclude` settings into what the service and the scan use. */
import type { FeatureSettings } from '../features/context';
import type { ExclusionSettings } from '../workspace/scan-settings';
import { resolveLocale, type Locale } from '../l10n/locale';

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
export function readClientSettings(
  section: unknown,
  filesExclude: unknown,
  previous: ExclusionSettings,
): { settings: FeatureSettings; exclusions: ExclusionSettings; language: unknown } {
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

/**
 * The language of hover and diagnostic texts in an editor session: the client's start-up
 * choice, the `bitrix24.language` setting and the editor's locale, weighed by `resolveLocale`.
 */
export class LanguageChoice {
  private readonly sources: { option?: unknown; setting?: unknown; client?: unknown } = {};
  private settingRead = false;

  /** At initialize: the client's resolved choice (initialization options) and the editor's locale. */
  start(option: unknown, client: unknown): Locale {
    this.sources.option = option;
    this.sources.client = client;
    return resolveLocale(this.sources);
  }

  /** After reading the settings: a setting changed since start-up is newer than the client's start-up choice. */
  setting(value: unknown): Locale {
    if (this.settingRead && value !== this.sources.setting) this.sources.option = undefined;
    this.sources.setting = value;
    this.settingRead = true;
    return resolveLocale(this.sources);
  }
}
