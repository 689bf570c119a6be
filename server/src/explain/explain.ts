/**
 * The explain engine: from an error (body, batch map or code) and what is known
 * around it — the method, the app's manifest, the portal's grants — to a
 * diagnosis and the concrete fix. Pure: no I/O, no clock unless given.
 */
import type { MethodInfo } from '../catalogue/types';
import type { ScopeCatalogue } from '../manifest/types';
import { formatRequirement, requirementScopes } from '../catalogue/requirement';
import { rankByPrivilege, shortfall } from '../manifest/scope-arithmetic';
import { codeFacts, isKnownCode, kindFromStatus, type ErrorKind } from './codes';
import { parseErrorInput, type ParsedError } from './parse';

/** The slice of the catalogue the engine reads; `Catalogue` satisfies it. */
export type ExplainCatalogue = ScopeCatalogue;

export interface ExplainContext {
  /** The method that failed, when the error itself does not say (it never does outside a batch `cmd`). */
  method?: string;
  catalogue?: ExplainCatalogue;
  /** The app's manifest: where it is and which scopes it declares. */
  manifest?: { label: string; scopes: string[]; kind?: 'webhook' | 'local' | 'market' };
  /** What the connected portal said about the credentials (nothing secret). */
  portal?: { scopes?: string[]; admin?: boolean; auth?: 'webhook' | 'oauth' };
  /** Milliseconds since epoch, to turn `operating_reset_at` into "retry in N s". */
  now?: number;
}

/** The diagnosis of one error. */
export interface Explanation {
  code: string;
  kind: ErrorKind | 'unknown';
  status?: number;
  /** Batch command key. */
  key?: string;
  method?: string;
  /** One line: what went wrong, for this app. */
  diagnosis: string;
  /** What else is known: the meaning of the code, the method's requirement, what the portal grants. */
  facts: string[];
  /** Concrete steps, most specific first. */
  fixes: string[];
  /** Scopes to add (for scope errors, when the method is known). */
  missingScopes?: string[];
  retryAfterSeconds?: number;
  /** The method's documentation page. */
  methodDocs?: string;
  /** Whether the code is one this project knows (documented or commonly returned). */
  known: boolean;
  docs?: string;
}

export interface ExplainResult {
  explanations: Explanation[];
  /** Why nothing could be explained (bad input). */
  problem?: string;
}

/** Parses `input` and explains every error in it. */
export function explainInput(input: unknown, ctx: ExplainContext = {}): ExplainResult {
  const parsed = parseErrorInput(input, isKnownCode);
  if (!parsed.errors.length) return { explanations: [], problem: parsed.problem };
  return { explanations: parsed.errors.map((e) => explainError(e, ctx)) };
}

/** Explains one parsed error. */
export function explainError(e: ParsedError, ctx: ExplainContext = {}): Explanation {
  const hit = codeFacts(e.code);
  const status = e.status ?? hit?.facts.status;
  const kind = hit?.facts.kind ?? kindFromStatus(status) ?? 'unknown';
  const methodName = e.method ?? ctx.method;
  const method = methodName ? ctx.catalogue?.get(methodName) : undefined;
  const out: Explanation = {
    code: hit?.code ?? e.code,
    kind,
    status,
    key: e.key,
    method: methodName,
    diagnosis: hit?.facts.meaning ?? genericMeaning(kind, e.code),
    facts: [],
    fixes: [],
    known: hit !== undefined,
    docs: hit?.facts.page,
  };
  if (e.description) out.facts.push(`The portal said: “${e.description}”.`);
  for (const v of e.validation ?? []) out.facts.push(`Field ${v.field || '(unnamed)'}: ${v.message}`);
  if (methodName && !method && ctx.catalogue) out.facts.push(`${methodName} is not in the method catalogue; check the name.`);
  if (method) out.facts.push(`${method.name}: scope ${formatRequirement(method.requirement)}; who can execute: ${method.who || 'not documented'}.`);

  const specific = (kind === 'unknown' ? undefined : SPECIFIC[kind])?.({ e, ctx, method, out }) ?? [];
  out.fixes = dedupe([...specific, ...(hit?.facts.fixes ?? genericFixes(kind, method))]);
  if (method?.url) out.methodDocs = method.url;
  return clean(out);
}

