/**
 * Shared set-up for the demo portal's unit tests: a freshly seeded state and
 * a way to call methods as one of the seeded users.
 */
import assert from 'node:assert/strict';
import { callMethod } from '../../../demo-portal/src/methods/registry';
import type { CallOutcome, Params } from '../../../demo-portal/src/methods/types';
import type { RestError } from '../../../demo-portal/src/portal/rest-error';
import { FULL_SCOPES, seedState, type SeedName } from '../../../demo-portal/src/portal/seed';
import type { PortalState, User } from '../../../demo-portal/src/portal/types';

/** Seeded users the tests talk about (see docs/demo-portal.md). */
export const ALICE_ADMIN = 1;
export const BORIS_SALES = 2;
export const CAROL_SITE_MANAGER = 3;
export const DMITRY_FRONTEND = 4;
export const EVA_BACKEND = 5;
export const FRANK_SALES_EMEA = 6;
export const GRACE_DISMISSED = 7;
export const HENRY_NO_SITES = 8;
export const IRENE_EXTRANET = 9;

/** A fresh seeded state with predictable secrets. */
export function freshState(seed: SeedName = 'default'): PortalState {
  let n = 0;
  return seedState(seed, () => `s${String(n++).padStart(31, '0')}`);
}

/** The seeded user with this id. */
export function userOf(state: PortalState, id: number): User {
  const user = state.users.find((u) => u.id === id);
  assert.ok(user, `no seeded user ${id}`);
  return user;
}

/** Calls a method as `userId` with the given scopes (all seeded scopes by default). */
export function call(
  state: PortalState,
  userId: number,
  method: string,
  params: Params = {},
  scopes: readonly string[] = FULL_SCOPES,
  now = Date.UTC(2025, 0, 1),
): CallOutcome {
  return callMethod({ state, user: userOf(state, userId), scopes, now: () => now }, method, params);
}

/** The result of a call that must succeed. */
export function resultOf(outcome: CallOutcome): unknown {
  if (!outcome.ok) assert.fail(`expected success, got ${outcome.error.code}: ${outcome.error.description}`);
  return outcome.output.result;
}

/** The error of a call that must fail. */
export function errorOf(outcome: CallOutcome): RestError {
  if (outcome.ok) assert.fail(`expected an error, got ${JSON.stringify(outcome.output.result)}`);
  return outcome.error;
}
