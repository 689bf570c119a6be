/**
 * The explain engine: from an error (body, batch map or code) and what is known
 * around it — the method, the app's manifest, the portal's grants — to a
 * diagnosis and the concrete fix. Pure: no I/O, no clock unless given.
 */
import type { MethodInfo, RussianFacts } from '../catalogue/types';
import type { ScopeCatalogue } from '../manifest/types';
import { requirementScopes } from '../catalogue/requirement';
import { russianUrl } from '../catalogue/links';
import type { Locale } from '../l10n/locale';
import { explainTexts, type ExplainTexts } from '../l10n/explain-texts';
import { rankByPrivilege, shortfall } from '../manifest/scope-arithmetic';
import { codeFacts, isKnownCode, kindFromStatus, type ErrorKind } from './codes';
import { parseErrorInput, type ParsedError } from './parse';

/** The slice of the catalogue the engine reads; `Catalogue` satisfies it (Russian facts for Russian explanations). */
export type ExplainCatalogue = ScopeCatalogue & { russian?(method: MethodInfo): RussianFacts | undefined };

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
  /** The language of the words (English when undefined); codes, kinds and scopes stay as they are. */
  locale?: Locale;
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
  if (!parsed.errors.length) return { explanations: [], problem: parsed.problem && explainTexts(ctx.locale).problems[parsed.problem] };
  return { explanations: parsed.errors.map((e) => explainError(e, ctx)) };
}

/** Explains one parsed error. */
export function explainError(e: ParsedError, ctx: ExplainContext = {}): Explanation {
  const t = explainTexts(ctx.locale);
  const hit = codeFacts(e.code, ctx.locale);
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
    diagnosis: hit?.facts.meaning ?? t.unknownCode[kind](e.code),
    facts: [],
    fixes: [],
    known: hit !== undefined,
    docs: hit?.facts.page,
  };
  // A Russian explanation quotes the Russian edition's "who" line and links its page.
  const ru = method && ctx.locale === 'ru' ? ctx.catalogue?.russian?.(method) : undefined;
  if (e.description) out.facts.push(t.portalSaid(e.description));
  for (const v of e.validation ?? []) out.facts.push(t.field(v.field, v.message));
  if (methodName && !method && ctx.catalogue) out.facts.push(t.notInCatalogue(methodName));
  if (method) out.facts.push(t.methodFacts(method.name, method.requirement, ru?.who ?? method.who));

  const methodDocs = (method && russianUrl(method.url, ru)) ?? method?.url;
  const specific = (kind === 'unknown' ? undefined : SPECIFIC[kind])?.({ e, ctx, method, out, t }) ?? [];
  out.fixes = dedupe([...specific, ...(hit?.facts.fixes ?? genericFixes(kind, methodDocs, t))]);
  if (methodDocs) out.methodDocs = methodDocs;
  return clean(out);
}

interface Situation {
  e: ParsedError;
  ctx: ExplainContext;
  method: MethodInfo | undefined;
  out: Explanation;
  t: ExplainTexts;
}

