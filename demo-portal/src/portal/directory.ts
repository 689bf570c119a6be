/**
 * Company structure and workgroups: `department.get` and `sonet_group.get`.
 */
import { applyFilter, sortRows } from './list-query';
import type { Department, PortalState, SonetGroup, User } from './types';
import { isRecord } from '../util/is-record';

/** A department as `department.get` prints it (`PARENT`/`UF_HEAD` only when set). */
export function departmentRow(d: Department): Record<string, unknown> {
  return {
    ID: String(d.id),
    NAME: d.name,
    SORT: d.sort,
    ...(d.parentId !== null ? { PARENT: String(d.parentId) } : {}),
    ...(d.headId !== null ? { UF_HEAD: String(d.headId) } : {}),
  };
}

/**
 * `department.get`: filter keys `ID`, `NAME`, `SORT`, `PARENT`, `UF_HEAD`
 * sit at the top level of the (upper-cased) query; `SORT`/`ORDER` choose
 * the ordering. A `SORT` that names a field sorts; a number filters.
 */
export function findDepartments(state: PortalState, query: Record<string, unknown>): Record<string, unknown>[] {
  const filter: Record<string, unknown> = {};
  for (const key of ['ID', 'NAME', 'PARENT', 'UF_HEAD']) if (query[key] !== undefined) filter[key] = query[key];
  const sortField = typeof query.SORT === 'string' && /^[A-Z_]+$/i.test(query.SORT) ? query.SORT : 'SORT';
  if (query.SORT !== undefined && sortField === 'SORT' && query.SORT !== 'SORT') filter.SORT = query.SORT;
  const rows = applyFilter(state.departments.map(departmentRow), filter, (row, field) => row[field] ?? (field in filter ? '' : undefined));
  const byId = sortRows(rows, 'ID', 'ASC', (row, f) => row[f]);
  return sortRows(byId, sortField, typeof query.ORDER === 'string' ? query.ORDER : 'ASC', (row, f) => row[f]);
}

/** A workgroup as `sonet_group.get` prints it. */
export function sonetGroupRow(g: SonetGroup): Record<string, unknown> {
  const yn = (b: boolean) => (b ? 'Y' : 'N');
  return {
    ID: String(g.id),
    SITE_ID: 's1',
    NAME: g.name,
    DESCRIPTION: g.description,
    DATE_CREATE: g.dateCreate,
    DATE_UPDATE: g.dateCreate,
    ACTIVE: yn(g.active),
    VISIBLE: yn(g.visible),
    OPENED: yn(g.opened),
    CLOSED: yn(g.closed),
    SUBJECT_ID: '1',
    OWNER_ID: String(g.ownerId),
    KEYWORDS: null,
    NUMBER_OF_MEMBERS: String(new Set([g.ownerId, ...g.moderatorIds, ...g.memberIds]).size),
    DATE_ACTIVITY: g.dateCreate,
    SUBJECT_NAME: 'Workgroups',
    PROJECT: yn(g.project),
    IS_EXTRANET: yn(g.extranet),
  };
}

/**
 * `sonet_group.get`: groups the user may see (visible ones and those they
 * belong to; all of them for an admin passing `IS_ADMIN=Y`), filtered and
 * sorted (`ID` descending by default).
 */
export function findSonetGroups(state: PortalState, user: User, query: Record<string, unknown>): Record<string, unknown>[] {
  const seesAll = user.admin && query.IS_ADMIN === 'Y';
  const isMember = (g: SonetGroup) => g.ownerId === user.id || g.moderatorIds.includes(user.id) || g.memberIds.includes(user.id);
  const groups = state.sonetGroups.filter((g) => seesAll || g.visible || isMember(g));
  const filter: Record<string, unknown> = isRecord(query.FILTER) ? { ...query.FILTER } : {};
  if (query.GROUP_ID !== undefined) filter.ID = query.GROUP_ID;
  let rows = applyFilter(groups.map(sonetGroupRow), filter, (row, field) => row[field]);
  const order = isRecord(query.ORDER) ? Object.entries(query.ORDER) : [['ID', 'DESC']];
  for (const [field, dir] of [...order].reverse()) rows = sortRows(rows, String(field), String(dir), (row, f) => row[f]);
  return rows;
}
