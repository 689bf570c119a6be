/**
 * An error a REST method answers with: `{ error, error_description }` plus the
 * HTTP status. The status is optional here because most codes have one fixed
 * status (see `http/envelope.ts`); landing methods pass 400 explicitly since
 * their `ACCESS_DENIED` differs from the system-wide one.
 */
export class RestError extends Error {
  constructor(
    readonly code: string,
    readonly description: string,
    readonly status?: number,
  ) {
    super(`${code}: ${description}`);
    this.name = 'RestError';
  }
}

/** `MISSING_PARAMS` as landing methods report it (HTTP 400). */
export function missingParams(...names: string[]): RestError {
  return new RestError('MISSING_PARAMS', `Not enough call parameters, missing: ${names.join(', ')}`, 400);
}

/** A landing-module error; the landing docs give HTTP 400 for all of them. */
export function landingError(code: string, description: string): RestError {
  return new RestError(code, description, 400);
}
