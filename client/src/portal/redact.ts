/**
 * Keeps webhook codes, tokens and client secrets out of every log line and
 * error text. Two layers: the exact secret values this session knows about,
 * and shapes that always carry a secret (`/rest/<user>/<code>/`, `auth=`,
 * `"refresh_token": "..."`) for values it does not.
 */

export const REDACTED = '***';

/** Object keys: `code` is left out here because Bitrix24 data uses CODE/code for ordinary identifiers. */
const SECRET_OBJECT_KEYS =
  /^(auth|access_token|refresh_token|client_secret|clientSecret|accessToken|refreshToken|application_token|password|secret|webhookCode)$/i;

const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // Webhook paths: /rest/<user id>/<code>/...
  [/(\/rest\/\d+\/)[^/?#\s"']+/g, `$1${REDACTED}`],
  // Query-string and form parameters.
  [/([?&](?:auth|access_token|refresh_token|client_secret|application_token|code)=)[^&#\s"']*/gi, `$1${REDACTED}`],
  // JSON members that hold secrets.
  [/("(?:auth|access_token|refresh_token|client_secret|application_token|accessToken|refreshToken|clientSecret)"\s*:\s*")[^"]*"/g, `$1${REDACTED}"`],
  // Authorization headers.
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]+/g, `$1${REDACTED}`],
];

/** Secrets shorter than this are not searched for: too likely to collide with ordinary text. */
const MIN_SECRET_LENGTH = 6;

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Remembers secret values so they are masked wherever they turn up. */
  addSecret(...values: Array<string | undefined>): void {
    for (const v of values) if (v && v.length >= MIN_SECRET_LENGTH) this.secrets.add(v);
  }

  /** Masks every known secret and secret-bearing shape in `text`. */
  redactText(text: string): string {
    let out = text;
    // Longest first, so a secret containing another is masked whole.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) {
      out = out.split(s).join(REDACTED);
      const encoded = encodeURIComponent(s);
      if (encoded !== s) out = out.split(encoded).join(REDACTED);
    }
    for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
    return out;
  }

  /** A log-safe string for any value: errors, URLs, objects, primitives. */
  redact(value: unknown): string {
    if (typeof value === 'string') return this.redactText(value);
    if (value instanceof URL) return this.redactText(value.href);
    if (value instanceof Error) return this.redactText(describeError(value));
    if (value === undefined) return 'undefined';
    try {
      return this.redactText(JSON.stringify(value, (key, v: unknown) => (SECRET_OBJECT_KEYS.test(key) ? REDACTED : v)));
    } catch {
      return this.redactText(String(value));
    }
  }

  /** True when `text` contains a secret this redactor knows. */
  leaks(text: string): boolean {
    for (const s of this.secrets) if (text.includes(s)) return true;
    return false;
  }
}

function describeError(e: Error): string {
  const code = (e as { code?: unknown }).code;
  const cause = e.cause instanceof Error ? ` (cause: ${describeError(e.cause)})` : '';
  return `${e.name}${typeof code === 'string' ? ` ${code}` : ''}: ${e.message}${cause}`;
}

/** Where log lines go: VS Code's LogOutputChannel satisfies this. */
export interface LogSink {
  debug?(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** The logger every portal module uses; all output passes through a Redactor. */
export interface PortalLogger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/** Wraps a sink so nothing reaches it unredacted. */
export function redactingLogger(sink: LogSink | undefined, redactor: Redactor): PortalLogger {
  const line = (message: string, details: unknown[]): string => [message, ...details].map((d) => redactor.redact(d)).join(' ');
  return {
    debug: (m, ...d) => sink?.debug?.(line(m, d)),
    info: (m, ...d) => sink?.info(line(m, d)),
    warn: (m, ...d) => sink?.warn(line(m, d)),
    error: (m, ...d) => sink?.error(line(m, d)),
  };
}
