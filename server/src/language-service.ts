/**
 * The one entry point to the language features, for the language server, the CLI,
 * the MCP server and tests (after vscode-json-languageservice's `getLanguageService`).
 * It owns what the features share: the catalogue and its per-manifest views, the
 * workspace index, the user's settings and the connected portal's facts. Front ends
 * only move documents and answers between it and their transport.
 */
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Catalogue } from './catalogue/catalogue';
import { catalogueEntries, inRussian, methodSummary, searchCatalogue, type CatalogueEntry } from './catalogue/search';
import { hasCyrillic } from './catalogue/russian-words';
import { parseLocale } from './l10n/locale';
import { completionContextAt } from './analysis/analyse';
import { AnalysedDocuments } from './analysed-documents';
import { defaultSettings, type AnalysedDocument, type FeatureContext, type FeatureSettings } from './features/context';
import { hover } from './features/hover';
import { complete, resolveCompletion } from './features/completion';
import { methodCodeActions } from './features/code-actions';
import { methodsToAsk } from './features/live-checks';
import { errorCodeHover } from './explain/hover';
import { explainInput, type ExplainResult } from './explain/explain';
import { nodeFileSystem, uriToPath, type WorkspaceFileSystem } from './workspace/file-system';
import type { NeededScopes } from './workspace/needed';
import type { EarlierAnalysis, ScanProgress } from './workspace/workspace-index';
import { ScopeService } from './scope-service';
import { documentDiagnostics } from './service/document-diagnostics';
import { PortalState } from './service/portal-state';
import { serverToolContext, type SiteRightsAsker } from './mcp/server-context';
import type { AppScopesManifest, MethodSummary, PortalFacts, SearchCatalogueResult } from './protocol';
import type { ToolContext } from './mcp/tool-types';
import { MAX_ANALYSED_DOCUMENT } from './publish-limits';

/** What shapes the features' answers; front ends change it with `configure`. */
export interface ServiceSettings extends FeatureSettings {
  /**
   * Language of hover and diagnostic texts (e.g. `en`, `ru`); undefined: English.
   * Reaches every feature through its context.
   */
  locale?: string;
}

/** What a front end hands the service once; everything has a default. */
export interface LanguageServiceOptions {
  /** Default: the bundled catalogue. */
  catalogue?: Catalogue;
  /** Where the workspace index reads files; default: the disk. Tests pass an in-memory one. */
  fileSystem?: WorkspaceFileSystem;
  settings?: Partial<ServiceSettings>;
  /** The connected portal's facts, if one is connected already. */
  portal?: PortalFacts;
  /** The clock that decides whether portal facts are fresh; default `Date.now`. */
  now?: () => number;
}

/** The workspace the index reads: its folders and what to leave out. */
export interface WorkspaceOptions {
  roots: string[];
  /** `.env*` keys that declare scopes (default: the b24phpsdk key). */
  envKeys?: string[];
  /** Globs of folders and files the scan leaves out (default: the index's defaults). */
  exclude?: readonly string[];
  onProgress?: (p: ScanProgress) => void;
  /** Log lines about files left out that no diagnostic can show. */
  onNotice?: (message: string) => void;
}

