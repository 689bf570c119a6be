/**
 * What the contract checks share: the target, what the portal said about the
 * caller, and two assertion helpers for the envelope.
 */
import assert from 'node:assert/strict';
import type { Json, RestResponse } from './rest-call';

/** What every check may read: the target and what the portal said about the caller. */
export interface ContractContext {
  url: string;
  allowWrites: boolean;
  me: { ID: string; NAME: string; ADMIN: boolean };
  scopes: string[];
  has(scope: string): boolean;
  call(method: string, params?: Json): Promise<RestResponse>;
}

/** Asserts a successful call and returns its `result`. */
export function ok(response: RestResponse, what = 'call'): unknown {
  assert.equal(response.status, 200, `${what}: expected 200, got ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
  assert.ok('result' in response.body, `${what}: no result in ${JSON.stringify(response.body).slice(0, 300)}`);
  return response.body.result;
}

/** Asserts an error answer with this status and code. */
export function fails(response: RestResponse, status: number, code: string): void {
  assert.deepEqual([response.status, response.body.error], [status, code], JSON.stringify(response.body).slice(0, 300));
  assert.equal(typeof response.body.error_description, 'string');
}
