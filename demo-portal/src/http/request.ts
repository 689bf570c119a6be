/**
 * Reading request parameters: JSON bodies, form bodies (PHP bracket syntax),
 * multipart text fields and GET query strings, merged body-over-query.
 */
import type { IncomingMessage } from 'node:http';
import type { Params } from '../methods/types';
import { parsePhpQuery } from '../util/php-query';

const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Reads the whole body; rejects bodies over 8 MB. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Merges query and body parameters. A body that is not valid JSON (or not
 * an object) contributes nothing, as on the portal, so the method then
 * reports what it misses.
 */
export function requestParams(contentType: string | undefined, query: string, body: Buffer): Params {
  const params: Params = parsePhpQuery(query);
  const type = (contentType ?? '').toLowerCase();
  const text = body.toString('utf8');
  if (text.trim() === '') return params;
  if (type.includes('application/json') || (!type && /^\s*[{[]/.test(text))) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) Object.assign(params, parsed);
    } catch {
      // Not JSON: ignored, like the portal does.
    }
    return params;
  }
  if (type.includes('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
    if (boundary) Object.assign(params, parsePhpQuery(multipartFields(text, boundary[1] ?? boundary[2])));
    return params;
  }
  Object.assign(params, parsePhpQuery(text));
  return params;
}

/** Text fields of a multipart body re-encoded as a query string (file parts are skipped). */
function multipartFields(body: string, boundary: string): string {
  const out = new URLSearchParams();
  for (const part of body.split(`--${boundary}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split === -1) continue;
    const headers = part.slice(0, split);
    const name = /name="([^"]*)"/i.exec(headers);
    if (!name || /filename=/i.test(headers)) continue;
    out.append(name[1], part.slice(split + 4).replace(/\r\n$/, ''));
  }
  return out.toString();
}
