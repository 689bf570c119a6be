/**
 * The response envelope: `{ result, next, total, time }` on success and
 * `{ error, error_description }` with the documented status on failure.
 */
import type { ServerResponse } from 'node:http';
import type { MethodOutput } from '../methods/types';
import type { RestError } from '../portal/rest-error';
import { timeSpan } from '../util/iso-time';

const STATUS_BY_CODE: Record<string, number> = {
  NO_AUTH_FOUND: 401,
  expired_token: 401,
  insufficient_scope: 403,
  INVALID_CREDENTIALS: 403,
  ACCESS_DENIED: 403,
  user_access_error: 403,
  ERROR_METHOD_NOT_FOUND: 404,
  ERROR_BATCH_METHOD_NOT_ALLOWED: 405,
  INTERNAL_SERVER_ERROR: 500,
  ERROR_UNEXPECTED_ANSWER: 500,
  QUERY_LIMIT_EXCEEDED: 503,
  OVERLOAD_LIMIT: 503,
};

/** The HTTP status of an error: its own when set, else the documented one for its code, else 400. */
export function statusOf(error: RestError): number {
  return error.status ?? STATUS_BY_CODE[error.code] ?? 400;
}

/** The `time` object of a response (times in ms since epoch). */
export function timeObject(start: number, finish: number): Record<string, unknown> {
  return {
    ...timeSpan(start, finish),
    // The demo portal keeps no per-method time accounting, so the operating basket is always empty.
    operating_reset_at: Math.floor(start / 1000) + 600,
    operating: 0,
  };
}

/** The success body of a method call. */
export function successBody(output: MethodOutput, start: number, finish: number): Record<string, unknown> {
  return {
    result: output.result,
    ...(output.next !== undefined ? { next: output.next } : {}),
    ...(output.total !== undefined ? { total: output.total } : {}),
    time: timeObject(start, finish),
  };
}

/** The error body of a failed call. */
export function errorBody(error: { code: string; description: string }): Record<string, string> {
  return { error: error.code, error_description: error.description };
}

/** Writes a JSON response (optionally cut short, for the malformed-JSON fault). */
export function sendJson(res: ServerResponse, status: number, body: unknown, truncate = false, extraHeaders: Record<string, string> = {}): void {
  let text = JSON.stringify(body);
  if (truncate) text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...extraHeaders,
  });
  res.end(text);
}
