/**
 * Read/write classification of REST methods. Only reads are ever retried, so
 * the rule is deliberately narrow: a method is a read when its name says so;
 * anything unknown is a write. Callers can override per call.
 */

export type MethodKind = 'read' | 'write';

/** Last name segments that only fetch data (`crm.lead.list`, `landing.site.getList`, ...). */
const READ_SEGMENTS: ReadonlySet<string> = new Set(['get', 'list', 'fields', 'getlist', 'getfields', 'search', 'current', 'count']);

/** Whole names that read but do not follow the segment rule. */
const READ_METHODS: ReadonlySet<string> = new Set(['profile', 'scope', 'methods', 'server.time', 'app.info', 'access.name', 'user.access']);

/** Classifies `method` by its name; unknown shapes count as writes. */
export function methodKind(method: string): MethodKind {
  const name = method.trim().toLowerCase();
  if (READ_METHODS.has(name)) return 'read';
  const last = name.slice(name.lastIndexOf('.') + 1);
  return READ_SEGMENTS.has(last) ? 'read' : 'write';
}

/** Method names the client will put in a URL path: letters, digits, dots, underscores. */
export function isValidMethodName(method: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/.test(method);
}
