/**
 * Language server wiring: connection, documents, capabilities, and one short
 * handler per request that fetches the document and calls a pure feature.
 */
import { CodeActionKind, ErrorCodes, FileChangeType, ResponseError, TextDocumentSyncKind, TextDocuments, type Connection, type Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Catalogue } from './catalogue/catalogue';
import { formatRequirement } from './catalogue/requirement';
import { completionContextAt } from './analysis/analyze';
import { AnalysedDocuments } from './analysed-documents';
import { defaultSettings, type FeatureContext, type FeatureSettings } from './features/context';
import { hover } from './features/hover';
import { complete, resolveCompletion } from './features/completion';
import { diagnose } from './features/diagnostics';
import { methodCodeActions } from './features/code-actions';
import { freshFacts, liveDiagnostics, methodsToAsk, portalConfirms } from './features/live-checks';
import { uriToPath } from './manifest/file-system';
import { CatalogueViews, ScopeService } from './scope-service';
import { errorCodeHover } from './explain/hover';
import { runTool } from './mcp/tools';
import { serverToolContext } from './mcp/server-context';
import { ToolInputError } from './mcp/tool-types';
import * as protocol from './protocol';

/** Pause after the last edit of a document before the workspace index takes its text. */
const INDEX_DEBOUNCE_MS = 150;

interface InitOptions {
  envKeys?: string[];
}

