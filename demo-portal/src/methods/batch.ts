/**
 * `batch`: up to 50 sub-requests (`"method?query"` strings) run in order with
 * the caller's credentials; later ones may quote earlier results as
 * `$result[key][FIELD]`.
 */
import { RestError } from '../portal/rest-error';
import { timeSpan } from '../util/iso-time';
import { parsePhpQuery } from '../util/php-query';
import { boolParam } from './params';
import type { MethodSpec, Params } from './types';

export const BATCH_LIMIT = 50;

const REFERENCE = /\$(result|result_error|result_total|result_next|result_time)((?:\[[^\]]*\])+)/g;

interface Collected {
  result: Record<string, unknown>;
  result_error: Record<string, unknown>;
  result_total: Record<string, unknown>;
  result_next: Record<string, unknown>;
  result_time: Record<string, unknown>;
}

/** The `batch` method. */
export const batchMethod: MethodSpec = {
  scopes: [],
  handler: (ctx) => {
    const cmd = ctx.params.cmd;
    const entries: [string, unknown][] = Array.isArray(cmd) ? cmd.map((v, i) => [String(i), v]) : cmd && typeof cmd === 'object' ? Object.entries(cmd) : [];
    const halt = boolParam(ctx.params.halt);
    const out: Collected = { result: {}, result_error: {}, result_total: {}, result_next: {}, result_time: {} };
    for (const [index, [key, command]] of entries.entries()) {
      if (index >= BATCH_LIMIT) {
        out.result_error[key] = errorBody(new RestError('ERROR_BATCH_LENGTH_EXCEEDED', 'Max batch length exceeded', 400));
        continue;
      }
      const { method, params } = parseCommand(command);
      const resolved = resolveReferences(params, out) as Params;
      const outcome =
        method.toLowerCase() === 'batch'
          ? {
              ok: false as const,
              error: new RestError('ERROR_BATCH_METHOD_NOT_ALLOWED', 'Method is not allowed for batch usage', 405),
              start: ctx.now,
              finish: ctx.now,
            }
          : ctx.call(method, resolved);
      out.result_time[key] = timeSpan(outcome.start, outcome.finish);
      if (outcome.ok) {
        out.result[key] = outcome.output.result;
        if (outcome.output.total !== undefined) out.result_total[key] = outcome.output.total;
        if (outcome.output.next !== undefined) out.result_next[key] = outcome.output.next;
      } else {
        out.result_error[key] = errorBody(outcome.error);
        if (halt) break;
      }
    }
    return { result: Object.fromEntries(Object.entries(out).map(([k, v]) => [k, phpArray(v)])) };
  },
};

function parseCommand(command: unknown): { method: string; params: Params } {
  if (typeof command === 'string') {
    const q = command.indexOf('?');
    return q === -1 ? { method: command.trim(), params: {} } : { method: command.slice(0, q).trim(), params: parsePhpQuery(command.slice(q + 1)) };
  }
  // SDKs may send { method, params } objects; accept them too.
  if (command && typeof command === 'object' && typeof (command as Params).method === 'string') {
    const { method, params } = command as { method: string; params?: unknown };
    return { method, params: params && typeof params === 'object' ? (params as Params) : {} };
  }
  return { method: '', params: {} };
}

/** Replaces `$result[key][FIELD]` in string values; a value that is only a reference takes the referenced value whole. */
function resolveReferences(value: unknown, out: Collected): unknown {
  if (typeof value === 'string') {
    const whole = new RegExp(`^${REFERENCE.source}$`).exec(value);
    if (whole) return lookup(out, whole[1] as keyof Collected, whole[2]) ?? '';
    return value.replace(REFERENCE, (_, bucket: keyof Collected, path: string) => {
      const found = lookup(out, bucket, path);
      return found === undefined || typeof found === 'object' ? '' : String(found);
    });
  }
  if (Array.isArray(value)) return value.map((v) => resolveReferences(v, out));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveReferences(v, out)]));
  return value;
}

function lookup(out: Collected, bucket: keyof Collected, path: string): unknown {
  let current: unknown = out[bucket];
  for (const [, key] of path.matchAll(/\[([^\]]*)\]/g)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function errorBody(error: RestError): { error: string; error_description: string } {
  return { error: error.code, error_description: error.description };
}

/** PHP serialises an empty array as `[]` and a 0..n-keyed one as a list; mirror that. */
function phpArray(record: Record<string, unknown>): unknown {
  const keys = Object.keys(record);
  if (keys.length === 0) return [];
  return keys.every((k, i) => k === String(i)) ? keys.map((k) => record[k]) : record;
}
