/**
 * Users as `user.get`, `user.search`, `user.current` and `profile` show them.
 * Which fields appear depends on the granted user scope (`user`,
 * `user_basic`, `user_brief`).
 */
import { applyFilter, sortRows } from './list-query';
import type { PortalState, User } from './types';
import { isRecord } from '../util/is-record';

/** The user scope variants, widest first. */
export type UserScopeLevel = 'user' | 'user_basic' | 'user_brief';

const BRIEF_FIELDS = new Set([
  'ID',
  'XML_ID',
  'ACTIVE',
  'NAME',
  'LAST_NAME',
  'SECOND_NAME',
  'TITLE',
  'IS_ONLINE',
  'TIME_ZONE',
  'PERSONAL_PHOTO',
  'TIMESTAMP_X',
  'DATE_REGISTER',
  'PERSONAL_PROFESSION',
  'PERSONAL_GENDER',
  'PERSONAL_BIRTHDAY',
  'PERSONAL_CITY',
  'PERSONAL_STATE',
  'PERSONAL_COUNTRY',
  'WORK_POSITION',
  'WORK_CITY',
  'WORK_STATE',
  'WORK_COUNTRY',
  'LAST_ACTIVITY_DATE',
  'UF_EMPLOYMENT_DATE',
  'UF_TIMEMAN',
  'UF_SKILLS',
  'UF_INTERESTS',
  'UF_DEPARTMENT',
  'UF_PHONE_INNER',
]);
const BASIC_EXTRA = new Set(['EMAIL', 'PERSONAL_PHONE', 'WORK_PHONE', 'WORK_COMPANY', 'PERSONAL_MOBILE', 'USER_TYPE']);

/** The widest user scope among the granted ones, if any. */
export function userScopeLevel(scopes: readonly string[]): UserScopeLevel | undefined {
  return (['user', 'user_basic', 'user_brief'] as const).find((s) => scopes.includes(s));
}

/** Every field of a user (the full `user` scope view). */
export function userRow(user: User): Record<string, unknown> {
  return {
    ID: String(user.id),
    XML_ID: '',
    ACTIVE: user.active,
    NAME: user.name,
    LAST_NAME: user.lastName,
    SECOND_NAME: user.secondName,
    TITLE: '',
    EMAIL: user.email,
    LAST_LOGIN: user.dateRegister,
    DATE_REGISTER: user.dateRegister,
    TIME_ZONE: user.timeZone,
    IS_ONLINE: user.online ? 'Y' : 'N',
    TIMESTAMP_X: user.dateRegister,
    LAST_ACTIVITY_DATE: user.dateRegister,
    PERSONAL_GENDER: user.gender,
    PERSONAL_BIRTHDAY: '',
    PERSONAL_CITY: user.personalCity,
    WORK_PHONE: '',
    WORK_POSITION: user.workPosition,
    WORK_COMPANY: '',
    UF_EMPLOYMENT_DATE: '',
    UF_DEPARTMENT: [...user.departments],
    USER_TYPE: user.userType,
  };
}

/** A user row cut down to what the scope level may see, then to `select` when given. */
export function projectUser(user: User, level: UserScopeLevel, select?: unknown): Record<string, unknown> {
  const row = userRow(user);
  const allowed = (field: string) => level === 'user' || BRIEF_FIELDS.has(field) || (level === 'user_basic' && BASIC_EXTRA.has(field));
  const wanted = Array.isArray(select) && select.length > 0 && !select.includes('*') ? new Set(select.map((s) => String(s).toUpperCase())) : undefined;
  return Object.fromEntries(Object.entries(row).filter(([field]) => allowed(field) && (!wanted || wanted.has(field) || field === 'ID')));
}

/** `profile`: the short card of the calling user. */
export function profileOf(user: User): Record<string, unknown> {
  if (!user.active) return {};
  return { ID: String(user.id), ADMIN: user.admin, NAME: user.name, LAST_NAME: user.lastName, PERSONAL_GENDER: user.gender, TIME_ZONE: user.timeZone };
}

const CONTROL_KEYS = new Set(['SORT', 'ORDER', 'FILTER', 'SELECT', 'ADMIN_MODE', 'START', 'IMAGE_RESIZE', 'AUTH']);

/**
 * `user.get`: users matching the filter (given in `FILTER` or as top-level
 * keys), sorted by `sort`/`order` (ID ascending by default).
 */
export function findUsers(state: PortalState, query: Record<string, unknown>): User[] {
  const filter: Record<string, unknown> = isRecord(query.FILTER) ? { ...query.FILTER } : {};
  for (const [key, value] of Object.entries(query)) if (!CONTROL_KEYS.has(key)) filter[key] = value;
  const nameSearch = filter.NAME_SEARCH;
  delete filter.NAME_SEARCH;
  let users = applyFilter(state.users, filter, userFieldValue);
  if (typeof nameSearch === 'string' && nameSearch.trim() !== '') {
    const words = nameSearch.toLowerCase().split(/\s+/).filter(Boolean);
    users = users.filter((u) => words.every((w) => [u.name, u.lastName, u.secondName].some((n) => n.toLowerCase().startsWith(w))));
  }
  return sortRows(users, typeof query.SORT === 'string' ? query.SORT : 'ID', typeof query.ORDER === 'string' ? query.ORDER : 'ASC', userFieldValue);
}

/**
 * `user.search`: a prefix ("right LIKE") search over name, last name,
 * position and department name. `FIND` searches all of them and, when
 * present, the other search fields are ignored.
 */
export function searchUsers(state: PortalState, query: Record<string, unknown>): User[] {
  const filter: Record<string, unknown> = isRecord(query.FILTER) ? { ...query.FILTER } : {};
  for (const [key, value] of Object.entries(query)) if (!CONTROL_KEYS.has(key)) filter[key] = value;
  const searchable = (u: User): Record<string, string[]> => ({
    NAME: [u.name],
    LAST_NAME: [u.lastName],
    WORK_POSITION: [u.workPosition],
    UF_DEPARTMENT_NAME: u.departments.map((d) => state.departments.find((x) => x.id === d)?.name ?? ''),
  });
  const startsWithWord = (values: string[], needle: unknown) => {
    const n = String(needle ?? '')
      .toLowerCase()
      .trim();
    return values.some(
      (v) =>
        v
          .toLowerCase()
          .split(/\s+/)
          .some((word) => word.startsWith(n)) || v.toLowerCase().startsWith(n),
    );
  };
  let users = state.users;
  if (filter.FIND !== undefined) {
    users = users.filter((u) => Object.values(searchable(u)).some((values) => startsWithWord(values, filter.FIND)));
  } else {
    for (const field of ['NAME', 'LAST_NAME', 'WORK_POSITION', 'UF_DEPARTMENT_NAME']) {
      if (filter[field] !== undefined) users = users.filter((u) => startsWithWord(searchable(u)[field], filter[field]));
    }
    if (filter.USER_TYPE !== undefined) users = users.filter((u) => u.userType === filter.USER_TYPE);
  }
  return sortRows(users, typeof query.SORT === 'string' ? query.SORT : 'ID', typeof query.ORDER === 'string' ? query.ORDER : 'ASC', userFieldValue);
}

function userFieldValue(user: User, field: string): unknown {
  return userRow(user)[field];
}
