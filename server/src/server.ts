/**
 * Language server wiring: connection, documents, capabilities, and one short
 * handler per request that fetches the document and calls a pure feature.
 */
import { CodeActionKind, ErrorCodes, FileChangeType, MessageType, ResponseError, ShowMessageNotification, TextDocumentSyncKind, TextDocuments, type Connection, type Diagnostic } from 'vscode-languageserver';
import { LineDocument } from './line-document';
import { Catalogue } from './catalogue/catalogue';
import { catalogueEntries, inRussian, methodSummary, searchCatalogue, type CatalogueEntry } from './catalogue/search';
import { hasCyrillic } from './catalogue/russian-words';
import { completionContextAt } from './analysis/analyse';
import { AnalysedDocuments } from './analysed-documents';
import { defaultSettings, type FeatureContext, type FeatureSettings } from './features/context';
import { hover } from './features/hover';
import { complete, resolveCompletion } from './features/completion';
import { diagnose } from './features/diagnostics';
import { methodCodeActions } from './features/code-actions';
import { freshFacts, liveDiagnostics, methodsToAsk, portalConfirms } from './features/live-checks';
import { uriToPath } from './workspace/file-system';
import { CatalogueViews, ScopeService } from './scope-service';
import { errorCodeHover } from './explain/hover';
import { runTool } from './mcp/tools';
import { serverToolContext } from './mcp/server-context';
import { ToolInputError } from './mcp/tool-types';
import { capDiagnostics, Debouncer, tooLargeDiagnostic } from './publish-limits';
import { scanExclude, leftOutNotice, type ExclusionSettings } from './workspace/scan-settings';
import * as protocol from './protocol';
import { resolveLocale, type Locale } from './l10n/locale';

/** Pause after the last edit of a document before the workspace index takes its text. */
const INDEX_DEBOUNCE_MS = 150;
/** Pause after the last edit of a document before its diagnostics are computed and published. */
const PUBLISH_DEBOUNCE_MS = 100;

interface InitOptions extends ExclusionSettings {
  envKeys?: string[];
  /** `en` | `ru`: the client's resolved choice, over the setting and the editor's locale. */
  locale?: string;
}

