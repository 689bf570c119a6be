/**
 * The method table and the one entry point that runs a method: it checks the
 * method exists and the credentials carry its scope before the handler runs.
 */
import { RestError } from '../portal/rest-error';
import type { PortalState, User } from '../portal/types';
import { batchMethod } from './batch';
import { directoryMethods } from './directory-methods';
import { landingRoleMethods } from './landing-role-methods';
import { landingSiteMethods } from './landing-site-methods';
import { scopeAllows, systemMethods } from './system-methods';
import type { CallOutcome, MethodSpec, Params } from './types';

/** Every method the demo portal implements, by lower-case name (the portal ignores case). */
export const METHODS: ReadonlyMap<string, MethodSpec> = new Map(
  Object.entries({
    ...systemMethods(() => METHODS),
    ...directoryMethods,
    ...landingSiteMethods,
    ...landingRoleMethods,
    batch: batchMethod,
  }).map(([name, spec]) => [name.toLowerCase(), spec]),
);

/** Who is calling and how; shared by a request and the sub-calls of its `batch`. */
export interface Caller {
  state: PortalState;
  user: User;
  scopes: readonly string[];
  now(): number;
  /** Runs before each method (the `failNext` fault hooks in here); may throw a RestError. */
  beforeCall?(method: string): void;
  /** Told after a successful call of a method that may change the state. */
  onMutation?(method: string): void;
}

/** Runs one method and reports its result or error; never throws a RestError. */
export function callMethod(caller: Caller, method: string, params: Params): CallOutcome {
  const start = caller.now();
  const finish = () => caller.now();
  const name = method
    .trim()
    .toLowerCase()
    .replace(/\.json$/, '');
  try {
    const spec = METHODS.get(name);
    if (!spec) throw new RestError('ERROR_METHOD_NOT_FOUND', 'Method not found!', 404);
    if (!scopeAllows(spec.scopes, caller.scopes)) {
      throw new RestError('insufficient_scope', 'The request requires higher privileges than provided by the webhook token', 403);
    }
    caller.beforeCall?.(name);
    const output = spec.handler({
      state: caller.state,
      user: caller.user,
      scopes: caller.scopes,
      params,
      now: start,
      call: (m, p) => callMethod(caller, m, p),
    });
    if (spec.mutates) caller.onMutation?.(name);
    return { ok: true, output, start, finish: finish() };
  } catch (error) {
    if (error instanceof RestError) return { ok: false, error, start, finish: finish() };
    throw error;
  }
}
