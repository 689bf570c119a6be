/**
 * Read-only portal access for `bitrix24-mcp` from an inbound webhook URL
 * (BITRIX24_WEBHOOK), through the project's one REST client. The webhook code
 * is registered with the redactor, so no answer, error or log line carries it.
 */
import { RestClient } from '../../../client/src/portal/rest-client';
import { Redactor } from '../../../client/src/portal/redact';
import { parseWebhookUrl } from '../../../client/src/portal/portal-url';
import { whoAmI } from '../../../client/src/portal/identity';
import type { FetchLike } from '../../../client/src/portal/transport';
import { landingSection, type PortalFactsView, type PortalReader, type PortalSiteRights } from './tool-types';

export interface WebhookPortal {
  reader: PortalReader;
  redactor: Redactor;
  portal: string;
}

/** A reader for the webhook, or an error message (without the secret) when the URL is not one. */
export function webhookPortal(url: string, fetchImpl?: FetchLike): WebhookPortal | { error: string } {
  const redactor = new Redactor();
  redactor.addSecret(url.trim());
  const parsed = parseWebhookUrl(url.trim());
  if (!parsed.ok) return { error: `BITRIX24_WEBHOOK is not an inbound webhook URL: ${redactor.redactText(parsed.message)}` };
  const { portal, userId, code } = parsed.value;
  redactor.addSecret(code);
  const client = new RestClient({ credentials: { kind: 'webhook', portal, userId, code }, redactor, fetch: fetchImpl, retry: { maxAttempts: 2 } });
  let facts: Promise<PortalFactsView> | undefined;
  const reader: PortalReader = {
    facts() {
      facts ??= whoAmI(client).then((id) => ({ portal: id.portal, scopes: id.scopes, admin: id.user.admin, auth: 'webhook' as const }));
      // A failed attempt is not cached: the next tool call asks again.
      facts.catch(() => (facts = undefined));
      return facts;
    },
    async siteRights(siteId: number, type?: string): Promise<PortalSiteRights> {
      const section = landingSection(type);
      const ops = await client.call<unknown>('landing.site.getRights', section ? { scope: section, id: siteId } : { id: siteId }, { write: false });
      return { siteId, operations: Array.isArray(ops) ? ops.filter((o): o is string => typeof o === 'string') : [] };
    },
  };
  return { reader, redactor, portal };
}