/** Starts serving on `connection`. */
export function startServer(connection: Connection): void {
  const catalogue = Catalogue.load();
  // Lines, not one string: an edit costs the lines it touches (keystroke storms on 1 MB files).
  const documents = new TextDocuments(LineDocument);
  let scopes: ScopeService | undefined;
  const views = new CatalogueViews(catalogue, () => scopes);
  const analysed = new AnalysedDocuments((uri) => views.for(uri));
  let settings: FeatureSettings = defaultSettings;
  /** Where the language comes from (see l10n/locale.ts `resolveLocale`); `locale` is what they add up to. */
  const language: { option?: unknown; setting?: unknown; client?: unknown } = {};
  let locale: Locale = 'en';
  let languageRead = false;
  let portalFacts: protocol.PortalFacts | undefined;
  let canPullConfig = false;
  let canShowProgress = false;
  /** Settles when the first workspace scan is done; tool requests wait for it. */
  let scanned: Promise<void> = Promise.resolve();
  let roots: string[] = [];
  let init: InitOptions = {};
  let exclusions: ExclusionSettings = {};
  let reportProgress: ((p: { done: number; total: number }) => void) | undefined;
  let noticeShown = false;
  /** Edits and index updates wait for a pause in typing, per document. */
  const publishLater = new Debouncer();
  const indexLater = new Debouncer();
  /** The catalogue view each open document was last published with (custom methods change it). */
  const publishedView = new Map<string, unknown>();
  const ctx = (uri: string): FeatureContext => ({
    catalogue: views.for(uri),
    settings,
    manifest: scopes?.manifestSummary(uri),
    scopeUses: (code: string) => scopes?.scopeUses(uri, code),
    envKeys: scopes?.index.envKeys,
    locale,
  });

  connection.onInitialize((params) => {
    canPullConfig = params.capabilities.workspace?.configuration === true;
    canShowProgress = params.capabilities.window?.workDoneProgress === true;
    roots = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri }] : []))
      .map((f) => uriToPath(f.uri))
      .filter((p): p is string => p !== undefined);
    init = (params.initializationOptions ?? {}) as InitOptions;
    language.option = init.locale;
    language.client = params.locale;
    locale = resolveLocale(language);
    exclusions = { scanExclude: init.scanExclude, filesExclude: init.filesExclude };
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['.', "'", '"', '/', '`'], resolveProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'bitrix24-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    if (canPullConfig) await refreshSettings();
    if (!roots.length) return;
    scopes = new ScopeService({
      roots,
      catalogue,
      envKeys: init.envKeys,
      exclude: scanExclude(exclusions),
      onProgress: (p) => reportProgress?.(p),
      onNotice: (m) => connection.console.info(m),
      locale,
    });
    await (scanned = withProgress('reading files…', (s) => s.index.scan()));
  });

  /** Runs a whole-workspace read with per-file progress in the status bar, then publishes what changed and says once what was left out. */
  async function withProgress(title: string, op: (service: ScopeService) => Promise<void>): Promise<void> {
    const service = scopes;
    if (!service) return;
    const progress = canShowProgress ? await connection.window.createWorkDoneProgress() : undefined;
    progress?.begin('Bitrix24: checking scopes', 0, title);
    let last = -1;
    reportProgress = ({ done, total }) => {
      const pct = Math.floor((done / Math.max(1, total)) * 100);
      if (pct !== last) progress?.report(pct, `${done}/${total} files`);
      last = pct;
    };
    try {
      await op(service);
      publishChanged();
      const notice = leftOutNotice(service.index.leftOut(), service.index.invalidExcludes());
      if (notice) {
        connection.console.info(notice.log);
        // A notification, not a request: nothing waits on the user, and a client without message support loses nothing.
        if (notice.show && !noticeShown) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: notice.show });
        noticeShown ||= notice.show !== undefined;
      }
    } catch (err) {
      connection.console.error(`Workspace scan failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      reportProgress = undefined;
      progress?.done();
    }
  }

  async function refreshSettings(): Promise<void> {
    try {
      const [section, filesExclude] = (await connection.workspace.getConfiguration([{ section: 'bitrix24' }, { section: 'files.exclude' }])) as [
        { diagnostics?: { enable?: boolean; rules?: FeatureSettings['rules'] }; scan?: { exclude?: unknown }; language?: unknown } | null,
        unknown,
      ];
      settings = { enable: section?.diagnostics?.enable ?? true, rules: section?.diagnostics?.rules ?? {} };
      // A setting changed after start-up is newer than the client's start-up choice.
      if (languageRead && section?.language !== language.setting) language.option = undefined;
      language.setting = section?.language;
      languageRead = true;
      locale = resolveLocale(language);
      exclusions = {
        scanExclude: Array.isArray(section?.scan?.exclude) ? section.scan.exclude : exclusions.scanExclude,
        filesExclude: filesExclude && typeof filesExclude === 'object' ? (filesExclude as Record<string, unknown>) : exclusions.filesExclude,
      };
    } catch (err) {
      connection.console.warn(`Could not read settings, using defaults: ${String(err)}`);
    }
  }

  /**
   * Everything we report for one URI: method and live checks (open documents) plus scope
   * findings, capped per document. Lists are joined without argument spread: a document may
   * hold 100k+ findings.
   */
  function publish(uri: string): void {
    publishLater.cancel(uri);
    const textDoc = documents.get(uri);
    const doc = textDoc && analysed.get(textDoc);
    let diagnostics: Diagnostic[] = [];
    if (textDoc) publishedView.set(uri, views.for(uri));
    if (doc && textDoc) {
      const c = ctx(uri);
      const now = Date.now();
      if (AnalysedDocuments.tooLarge(textDoc)) diagnostics.push(tooLargeDiagnostic(textDoc.getText().length));
      // A method the portal itself confirms (on-premise, newer than the docs) is not "unknown".
      const offline = diagnose(doc, textDoc, c).filter((d) => d.code !== 'unknown-method' || !portalConfirms(textDoc.getText(d.range), portalFacts, now));
      diagnostics = diagnostics.concat(offline, liveDiagnostics(doc, textDoc, portalFacts, c, now));
      askPortal(methodsToAsk(doc, c));
    }
    if (scopes) {
      // Method problems of closed files come from the index; a portal-confirmed method is not "unknown" there either.
      const now = Date.now();
      const keep = (f: { code: string; data: { kind: string; name?: string } }) =>
        f.code !== 'unknown-method' || f.data.kind !== 'reference' || !portalConfirms(f.data.name ?? '', portalFacts, now);
      diagnostics = diagnostics.concat(scopes.diagnostics(uri, settings, { open: doc !== undefined, keep }));
    }
    void connection.sendDiagnostics({ uri, diagnostics: capDiagnostics(diagnostics) });
  }

  /** Names already sent to the client for `method.get`, per portal (the client caches answers too). */
  const asked = new Set<string>();
  function askPortal(names: string[]): void {
    const live = freshFacts(portalFacts, Date.now());
    if (!live) return;
    const fresh = names.filter((n) => !live.methods?.[n] && !asked.has(`${live.portal}|${n}`));
    if (!fresh.length) return;
    fresh.forEach((n) => asked.add(`${live.portal}|${n}`));
    void connection.sendNotification(protocol.UnknownMethodsNotification, { names: fresh } satisfies protocol.UnknownMethodsParams);
  }

  /**
   * Publishes what the index changed: files whose scope findings changed, and open documents
   * whose catalogue view changed (their manifest's custom methods). Nothing else is re-sent.
   */
  function publishChanged(): void {
    const changed = new Set(scopes?.takeChangedUris() ?? []);
    for (const d of documents.all()) if (publishedView.has(d.uri) && publishedView.get(d.uri) !== views.for(d.uri)) changed.add(d.uri);
    for (const uri of changed) if (!publishLater.pending(uri)) publish(uri);
    if (changed.size > 0) void connection.sendNotification(protocol.AppScopesChangedNotification);
  }

  /** Several index updates in a row (a branch switch) publish once, after the last of them. */
  let publishQueued = false;
  function publishChangedSoon(): void {
    if (publishQueued) return;
    publishQueued = true;
    setImmediate(() => {
      publishQueued = false;
      publishChanged();
    });
  }

  /** Runs an index update, then publishes what it changed; failures go to the log, never to the editor. */
  function indexThen(op: (s: ScopeService, path: string) => Promise<void>, uri: string): void {
    const path = uriToPath(uri);
    if (!scopes || !path) return;
    op(scopes, path).then(publishChangedSoon, (err: unknown) => connection.console.error(`Scope index: ${String(err)}`));
  }

  // Typing is followed after short pauses, per document: a burst of keystrokes is one analysis,
  // one publish and one index update; an edit cancels the work still pending for older versions,
  // and hover/completion requests queued behind an edit are answered first.
  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    if (!publishedView.has(uri)) publish(uri); // just opened: report at once
    else publishLater.schedule(uri, PUBLISH_DEBOUNCE_MS, () => publish(uri));
    indexLater.schedule(uri, INDEX_DEBOUNCE_MS, () => {
      const doc = documents.get(uri);
      if (doc) indexThen((s, p) => s.index.update(p, doc.getText()), uri);
    });
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    indexLater.cancel(uri);
    publishedView.delete(uri);
    analysed.forget(uri);
    publish(uri);
    indexThen((s, p) => s.index.changedOnDisk(p), uri);
  });
  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const c of changes) {
      if (documents.get(c.uri) && c.type === FileChangeType.Changed) continue; // the editor's text wins
      indexThen((s, p) => (c.type === FileChangeType.Deleted ? s.index.remove(p) : s.index.changedOnDisk(p)), c.uri);
    }
  });
  connection.onDidChangeConfiguration(async () => {
    const before = JSON.stringify(scanExclude(exclusions));
    await refreshSettings();
    const exclude = scanExclude(exclusions);
    if (scopes && JSON.stringify(exclude) !== before) await withProgress('reading files…', (s) => s.index.setExclude(exclude));
    // Severities may have changed: every file with findings, open or not, is published again.
    documents.all().forEach((d) => publish(d.uri));
    for (const uri of scopes?.urisWithFindings() ?? []) if (!documents.get(uri)) publish(uri);
  });
  connection.onNotification(protocol.PortalFactsNotification, (p: protocol.PortalFactsParams) => {
    portalFacts = p.facts ?? undefined;
    documents.all().forEach((d) => publish(d.uri));
    void connection.sendNotification(protocol.AppScopesChangedNotification);
  });

  connection.onHover(({ textDocument, position }) => {
    const textDoc = documents.get(textDocument.uri);
    const doc = textDoc && analysed.get(textDoc);
    if (!doc || !textDoc) return null;
    return hover(doc, textDoc, position, { ...ctx(textDoc.uri), portal: { facts: portalFacts, now: Date.now() } }) ?? errorCodeHover(textDoc, position);
  });

  connection.onCompletion(({ textDocument, position }) => {
    const textDoc = documents.get(textDocument.uri);
    const doc = textDoc && analysed.get(textDoc);
    if (!doc || !textDoc || doc.family === 'plain' || AnalysedDocuments.tooLarge(textDoc)) return null;
    return complete(completionContextAt(doc.text, doc.family, textDoc.offsetAt(position)), textDoc, ctx(textDoc.uri));
  });

  connection.onCompletionResolve((item) => resolveCompletion(item, { catalogue, settings, locale }));

  connection.onCodeAction(({ textDocument, range, context }) => {
    const text = documents.get(textDocument.uri);
    const analysedDoc = text && analysed.get(text);
    return [
    ...methodCodeActions(textDocument.uri, context.diagnostics, analysedDoc && text ? { analysed: analysedDoc, text } : undefined, locale),
    ...(scopes?.codeActions(textDocument.uri, range, context.diagnostics) ?? []),
    ];
  });

  connection.onRequest(protocol.ListMethodsRequest, (params: protocol.ListMethodsParams): protocol.MethodSummary[] =>
    catalogue
      .methods()
      .filter((m) => m.name.toLowerCase().startsWith((params?.prefix ?? '').toLowerCase()))
      .map(methodSummary),
  );
  let entries: CatalogueEntry[] | undefined;
  let russianEntries: CatalogueEntry[] | undefined;
  connection.onRequest(protocol.SearchCatalogueRequest, (p: protocol.SearchCatalogueParams): protocol.SearchCatalogueResult => {
    // The Russian titles are read only for a Russian session or a query in Russian.
    const russian = locale === 'ru' || hasCyrillic(p.query ?? '');
    const list = russian ? (russianEntries ??= catalogueEntries(catalogue, { russian: true })) : (entries ??= catalogueEntries(catalogue));
    const count = (kind: CatalogueEntry['kind']) => list.filter((e) => e.kind === kind).length;
    const found = searchCatalogue(list, p.query ?? '', p.limit);
    return { entries: locale === 'ru' ? found.map(inRussian) : found, totals: { methods: count('method'), events: count('event'), placements: count('placement') } };
  });
  connection.onRequest(protocol.ScopeReportRequest, (p: protocol.ScopeReportParams): protocol.ScopeReportResult => ({
    markdown: scopes ? scopes.reportMarkdown(p.uri, { links: p.links }) : '# Scope report\n\nOpen a folder to check its scopes.\n',
  }));
  connection.onRequest(protocol.AppScopesRequest, (p: protocol.AppScopesParams): protocol.AppScopesResult => ({
    manifests: scopes ? scopes.appScopes(p.uri, freshFacts(portalFacts, Date.now())?.scopes) : [],
  }));
  connection.onRequest(protocol.ProposeManifestRequest, (p: protocol.ProposeManifestParams) => scopes?.proposeManifest(p.folderUri) ?? null);

  connection.onRequest(protocol.RunToolRequest, async (p: protocol.RunToolParams): Promise<protocol.RunToolResult> => {
    await scanned;
    const toolCtx = serverToolContext({
      catalogue,
      index: scopes?.index,
      facts: () => freshFacts(portalFacts, Date.now()),
      siteRights: async (siteId, type) =>
        ((await connection.sendRequest(protocol.SiteRightsFromPortalRequest, { siteId, type } satisfies protocol.SiteRightsFromPortalParams)) as protocol.SiteRightsFromPortalResult).operations,
    });
    try {
      return await runTool(p.tool, p.input, toolCtx);
    } catch (err) {
      if (err instanceof ToolInputError) throw new ResponseError(ErrorCodes.InvalidParams, err.message);
      throw err;
    }
  });

  documents.listen(connection);
  connection.listen();
}
