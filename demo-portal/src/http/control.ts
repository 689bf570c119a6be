/**
 * `/_demo/*`: switches for tests over HTTP.
 *   GET/POST/DELETE /_demo/faults   read, change or clear the fault switches
 *   POST /_demo/reset               back to the seed data (credentials kept)
 *   GET  /_demo/state               the data without secrets, for assertions
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PortalState } from '../portal/types';
import { sendJson } from './envelope';
import { FaultPatchError, type FaultPatch } from './faults';
import { readBody } from './request';
import type { Runtime } from './runtime';

/** Handles one `/_demo/` request. */
export async function handleControl(rt: Runtime, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const route = `${req.method ?? 'GET'} ${path.replace(/\/+$/, '')}`;
  switch (route) {
    case 'GET /_demo/faults':
      return sendJson(res, 200, rt.faults.get());
    case 'DELETE /_demo/faults':
      return sendJson(res, 200, rt.faults.clear());
    case 'POST /_demo/faults': {
      const text = (await readBody(req)).toString('utf8');
      try {
        const patch = JSON.parse(text === '' ? '{}' : text) as FaultPatch;
        const result = rt.faults.set(patch);
        if (patch.expireTokens) await rt.persist();
        return sendJson(res, 200, result);
      } catch (error) {
        const message = error instanceof FaultPatchError ? error.message : 'body must be a JSON object of fault switches';
        return sendJson(res, 400, { error: 'INVALID_FAULTS', error_description: message });
      }
    }
    case 'POST /_demo/reset':
      await rt.reset();
      return sendJson(res, 200, { result: true });
    case 'GET /_demo/state':
      return sendJson(res, 200, publicState(rt.state));
    default:
      return sendJson(res, 404, { error: 'NOT_FOUND', error_description: 'Unknown demo control endpoint.' });
  }
}

/** The state minus webhook codes, OAuth secrets and tokens. */
export function publicState(state: PortalState): Record<string, unknown> {
  const { webhooks, oauthClients, oauthCodes: _codes, oauthTokens: _tokens, ...rest } = state;
  return {
    ...rest,
    webhooks: webhooks.map(({ code: _code, ...hook }) => hook),
    oauthClients: oauthClients.map(({ clientSecret: _secret, ...client }) => client),
  };
}
