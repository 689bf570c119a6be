/**
 * Building `batch` requests (at most 50 commands each) and reading their
 * per-command results and errors.
 */
import { errorFromResponse, ErrorContext, PortalError } from './errors';
import { encodeQuery } from './query-string';
import { Redactor } from './redact';
import { asCount } from './transport';

/** The portal's limit on commands in one `batch` call. */
export const MAX_BATCH_COMMANDS = 50;

export interface BatchCommand {
  method: string;
  params?: Record<string, unknown>;
}

export type BatchItem<T = unknown> = { ok: true; result: T; total?: number; next?: number } | { ok: false; error: PortalError };

/** Splits keyed commands into chunks of at most `size`, keeping their order. */
export function chunkCommands(commands: ReadonlyArray<[string, BatchCommand]>, size = MAX_BATCH_COMMANDS): Array<Array<[string, BatchCommand]>> {
  const chunks: Array<Array<[string, BatchCommand]>> = [];
  for (let i = 0; i < commands.length; i += size) chunks.push(commands.slice(i, i + size));
  return chunks;
}

/** The `cmd` object of a batch request: key → `method?query`. */
export function batchCmd(chunk: ReadonlyArray<[string, BatchCommand]>): Record<string, string> {
  const cmd: Record<string, string> = {};
  for (const [key, c] of chunk) {
    const query = c.params ? encodeQuery(c.params) : '';
    cmd[key] = query ? `${c.method}?${query}` : c.method;
  }
  return cmd;
}

/**
 * PHP serialises an array whose keys are exactly 0..n-1 as a JSON list (and
 * an empty one as []), so a list here is a map from "0", "1", ... .
 */
function asRecord(v: unknown): Record<string, unknown> {
  if (Array.isArray(v)) return Object.fromEntries(v.map((item, i) => [String(i), item]));
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}

/**
 * Reads the `result` of a batch reply for the given chunk. A command with
 * neither a result nor an error (skipped after `halt`) is reported as an error.
 */
export function readBatchResult(result: unknown, chunk: ReadonlyArray<[string, BatchCommand]>, ctx: ErrorContext, redactor: Redactor): Map<string, BatchItem> {
  const body = asRecord(result);
  const results = asRecord(body.result);
  const errors = asRecord(body.result_error);
  const totals = asRecord(body.result_total);
  const nexts = asRecord(body.result_next);
  const items = new Map<string, BatchItem>();
  for (const [key, c] of chunk) {
    const commandCtx = { ...ctx, method: c.method };
    const err = errors[key];
    if (err !== undefined) {
      const e = asRecord(err);
      const code = typeof e.error === 'string' ? e.error : undefined;
      const detail = typeof e.error_description === 'string' ? redactor.redactText(e.error_description) : undefined;
      items.set(key, { ok: false, error: errorFromResponse(code, { ...commandCtx, status: undefined, detail }) });
    } else if (key in results) {
      items.set(key, { ok: true, result: results[key], total: asCount(totals[key]), next: asCount(nexts[key]) });
    } else {
      items.set(key, { ok: false, error: errorFromResponse('NOT_EXECUTED', { ...commandCtx, status: undefined, detail: 'not executed' }) });
    }
  }
  return items;
}