/** Per kind: facts and fixes that depend on the method, the manifest and the portal. */
const SPECIFIC: Partial<Record<ErrorKind, (s: Situation) => string[]>> = {
  scope: ({ ctx, method, out, t }) => {
    if (!method) return [t.passMethod];
    const need = requirementScopes(method.requirement);
    if (method.requirement.kind === 'basic') {
      out.facts.push(t.basicMethod(method.name));
      return [];
    }
    if (!need.length) return [];
    const fixes: string[] = [];
    const declared = ctx.manifest ? new Set(ctx.manifest.scopes) : undefined;
    const granted = ctx.portal?.scopes ? new Set(ctx.portal.scopes) : undefined;
    const lackDeclared = declared ? shortfall(method.requirement, declared) : undefined;
    const lackGranted = granted ? shortfall(method.requirement, granted) : undefined;
    const missing = lackGranted && !lackGranted.satisfied ? lackGranted.scopes : lackDeclared && !lackDeclared.satisfied ? lackDeclared.scopes : need;
    // Of alternatives, one is enough: the one already granted or declared, else the narrowest.
    const preferred = new Set([...(granted ?? []), ...(declared ?? [])]);
    out.missingScopes = method.requirement.kind === 'anyOf' && ctx.catalogue ? rankByPrivilege(missing, ctx.catalogue, preferred).slice(0, 1) : missing;
    out.diagnosis = t.scopeMissing(method.name, need, method.requirement.kind === 'anyOf' ? 'any' : 'all');
    if (lackDeclared && !lackDeclared.satisfied && ctx.manifest) {
      fixes.push(t.addToManifest(out.missingScopes, ctx.manifest.label));
    } else if (ctx.manifest) {
      out.facts.push(t.declaredNotGranted(ctx.manifest.label));
    }
    if (granted) {
      if (lackGranted && !lackGranted.satisfied) out.facts.push(t.portalGrants([...granted].sort()));
      else out.facts.push(t.grantedToConnected);
    }
    const auth = ctx.portal?.auth ?? (ctx.manifest?.kind === 'webhook' ? 'webhook' : ctx.manifest?.kind ? 'oauth' : undefined);
    if (auth !== 'oauth') fixes.push(t.reissueWebhook(out.missingScopes));
    if (auth !== 'webhook') fixes.push(t.reauthorizeApp(out.missingScopes));
    return fixes;
  },
  'user-rights': ({ ctx, method, out, t }) => {
    const fixes: string[] = [];
    if (method) {
      out.diagnosis = t.userRights(method.name);
      if (method.whoClass === 'admin') {
        if (ctx.portal?.admin === false) out.facts.push(t.notAdmin);
        fixes.push(t.runAsAdmin);
      }
    }
    if (ctx.portal?.admin === true && method?.whoClass === 'admin') out.facts.push(t.connectedIsAdmin);
    return fixes;
  },
  confirmation: ({ method, out, t }) => {
    if (method) out.facts.push(method.adminConfirm ? t.confirmDocumented(method.name) : t.confirmUndocumented(method.name));
    return [];
  },
  'auth-type': ({ ctx, method, out, t }) => {
    if (method?.appOnly) out.facts.push(t.appOnly(method.name));
    if (ctx.manifest?.kind === 'webhook') return [t.moveToApp(ctx.manifest.label)];
    return [];
  },
  token: ({ ctx, t }) => {
    if (ctx.portal?.auth === 'webhook') return [t.checkWebhook];
    return [];
  },
  limit: ({ e, ctx, out, t }) => {
    const code = out.code;
    if (code === 'OPERATION_TIME_LIMIT' && e.operatingResetAt && ctx.now !== undefined) {
      out.retryAfterSeconds = Math.max(1, Math.ceil(e.operatingResetAt - ctx.now / 1000));
      return [t.retryMethodAfter(out.retryAfterSeconds)];
    }
    if (code === 'QUERY_LIMIT_EXCEEDED') {
      out.retryAfterSeconds = 1;
      return [t.retryDoubling];
    }
    return [];
  },
};

function genericFixes(kind: ErrorKind | 'unknown', methodDocs: string | undefined, t: ExplainTexts): string[] {
  const page = methodDocs ? [t.methodErrors(methodDocs)] : [t.lookUpCode];
  if (kind === 'server') return [t.retryLater, ...page];
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

/** The explanations as plain Markdown-friendly text, small enough to quote, with the labels in `locale`. */
export function formatExplanations(result: ExplainResult, max = 10, locale?: Locale): string {
  const t = explainTexts(locale);
  if (!result.explanations.length) return result.problem ?? t.nothingToExplain;
  const shown = result.explanations.slice(0, max);
  const parts = shown.map((x) => {
    const head = [`${x.code}${x.status ? ` (HTTP ${x.status})` : ''}`, x.key ? t.batchCommand(x.key) : '', x.method ?? ''].filter(Boolean).join(' — ');
    const lines = [`## ${head}`, '', x.diagnosis];
    if (x.facts.length) lines.push('', ...x.facts.map((f) => `- ${f}`));
    lines.push('', t.fix, ...x.fixes.map((f, i) => `${i + 1}. ${f}`));
    const docs = [x.docs && t.docs(x.docs), x.methodDocs && t.methodPage(x.methodDocs)].filter(Boolean);
    if (docs.length) lines.push('', ...(docs as string[]));
    return lines.join('\n');
  });
  const more = result.explanations.length - shown.length;
  if (more > 0) parts.push(t.notShown(more));
  return parts.join('\n\n');
}
