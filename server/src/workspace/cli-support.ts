/** What the `check`, `scan` and `needed` commands share: their options and how they print paths. */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_ENV_KEYS } from '../manifest/env-manifest';
import { normalisePath } from './file-system';
import { DEFAULT_SCAN_EXCLUDE } from './workspace-walk';
import type { Locale } from '../l10n/locale';
import { parseCommandLine, UsageError } from '../cli/args';

export interface Io {
  out(s: string): void;
  err(s: string): void;
  /** When set, text output names files relative to this folder (a terminal's current directory), not the scanned one. */
  cwd?: string;
  /** Colour the text output (the binary decides from the terminal, NO_COLOR and FORCE_COLOR). */
  colour?: boolean;
  /** The language when `--lang` is not given (the binary decides from LC_ALL, LC_MESSAGES, LANG); default English. */
  locale?: Locale;
}

export interface CommandOptions {
  dir: string;
  format: string;
  envKeys: string[];
  /** Globs (relative to `dir`) of folders and files left out of the scan. */
  exclude: string[];
  /** `--lang`: the language of text output and messages; undefined: the Io's (the environment's). */
  locale?: Locale;
}

/** The options `check` and `scan` share, for their usage lines. */
export const SCAN_OPTIONS_USAGE = '[--env-key KEY]... [--exclude GLOB]... [--no-default-exclude] [--lang en|ru]';

/** The options `check`, `needed` and `scan` share, for `parseCommandLine`. */
export const SCAN_OPTIONS = {
  format: { type: 'string' },
  'env-key': { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'no-default-exclude': { type: 'boolean' },
  lang: { type: 'string' },
} as const;

/** `--lang en|ru` (undefined when not given: the binary's default from the environment applies); throws UsageError on another value. */
export function langOption(value: string | undefined): Locale | undefined {
  if (value === undefined) return undefined;
  if (value !== 'en' && value !== 'ru') throw new UsageError(`--lang must be en or ru, not '${value}'`);
  return value;
}

/**
 * Parses `[dir] [--format F] [--env-key KEY]... [--exclude GLOB]... [--no-default-exclude]`;
 * throws UsageError on anything else. `--exclude` adds to the default exclusions (a 1C-Bitrix
 * core, upload/, dependency and build folders); `--no-default-exclude` drops them.
 */
export function parseOptions(args: string[], formats: readonly string[]): CommandOptions {
  return commandOptions(parseCommandLine({ args, options: SCAN_OPTIONS, allowPositionals: true }), formats);
}

/** CommandOptions from a parsed command line that holds SCAN_OPTIONS; throws UsageError on a bad value or a second folder. */
export function commandOptions(parsed: { values: ScanValues; positionals: string[] }, formats: readonly string[]): CommandOptions {
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}'`);
  const dir = positionals[0];
  const format = values.format ?? formats[0];
  if (!formats.includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')}`);
  const abs = resolve(dir ?? '.');
  let isDir = false;
  try {
    isDir = statSync(abs).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new UsageError(`'${dir ?? '.'}' is not a folder`);
  const envKeys = [...DEFAULT_ENV_KEYS, ...(values['env-key'] ?? [])];
  const exclude = [...(values['no-default-exclude'] ? [] : DEFAULT_SCAN_EXCLUDE), ...(values.exclude ?? [])];
  return { dir: normalisePath(abs), format, envKeys, exclude, locale: langOption(values.lang) };
}

type ScanValues = { format?: string; 'env-key'?: string[]; exclude?: string[]; 'no-default-exclude'?: boolean; lang?: string };

/**
 * `parseOptions` for a command: on a usage mistake writes `bitrix24-scopes <command>: <why>` and
 * the usage to `io.err` and returns undefined (the command then exits 2).
 */
export function parseOrExplain(args: string[], formats: readonly string[], io: Io, command: string, usage: string): CommandOptions | undefined {
  try {
    return parseOptions(args, formats);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`bitrix24-scopes ${command}: ${err.message}\n${usage}`);
    return undefined;
  }
}

/**
 * `text` safe for one line of a terminal or CI log: control characters (newlines, ANSI
 * escapes), line separators and bidirectional overrides are written as `\xNN` / `\uNNNN`,
 * so a manifest string can neither start a forged finding line nor recolour the output.
 */
export function escapeControl(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
