/**
 * Reading REST parameters the forgiving way the portal does: numbers and
 * booleans may arrive as strings (form bodies, GET queries).
 */
import { missingParams } from '../portal/rest-error';
import type { Params } from './types';

/** The parameters with upper-cased top-level keys, as `user.get` and `department.get` read them. */
export function upperKeys(params: Params): Params {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k.toUpperCase(), v]));
}

/** Throws `MISSING_PARAMS` for every listed parameter that is absent or empty. */
export function requireParams(params: Params, ...names: string[]): void {
  const missing = names.filter((n) => params[n] === undefined || params[n] === null || params[n] === '');
  if (missing.length > 0) throw missingParams(...missing);
}

/** An integer parameter; `fallback` when absent or not a number. */
export function intParam(value: unknown, fallback: number): number {
  const n = typeof value === 'number' ? value : Number.parseInt(String(value ?? ''), 10);
  return Number.isInteger(n) ? n : fallback;
}

/** A boolean parameter: `true`, `1`, `"1"`, `"true"`, `"Y"` are true. */
export function boolParam(value: unknown): boolean {
  if (typeof value === 'string') return ['1', 'true', 'y', 'yes'].includes(value.trim().toLowerCase());
  return value === true || value === 1;
}

/** A list parameter; PHP arrays may arrive as objects with numeric keys. */
export function listParam(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === 'object') return Object.values(value);
  return undefined;
}
