/**
 * Parsing and checking the addresses a user gives: an inbound webhook URL
 * (`https://<portal>/rest/<user>/<code>/`) or a portal / token endpoint URL.
 * HTTPS is required except on loopback, where a local demo portal runs.
 * Messages never repeat the input, since it may contain the webhook code.
 */
import { localize } from '../l10n/localize';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export interface WebhookLocation {
  /** Portal origin, e.g. `https://example.bitrix24.com`: the key for stored secrets. */
  portal: string;
  userId: string;
  code: string;
}

const WEBHOOK_EXAMPLE = 'https://your-portal.bitrix24.com/rest/1/your-webhook-code/';

/** True for 127.0.0.0/8, `localhost` and `::1`. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return v4 !== null && v4.slice(1).every((n) => Number(n) <= 255);
}

function parseUrl(text: string, what: string, example: string): Parsed<URL> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: localize('Enter the {0}, e.g. {1}', what, example) };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, message: localize('That is not a URL. Enter the {0}, e.g. {1}', what, example) };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: localize('The {0} must start with https://', what) };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return { ok: false, message: localize('Use https:// for the {0}: over http the credentials would travel unencrypted.', what) };
  }
  if (url.username || url.password) {
    return { ok: false, message: localize('Remove the user name and password from the {0}.', what) };
  }
  return { ok: true, value: url };
}

/** Parses a portal address (any path is ignored) into its origin. */
export function parsePortalUrl(text: string): Parsed<string> {
  const url = parseUrl(text, localize('portal address'), 'https://your-portal.bitrix24.com');
  return url.ok ? { ok: true, value: url.value.origin } : url;
}

/** Parses an HTTPS (or loopback) endpoint URL, keeping its path; query and fragment are dropped. */
export function parseEndpointUrl(text: string, what: string): Parsed<string> {
  const url = parseUrl(text, what, 'https://oauth.bitrix.info/oauth/token/');
  return url.ok ? { ok: true, value: `${url.value.origin}${url.value.pathname}` } : url;
}

/**
 * Parses an inbound webhook URL, with or without a trailing method name
 * (`.../rest/1/code/profile.json`), into portal origin, user id and code.
 */
export function parseWebhookUrl(text: string): Parsed<WebhookLocation> {
  const url = parseUrl(text, localize('inbound webhook URL'), WEBHOOK_EXAMPLE);
  if (!url.ok) return url;
  const parts = url.value.pathname.split('/').filter((p) => p !== '');
  if (parts[0] !== 'rest') {
    return {
      ok: false,
      message: localize("A webhook URL has the form {0}. Copy the whole URL from the webhook's page in Bitrix24 (Developer resources).", WEBHOOK_EXAMPLE),
    };
  }
  if (parts.length < 3) {
    return { ok: false, message: localize('The webhook URL is incomplete: it needs both a user id and a code after /rest/, as in {0}', WEBHOOK_EXAMPLE) };
  }
  const [, userId, code, method, ...rest] = parts;
  if (!/^\d+$/.test(userId)) {
    return { ok: false, message: localize('The part after /rest/ must be the numeric id of the user who created the webhook.') };
  }
  if (!/^[A-Za-z0-9]{6,}$/.test(code)) {
    return { ok: false, message: localize('The webhook code (after the user id) should be letters and digits only. Copy the URL again.') };
  }
  if (rest.length > 0 || (method !== undefined && !/^[A-Za-z][A-Za-z0-9_.]*$/.test(method))) {
    return { ok: false, message: localize('Unexpected text after the webhook code. Use the URL up to the code, as in {0}', WEBHOOK_EXAMPLE) };
  }
  return { ok: true, value: { portal: url.value.origin, userId, code } };
}
