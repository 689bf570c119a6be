/**
 * Everything a language feature needs from outside the document arrives in a
 * FeatureContext, so features stay pure functions that tests call directly.
 */
import type { EventInfo, MethodInfo, PlacementInfo, RussianFacts, ScopeInfo } from '../catalogue/types';
import type { Locale } from '../l10n/locale';
import type { DocumentAnalysis, LanguageFamily } from '../analysis/types';
import type { PortalFacts } from '../protocol';
import type { BindingInfo } from '../manifest/types';

/** The slice of the method catalogue the features read. */
export interface CatalogueView {
  get(name: string, version?: 2 | 3): MethodInfo | undefined;
  has(name: string): boolean;
  scope(code: string): ScopeInfo | undefined;
  methodsOfScope(code: string): MethodInfo[];
  complete(prefix: string, limit?: number): MethodInfo[];
  suggest(name: string, max?: number): string[];
  events(): EventInfo[];
  /** An event by name, case-insensitive (catalogues with events and placements). */
  event?(name: string): BindingInfo | undefined;
  suggestEvents?(name: string, max?: number): string[];
  /** A placement by code, templates resolved. */
  placement?(code: string): BindingInfo | undefined;
  suggestPlacements?(code: string, max?: number): string[];
  placements?(): BindingInfo[];
  /** The Russian edition's facts of an entry (loaded on first use; only Russian sessions ask). */
  russian?(entry: MethodInfo | EventInfo | PlacementInfo): RussianFacts | undefined;
  /** The tool a scope grants, as the Russian scope table names it. */
  russianTool?(code: string): string | undefined;
}

/** Severity a user may give a rule in settings; `off` silences it. */
export type RuleLevel = 'off' | 'hint' | 'info' | 'warning' | 'error';

/** User settings that shape diagnostics. */
export interface FeatureSettings {
  enable: boolean;
  /** Per-rule overrides, keyed by diagnostic code. */
  rules: Record<string, RuleLevel>;
}

export const defaultSettings: FeatureSettings = { enable: true, rules: {} };

/** A document as features see it: its text, family and (cached) analysis. */
export interface AnalysedDocument {
  uri: string;
  text: string;
  family: LanguageFamily;
  analysis: DocumentAnalysis;
}

/** The manifest covering the document (bitrix24.json or .env), when there is one. */
export interface ManifestSummary {
  /** Its path relative to the workspace root. */
  label: string;
  scopes: ReadonlySet<string>;
  /** The manifest's `rules` (levels by code), applied under the user's settings. */
  rules?: Readonly<Record<string, RuleLevel>>;
}

/** One place in the app that needs a scope, for the manifest hover. */
export interface ScopeUse {
  kind: 'method' | 'event' | 'placement';
  name: string;
  /** Relative to the workspace folder. */
  label: string;
  uri: string;
  /** 0-based. */
  line: number;
}

export interface FeatureContext {
  catalogue: CatalogueView;
  settings: FeatureSettings;
  manifest?: ManifestSummary;
  /** `.env*` keys that declare scopes (the `bitrix24.manifest.envKeys` setting); default: the b24phpsdk key. */
  envKeys?: readonly string[];
  /** This app's uses of a scope code (the manifest covering the document); undefined: no manifest covers it. */
  scopeUses?: (code: string) => ScopeUse[] | undefined;
  /** The connected portal's facts (live checks decide whether they are fresh at `now`). */
  portal?: { facts: PortalFacts | undefined; now: number };
  /** The language of hover, diagnostics, code-action titles and completion details (default English). */
  locale?: Locale;
}

/** The diagnostic `source` of everything this project reports. */
export const DIAGNOSTIC_SOURCE = 'bitrix24';