/** Every language feature, over one catalogue, workspace, settings and portal. */
export interface LanguageService {
  /** The bundled (or given) catalogue, without any app's custom methods. */
  readonly catalogue: Catalogue;
  /** The workspace side (index, scope findings, fixes); undefined until `openWorkspace`. */
  readonly workspace: ScopeService | undefined;
  readonly settings: ServiceSettings;
  /** Creates the workspace index over `options.roots` (its scan is started by the caller: `workspace.index.scan()`). */
  openWorkspace(options: WorkspaceOptions): ScopeService;
  /** Changes settings; what is not given keeps its value. */
  configure(settings: Partial<ServiceSettings>): void;
  /** The connected portal's facts (undefined: none connected); every feature reads them from here. */
  setPortalFacts(facts: PortalFacts | undefined): void;
  /** The portal's facts while fresh enough to show. */
  portalFacts(): PortalFacts | undefined;
  /** The catalogue for a document: the bundled one plus its manifest's custom methods. */
  catalogueFor(uri: string): Catalogue;
  /** The document's analysis (cached per version and catalogue view); undefined for other languages. */
  analyse(doc: TextDocument): AnalysedDocument | undefined;
  /** What the workspace index takes in for an open document: its text, and the analysis already made of it (see `WorkspaceIndex.update`). */
  indexSource(doc: TextDocument): { text: string; earlier?: EarlierAnalysis };
  /** Drops what is kept about a closed document. */
  forget(uri: string): void;
  /** Hover for a method, event, placement, scope code or REST error code under the cursor. */
  hover(doc: TextDocument, position: Position): Hover | null;
  /** Completion of method names, parameters, events and placements; null where none applies. */
  complete(doc: TextDocument, position: Position): CompletionList | null;
  /** Adds documentation to a completion item, from the view of the document it was offered in. */
  resolveCompletion(item: CompletionItem): CompletionItem;
  /**
   * Everything reported for `uri`: with `doc` (open), its method and live checks too;
   * portal-confirmed methods are not "unknown"; capped per document. Remembers the
   * catalogue view used, for `staleUris`. `heldLength`: the document is open but too large to
   * analyse, and its text is kept elsewhere (the stdio reader's thread).
   */
  diagnostics(uri: string, doc?: TextDocument, heldLength?: number): Diagnostic[];
  /** Whether `diagnostics` ran for this open document since it was opened. */
  hasDiagnostics(uri: string): boolean;
  /** Unknown names in `doc` to ask the connected portal about, each handed out once per portal. */
  methodsToAsk(doc: TextDocument): string[];
  /** URIs to report again after index updates: changed scope findings, and `open` documents whose catalogue view changed. */
  staleUris(open: readonly string[]): string[];
  /** Every file with scope findings now (to report again when severities change). */
  urisWithFindings(): string[];
  /** Quick fixes for the diagnostics at `range`: method renames, manifest edits, a new manifest. */
  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], doc?: TextDocument): CodeAction[];
  /** The least scope set the workspace's code needs; undefined without a workspace. */
  neededScopes(): NeededScopes | undefined;
  /** The App Scopes view's data, with the portal's granted scopes when fresh. */
  appScopes(uri?: string): AppScopesManifest[];
  /** The scope report for the manifest covering `uri`, as Markdown. */
  scopeReport(uri?: string, options?: { links?: boolean }): string;
  /** A bitrix24.json for a folder without one, from what its code calls. */
  proposeManifest(folderUri: string): ReturnType<ScopeService['proposeManifest']>;
  /** What a REST error means for this app: the first manifest and the portal's facts are taken into account. */
  explain(error: string, method?: string): ExplainResult;
  /** Documented methods whose name starts with `prefix`. */
  listMethods(prefix: string): MethodSummary[];
  /** Methods, events and placements matching `query`, best first, with the catalogue's totals. */
  searchCatalogue(query: string, limit?: number): SearchCatalogueResult;
  /** The context the AI tools run in; `siteRights` asks whoever holds the portal connection. */
  toolContext(siteRights?: SiteRightsAsker): ToolContext;
}

/** Whether a completion item offers a method `view` knows only from the app's manifest. */
function isCustomItem(item: CompletionItem, view: Catalogue): boolean {
  const data = item.data as { method?: unknown; version?: 2 | 3 } | undefined;
  return typeof data?.method === 'string' && view.get(data.method, data.version)?.custom === true;
}

