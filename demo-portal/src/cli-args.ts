/**
 * Command-line arguments of `bitrix24-demo-portal`.
 */
import { parseArgs } from 'node:util';
import type { RateLimitSettings } from './http/rate-limit';
import { SEED_NAMES, type SeedName } from './portal/seed';

export interface CliOptions {
  port: number;
  statePath?: string;
  seed: SeedName;
  /** undefined = the default limit, false = off */
  rateLimit?: RateLimitSettings | false;
  quiet: boolean;
  help: boolean;
  /** The portal's language (error descriptions). */
  language: 'en' | 'ru';
}

export const USAGE = `Usage: bitrix24-demo-portal [options]

A local stand-in for a Bitrix24 portal on 127.0.0.1. Prints one JSON line
with its base URL, webhook URLs and OAuth app credentials once it listens.

Options:
  --port N              port to listen on (default 0: any free port)
  --state FILE          keep the portal's data in FILE (created if missing)
  --seed NAME           seed data for a new portal: ${SEED_NAMES.join(' | ')} (default: default)
  --rate-limit L/D|off  burst limit L, draining D per second (default 50/2)
  --lang en|ru          the portal's language: error descriptions in Russian with ru
                        (a request's lang parameter or Accept-Language overrides it)
  --quiet               do not log requests to stderr
  --help                show this help`;

/** Thrown for arguments that cannot be used; the message is meant for the user. */
export class CliError extends Error {}

const OPTIONS = {
  port: { type: 'string' },
  state: { type: 'string' },
  seed: { type: 'string' },
  'rate-limit': { type: 'string' },
  quiet: { type: 'boolean' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses `process.argv.slice(2)`; accepts `--name value` and `--name=value`. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new CliError(argumentError(err));
  }
  const value = (name: keyof typeof OPTIONS): string | undefined => {
    const v = values[name];
    if (v === '') throw new CliError(`--${name} needs a value`);
    return typeof v === 'string' ? v : undefined;
  };
  const options: CliOptions = { port: 0, seed: 'default', quiet: values.quiet === true, help: values.help === true, language: 'en' };
  const lang = value('lang');
  if (lang !== undefined) {
    if (lang !== 'en' && lang !== 'ru') throw new CliError(`--lang must be en or ru, got "${lang}"`);
    options.language = lang;
  }
  const port = value('port');
  if (port !== undefined) {
    if (!/^\d+$/.test(port) || Number(port) > 65535) throw new CliError(`--port must be a number from 0 to 65535, got "${port}"`);
    options.port = Number(port);
  }
  options.statePath = value('state');
  const seed = value('seed');
  if (seed !== undefined) {
    if (!SEED_NAMES.includes(seed as SeedName)) throw new CliError(`--seed must be one of ${SEED_NAMES.join(', ')}, got "${seed}"`);
    options.seed = seed as SeedName;
  }
  const rate = value('rate-limit');
  if (rate !== undefined) {
    const m = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(rate);
    if (rate === 'off') options.rateLimit = false;
    else if (m && Number(m[1]) >= 1) options.rateLimit = { limit: Number(m[1]), drainPerSecond: Number(m[2]) };
    else throw new CliError(`--rate-limit must look like 50/2 or be off, got "${rate}"`);
  }
  return options;
}

/** Node's parse error in this tool's words. */
function argumentError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown }).code;
  const quoted = /'([^' ]*)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${quoted}`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unknown option ${quoted}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return message.includes('does not take') ? `${quoted} takes no value` : `${quoted} needs a value`;
  return message;
}
