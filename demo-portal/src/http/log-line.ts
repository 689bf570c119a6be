/**
 * The request log's safety: every line passes through here, so no webhook
 * code, token or client secret can reach it (wherever in a request it was
 * put), and no control character in a request can start a forged line.
 */
import type { PortalState } from '../portal/types';

/** Every secret the state holds right now. */
function secretsOf(state: PortalState): string[] {
  return (
    [
      ...state.webhooks.map((w) => w.code),
      ...state.oauthClients.map((c) => c.clientSecret),
      ...state.oauthCodes.map((c) => c.code),
      ...state.oauthTokens.flatMap((t) => [t.accessToken, t.refreshToken]),
    ]
      .filter((s): s is string => typeof s === 'string' && s.length >= 4)
      // Longest first, so a secret that contains another is masked whole.
      .sort((a, b) => b.length - a.length)
  );
}

/** `line` with control characters escaped (`\n` → `\x0a`) and every secret of `state` masked. */
export function safeLogLine(line: string, state: PortalState): string {
  let out = line.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  for (const secret of secretsOf(state)) out = out.split(secret).join('<secret>');
  return out;
}

const METHOD_NAME = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/i;

/**
 * How a requested method is named in the log: as sent when it has the shape
 * of a method name (dotted, or a short word like `profile`), otherwise not at
 * all — a mistyped webhook URL (`/rest/<code>`) puts the code, which may be
 * another portal's and so unknown here, where the method belongs.
 */
export function loggedMethod(method: string): string {
  const looksLikeMethod = METHOD_NAME.test(method) && (method.includes('.') || method.length <= 12);
  return looksLikeMethod ? method : '(not a method name)';
}

/** A path segment decoded, or undefined when its %-escapes are malformed. */
export function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
