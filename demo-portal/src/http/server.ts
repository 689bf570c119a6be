/**
 * Routing: `/rest/<userId>/<code>/<method>` (webhook), `/rest/<method>`
 * (OAuth `auth` parameter), `/oauth/*`, and the `/_demo/*` switches. Faults
 * and the rate limit apply to REST and OAuth requests only; redirects and
 * 5xx-after-running to REST requests.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { callMethod, type Caller } from '../methods/registry';
import type { CallOutcome } from '../methods/types';
import { RestError } from '../portal/rest-error';
import { authenticateToken, authenticateWebhook, type AuthResult } from './auth';
import { handleControl } from './control';
import { errorBody, sendJson, statusOf, successBody } from './envelope';
import { decodeSegment, loggedMethod } from './log-line';
import { handleOAuth } from './oauth-endpoints';
import { readBody, requestParams } from './request';
import type { Runtime } from './runtime';
import { localisedError, requestLanguage, type AnswerLanguage } from './language';
import type { RedirectFault } from './faults';

const CORS = { 'Access-Control-Allow-Origin': '*' };

/** The `request` listener of the demo portal's HTTP server. */
export function createRequestHandler(rt: Runtime): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(rt, req, res).catch((error: unknown) => {
      rt.log(`internal error: ${(error as Error).message}`);
      if (!res.headersSent && !res.destroyed) sendJson(res, 500, errorBody({ code: 'INTERNAL_SERVER_ERROR', description: 'Internal server error' }));
    });
  };
}

async function handle(rt: Runtime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname;
  if (path.startsWith('/_demo/')) return handleControl(rt, req, res, path);
  const isRest = path.startsWith('/rest/');
  if (!isRest && !path.startsWith('/oauth/')) {
    if (path === '/') return sendJson(res, 200, { name: 'bitrix24-demo-portal', rest: `${rt.baseUrl}/rest/` });
    return sendJson(res, 404, { error: 'NOT_FOUND', error_description: 'Nothing here; REST methods live under /rest/.' });
  }
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { ...CORS, 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': 'Content-Type, Accept' });
    res.end();
    return;
  }
  const params = requestParams(req.headers['content-type'], url.search.slice(1), await readBody(req));
  // Errors are described in the language the request asks for; `lang` is not a method parameter.
  const language = requestLanguage(header(req.headers['accept-language']), params.lang, rt.language);
  delete params.lang;

  const { faults } = rt;
  if (faults.dropConnections) {
    req.socket.destroy();
    return;
  }
  if (faults.latencyMs > 0) await rt.delay(faults.latencyMs);
  if (res.destroyed) return;
  if (faults.status5xx !== null) return sendFaultStatus(res, faults.status5xx);
  if (!isRest) return handleOAuth(rt, res, path, params);

  const bucket = rt.bucket();
  if (bucket && !bucket.take(req.socket.remoteAddress ?? 'local', rt.now())) {
    return sendRestError(rt, res, language, new RestError('QUERY_LIMIT_EXCEEDED', 'Too many requests', 503), '-');
  }
  const segments = path.slice('/rest/'.length).split('/').map(decodeSegment);
  if (segments.some((s) => s === undefined)) {
    return sendRestError(rt, res, language, new RestError('INVALID_REQUEST', 'The request path has a malformed %-escape.', 400), '-');
  }
  const [first, second, third] = segments as string[];
  let auth: AuthResult;
  let method: string;
  if (segments.length === 3 && /^\d+$/.test(first)) {
    auth = authenticateWebhook(rt.state, first, second);
    method = third;
  } else if (segments.length === 1) {
    auth = authenticateToken(rt.state, params.auth, rt.now());
    method = first;
  } else {
    // The path may hold a webhook code in an unexpected place, so none of it goes to the log.
    return sendRestError(rt, res, language, new RestError('ERROR_METHOD_NOT_FOUND', 'Method not found!', 404), '-');
  }
  delete params.auth;
  method = method.replace(/\.json$/i, '');
  const redirect = faults.redirectFor(method);
  // A moved portal: the same path (webhook code and all) on another origin. Only the origin is logged.
  const sendRedirect = (r: RedirectFault, when: string) => {
    rt.log(`${loggedMethod(method)} ${r.status} redirect to ${r.origin}${when}`);
    res.writeHead(r.status, { Location: `${r.origin}${url.pathname}${url.search}`, 'Content-Length': 0 });
    res.end();
  };
  if (redirect && !redirect.afterApplying) return sendRedirect(redirect, '');
  if (!auth.ok) return sendRestError(rt, res, language, auth.error, loggedMethod(method));

  let mutated = false;
  const caller: Caller = {
    state: rt.state,
    user: auth.user,
    scopes: auth.scopes,
    now: () => rt.now(),
    beforeCall: (name) => {
      const injected = faults.takeFailure(name);
      if (injected) throw injected;
    },
    onMutation: () => {
      mutated = true;
    },
  };
  const outcome: CallOutcome = callMethod(caller, method, params);
  if (mutated) {
    try {
      await rt.persist();
    } catch (error) {
      rt.log(`could not save the state file: ${(error as Error).message}`);
      return sendRestError(rt, res, language, new RestError('INTERNAL_SERVER_ERROR', 'Internal server error', 500), loggedMethod(method));
    }
  }
  if (redirect?.afterApplying) return sendRedirect(redirect, ' after running (fault)');
  const failAfter = faults.takeFailureAfter(method);
  if (failAfter !== undefined) {
    rt.log(`${loggedMethod(method)} ${failAfter} after running (fault) user=${auth.user.id}`);
    return sendFaultStatus(res, failAfter);
  }
  if (!outcome.ok) return sendRestError(rt, res, language, outcome.error, loggedMethod(method), auth.user.id);
  rt.log(`${loggedMethod(method)} 200 user=${auth.user.id} ${outcome.finish - outcome.start}ms`);
  const output = method.toLowerCase() === 'batch' ? { ...outcome.output, result: localisedBatch(outcome.output.result, language) } : outcome.output;
  sendJson(res, 200, successBody(output, outcome.start, outcome.finish), faults.malformedJson, CORS);
}

