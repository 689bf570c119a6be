/**
 * Bitrix24 access codes (`U1`, `G2`, `D5`, `DR3`, `SG4`, `AU`, `UA`, ...):
 * which codes a user holds, and what `access.name` says about a code.
 */
import type { Department, PortalState, User } from './types';

/** The group every visitor belongs to (`G2`, "All visitors"). */
export const EVERYONE_GROUP = 2;

/** Ids of `departmentId` and all departments above it, nearest first. */
export function departmentAncestry(departments: readonly Department[], departmentId: number): number[] {
  const byId = new Map(departments.map((d) => [d.id, d]));
  const chain: number[] = [];
  let current = byId.get(departmentId);
  // The visited guard keeps a hand-edited state file with a parent cycle from hanging the server.
  while (current && !chain.includes(current.id)) {
    chain.push(current.id);
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  return chain;
}

/** Ids of `departmentId` and every department nested under it. */
export function departmentSubtree(departments: readonly Department[], departmentId: number): number[] {
  return departments.filter((d) => departmentAncestry(departments, d.id).includes(departmentId)).map((d) => d.id);
}

/**
 * Every access code that applies to `user`. `DR<id>` is held for each
 * department the user is in *or below*; `D<id>` only for direct membership.
 */
export function codesForUser(state: PortalState, user: User): Set<string> {
  const codes = new Set<string>([`U${user.id}`, 'AU', 'UA', `G${EVERYONE_GROUP}`]);
  for (const g of user.userGroups) codes.add(`G${g}`);
  for (const d of user.departments) {
    codes.add(`D${d}`);
    for (const ancestor of departmentAncestry(state.departments, d)) codes.add(`DR${ancestor}`);
  }
  for (const group of state.sonetGroups) {
    const isOwner = group.ownerId === user.id;
    const isModerator = isOwner || group.moderatorIds.includes(user.id);
    const isMember = isModerator || group.memberIds.includes(user.id);
    if (isMember) codes.add(`SG${group.id}`).add(`SG${group.id}_K`);
    if (isModerator) codes.add(`SG${group.id}_E`);
    if (isOwner) codes.add(`SG${group.id}_A`);
  }
  return codes;
}

/** What `access.name` returns for one code. */
export interface AccessCodeName {
  provider: string;
  name: string;
  provider_id: string;
}

const SONET_ROLE_SUFFIX: Record<string, string> = { A: 'owner', E: 'moderators', K: 'all members' };

/** Describes an access code the way `access.name` does, or `undefined` for codes the portal does not know. */
export function describeAccessCode(state: PortalState, code: string): AccessCodeName | undefined {
  if (code === 'AU') return { provider: '', name: 'All authorized users', provider_id: 'other' };
  if (code === 'UA') return { provider: '', name: 'All users (including unauthorized)', provider_id: 'other' };
  const m = /^(U|G|DR|D|SG)(\d+)(?:_([AEK]))?$/.exec(code);
  if (!m) return undefined;
  const [, kind, idText, suffix] = m;
  const id = Number(idText);
  if (suffix && kind !== 'SG') return undefined;
  switch (kind) {
    case 'U': {
      const user = state.users.find((u) => u.id === id);
      return user && { provider: 'Users', name: `${user.name} ${user.lastName}`.trim(), provider_id: 'user' };
    }
    case 'G': {
      const group = state.userGroups.find((g) => g.id === id);
      return group && { provider: '', name: group.name, provider_id: 'other' };
    }
    case 'D':
    case 'DR': {
      const dep = state.departments.find((d) => d.id === id);
      if (!dep) return undefined;
      const name = kind === 'DR' ? `${dep.name} (with subdepartments)` : dep.name;
      return { provider: 'Departments', name, provider_id: 'intranet' };
    }
    default: {
      const group = state.sonetGroups.find((g) => g.id === id);
      if (!group) return undefined;
      const name = suffix ? `${group.name}: ${SONET_ROLE_SUFFIX[suffix]}` : group.name;
      return { provider: 'Workgroups', name, provider_id: 'socnetgroup' };
    }
  }
}
