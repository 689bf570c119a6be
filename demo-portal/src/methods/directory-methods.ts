/**
 * Users, departments and workgroups: `user.*`, `department.get`, `sonet_group.get`.
 */
import { findDepartments, findSonetGroups } from '../portal/directory';
import { paginate } from '../portal/list-query';
import { findUsers, projectUser, searchUsers, userScopeLevel } from '../portal/users';
import type { User } from '../portal/types';
import { upperKeys } from './params';
import type { CallContext, MethodOutput, MethodSpec } from './types';

const USER_SCOPES = ['user', 'user_basic', 'user_brief'];

function userList(ctx: CallContext, find: typeof findUsers): MethodOutput {
  const query = upperKeys(ctx.params);
  const level = userScopeLevel(ctx.scopes) ?? 'user_brief';
  const { page, total, next } = paginate(find(ctx.state, query), query.START);
  return { result: page.map((u: User) => projectUser(u, level, query.SELECT)), total, next };
}

/** The directory methods, keyed by name. */
export const directoryMethods: Record<string, MethodSpec> = {
  'user.current': {
    scopes: USER_SCOPES,
    handler: (ctx) => ({ result: projectUser(ctx.user, userScopeLevel(ctx.scopes) ?? 'user_brief') }),
  },
  'user.get': { scopes: USER_SCOPES, handler: (ctx) => userList(ctx, findUsers) },
  'user.search': { scopes: USER_SCOPES, handler: (ctx) => userList(ctx, searchUsers) },
  'department.get': {
    scopes: ['department'],
    handler: ({ state, params }) => {
      const query = upperKeys(params);
      const { page, total, next } = paginate(findDepartments(state, query), query.START);
      return { result: page, total, next };
    },
  },
  'sonet_group.get': {
    scopes: ['sonet_group', 'socialnetwork'],
    handler: ({ state, user, params }) => {
      const query = upperKeys(params);
      const { page, total, next } = paginate(findSonetGroups(state, user, query), query.START);
      return { result: page, total, next };
    },
  },
};
