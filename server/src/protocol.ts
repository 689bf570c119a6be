/**
 * Custom LSP messages shared by the extension client and the language server: each a typed
 * `RequestType` / `NotificationType` that both sides pass to `sendRequest` / `onRequest` (and the
 * notification pair), so a parameter or result can change only in one place. Standard requests
 * (hover, completion, ...) are not listed here. The client imports nothing else from the server.
 */
import { NotificationType, NotificationType0, RequestType } from 'vscode-languageserver-protocol';

/** A method as listed by `bitrix24/listMethods`. */
export interface MethodSummary {
  name: string;
  version: 2 | 3;
  scope: string;
  title: string;
  url: string;
  deprecated: boolean;
}

export interface ListMethodsParams {
  /** Case-insensitive name prefix; empty lists everything. */
  prefix?: string;
}

/** Client → server: list catalogue methods (every REST version of a name, as the CLI counts them). */
export const ListMethodsRequest = /* @__PURE__ */ new RequestType<ListMethodsParams, MethodSummary[], void>('bitrix24/listMethods');

export interface SearchCatalogueParams {
  /** Words matched against names, scopes and titles ("deal add", "crm list"); empty lists everything. */
  query: string;
  limit?: number;
}

export interface SearchCatalogueResult {
  entries: import('./catalogue/search').CatalogueEntry[];
  /** How many methods, events and placements the catalogue has in all. */
  totals: { methods: number; events: number; placements: number };
}

/** Client → server: the "Show Method Catalogue" picker's search over methods, events and placements. */
export const SearchCatalogueRequest = /* @__PURE__ */ new RequestType<SearchCatalogueParams, SearchCatalogueResult, void>('bitrix24/searchCatalogue');

/** What a connected portal told the client; none of it is secret. */
export interface PortalFacts {
  /** Portal origin, e.g. `https://example.bitrix24.com`. */
  portal: string;
  /** When `profile` and `scope` answered (ms since epoch). */
  fetchedAt: number;
  /** Scopes granted to the webhook or app. */
  scopes: string[];
  /** Whether the connected user is a portal administrator. */
  admin: boolean;
  /** How the client authenticates, for advice (re-issue a webhook vs. reinstall an app). */
  auth?: 'webhook' | 'oauth';
  /** `method.get` answers for names the catalogue does not know, keyed by lower-case name. */
  methods?: Record<string, { exists: boolean; available: boolean }>;
}

export interface PortalFactsParams {
  /** Null when no portal is connected or its facts can no longer be trusted. */
  facts: PortalFacts | null;
}

/** Client → server: the active portal's granted scopes and admin flag (or null), for live checks in the editor. */
export const PortalFactsNotification = /* @__PURE__ */ new NotificationType<PortalFactsParams>('bitrix24/portalFacts');

/** Portal facts older than this are not shown: the webhook or the user's rights may have changed since. */
export const PORTAL_FACTS_MAX_AGE_MS = 10 * 60_000;

export interface ScopeReportParams {
  /** A file whose manifest to report on; omitted: the first manifest of the workspace. */
  uri?: string;
  /** Locations as links to the files (`file:///…#L12`), for the rendered preview. */
  links?: boolean;
}
export interface ScopeReportResult {
  markdown: string;
}
/** Client → server: the scope report (declared scopes with the calls that need them, every call with its requirement). */
export const ScopeReportRequest = /* @__PURE__ */ new RequestType<ScopeReportParams, ScopeReportResult, void>('bitrix24/scopeReport');

export interface ProposeManifestParams {
  folderUri: string;
}
export interface ProposeManifestResult {
  uri: string;
  text: string;
  scopes: string[];
  notes: string[];
}
/** Client → server: a bitrix24.json proposed from what the code in a folder calls (null when there is no workspace). */
export const ProposeManifestRequest = /* @__PURE__ */ new RequestType<ProposeManifestParams, ProposeManifestResult | null, void>('bitrix24/proposeManifest');

export interface UnknownMethodsParams {
  /** Lower-case method names the catalogue does not know, referenced in open documents. */
  names: string[];
}
/** Server → client: ask the connected portal (`method.get`) about these names; answers come back in the portal facts. */
export const UnknownMethodsNotification = /* @__PURE__ */ new NotificationType<UnknownMethodsParams>('bitrix24/unknownMethods');

/** The read-only assistant tools (VS Code language-model tools and `bitrix24-mcp`). */
export const ASSISTANT_TOOLS = [
  'describe_method',
  'search_methods',
  'needed_scopes',
  'check_manifest',
  'check_snippet',
  'explain_error',
  'site_rights',
] as const;
export type AssistantToolName = (typeof ASSISTANT_TOOLS)[number];

