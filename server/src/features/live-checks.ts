/**
 * Live checks: what the connected portal says about the methods a document
 * calls (granted scopes, administrator rights, `method.get` answers). Facts
 * arrive from the client; they are used only while fresh, and without them
 * these checks say nothing, so going offline never turns into false errors.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { MethodReference } from '../analysis/types';
import { isSatisfiedBy, requirementScopes } from '../catalogue/requirement';
import type { MethodInfo, ScopeRequirement } from '../catalogue/types';
import { isEnvFileName, parseEnvManifest } from '../manifest/env-manifest';
import { MANIFEST_FILE, parseManifest } from '../manifest/manifest';
import { baseName } from '../workspace/file-system';
import type { DeclaredScope } from '../manifest/types';
import { PORTAL_FACTS_MAX_AGE_MS, type PortalFacts } from '../protocol';
import type { AnalysedDocument, FeatureContext } from './context';
import { isSuppressed, RULES, severityOf } from './rules';
import { documentBindings } from './bindings';
import type { Locale } from '../l10n/locale';
import { liveTexts, type LiveTexts } from '../l10n/live-texts';
import { bindingRequirement } from '../manifest/scope-arithmetic';

/** Source of live diagnostics, so users can tell them from the offline ones. */
export const LIVE_SOURCE = 'bitrix24-portal';

/** Live rule codes (their defaults are in the rule registry). */
export type LiveRuleCode = 'portal-missing-scope' | 'portal-not-admin' | 'portal-method-unavailable' | 'portal-unknown-method';

/** The facts when they are recent enough to show, otherwise undefined. */
export function freshFacts(facts: PortalFacts | undefined, now: number): PortalFacts | undefined {
  return facts && now - facts.fetchedAt <= PORTAL_FACTS_MAX_AGE_MS ? facts : undefined;
}

/** Live diagnostics for one document: calls (and manifest scopes) the portal's grant does not cover. */
export function liveDiagnostics(doc: AnalysedDocument, textDoc: TextDocument, facts: PortalFacts | undefined, ctx: FeatureContext, now: number): Diagnostic[] {
  const live = freshFacts(facts, now);
  if (!live) return [];
  const out: Diagnostic[] = [];
  const t = liveTexts(ctx.locale);
  const auth = authOf(live);
  const host = hostOf(live.portal);
  const granted = new Set(live.scopes);
  const push = (start: number, end: number, code: LiveRuleCode, message: string) => {
    const severity = severityOf(code, RULES[code].severity, ctx.settings, ctx.manifest?.rules);
    if (severity === undefined) return;
    const range = { start: textDoc.positionAt(start), end: textDoc.positionAt(end) };
    if (isSuppressed(doc.analysis, range.start.line, code)) return;
    out.push({ range, severity, code, source: LIVE_SOURCE, message });
  };

  for (const ref of doc.analysis.references) {
    const method = ctx.catalogue.get(ref.name, ref.version) ?? ctx.catalogue.get(ref.name);
    const answer = live.methods?.[ref.name.toLowerCase()];
    if (!method || (method.custom && answer)) {
      if (answer) checkPortalAnswer(ref, answer, host, live, push, t);
      continue;
    }
    const missing = missingScopes(method.requirement, granted);
    if (missing) push(ref.start, ref.end, 'portal-missing-scope', t.missing(host, auth, missing, t.user('method', method.name)));
    if (method.whoClass === 'admin' && !live.admin) push(ref.start, ref.end, 'portal-not-admin', t.notAdmin(host, method.name));
  }
  // Events and placements are judged by their own requirement, like calls.
  for (const b of documentBindings(doc.analysis)) {
    if (b.via.endsWith('.unbind')) continue;
    const info = b.kind === 'event' ? ctx.catalogue.event?.(b.name) : ctx.catalogue.placement?.(b.name);
    const missing = info && missingScopes(bindingRequirement(info), granted);
    if (missing) push(b.start, b.end, 'portal-missing-scope', t.missing(host, auth, missing, t.user(b.kind, info.name ?? info.code ?? b.name)));
  }
  for (const declared of manifestScopes(doc, ctx.envKeys) ?? []) {
    // A broader grant covers a narrower declared scope (`user` covers `user_brief`): the calls it serves are satisfied.
    if (isSatisfiedBy({ kind: 'anyOf', scopes: [declared.code, ...broaderThan(declared.code)] }, granted) || !ctx.catalogue.scope(declared.code.toLowerCase()))
      continue;
    push(declared.span.start, declared.span.end, 'portal-missing-scope', t.manifestScope(host, auth, declared.code));
  }
  return out;
}

/**
 * Markdown lines about `method` on the connected portal, for the hover (join
 * them with blank lines). `method` is a catalogue entry, or the name of a
 * method the catalogue does not know (answered by `method.get`, if asked).
 */
