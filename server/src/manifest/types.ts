/**
 * The app manifest as the scope checker sees it, whichever file declared it
 * (`bitrix24.json` or a `.env*` key), and the findings the checker reports.
 * Offsets are UTF-16 code unit offsets into the declaring file's text.
 */
import type { Range } from 'vscode-languageserver-types';
import type { MethodInfo, ScopeInfo, ScopeRequirement } from '../catalogue/types';
import type { CustomMethodDeclaration } from '../catalogue/catalogue';
import type { CallContext } from '../analysis/types';
import type { RuleCode } from '../rules';
import type { ReferenceProblemData } from '../features/method-checks';

/** What kind of integration the manifest describes; some methods work only in apps. */
export type AppKind = 'webhook' | 'local' | 'market';

/** A span of the manifest text (offsets, end exclusive). */
export interface Span {
  start: number;
  end: number;
}

/** One scope code as written in the manifest. */
export interface DeclaredScope {
  code: string;
  /** The code's own characters (inside quotes for JSON). */
  span: Span;
}

/** A portal-specific or on-premise method the catalogue does not know. */
export interface CustomMethod {
  name: string;
  requirement: ScopeRequirement;
  span: Span;
}

/** A method name listed in `methods.extra` or `methods.ignore`. */
export interface ListedMethod {
  name: string;
  span: Span;
}

/** The manifest's content; missing parts are empty, never undefined, except where noted. */
export interface Manifest {
  /** Undefined when the scopes could not be read (the checker then skips scope arithmetic). */
  scopes: DeclaredScope[] | undefined;
  /** Where the scopes are declared (the `"scopes"` key, or the `.env` key): missing scopes are reported there. */
  scopesSpan?: Span;
  /** Scopes the app must never request: a check refuses code that needs them. */
  forbidden: DeclaredScope[];
  /** Rule levels for this manifest's files (`"rules": { "deprecated-method": "off" }`), under the user's settings. */
  rules: Record<string, RuleLevelSetting>;
  kind?: AppKind;
  /** Globs relative to the manifest's folder; empty = everything. */
  include: string[];
  exclude: string[];
  custom: CustomMethod[];
  extra: ListedMethod[];
  ignore: ListedMethod[];
  /** Portal address (no secret), e.g. https://example.bitrix24.com. */
  portal?: string;
}

/** A rule's level as settings and manifests write it; `off` silences the rule. */
export type RuleLevelSetting = 'off' | 'hint' | 'info' | 'warning' | 'error';

/** Where a manifest came from. */
export type ManifestFormat = 'json' | 'env';

/** A problem found while reading a manifest file. */
export interface ManifestProblem {
  code: ManifestProblemCode;
  severity: Severity;
  message: string;
  span: Span;
}

export type ManifestProblemCode = 'manifest-invalid-json' | 'manifest-invalid-value' | 'manifest-unknown-key' | 'manifest-duplicate-key' | 'manifest-secret';

/** Result of parsing a manifest file: never throws, problems say what is wrong. */
export interface ParsedManifest {
  format: ManifestFormat;
  manifest: Manifest;
  problems: ManifestProblem[];
}

/** Severity before user settings apply (same words as the `bitrix24.diagnostics.rules` setting). */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** Stable codes of everything the scope checker reports (all in the rule registry, server/src/rules.ts). */
export type FindingCode = RuleCode;

/** Everything a quick fix needs, so fixes never re-run the check. */
export type FindingData =
  | {
      kind: 'missing';
      method: string;
      /** Scopes to add; with `choice: 'any'` one of them is enough, first = least privilege. */
      scopes: string[];
      choice: 'all' | 'any';
      manifestFile: string;
    }
  | { kind: 'declared'; scope: string; index: number; manifestFile: string; suggestion?: string }
  | { kind: 'call'; method: string }
  /** A problem with a workspace file itself (unreadable, a bad .gitignore line). */
  | { kind: 'file' }
  /** A method, event or placement name's own problem (unknown, deprecated, ...). */
  | ({ kind: 'reference'; name: string } & ReferenceProblemData)
  | { kind: 'manifest'; manifestFile: string };

/** Another place a finding concerns (every use needing a missing scope). */
export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

/** One reported problem. `file` is a path in the index's own notation (forward slashes). */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  file: string;
  range: Range;
  data: FindingData;
  related?: RelatedLocation[];
}

/** A method call found in a source file (a MethodReference with its position). */
export interface CallSite {
  name: string;
  version?: 2 | 3;
  range: Range;
  context: CallContext;
}

/** A call whose method name is built at run time (`crm.*.list`). */
export interface DynamicSite {
  pattern: string;
  range: Range;
  context: CallContext;
}

/** How the code registers an event handler or a placement. */
export type BindingVia = 'event.bind' | 'placement.bind' | 'userfieldtype.add' | 'imconnector.register' | (string & {});

/** An event or placement the code binds (its name as written, with its position). */
export interface BindingSite {
  kind: 'event' | 'placement';
  name: string;
  range: Range;
  via: BindingVia;
}

/** The calls of one source file, as the scope checker consumes them. */
export interface FileCalls {
  file: string;
  calls: CallSite[];
  dynamic: DynamicSite[];
  /** Events and placements bound here (each needs its own scopes, besides the binding method's). */
  bindings?: BindingSite[];
  /** 0-based line → rule codes silenced there (empty = all). */
  suppressions: ReadonlyMap<number, string[]>;
}

/** What the catalogue says about an event or a placement: its name and what binding it needs. */
export interface BindingInfo {
  /** The documented spelling (event name or placement code). */
  name?: string;
  code?: string;
  requirement?: ScopeRequirement;
  /** Older catalogues name a single scope instead of a requirement. */
  scope?: string;
  url?: string;
  title?: string;
}

/**
 * The slice of the method catalogue the scope checker reads; `Catalogue` satisfies it.
 * A view may know an app's custom methods besides the documented ones (`withCustom`).
 */
export interface ScopeCatalogue {
  /** A documented or custom method; custom ones (`custom: true`) first. */
  get(name: string, version?: 2 | 3): MethodInfo | undefined;
  /** True for documented and custom methods. */
  has(name: string): boolean;
  /** A view that also knows `methods` (a manifest's `methods.custom`); they shadow documented ones. */
  withCustom(methods: readonly CustomMethodDeclaration[]): this;
  /** The custom methods this view knows (none for the bare catalogue). */
  customMethods(): MethodInfo[];
  scope(code: string): ScopeInfo | undefined;
  scopes(): ScopeInfo[];
  /** Methods whose requirement mentions `code`, custom ones included. */
  methodsOfScope(code: string): MethodInfo[];
  /** "Did you mean" for method names (nearest first). */
  suggest?(name: string, max?: number): string[];
  /** An event by name, case-insensitive. */
  event?(name: string): BindingInfo | undefined;
  suggestEvents?(name: string, max?: number): string[];
  /** A placement by code (templates such as CRM_DYNAMIC_<id>_DETAIL_TAB resolved). */
  placement?(code: string): BindingInfo | undefined;
  suggestPlacements?(code: string, max?: number): string[];
}
