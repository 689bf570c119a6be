/** Answers the server's `bitrix24/siteRightsFromPortal` through the connected portal (read-only). */
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { RestClient } from '../portal';
import { SiteRightsFromPortalRequest } from '../../../server/src/protocol';

const SECTIONS = new Set(['KNOWLEDGE', 'GROUP', 'MAINPAGE']);

/** Registers the handler; `api` gives the active portal's client, if any. */
export function registerSiteRightsBridge(client: LanguageClient, api: () => RestClient | undefined): vscode.Disposable {
  return client.onRequest(SiteRightsFromPortalRequest, async (p) => {
    const rest = api();
    if (!rest) return { operations: null };
    const params = p.type && SECTIONS.has(p.type) ? { scope: p.type, id: p.siteId } : { id: p.siteId };
    const ops = await rest.call<unknown>('landing.site.getRights', params, { write: false });
    return { operations: Array.isArray(ops) ? ops.filter((o): o is string => typeof o === 'string') : [] };
  });
}
