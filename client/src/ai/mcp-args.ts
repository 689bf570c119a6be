/**
 * The command line VS Code starts `bitrix24-mcp` with for one workspace folder: the folder, and
 * `--lang ru` when the extension speaks Russian (the `bitrix24.language` setting, or VS Code's
 * display language for `auto`), so `explain_error` and `needed_scopes` answer in the user's language.
 */
export function mcpArgs(bin: string, folder: string, locale: string): string[] {
  return [bin, folder, ...(locale.toLowerCase().startsWith('ru') ? ['--lang', 'ru'] : [])];
}
