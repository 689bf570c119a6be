/**
 * The language the server speaks: English or Russian. Everything that shows
 * words to a person (hover, diagnostics, code-action titles, completion
 * details, CLI text output) takes a `Locale`; codes, JSON keys and settings
 * stay English.
 */

/** A language this project has texts for. */
export type Locale = 'en' | 'ru';

/** The `bitrix24.language` setting: `auto` follows the editor's display language. */
export type LanguageSetting = 'auto' | Locale;

/**
 * The locale a language tag asks for: `ru`, `ru-RU`, `ru_RU.UTF-8` → `ru`; `en*` → `en`;
 * `auto`, empty, `C`, `POSIX` and other languages → undefined (the caller falls back).
 */
export function parseLocale(tag: unknown): Locale | undefined {
  if (typeof tag !== 'string') return undefined;
  const lang = tag
    .trim()
    .toLowerCase()
    .split(/[-_.@]/)[0];
  return lang === 'ru' ? 'ru' : lang === 'en' ? 'en' : undefined;
}

/**
 * The server's locale, first that says something: `initializationOptions.locale` (the client
 * already resolved the user's choice), the `bitrix24.language` setting unless `auto`, the
 * editor's `InitializeParams.locale`; English otherwise. Another editor language (`de`) means
 * English, since it is the only other edition.
 */
export function resolveLocale(sources: { option?: unknown; setting?: unknown; client?: unknown }): Locale {
  return parseLocale(sources.option) ?? parseLocale(sources.setting) ?? parseLocale(sources.client) ?? 'en';
}

/**
 * The locale of a command-line run: `--lang` when given, else the POSIX rule — the first
 * non-empty of `LC_ALL`, `LC_MESSAGES`, `LANG` decides (`ru_RU.UTF-8` → ru, `C` → en).
 */
export function localeFromEnv(env: Readonly<Record<string, string | undefined>>): Locale {
  const tag = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  return parseLocale(tag) ?? 'en';
}
