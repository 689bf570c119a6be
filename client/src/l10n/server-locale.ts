/**
 * The language the language server writes hovers, diagnostics and quick-fix titles in: the
 * `bitrix24.language` setting (`en`, `ru`), or for `auto` and anything else VS Code's display
 * language (`vscode.env.language`: `ru`, `en`, `de`…). Sent as `initializationOptions.locale`;
 * the server falls back to English for a language it has no texts for.
 */
export function serverLocale(setting: unknown, displayLanguage: string): string {
  return setting === 'en' || setting === 'ru' ? setting : displayLanguage;
}
