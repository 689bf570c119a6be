/**
 * Everything reported for one URI, merged in one place: the open document's method
 * checks and live checks, and the workspace index's scope findings, filtered by what
 * the connected portal confirms and capped per document.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysedDocument, FeatureContext, FeatureSettings } from '../features/context';
import { diagnoseWithin } from '../features/diagnostics';
import { liveDiagnostics } from '../features/live-checks';
import { capDiagnostics, MAX_ANALYSED_DOCUMENT, MAX_DIAGNOSTICS_PER_DOCUMENT, tooLargeDiagnostic } from '../publish-limits';
import type { ScopeService } from '../scope-service';
import type { PortalState } from './portal-state';
import type { Locale } from '../l10n/locale';

/** What one URI's diagnostics are computed from. */
export interface DiagnosticSources {
  uri: string;
  /** The open document and its analysis; absent for a file that is not open. */
  open?: { text: TextDocument; analysed: AnalysedDocument; ctx: FeatureContext };
  /** Open, too large to analyse, and kept elsewhere (the stdio reader's thread): only its length is known. */
  held?: { length: number; locale?: Locale };
  scopes: ScopeService | undefined;
  settings: FeatureSettings;
  portal: PortalState;
}

/**
 * Method and live checks (open documents) plus scope findings, capped per document.
 * Lists are joined without argument spread: a document may hold 100k+ findings.
 */
export function documentDiagnostics(sources: DiagnosticSources): Diagnostic[] {
  const { open, held, portal } = sources;
  let diagnostics: Diagnostic[] = [];
  let dropped = 0;
  const locale = open?.ctx.locale ?? held?.locale;
  if (held) diagnostics.push(tooLargeDiagnostic(held.length, locale));
  if (open) {
    const { text, analysed, ctx } = open;
    const length = text.getText().length;
    if (length > MAX_ANALYSED_DOCUMENT) diagnostics.push(tooLargeDiagnostic(length, locale));
    // A method the portal itself confirms (on-premise, newer than the docs) is not "unknown".
    const offline = diagnoseWithin(analysed, text, ctx, MAX_DIAGNOSTICS_PER_DOCUMENT, (name) => portal.confirms(name));
    dropped = offline.dropped;
    const live = portal.snapshot();
    diagnostics = diagnostics.concat(offline.diagnostics, liveDiagnostics(analysed, text, live.facts, ctx, live.now));
  }
  if (sources.scopes) {
    // Method problems of closed files come from the index; a portal-confirmed method is not "unknown" there either.
    const keep = (f: { code: string; data: { kind: string; name?: string } }) =>
      f.code !== 'unknown-method' || f.data.kind !== 'reference' || !portal.confirms(f.data.name ?? '');
    diagnostics = diagnostics.concat(sources.scopes.diagnostics(sources.uri, sources.settings, { open: open !== undefined || held !== undefined, keep }));
  }
  return capDiagnostics(diagnostics, MAX_DIAGNOSTICS_PER_DOCUMENT, dropped, locale);
}