interface Situation {
  e: ParsedError;
  ctx: ExplainContext;
  method: MethodInfo | undefined;
  out: Explanation;
}

/** Per kind: facts and fixes that depend on the method, the manifest and the portal. */
const SPECIFIC: Partial<Record<ErrorKind, (s: Situation) => string[]>> = {
  scope: ({ ctx, method, out }) => {
    if (!method) return ['Pass the method that failed (e.g. --method crm.lead.add) to learn which scope it needs.'];
    const need = requirementScopes(method.requirement);
    if (method.requirement.kind === 'basic') {
      out.facts.push(`${method.name} needs no scope; an app-only method or a module switched off can also answer this way.`);
      return [];
    }
    if (!need.length) return [];
    const fixes: string[] = [];
    const declared = ctx.manifest ? new Set(ctx.manifest.scopes) : undefined;
    const granted = ctx.portal?.scopes ? new Set(ctx.portal.scopes) : undefined;
    const lackDeclared = declared ? shortfall(method.requirement, declared) : undefined;
    const lackGranted = granted ? shortfall(method.requirement, granted) : undefined;
    const choice = method.requirement.kind === 'anyOf' ? 'any one of' : 'all of';
    const missing = lackGranted && !lackGranted.satisfied ? lackGranted.scopes : lackDeclared && !lackDeclared.satisfied ? lackDeclared.scopes : need;
    // Of alternatives, one is enough: the one already granted or declared, else the narrowest.
    const preferred = new Set([...(granted ?? []), ...(declared ?? [])]);
    out.missingScopes = method.requirement.kind === 'anyOf' && ctx.catalogue ? rankByPrivilege(missing, ctx.catalogue, preferred).slice(0, 1) : missing;
    const list = (xs: string[]) => xs.map((x) => `“${x}”`).join(', ');
    out.diagnosis = `Scope missing: ${method.name} needs ${need.length > 1 ? `${choice} ${list(need)}` : list(need)}.`;
    if (lackDeclared && !lackDeclared.satisfied && ctx.manifest) {
      fixes.push(`Add ${list(out.missingScopes)} to "scopes" in ${ctx.manifest.label}.`);
    } else if (ctx.manifest) {
      out.facts.push(`${ctx.manifest.label} declares it; the credentials the call used were not granted it.`);
    }
    if (granted) {
      if (lackGranted && !lackGranted.satisfied) out.facts.push(`The connected portal grants: ${[...granted].sort().join(', ') || 'no scopes'}.`);
      else out.facts.push('The connected portal grants it to the connected credentials: the failing call used other credentials.');
    }
    const auth = ctx.portal?.auth ?? (ctx.manifest?.kind === 'webhook' ? 'webhook' : ctx.manifest?.kind ? 'oauth' : undefined);
    const scopes = list(out.missingScopes);
    if (auth !== 'oauth') fixes.push(`Webhook: re-issue the inbound webhook (Developer resources) with ${scopes} ticked and call through its URL.`);
    if (auth !== 'webhook') fixes.push(`App: add ${scopes} to the app’s access permissions, then reinstall or re-authorize it so the token carries the scope.`);
    return fixes;
  },
  'user-rights': ({ ctx, method, out }) => {
    const fixes: string[] = [];
    if (method) {
      out.diagnosis = `User rights, not scope: the user behind the call may not run ${method.name}.`;
      if (method.whoClass === 'admin') {
        if (ctx.portal?.admin === false) out.facts.push('The connected user is not a portal administrator.');
        fixes.push('Run it as a portal administrator: issue the webhook or authorize the app as an administrator.');
      }
    }
    if (ctx.portal?.admin === true && method?.whoClass === 'admin')
      out.facts.push('The connected user is an administrator: the failing call used other credentials.');
    return fixes;
  },
  confirmation: ({ method, out }) => {
    if (method) {
      out.facts.push(
        method.adminConfirm
          ? `${method.name} is documented as needing administrator confirmation.`
          : `${method.name} is not in the documented list of methods that need confirmation; the portal asked for it anyway.`,
      );
    }
    return [];
  },
  'auth-type': ({ ctx, method, out }) => {
    if (method?.appOnly) out.facts.push(`${method.name} is documented as working only in the context of an application.`);
    if (ctx.manifest?.kind === 'webhook') return [`${ctx.manifest.label} describes a webhook integration: move this call into a local or Market app.`];
    return [];
  },
  token: ({ ctx }) => {
    if (ctx.portal?.auth === 'webhook') return ['Webhook: check the URL still matches an existing inbound webhook (user id and code).'];
    return [];
  },
  limit: ({ e, ctx, out }) => {
    const code = out.code;
    if (code === 'OPERATION_TIME_LIMIT' && e.operatingResetAt && ctx.now !== undefined) {
      out.retryAfterSeconds = Math.max(1, Math.ceil(e.operatingResetAt - ctx.now / 1000));
      return [`Retry this method after ${out.retryAfterSeconds} s (operating_reset_at).`];
    }
    if (code === 'QUERY_LIMIT_EXCEEDED') {
      out.retryAfterSeconds = 1;
      return ['Retry after about 1 s, doubling the pause on each further refusal.'];
    }
    return [];
  },
};