/** Creates a language service; nothing is read from disk until `openWorkspace`. */
export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const catalogue = options.catalogue ?? Catalogue.load();
  const fileSystem = options.fileSystem ?? nodeFileSystem;
  const now = options.now ?? Date.now;
  const portal = new PortalState(now);
  portal.set(options.portal);
  let settings: ServiceSettings = { ...defaultSettings, ...options.settings };
  let scopes: ScopeService | undefined;
  /** The document's catalogue view: the index keeps one per manifest, the same object while the manifest is unchanged. */
  const viewFor = (uri: string): Catalogue => {
    const path = uriToPath(uri);
    return scopes && path ? scopes.index.viewFor(path) : catalogue;
  };
  const analysed = new AnalysedDocuments(viewFor);
  /** The catalogue view each open document's diagnostics were last computed with (custom methods change it). */
  const reportedView = new Map<string, Catalogue>();
  let entries: CatalogueEntry[] | undefined;
  let russianEntries: CatalogueEntry[] | undefined;
  const locale = () => parseLocale(settings.locale);

  const context = (uri: string, view = viewFor(uri)): FeatureContext => ({
    catalogue: view,
    settings,
    locale: locale(),
    manifest: scopes?.manifestSummary(uri),
    scopeUses: (code: string) => scopes?.scopeUses(uri, code),
    envKeys: scopes?.index.envKeys,
  });

  return {
    catalogue,
    get workspace() {
      return scopes;
    },
    get settings() {
      return settings;
    },
    openWorkspace(o) {
      // Scope findings are worded once, as files are read: in the language of the time the workspace opens.
      scopes = new ScopeService({ ...o, catalogue, fileSystem, locale: locale() });
      return scopes;
    },
    configure(changes) {
      settings = { ...settings, ...changes };
    },
    setPortalFacts: (facts) => portal.set(facts),
    portalFacts: () => portal.fresh(),
    catalogueFor: (uri) => viewFor(uri),
    analyse: (doc) => analysed.get(doc),
    indexSource(doc) {
      const a = analysed.get(doc);
      if (!a || a.family === 'plain' || a.text.length > MAX_ANALYSED_DOCUMENT) return { text: doc.getText() };
      return { text: a.text, earlier: { analysis: a.analysis, family: a.family, names: viewFor(doc.uri) } };
    },
    forget(uri) {
      reportedView.delete(uri);
      analysed.forget(uri);
    },
    hover(doc, position) {
      const a = analysed.get(doc);
      if (!a) return null;
      return hover(a, doc, position, { ...context(doc.uri), portal: portal.snapshot() }) ?? errorCodeHover(doc, position, locale());
    },
    complete(doc, position) {
      const a = analysed.get(doc);
      if (!a || a.family === 'plain' || doc.getText().length > MAX_ANALYSED_DOCUMENT) return null;
      const view = viewFor(doc.uri);
      const list = complete(completionContextAt(a.text, a.family, doc.offsetAt(position)), doc, context(doc.uri, view));
      // A custom method's item remembers its document, so resolving it reads the same view; documented
      // methods resolve alike in every view (they share the documented data), so their items stay small.
      if (view !== catalogue) for (const item of list.items) if (isCustomItem(item, view)) item.data = { ...(item.data as object), uri: doc.uri };
      return list;
    },
    resolveCompletion(item) {
      const uri = (item.data as { uri?: unknown } | undefined)?.uri;
      return resolveCompletion(item, typeof uri === 'string' ? context(uri) : { catalogue, settings, locale: locale() });
    },
    diagnostics(uri, doc, heldLength) {
      const a = doc && analysed.get(doc);
      if (doc) reportedView.set(uri, viewFor(uri));
      const open = doc && a ? { text: doc, analysed: a, ctx: context(uri) } : undefined;
      return documentDiagnostics({
        uri,
        open,
        held: heldLength === undefined ? undefined : { length: heldLength, locale: locale() },
        scopes,
        settings,
        portal,
      });
    },
    hasDiagnostics: (uri) => reportedView.has(uri),
    methodsToAsk(doc) {
      const a = analysed.get(doc);
      return a ? portal.takeUnasked(methodsToAsk(a, context(doc.uri))) : [];
    },
    staleUris(open) {
      const changed = new Set(scopes?.takeChangedUris() ?? []);
      for (const uri of open) if (reportedView.has(uri) && reportedView.get(uri) !== viewFor(uri)) changed.add(uri);
      return [...changed];
    },
    urisWithFindings: () => scopes?.urisWithFindings() ?? [],
    codeActions(uri, range, diagnostics, doc) {
      const a = doc && analysed.get(doc);
      return [
        ...methodCodeActions(uri, diagnostics, a && doc ? { analysed: a, text: doc } : undefined, locale()),
        ...(scopes?.codeActions(uri, range, diagnostics) ?? []),
      ];
    },
    neededScopes: () => scopes?.index.needed(undefined, locale()),
    appScopes: (uri) => (scopes ? scopes.appScopes(uri, portal.fresh()?.scopes) : []),
    scopeReport: (uri, o = {}) => (scopes ? scopes.reportMarkdown(uri, o) : '# Scope report\n\nOpen a folder to check its scopes.\n'),
    proposeManifest: (folderUri) => scopes?.proposeManifest(folderUri),
    explain(error, method) {
      const index = scopes?.index;
      const state = index?.manifests()[0];
      const declared = state?.parsed.manifest.scopes;
      const facts = portal.fresh();
      return explainInput(error, {
        method,
        catalogue,
        manifest:
          index && state && declared ? { label: index.label(state.file), scopes: declared.map((s) => s.code), kind: state.parsed.manifest.kind } : undefined,
        portal: facts ? { scopes: facts.scopes, admin: facts.admin, auth: facts.auth } : undefined,
        now: now(),
        locale: locale(),
      });
    },
    listMethods: (prefix) =>
      catalogue
        .methods()
        .filter((m) => m.name.toLowerCase().startsWith(prefix.toLowerCase()))
        .map(methodSummary),
    searchCatalogue(query, limit) {
      // The Russian titles are read only for a Russian session or a query in Russian.
      const russian = locale() === 'ru';
      const list =
        russian || hasCyrillic(query) ? (russianEntries ??= catalogueEntries(catalogue, { russian: true })) : (entries ??= catalogueEntries(catalogue));
      const count = (kind: CatalogueEntry['kind']) => list.filter((e) => e.kind === kind).length;
      const found = searchCatalogue(list, query, limit);
      return { entries: russian ? found.map(inRussian) : found, totals: { methods: count('method'), events: count('event'), placements: count('placement') } };
    },
    toolContext: (siteRights) => serverToolContext({ catalogue, index: scopes?.index, facts: () => portal.fresh(), siteRights, now, locale: locale() }),
  };
}