function sendRestError(rt: Runtime, res: ServerResponse, language: AnswerLanguage, error: RestError, method: string, userId?: number): void {
  const status = statusOf(error);
  rt.log(`${method} ${status} ${error.code}${userId !== undefined ? ` user=${userId}` : ''}`);
  sendJson(res, status, localisedError(errorBody(error) as { error: string; error_description: string }, language), rt.faults.malformedJson, CORS);
}

/** A batch's inner errors in the request's language, like its own. */
function localisedBatch(result: unknown, language: AnswerLanguage): unknown {
  if (language === 'en' || !result || typeof result !== 'object') return result;
  const errors = (result as { result_error?: unknown }).result_error;
  if (!errors || typeof errors !== 'object') return result;
  const out: Record<string, unknown> = {};
  for (const [key, e] of Object.entries(errors)) {
    const body = e as { error?: unknown; error_description?: unknown };
    out[key] =
      typeof body?.error === 'string' && typeof body.error_description === 'string'
        ? localisedError(body as { error: string; error_description: string }, language)
        : e;
  }
  return { ...result, result_error: out };
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

/** A 500 looks like the portal's own error; other 5xx look like a proxy in front of it. */
function sendFaultStatus(res: ServerResponse, status: number): void {
  if (status === 500) {
    sendJson(res, 500, errorBody({ code: 'INTERNAL_SERVER_ERROR', description: 'Internal server error' }));
    return;
  }
  const html = `<html><head><title>${status}</title></head><body><h1>${status}</h1><p>Upstream unavailable.</p></body></html>`;
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) });
  res.end(html);
}
