/**
 * Basic-scope methods: `profile`, `scope`, `method.get`, `access.name`,
 * `user.admin`, `user.access`.
 */
import { codesForUser, describeAccessCode, type AccessCodeName } from '../portal/access-codes';
import { profileOf } from '../portal/users';
import { boolParam, listParam, upperKeys } from './params';
import type { CallContext, MethodSpec } from './types';

/** Whether a method with these scopes may be called with the granted ones. */
export function scopeAllows(required: readonly string[], granted: readonly string[]): boolean {
  return required.length === 0 || required.some((s) => granted.includes(s));
}

/** Builds the system methods; `methods` is the full table, for `method.get` and `scope`. */
export function systemMethods(methods: () => ReadonlyMap<string, MethodSpec>): Record<string, MethodSpec> {
  return {
    profile: { scopes: [], handler: ({ user }) => ({ result: profileOf(user) }) },
    scope: {
      scopes: [],
      handler: ({ params, scopes }) => {
        if (!boolParam(params.full)) return { result: [...scopes] };
        // Like a real portal: every scope it knows, which includes whatever this caller was granted.
        const all = new Set<string>(scopes);
        for (const spec of methods().values()) spec.scopes.forEach((s) => all.add(s));
        return { result: [...all].sort() };
      },
    },
    'method.get': {
      scopes: [],
      handler: ({ params, scopes }) => {
        const name = typeof params.name === 'string' ? params.name.trim().toLowerCase() : '';
        const spec = name === '' ? undefined : methods().get(name);
        return { result: { isExisting: spec !== undefined, isAvailable: spec !== undefined && scopeAllows(spec.scopes, scopes) } };
      },
    },
    'access.name': {
      scopes: [],
      handler: ({ state, params }) => {
        const codes = listParam(upperKeys(params).ACCESS)?.filter((c): c is string => typeof c === 'string') ?? [];
        if (codes.length === 0) return { result: false };
        const names: Record<string, AccessCodeName> = {};
        for (const code of codes) {
          const described = describeAccessCode(state, code);
          if (described) names[code] = described;
        }
        return { result: Object.keys(names).length === 0 ? [] : names };
      },
    },
    'user.admin': { scopes: [], handler: ({ user }) => ({ result: user.admin }) },
    'user.access': {
      scopes: [],
      handler: ({ state, user, params }: CallContext) => {
        const codes = listParam(upperKeys(params).ACCESS) ?? [];
        const held = codesForUser(state, user);
        return { result: user.admin || codes.some((c) => typeof c === 'string' && held.has(c)) };
      },
    },
  };
}