export function liveHoverLines(method: MethodInfo | string, facts: PortalFacts | undefined, now: number, locale?: Locale): string[] {
  const live = freshFacts(facts, now);
  if (!live) return [];
  const t = liveTexts(locale);
  const head = t.head(hostOf(live.portal));
  const checked = t.checked(now - live.fetchedAt);
  const answer = live.methods?.[(typeof method === 'string' ? method : method.name).toLowerCase()];
  if (typeof method === 'string' || (method.custom && answer)) {
    if (!answer) return [];
    if (!answer.exists) return [`${head} ${t.noSuchMethod} ${checked}`];
    return [`${head} ${answer.available ? t.callable : t.notCallable} ${checked}`];
  }
  const lines = [`${head} ${scopeVerdict(method.requirement, live, t)} ${checked}`];
  if (method.whoClass === 'admin') lines.push(`${head} ${live.admin ? t.youAreAdmin : t.needsAdmin}`);
  return lines;
}

/** Lower-case names of referenced methods the catalogue does not know (or only the manifest declares), for `method.get`. */
export function methodsToAsk(doc: AnalysedDocument, ctx: FeatureContext): string[] {
  const names = new Set<string>();
  // Once per distinct name: generated code repeats one name thousands of times.
  const seen = new Set<string>();
  for (const ref of doc.analysis.references) {
    if (seen.has(ref.name)) continue;
    seen.add(ref.name);
    const method = ctx.catalogue.get(ref.name);
    if (!method || method.custom) names.add(ref.name.toLowerCase());
  }
  return [...names].sort();
}

/** True when fresh facts say the portal has `name` and these credentials may call it (an offline "unknown method" is then wrong). */
export function portalConfirms(name: string, facts: PortalFacts | undefined, now: number): boolean {
  const answer = freshFacts(facts, now)?.methods?.[name.toLowerCase()];
  return answer?.exists === true;
}

type Push = (start: number, end: number, code: LiveRuleCode, message: string) => void;

function checkPortalAnswer(
  ref: MethodReference,
  answer: { exists: boolean; available: boolean },
  host: string,
  live: PortalFacts,
  push: Push,
  t: LiveTexts,
): void {
  if (!answer.exists) push(ref.start, ref.end, 'portal-unknown-method', t.unknownMethod(host, ref.name));
  else if (!answer.available) push(ref.start, ref.end, 'portal-method-unavailable', t.unavailable(host, authOf(live), ref.name));
}

/** What `req` lacks under `granted`: any one of `codes`, or all of them; undefined when nothing is lacking or we cannot tell. */
function missingScopes(req: ScopeRequirement, granted: ReadonlySet<string>): { any: boolean; codes: string[] } | undefined {
  if (req.kind === 'basic' || req.kind === 'unknown' || isSatisfiedBy(req, granted)) return undefined;
  const codes = requirementScopes(req);
  if (req.kind === 'anyOf') return { any: true, codes };
  return { any: false, codes: codes.filter((c) => !isSatisfiedBy({ kind: 'scope', scope: c }, granted)) };
}

function scopeVerdict(req: ScopeRequirement, live: PortalFacts, t: LiveTexts): string {
  const granted = new Set(live.scopes);
  const tick = (c: string) => `\`${c}\``;
  switch (req.kind) {
    case 'basic':
      return t.noScope;
    case 'unknown':
      return t.undocumented(live.scopes.map(tick).join(', ') || t.none);
    case 'anyOf': {
      const have = req.scopes.filter((c) => isSatisfiedBy({ kind: 'scope', scope: c }, granted));
      return have.length ? t.granted(have.map(tick).join(', ')) : t.noneGranted(req.scopes.map(tick).join(', '));
    }
    default: {
      const codes = requirementScopes(req);
      const lacking = codes.filter((c) => !isSatisfiedBy({ kind: 'scope', scope: c }, granted));
      return lacking.length === 0 ? t.granted(codes.map(tick).join(' + ')) : t.notGranted(lacking.map(tick).join(', '));
    }
  }
}

/** Scopes a manifest document declares, read from its current text (it may be unsaved), with the configured `.env` keys. */
function manifestScopes(doc: AnalysedDocument, envKeys: readonly string[] | undefined): DeclaredScope[] | undefined {
  const name = baseName(doc.uri);
  if (name === MANIFEST_FILE) return parseManifest(doc.text).manifest.scopes;
  if (isEnvFileName(name)) return parseEnvManifest(doc.text, envKeys)?.manifest.scopes;
  return undefined;
}

/** Scopes the documentation ranks as granting everything `code` grants, and more (Users: minimal < basic < full). */
const NARROW_TO_BROAD = ['user_brief', 'user_basic', 'user'];
function broaderThan(code: string): string[] {
  const i = NARROW_TO_BROAD.indexOf(code.toLowerCase());
  return i === -1 ? [] : NARROW_TO_BROAD.slice(i + 1);
}

function authOf(live: PortalFacts): 'oauth' | 'webhook' {
  return live.auth === 'oauth' ? 'oauth' : 'webhook';
}

function hostOf(portal: string): string {
  try {
    return new URL(portal).host;
  } catch {
    return portal;
  }
}
