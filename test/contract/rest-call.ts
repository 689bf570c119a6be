/**
 * A deliberately small REST caller for the contract suite: it knows nothing
 * of the demo portal, so the same checks can run against a real portal.
 */

export type Json = Record<string, unknown>;

export interface RestResponse {
  status: number;
  /** Parsed JSON body (an empty object when the body is not JSON). */
  body: Json;
}

export type Encoding = 'json' | 'form' | 'query';

export interface CallOptions {
  encoding?: Encoding;
  /** Append `.json` to the method name (the portal accepts both). */
  jsonSuffix?: boolean;
}

/** Builds a PHP-style query string (`rights[U1][]=read`), as portal clients send form data. */
export function phpQuery(params: Json): string {
  const parts: string[] = [];
  const walk = (key: string, value: unknown): void => {
    if (value === undefined) return;
    if (value !== null && typeof value === 'object') {
      for (const [k, v] of Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value)) walk(`${key}[${k}]`, v);
      return;
    }
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(value === null ? '' : typeof value === 'boolean' ? (value ? '1' : '0') : String(value))}`);
  };
  for (const [k, v] of Object.entries(params)) walk(k, v);
  return parts.join('&');
}

/**
 * Calls `method` on a webhook base URL (`https://host/rest/<user>/<code>/`).
 * A real portal may answer 503 QUERY_LIMIT_EXCEEDED under load; the call is
 * then retried after the documented drain time, as a well-behaved client does.
 */
export async function restCall(webhookUrl: string, method: string, params: Json = {}, options: CallOptions = {}): Promise<RestResponse> {
  const base = webhookUrl.endsWith('/') ? webhookUrl : `${webhookUrl}/`;
  const url = new URL(`${method}${options.jsonSuffix ? '.json' : ''}`, base);
  let init: RequestInit;
  switch (options.encoding ?? 'json') {
    case 'json':
      init = { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(params) };
      break;
    case 'form':
      init = { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' }, body: phpQuery(params) };
      break;
    case 'query':
      url.search = phpQuery(params);
      init = { method: 'GET', headers: { Accept: 'application/json' } };
      break;
  }
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(url, init);
    const text = await response.text();
    let body: Json = {};
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') body = parsed as Json;
    } catch {
      // Leave body empty; the check that called will say what it expected.
    }
    if (response.status === 503 && body.error === 'QUERY_LIMIT_EXCEEDED' && attempt < 5) {
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
      continue;
    }
    return { status: response.status, body };
  }
}

/** The webhook URL with its secret code replaced, for the wrong-credentials check. */
export function withWrongCode(webhookUrl: string): string {
  return webhookUrl.replace(/\/rest\/(\d+)\/[^/]+\/?$/, '/rest/$1/wrongcode0000000/');
}

/** The `/rest/<user>/<code>/` part of a webhook URL is a secret; this gives a printable label. */
export function describeWebhook(webhookUrl: string): string {
  const m = /^(https?:\/\/[^/]+)\/rest\/(\d+)\//.exec(webhookUrl);
  return m ? `${m[1]} (user ${m[2]})` : 'webhook';
}
