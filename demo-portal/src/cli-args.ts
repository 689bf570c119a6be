/**
 * Command-line arguments of `bitrix24-demo-portal`.
 */
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
}

export const USAGE = `Usage: bitrix24-demo-portal [options]

A local stand-in for a Bitrix24 portal on 127.0.0.1. Prints one JSON line
with its base URL, webhook URLs and OAuth app credentials once it listens.

Options:
  --port N              port to listen on (default 0: any free port)
  --state FILE          keep the portal's data in FILE (created if missing)
  --seed NAME           seed data for a new portal: ${SEED_NAMES.join(' | ')} (default: default)
  --rate-limit L/D|off  burst limit L, draining D per second (default 50/2)
  --quiet               do not log requests to stderr
  --help                show this help`;

/** Thrown for arguments that cannot be used; the message is meant for the user. */
export class CliError extends Error {}

/** Parses `process.argv.slice(2)`; accepts `--name value` and `--name=value`. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { port: 0, seed: 'default', quiet: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new CliError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--port': {
        const text = value();
        const port = Number(text);
        if (!/^\d+$/.test(text) || port > 65535) throw new CliError(`--port must be a number from 0 to 65535, got "${text}"`);
        options.port = port;
        break;
      }
      case '--state':
        options.statePath = value();
        break;
      case '--seed': {
        const seed = value();
        if (!SEED_NAMES.includes(seed as SeedName)) throw new CliError(`--seed must be one of ${SEED_NAMES.join(', ')}, got "${seed}"`);
        options.seed = seed as SeedName;
        break;
      }
      case '--rate-limit': {
        const text = value();
        const m = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(text);
        if (text === 'off') options.rateLimit = false;
        else if (m && Number(m[1]) >= 1) options.rateLimit = { limit: Number(m[1]), drainPerSecond: Number(m[2]) };
        else throw new CliError(`--rate-limit must look like 50/2 or be off, got "${text}"`);
        break;
      }
      case '--quiet':
        options.quiet = true;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new CliError(`unknown option ${argv[i]}`);
    }
  }
  return options;
}