/** Starts serving on `connection`. */
export function startServer(connection: Connection): void {
  const catalogue = Catalogue.load();
  const documents = new TextDocuments(TextDocument);
  let scopes: ScopeService | undefined;
  const views = new CatalogueViews(catalogue, () => scopes);
  const analysed = new AnalysedDocuments((uri) => views.for(uri));
  let settings: FeatureSettings = defaultSettings;
  let portalFacts: protocol.PortalFacts | undefined;
  let canPullConfig = false;
  let canShowProgress = false;
  /** Settles when the first workspace scan is done; tool requests wait for it. */
  let scanned: Promise<void> = Promise.resolve();
  const ctx = (uri: string): FeatureContext => ({
    catalogue: views.for(uri),
    settings,
    manifest: scopes?.manifestSummary(uri),
    envKeys: scopes?.index.envKeys,
  });

  connection.onInitialize((params) => {
    canPullConfig = params.capabilities.workspace?.configuration === true;
    canShowProgress = params.capabilities.window?.workDoneProgress === true;
    const roots = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri }] : []))
      .map((f) => uriToPath(f.uri))
      .filter((p): p is string => p !== undefined);
    const init = (params.initializationOptions ?? {}) as InitOptions;
    if (roots.length) scopes = new ScopeService({ roots, catalogue, envKeys: init.envKeys });
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
    if (scopes) await (scanned = firstScan(scopes));
  });

  /** Reads the workspace once, with progress in the status bar, then publishes every finding. */
  async function firstScan(service: ScopeService): Promise<void> {
    const progress = canShowProgress ? await connection.window.createWorkDoneProgress() : undefined;
    progress?.begin('Bitrix24: checking scopes', 0, 'reading files…');
    let last = 0;
    const onProgress = ({ done, total }: { done: number; total: number }) => {
      const pct = Math.floor((done / Math.max(1, total)) * 100);
      if (pct !== last) progress?.report(pct, `${done}/${total} files`);
      last = pct;
    };
    try {
      await service.index.scan();
      onProgress({ done: 1, total: 1 });
      publishChanged();
    } catch (err) {
      connection.console.error(`Workspace scan failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      progress?.done();
    }
  }

  async function refreshSettings(): Promise<void> {
    try {
      const section = (await connection.workspace.getConfiguration('bitrix24')) as {
        diagnostics?: { enable?: boolean; rules?: FeatureSettings['rules'] };
      } | null;
      settings = { enable: section?.diagnostics?.enable ?? true, rules: section?.diagnostics?.rules ?? {} };
    } catch (err) {
      connection.console.warn(`Could not read settings, using defaults: ${String(err)}`);
    }
  }

  /** Everything we report for one URI: method and live checks (open documents) plus scope findings. */
  function publish(uri: string): void {
    const textDoc = documents.get(uri);
    const doc = textDoc && analysed.get(textDoc);
    const diagnostics: Diagnostic[] = [];
    if (doc && textDoc) {
      const c = ctx(uri);
      const now = Date.now();
      // A method the portal itself confirms (on-premise, newer than the docs) is not "unknown".
      const offline = diagnose(doc, textDoc, c).filter((d) => d.code !== 'unknown-method' || !portalConfirms(textDoc.getText(d.range), portalFacts, now));
      diagnostics.push(...offline, ...liveDiagnostics(doc, textDoc, portalFacts, c, now));
      askPortal(methodsToAsk(doc, c));
    }
    if (scopes) {
      // Method problems of closed files come from the index; a portal-confirmed method is not "unknown" there either.
      const now = Date.now();
      const keep = (f: { code: string; data: { kind: string; name?: string } }) =>
        f.code !== 'unknown-method' || f.data.kind !== 'reference' || !portalConfirms(f.data.name ?? '', portalFacts, now);
      diagnostics.push(...scopes.diagnostics(uri, settings, { open: doc !== undefined, keep }));
    }
    void connection.sendDiagnostics({ uri, diagnostics });
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

  function publishChanged(): void {
    for (const uri of scopes?.takeChangedUris() ?? []) if (!documents.get(uri)) publish(uri);
    documents.all().forEach((d) => publish(d.uri));
  }

  /** Runs an index update, then publishes what it changed; failures go to the log, never to the editor. */
  function indexThen(op: (s: ScopeService, path: string) => Promise<void>, uri: string): void {
    const path = uriToPath(uri);
    if (!scopes || !path) return;
    op(scopes, path).then(publishChanged, (err: unknown) => connection.console.error(`Scope index: ${String(err)}`));
  }

  // The workspace index follows typing after a short pause: a burst of keystrokes is one
  // update, and hover/completion requests queued behind an edit are answered first.
  const pendingIndex = new Map<string, NodeJS.Timeout>();
  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    publish(uri);
    clearTimeout(pendingIndex.get(uri));
    pendingIndex.set(
      uri,
      setTimeout(() => {
        pendingIndex.delete(uri);
        const doc = documents.get(uri);
        if (doc) indexThen((s, p) => s.index.update(p, doc.getText()), uri);
      }, INDEX_DEBOUNCE_MS),
    );
  });
  documents.onDidClose((e) => {
    clearTimeout(pendingIndex.get(e.document.uri));
    pendingIndex.delete(e.document.uri);
    analysed.forget(e.document.uri);
    publish(e.document.uri);
    indexThen((s, p) => s.index.changedOnDisk(p), e.document.uri);
  });
  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const c of changes) {
      if (documents.get(c.uri) && c.type === FileChangeType.Changed) continue; // the editor's text wins
      indexThen((s, p) => (c.type === FileChangeType.Deleted ? s.index.remove(p) : s.index.changedOnDisk(p)), c.uri);
    }
  });
  connection.onDidChangeConfiguration(async () => {
    await refreshSettings();
    // Severities may have changed: every file with findings, open or not, is published again.
    publishChanged();
    for (const uri of scopes?.urisWithFindings() ?? []) if (!documents.get(uri)) publish(uri);
  });
  connection.onNotification(protocol.PortalFactsNotification, (p: protocol.PortalFactsParams) => {
    portalFacts = p.facts ?? undefined;
    documents.all().forEach((d) => publish(d.uri));
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
    if (!doc || !textDoc || doc.family === 'plain') return null;
    return complete(completionContextAt(doc.text, doc.family, textDoc.offsetAt(position)), textDoc, ctx(textDoc.uri));
  });

  connection.onCompletionResolve((item) => resolveCompletion(item, { catalogue, settings }));

  connection.onCodeAction(({ textDocument, range, context }) => {
    const text = documents.get(textDocument.uri);
    const analysedDoc = text && analysed.get(text);
    return [
    ...methodCodeActions(textDocument.uri, context.diagnostics, analysedDoc && text ? { analysed: analysedDoc, text } : undefined),
    ...(scopes?.codeActions(textDocument.uri, range, context.diagnostics) ?? []),
    ];
  });

  connection.onRequest(protocol.ListMethodsRequest, (params: protocol.ListMethodsParams): protocol.MethodSummary[] =>
    catalogue.complete(params?.prefix ?? '', Number.MAX_SAFE_INTEGER).map((m) => ({
      name: m.name,
      version: m.version,
      scope: formatRequirement(m.requirement),
      title: m.title,
      url: m.url,
      deprecated: m.deprecated === true,
    })),
  );
  connection.onRequest(protocol.ScopeReportRequest, (p: protocol.ScopeReportParams): protocol.ScopeReportResult => ({
    markdown: scopes ? scopes.reportMarkdown(p.uri) : '# Scope report\n\nOpen a folder to check its scopes.\n',
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
