/**
 * Pure helpers of the portal commands: input validation for the input boxes,
 * the shape of the commands' optional arguments, and the token endpoint to use.
 */
import { localize } from '../l10n/localize';
import { DEFAULT_TOKEN_ENDPOINT, isLoopbackHost, parsePortalUrl, parseWebhookUrl, type ConnectInput } from '../portal';

/** validateInput for the webhook URL box: nothing while empty, otherwise what is wrong (never echoing the input). */
export function validateWebhookInput(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  const parsed = parseWebhookUrl(text);
  return parsed.ok ? undefined : parsed.message;
}

/** validateInput for the portal address box. */
export function validatePortalInput(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  const parsed = parsePortalUrl(text);
  return parsed.ok ? undefined : parsed.message;
}

/** validateInput for the client id box. */
export function validateClientId(text: string): string | undefined {
  return /\s/.test(text.trim()) ? localize('A client id has no spaces, e.g. {0}', 'local.65f0a1b2c3d4e5.12345678') : undefined;
}

/** The portal's origin for display (host only in messages), or undefined when the input does not parse. */
export function portalOfInput(input: ConnectInput): string | undefined {
  const parsed = input.kind === 'webhook' ? parseWebhookUrl(input.url) : parsePortalUrl(input.portalUrl);
  if (!parsed.ok) return undefined;
  return typeof parsed.value === 'string' ? parsed.value : parsed.value.portal;
}

/**
 * Where OAuth tokens come from: cloud portals use Bitrix24's authorization
 * server; a portal on this machine (the demo portal) serves its own.
 */
export function tokenEndpointFor(portal: string): string {
  const url = new URL(portal);
  return isLoopbackHost(url.hostname) ? `${url.origin}/oauth/token/` : DEFAULT_TOKEN_ENDPOINT;
}

const str = (v: unknown): v is string => typeof v === 'string' && v !== '';

/**
 * The Connect command's optional argument, for tests and automation: a
 * webhook `{ kind: 'webhook', url }` or a complete OAuth input. Anything else
 * (e.g. the arguments a menu passes) means "ask the user".
 */
export function connectInputFrom(arg: unknown): ConnectInput | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const a = arg as Record<string, unknown>;
  if (a.kind === 'webhook' && str(a.url)) return { kind: 'webhook', url: a.url };
  if (a.kind === 'oauth' && str(a.portalUrl) && str(a.clientId) && str(a.clientSecret) && (str(a.refreshToken) || str(a.authorizationCode))) {
    return {
      kind: 'oauth',
      portalUrl: a.portalUrl,
      clientId: a.clientId,
      clientSecret: a.clientSecret,
      ...(str(a.refreshToken) ? { refreshToken: a.refreshToken } : { authorizationCode: a.authorizationCode as string }),
      ...(str(a.tokenEndpoint) ? { tokenEndpoint: a.tokenEndpoint } : {}),
    };
  }
  return undefined;
}

/** A portal address from a command argument: `'https://…'` or `{ url }`; undefined means "ask". */
export function portalArg(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg !== '') return arg;
  if (typeof arg === 'object' && arg !== null && str((arg as Record<string, unknown>).url)) return (arg as { url: string }).url;
  return undefined;
}

/**
 * The webhook of the local demo portal `npm start` runs (handed over as BITRIX24_DEMO_WEBHOOK),
 * or undefined when there is none or it does not point at this machine: only a loopback
 * address is offered, so a variable set elsewhere cannot send the connection off the machine.
 */
export function localDemoWebhook(env: Record<string, string | undefined>): string | undefined {
  const url = env.BITRIX24_DEMO_WEBHOOK?.trim();
  if (!url || validateWebhookInput(url) !== undefined) return undefined;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return undefined;
  }
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' ? url : undefined;
}
