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
export function liveDiagnostics(
  doc: AnalysedDocument,
  textDoc: TextDocument,
  facts: PortalFacts | undefined,
  ctx: FeatureContext,
  now: number,
): Diagnostic[] {
  const live = freshFacts(facts, now);
  if (!live) return [];
  const out: Diagnostic[] = [];
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
      if (answer) checkPortalAnswer(ref, answer, host, live, push);
      continue;
    }
    const missing = missingScopes(method.requirement, granted);
    if (missing) {
      push(ref.start, ref.end, 'portal-missing-scope', `Portal ${host}: ${holder(live)} lacks ${missing.what}, needed by '${method.name}' — ${reissue(live, missing.fix)}.`);
    }
    if (method.whoClass === 'admin' && !live.admin) {
      push(ref.start, ref.end, 'portal-not-admin', `Portal ${host}: '${method.name}' needs a portal administrator, and you are connected as a user who is not one.`);
    }
  }
  // Events and placements are judged by their own requirement, like calls.
  for (const b of documentBindings(doc.analysis)) {
    if (b.via.endsWith('.unbind')) continue;
    const info = b.kind === 'event' ? ctx.catalogue.event?.(b.name) : ctx.catalogue.placement?.(b.name);
    const missing = info && missingScopes(bindingRequirement(info), granted);
    if (missing) push(b.start, b.end, 'portal-missing-scope', `Portal ${host}: ${holder(live)} lacks ${missing.what}, needed by the ${b.kind} '${info.name ?? info.code ?? b.name}' — ${reissue(live, missing.fix)}.`);
  }
  for (const declared of manifestScopes(doc, ctx.envKeys) ?? []) {
    // A broader grant covers a narrower declared scope (`user` covers `user_brief`): the calls it serves are satisfied.
    if (isSatisfiedBy({ kind: 'anyOf', scopes: [declared.code, ...broaderThan(declared.code)] }, granted) || !ctx.catalogue.scope(declared.code.toLowerCase())) continue;
    push(declared.span.start, declared.span.end, 'portal-missing-scope',
      `Portal ${host}: ${holder(live)} lacks the '${declared.code}' scope, which this manifest declares — ${reissue(live, 'that scope')}.`);
  }
  return out;
}

/**
 * Markdown lines about `method` on the connected portal, for the hover (join
 * them with blank lines). `method` is a catalogue entry, or the name of a
 * method the catalogue does not know (answered by `method.get`, if asked).
 */
export function liveHoverLines(method: MethodInfo | string, facts: PortalFacts | undefined, now: number): string[] {
  const live = freshFacts(facts, now);
  if (!live) return [];
  const head = `Portal ${hostOf(live.portal)}:`;
  const checked = `(checked ${ago(now - live.fetchedAt)})`;
  const answer = live.methods?.[(typeof method === 'string' ? method : method.name).toLowerCase()];
  if (typeof method === 'string' || (method.custom && answer)) {
    if (!answer) return [];
    if (!answer.exists) return [`${head} no such method ✗ ${checked}`];
    return [answer.available ? `${head} method exists and may be called ✓ ${checked}` : `${head} method exists, but not with the granted scopes ✗ ${checked}`];
  }
  const lines = [`${head} ${scopeVerdict(method.requirement, live)} ${checked}`];
  if (method.whoClass === 'admin') {
    lines.push(live.admin ? `${head} you are an administrator ✓` : `${head} needs an administrator, and you are not one ✗`);
  }
  return lines;
}

/** Lower-case names of referenced methods the catalogue does not know (or only the manifest declares), for `method.get`. */
export function methodsToAsk(doc: AnalysedDocument, ctx: FeatureContext): string[] {
  const names = new Set<string>();
  for (const ref of doc.analysis.references) {
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

function checkPortalAnswer(ref: MethodReference, answer: { exists: boolean; available: boolean }, host: string, live: PortalFacts, push: Push): void {
  if (!answer.exists) {
    push(ref.start, ref.end, 'portal-unknown-method', `Portal ${host} has no method '${ref.name}'. Check the name, or whether the module providing it is installed.`);
  } else if (!answer.available) {
    push(ref.start, ref.end, 'portal-method-unavailable', `Portal ${host} has '${ref.name}', but ${holder(live)} may not call it: a scope is missing — ${reissue(live, 'the scope it needs')}.`);
  }
}

/** What `req` lacks under `granted`, worded for a message, or undefined when nothing is lacking or we cannot tell. */
function missingScopes(req: ScopeRequirement, granted: ReadonlySet<string>): { what: string; fix: string } | undefined {
  if (req.kind === 'basic' || req.kind === 'unknown' || isSatisfiedBy(req, granted)) return undefined;
  const codes = requirementScopes(req);
  if (req.kind === 'anyOf') return { what: `every scope that allows it (${codes.map(quote).join(', ')})`, fix: 'one of them' };
  const lacking = codes.filter((c) => !isSatisfiedBy({ kind: 'scope', scope: c }, granted));
  return lacking.length === 1
    ? { what: `the ${quote(lacking[0])} scope`, fix: 'that scope' }
    : { what: `the ${lacking.map(quote).join(' and ')} scopes`, fix: 'those scopes' };
}

function scopeVerdict(req: ScopeRequirement, live: PortalFacts): string {
  const granted = new Set(live.scopes);
  const tick = (c: string) => `\`${c}\``;
  switch (req.kind) {
    case 'basic':
      return 'no scope needed ✓';
    case 'unknown':
      return `the method's scope is not documented; granted: ${live.scopes.map(tick).join(', ') || 'none'}`;
    case 'anyOf': {
      const have = req.scopes.filter((c) => isSatisfiedBy({ kind: 'scope', scope: c }, granted));
      return have.length ? `${have.map(tick).join(', ')} granted ✓` : `none of ${req.scopes.map(tick).join(', ')} granted ✗`;
    }
    default: {
      const codes = requirementScopes(req);
      const lacking = codes.filter((c) => !isSatisfiedBy({ kind: 'scope', scope: c }, granted));
      return lacking.length === 0 ? `${codes.map(tick).join(' + ')} granted ✓` : `${lacking.map(tick).join(', ')} not granted ✗`;
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

function holder(live: PortalFacts): string {
  return live.auth === 'oauth' ? 'this app' : 'this webhook';
}

/** The fix: `which` names the scopes to add ("that scope", "one of them"). */
function reissue(live: PortalFacts, which: string): string {
  return live.auth === 'oauth' ? `add ${which} to the app's permissions and reinstall it` : `re-issue the webhook with ${which}`;
}

function quote(code: string): string {
  return `'${code}'`;
}

function hostOf(portal: string): string {
  try {
    return new URL(portal).host;
  } catch {
    return portal;
  }
}

function ago(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  return minutes < 1 ? 'just now' : `${minutes} min ago`;
}
