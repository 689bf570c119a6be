/**
 * Command lines of the binaries, read with Node's `util.parseArgs` (`--name value` and
 * `--name=value`, options anywhere among the arguments, `--` ends the options).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A usage mistake: reported with the usage line, exit code 2. */
export class UsageError extends Error {}

/**
 * `util.parseArgs` in strict mode; an unknown option, a missing or empty value, or a positional
 * argument where none is taken throws a UsageError that says which, in a few words.
 */
export function parseCommandLine<const T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (err) {
    throw new UsageError(usageReason(err));
  }
  for (const [name, option] of Object.entries(config.options ?? {})) {
    const value: unknown = (parsed.values as Record<string, unknown>)[name];
    if (option.type === 'string' && (value === '' || (Array.isArray(value) && value.includes('')))) throw new UsageError(`--${name} needs a value`);
  }
  return parsed;
}

/** Node's parse error in the words the binaries use. */
function usageReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown }).code;
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option '${quoted}'`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument '${quoted}'`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return `${quoted.split(' ')[0]} ${message.includes('does not take') ? 'takes no value' : 'needs a value'}`;
  return message;
}
