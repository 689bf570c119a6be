/**
 * Query strings with PHP's bracket syntax (`filter[ID]=1&codes[]=U1`), the way
 * the portal reads form bodies, GET parameters and `batch` sub-requests.
 */

/** Parses `a[b][]=c&d=e` into nested objects and arrays. */
export function parsePhpQuery(query: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [rawKey, value] of new URLSearchParams(query)) {
    const m = /^([^[]+)((?:\[[^\]]*\])*)$/.exec(rawKey);
    if (!m) {
      root[rawKey] = value;
      continue;
    }
    const path = [m[1], ...[...m[2].matchAll(/\[([^\]]*)\]/g)].map((x) => x[1])];
    assign(root, path, value);
  }
  return root;
}

function assign(target: Record<string, unknown> | unknown[], path: string[], value: string): void {
  const [head, ...rest] = path;
  const container = target as Record<string, unknown>;
  const key = head === '' && Array.isArray(target) ? String(target.length) : head;
  if (rest.length === 0) {
    if (Array.isArray(target) && head === '') target.push(value);
    else container[key] = value;
    return;
  }
  let child = container[key];
  if (child === null || typeof child !== 'object') {
    child = rest[0] === '' ? [] : {};
    if (Array.isArray(target) && head === '') target.push(child);
    else container[key] = child;
  }
  assign(child as Record<string, unknown> | unknown[], rest, value);
}

/** Builds a PHP-style query string from nested values (the inverse of `parsePhpQuery`). */
export function buildPhpQuery(params: Record<string, unknown>): string {
  const parts: string[] = [];
  const walk = (prefix: string, value: unknown) => {
    if (value === undefined) return;
    if (value !== null && typeof value === 'object') {
      const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
      for (const [k, v] of entries) walk(`${prefix}[${k}]`, v);
      return;
    }
    const text = value === null ? '' : typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
    parts.push(`${encodeURIComponent(prefix)}=${encodeURIComponent(text)}`);
  };
  for (const [k, v] of Object.entries(params)) walk(k, v);
  return parts.join('&');
}
