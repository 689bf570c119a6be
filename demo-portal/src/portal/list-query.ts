/**
 * Filtering, sorting and paging shared by the list methods. Filter keys carry
 * an optional operator prefix (`>=ID`, `%NAME`, `!@ID`, ...) as on the portal.
 */

/** The fixed page size of REST list methods. */
export const PAGE_SIZE = 50;

const OPERATORS = ['!><', '><', '!=%', '!%=', '>=', '<=', '!@', '!%', '=%', '%=', '!=', '>', '<', '@', '%', '=', '!', '?'] as const;
type Operator = (typeof OPERATORS)[number];

/** Splits `>=DATE_CREATE` into its operator and field name. */
export function parseFilterKey(key: string): { op: Operator; field: string } {
  const op = OPERATORS.find((o) => key.startsWith(o) && key.length > o.length) ?? '=';
  return { op, field: key.startsWith(op) ? key.slice(op.length) : key };
}

/** Whether a row value (scalar or list) satisfies one filter condition. */
export function matchesCondition(actual: unknown, op: Operator, expected: unknown): boolean {
  const values = Array.isArray(actual) ? actual : [actual];
  const any = (test: (v: unknown) => boolean) => values.some(test);
  const expectedList = Array.isArray(expected) ? expected : expected !== null && typeof expected === 'object' ? Object.values(expected) : [expected];
  switch (op) {
    case '=':
    case '@':
      return any((v) => expectedList.some((e) => looselyEqual(v, e)));
    case '!':
    case '!=':
    case '!@':
      return !any((v) => expectedList.some((e) => looselyEqual(v, e)));
    case '%':
    case '?':
      return any((v) => expectedList.some((e) => text(v).includes(text(e))));
    case '!%':
      return !any((v) => expectedList.some((e) => text(v).includes(text(e))));
    case '=%':
    case '%=':
      return any((v) => expectedList.some((e) => likePattern(text(e)).test(text(v))));
    case '!=%':
    case '!%=':
      return !any((v) => expectedList.some((e) => likePattern(text(e)).test(text(v))));
    case '>':
      return any((v) => compare(v, expected) > 0);
    case '>=':
      return any((v) => compare(v, expected) >= 0);
    case '<':
      return any((v) => compare(v, expected) < 0);
    case '<=':
      return any((v) => compare(v, expected) <= 0);
    case '><':
    case '!><': {
      const [lo, hi] = expectedList;
      const inside = any((v) => compare(v, lo) >= 0 && compare(v, hi) <= 0);
      return op === '><' ? inside : !inside;
    }
  }
}

/**
 * Applies a filter object to rows. `fieldValue` maps a filter field name to
 * the row's value; returning `undefined` for an unknown field makes the
 * condition ignored, as the portal ignores filters on fields it lacks.
 */
export function applyFilter<T>(rows: readonly T[], filter: Record<string, unknown>, fieldValue: (row: T, field: string) => unknown): T[] {
  const conditions = Object.entries(filter).map(([key, expected]) => ({ ...parseFilterKey(key), expected }));
  return rows.filter((row) =>
    conditions.every(({ op, field, expected }) => {
      const actual = fieldValue(row, field.toUpperCase());
      return actual === undefined || matchesCondition(actual, op, expected);
    }),
  );
}

/** Sorts rows by one field; ties keep their order. */
export function sortRows<T>(rows: readonly T[], field: string, direction: string, fieldValue: (row: T, field: string) => unknown): T[] {
  const sign = /^desc/i.test(direction.trim()) ? -1 : 1;
  return [...rows].sort((a, b) => sign * compare(fieldValue(a, field.toUpperCase()), fieldValue(b, field.toUpperCase())));
}

/** One page of a list method, with the `total` and `next` the envelope carries. */
export function paginate<T>(rows: readonly T[], start: unknown): { page: T[]; total?: number; next?: number } {
  const offset = Number.parseInt(String(start ?? 0), 10);
  // start = -1 asks the portal to skip counting; it then returns one page without total/next.
  if (offset === -1) return { page: rows.slice(0, PAGE_SIZE) };
  const from = Number.isFinite(offset) && offset > 0 ? offset : 0;
  const page = rows.slice(from, from + PAGE_SIZE);
  const next = from + PAGE_SIZE < rows.length ? from + PAGE_SIZE : undefined;
  return { page, total: rows.length, ...(next !== undefined ? { next } : {}) };
}

function text(v: unknown): string {
  return String(v ?? '').toLowerCase();
}

function looselyEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') return asBool(a) === asBool(b);
  return text(a) === text(b);
}

function asBool(v: unknown): boolean {
  return v === true || v === 1 || (typeof v === 'string' && ['y', 'true', '1'].includes(v.toLowerCase()));
}

function compare(a: unknown, b: unknown): number {
  const na = Number(a);
  const nb = Number(b);
  if (a !== '' && b !== '' && a !== null && b !== null && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return text(a).localeCompare(text(b));
}

function likePattern(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(`^${escaped}$`, 's');
}
