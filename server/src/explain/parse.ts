/**
 * Reads an error the way a developer pastes it: a REST 2 body
 * (`{"error": …, "error_description": …}`), a REST 3.0 body
 * (`{"error": {"code": …, "message": …, "validation": […]}}`), a batch answer
 * or just its `result_error` map, a line of log text, or the bare code.
 */
import { isRecord } from '../util/is-record';
import type { ParseProblem } from '../l10n/explain-texts';

/** One error found in the input. */
export interface ParsedError {
  code: string;
  description?: string;
  /** HTTP status, when the input gave one (`"status": 403`, `HTTP/1.1 403`). */
  status?: number;
  /** The batch command key the error belongs to. */
  key?: string;
  /** The method, when the input tells (a batch `cmd` entry, or a `method` field). */
  method?: string;
  /** REST 3.0 field errors. */
  validation?: { field: string; message: string }[];
  /** `time.operating_reset_at` of the answer (seconds since epoch), for OPERATION_TIME_LIMIT. */
  operatingResetAt?: number;
}

export interface ParseResult {
  errors: ParsedError[];
  /** Why nothing was found, when `errors` is empty (worded by l10n/explain-texts.ts). */
  problem?: ParseProblem;
}

const CODE_TOKEN = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Words in log text that look like codes: an underscore and no spaces (e.g. QUERY_LIMIT_EXCEEDED, expired_token). */
const CODE_IN_TEXT = /\b([A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]*[A-Za-z0-9])\b/g;

/** Parses pasted text (or an already-parsed JSON value) into the errors it contains. */
export function parseErrorInput(input: unknown, isKnown: (word: string) => boolean = (w) => /^[A-Z0-9_]+$/.test(w)): ParseResult {
  if (typeof input === 'string') {
    const text = input.trim();
    if (!text) return { errors: [], problem: 'empty' };
    if (text.startsWith('{') || text.startsWith('[')) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        value = undefined;
      }
      if (value !== undefined) return fromJson(value);
      const fromJsonish = fromText(text, isKnown);
      return fromJsonish.errors.length ? fromJsonish : { errors: [], problem: 'bad-json' };
    }
    if (CODE_TOKEN.test(text)) return { errors: [{ code: text }] };
    return fromText(text, isKnown);
  }
  if (input && typeof input === 'object') return fromJson(input);
  return { errors: [], problem: 'not-an-error' };
}

function fromJson(value: unknown): ParseResult {
  const errors: ParsedError[] = [];
  collect(value, errors, undefined, operatingResetAt(value), cmdMap(value));
  return errors.length ? { errors } : { errors: [], problem: 'no-error-field' };
}

function collect(v: unknown, out: ParsedError[], key: string | undefined, resetAt: number | undefined, cmd: Record<string, string>): void {
  if (Array.isArray(v)) {
    v.forEach((x) => collect(x, out, key, resetAt, cmd));
    return;
  }
  if (!isRecord(v)) return;
  const own = errorOf(v);
  if (own) {
    const method = (typeof v.method === 'string' ? v.method : undefined) ?? (key !== undefined ? cmd[key] : undefined);
    out.push(clean({ ...own, key, method, operatingResetAt: resetAt }));
    return;
  }
  // A batch answer nests its per-command errors: {result: {result_error: {key: {...}}}}.
  const batch = isRecord(v.result) ? v.result.result_error : v.result_error;
  if (isRecord(batch) || Array.isArray(batch)) {
    for (const [k, e] of Object.entries(batch)) collect(e, out, k, resetAt, cmd);
    return;
  }
  // A bare result_error map pasted without its wrapper: every value is an error body.
  const values = Object.entries(v);
  if (values.length && values.every(([, e]) => isRecord(e) && errorOf(e))) {
    for (const [k, e] of values) collect(e, out, k, resetAt, cmd);
  }
}

/** The error of one body, REST 2 or 3.0 shape. */
function errorOf(v: Record<string, unknown>): Omit<ParsedError, 'key'> | undefined {
  const status = typeof v.status === 'number' ? v.status : undefined;
  if (typeof v.error === 'string' && v.error) {
    return { code: v.error, description: typeof v.error_description === 'string' && v.error_description ? v.error_description : undefined, status };
  }
  if (isRecord(v.error) && typeof v.error.code === 'string') {
    const e = v.error;
    const validation = Array.isArray(e.validation)
      ? e.validation.filter(isRecord).map((x) => ({ field: String(x.field ?? ''), message: String(x.message ?? '') }))
      : undefined;
    return { code: e.code as string, description: typeof e.message === 'string' && e.message ? e.message : undefined, status, validation };
  }
  return undefined;
}

function operatingResetAt(v: unknown): number | undefined {
  const time = isRecord(v) ? (isRecord(v.time) ? v.time : isRecord(v.result) && isRecord(v.result.time) ? v.result.time : undefined) : undefined;
  const at = time?.operating_reset_at;
  return typeof at === 'number' ? at : undefined;
}

/** `{cmd: {key: "crm.lead.get?id=1"}}` pasted with the answer: key → method. */
function cmdMap(v: unknown): Record<string, string> {
  const cmd = isRecord(v) && isRecord(v.cmd) ? v.cmd : undefined;
  const out: Record<string, string> = {};
  for (const [k, c] of Object.entries(cmd ?? {})) if (typeof c === 'string') out[k] = c.split('?')[0].trim();
  return out;
}

/** Log lines and partial bodies: every code-like word we know, with a status if one is written. */
function fromText(text: string, isKnown: (word: string) => boolean): ParseResult {
  const status = /\b(?:HTTP(?:\/\d(?:\.\d)?)?|status)\s*:?\s*(\d{3})\b/i.exec(text)?.[1];
  const quoted = /"error"\s*:\s*"([A-Za-z0-9_]+)"/.exec(text)?.[1];
  const seen = new Set<string>();
  const errors: ParsedError[] = [];
  const add = (code: string) => {
    if (seen.has(code)) return;
    seen.add(code);
    errors.push(clean({ code, status: status ? Number(status) : undefined }));
  };
  if (quoted) add(quoted);
  for (const m of text.matchAll(CODE_IN_TEXT)) if (isKnown(m[1])) add(m[1]);
  if (!errors.length && status) return { errors: [{ code: `HTTP_${status}`, status: Number(status) }] };
  return errors.length ? { errors } : { errors: [], problem: 'no-code' };
}

function clean(e: ParsedError): ParsedError {
  const out = { ...e };
  for (const k of Object.keys(out) as (keyof ParsedError)[]) if (out[k] === undefined) delete out[k];
  return out;
}