function genericMeaning(kind: ErrorKind | 'unknown', code: string): string {
  switch (kind) {
    case 'token':
      return `${code} is not a code this project knows; with HTTP 401 the portal did not accept the credentials.`;
    case 'user-rights':
      return `${code} is not a code this project knows; with HTTP 403 the call was refused for lack of rights or scope.`;
    case 'not-found':
      return `${code} is not a code this project knows; with HTTP 404 the method or object was not found.`;
    case 'limit':
      return `${code} is not a code this project knows; with HTTP 429 a limit was hit.`;
    case 'server':
      return `${code} is not a code this project knows; the HTTP status says the portal failed.`;
    case 'request':
      return `${code} is not a code this project knows; the HTTP status says the request was rejected.`;
    default:
      return `${code} is not one of the documented common errors: it is probably specific to the method.`;
  }
}

function genericFixes(kind: ErrorKind | 'unknown', method: MethodInfo | undefined): string[] {
  const page = method?.url
    ? [`See the error list on the method’s page: ${method.url}`]
    : ['Look the code up on the failing method’s page, in its error table.'];
  if (kind === 'server') return ['Retry later; if it persists, contact the portal administrator or Bitrix24 support.', ...page];
  return page;
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}

function clean(e: Explanation): Explanation {
  const out = { ...e };
  for (const k of Object.keys(out) as (keyof Explanation)[]) if (out[k] === undefined) delete out[k];
  return out;
}

/** The explanations as plain Markdown-friendly text, small enough to quote. */
export function formatExplanations(result: ExplainResult, max = 10): string {
  if (!result.explanations.length) return result.problem ?? 'Nothing to explain.';
  const shown = result.explanations.slice(0, max);
  const parts = shown.map((x) => {
    const head = [`${x.code}${x.status ? ` (HTTP ${x.status})` : ''}`, x.key ? `batch command “${x.key}”` : '', x.method ?? ''].filter(Boolean).join(' — ');
    const lines = [`## ${head}`, '', x.diagnosis];
    if (x.facts.length) lines.push('', ...x.facts.map((f) => `- ${f}`));
    lines.push('', 'Fix:', ...x.fixes.map((f, i) => `${i + 1}. ${f}`));
    const docs = [x.docs && `Docs: ${x.docs}`, x.methodDocs && `Method: ${x.methodDocs}`].filter(Boolean);
    if (docs.length) lines.push('', ...(docs as string[]));
    return lines.join('\n');
  });
  const more = result.explanations.length - shown.length;
  if (more > 0) parts.push(`… ${more} more error(s) not shown; pass one batch entry at a time to see them.`);
  return parts.join('\n\n');
}