export interface RunToolParams {
  tool: AssistantToolName;
  /** The tool's input as the model sent it; the server validates it. */
  input: unknown;
}
export interface RunToolResult {
  text: string;
  /** The tool could not answer (the text says why). */
  isError?: boolean;
}
/** Client → server: run one read-only assistant tool on the workspace; bad input is answered as a request error with the reason. */
export const RunToolRequest = /* @__PURE__ */ new RequestType<RunToolParams, RunToolResult, void>('bitrix24/runTool');

export interface SiteRightsFromPortalParams {
  siteId: number;
  /** The site's type from its rights file (`KNOWLEDGE`, `GROUP`, … need the landing scope parameter). */
  type?: string;
}
export interface SiteRightsFromPortalResult {
  /** Null when no portal is connected. */
  operations: string[] | null;
}
/** Server → client: what the connected portal's current user may do on a site (`landing.site.getRights`), for the site_rights tool. */
export const SiteRightsFromPortalRequest = /* @__PURE__ */ new RequestType<SiteRightsFromPortalParams, SiteRightsFromPortalResult, void>(
  'bitrix24/siteRightsFromPortal',
);

/** A place in the workspace that needs a scope (0-based line and character). */
export interface AppScopeUse {
  kind: 'method' | 'event' | 'placement';
  name: string;
  uri: string;
  line: number;
  character: number;
}

/** One text edit on a manifest, the same one the quick fix makes. */
export interface AppScopeEdit {
  title: string;
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

/** One scope of an app: declared and/or needed, with what needs it and the edit that adds or removes it. */
export interface AppScopeEntry {
  code: string;
  /** `used` (declared and needed), `missing` (needed, not declared), or the finding about a declared scope (`unused-scope`, `unknown-scope`, …). */
  status: string;
  declared: boolean;
  needed: boolean;
  /** Whether the connected portal grants it (undefined: no portal connected). */
  granted?: boolean;
  /** For a missing scope with alternatives: every code that would do, least privilege first. */
  alternatives?: string[];
  uses: AppScopeUse[];
  /** Adds the scope to the manifest (missing scopes). */
  add?: AppScopeEdit;
  /** Removes it from the manifest (unused, unknown or duplicate scopes). */
  remove?: AppScopeEdit;
}

/** The scopes of one manifest. */
export interface AppScopesManifest {
  uri: string;
  /** The manifest's path relative to its workspace folder. */
  label: string;
  /** Where the scopes are declared, for a code lens (undefined when they could not be read). */
  scopesRange?: AppScopeEdit['range'];
  declared: string[];
  needed: string[];
  missing: string[];
  unused: string[];
  /** Scopes the connected portal grants (undefined: no portal connected). */
  granted?: string[];
  scopes: AppScopeEntry[];
  /** What the app's settings form wants: the comma-separated codes the app should request. */
  copyList: string;
  /** Calls whose scope cannot be told (names built at run time, undocumented names). */
  undecided: number;
}

export interface AppScopesParams {
  /** Only the manifest covering this file; omitted: every manifest. */
  uri?: string;
}
export interface AppScopesResult {
  manifests: AppScopesManifest[];
}
/** Client → server: per manifest, the scopes the code needs, declares, misses, does not use, and the portal grants. */
export const AppScopesRequest = /* @__PURE__ */ new RequestType<AppScopesParams, AppScopesResult, void>('bitrix24/appScopes');
/** Server → client: scope findings changed; ask `bitrix24/appScopes` again. */
export const AppScopesChangedNotification = /* @__PURE__ */ new NotificationType0('bitrix24/appScopesChanged');

export interface DocumentHeldParams {
  uri: string;
  languageId: string;
  version: number;
  /** The document's length in characters. */
  length: number;
}
/**
 * The server's own stdio reader → the server, never a client: a document too large to analyse
 * was opened (or is still too large after an edit) and its text is kept in the reader's thread,
 * so the server's thread never holds it. The server reports it as too large; requests on it get nothing.
 */
export const DocumentHeldNotification = /* @__PURE__ */ new NotificationType<DocumentHeldParams>('bitrix24/documentHeld');

export interface DocumentReleasedParams {
  uri: string;
  /** True when an edit made it small enough: a `textDocument/didOpen` with its text follows. */
  reopened: boolean;
}
/** The server's own stdio reader → the server: a held document was closed, or handed over after an edit. */
export const DocumentReleasedNotification = /* @__PURE__ */ new NotificationType<DocumentReleasedParams>('bitrix24/documentReleased');
