/**
 * Translation for the client's modules that do not import `vscode` (the portal client, status
 * wording, error advice), so they stay pure and testable in plain Node. They call `localize`
 * with an English message and `{0}`-style placeholders, exactly like `vscode.l10n.t`; activation
 * hands `vscode.l10n.t` over once, so their messages are looked up in the same
 * `l10n/bundle.l10n.<locale>.json`. Until then (and in unit tests) the English is filled in.
 */

/** The signature of `vscode.l10n.t` for plain messages. */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** Fills `{0}`, `{1}`… of an English message; a placeholder without an argument stays as it is. */
export const english: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (match, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? match : String(value);
  });

let translate: Translate = english;

/** The message in the display language (`vscode.l10n.t` once activation set it). */
export function localize(message: string, ...args: Array<string | number | boolean>): string {
  return translate(message, ...args);
}

/** Sets the translator (activation passes `vscode.l10n.t`); returns the previous one, so a test can put it back. */
export function setTranslator(next: Translate): Translate {
  const previous = translate;
  translate = next;
  return previous;
}

/**
 * A table of words looked up when read, not when its module loads: module-level tables load
 * before activation sets the translator, so plain values would stay English.
 */
export function wordTable<K extends string>(words: Record<K, () => string>): Readonly<Record<K, string>> {
  const table = {} as Record<K, string>;
  for (const key of Object.keys(words) as K[]) Object.defineProperty(table, key, { get: words[key], enumerable: true });
  return table;
}
