/**
 * PHP-style query strings (`filter[>ID]=5&select[0]=ID`), the form `batch`
 * expects for each command's parameters.
 */

function encodeValue(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

function pairs(prefix: string, value: unknown, out: string[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => pairs(`${prefix}[${i}]`, v, out));
    return;
  }
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) pairs(`${prefix}[${encodeURIComponent(k)}]`, v, out);
    return;
  }
  const encoded = encodeValue(value);
  if (encoded !== undefined) out.push(`${prefix}=${encodeURIComponent(encoded)}`);
}

/** Encodes nested params the way PHP's http_build_query does; null and undefined are left out. */
export function encodeQuery(params: Record<string, unknown>): string {
  const out: string[] = [];
  for (const [k, v] of Object.entries(params)) pairs(encodeURIComponent(k), v, out);
  return out.join('&');
}
