/**
 * Language server wiring: connection, documents, capabilities, and one short
 * handler per request that fetches the document and asks the language service.
 */
import { CodeActionKind, ErrorCodes, FileChangeType, ResponseError, TextDocumentSyncKind, TextDocuments, type Connection } from 'vscode-languageserver';
import { LineDocument } from './line-document';
import { createLanguageService } from './language-service';
import { Publisher } from './publisher';
import { LanguageChoice, readClientSettings } from './service/client-settings';
import { ScanProgressReporter } from './scan-progress';
import { uriToPath } from './workspace/file-system';
import { runTool } from './mcp/tools';
import { ToolInputError } from './mcp/tool-types';
import { Debouncer } from './publish-limits';
import { scanExclude, type ExclusionSettings } from './workspace/scan-settings';
import * as protocol from './protocol';
import { VERSION } from './version';

/** Pause after the last edit of a document before the workspace index takes its text. */
const INDEX_DEBOUNCE_MS = 150;

interface InitOptions extends ExclusionSettings {
  envKeys?: string[];
  /** `en` | `ru`: the client's resolved choice, over the setting and the editor's locale. */
  locale?: string;
}

/** Starts serving on `connection`. */
export function startServer(connection: Connection): void {
  const service = createLanguageService();
  // Lines, not one string: an edit costs the lines it touches (keystroke storms on 1 MB files).
  const documents = new TextDocuments(LineDocument);
  let canPullConfig = false;
  let canShowProgress = false;
  /** Settles when the first workspace scan is done; tool requests wait for it. */
  let scanned: Promise<void> = Promise.resolve();
  let roots: string[] = [];
  let init: InitOptions = {};
  let exclusions: ExclusionSettings = {};
  const progress = new ScanProgressReporter(connection, () => canShowProgress);
  const publisher = new Publisher(connection, documents, service);
  /** Index updates wait for a pause in typing, per document. */
  const indexLater = new Debouncer();
  const language = new LanguageChoice();

  connection.onInitialize((params) => {
    canPullConfig = params.capabilities.workspace?.configuration === true;
    canShowProgress = params.capabilities.window?.workDoneProgress === true;
    roots = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri }] : []))
      .map((f) => uriToPath(f.uri))
      .filter((p): p is string => p !== undefined);
    init = (params.initializationOptions ?? {}) as InitOptions;
    exclusions = { scanExclude: init.scanExclude, filesExclude: init.filesExclude };
    service.configure({ locale: language.start(init.locale, params.locale) });
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['.', "'", '"', '/', '`'], resolveProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'bitrix24-language-server', version: VERSION },
    };
  });

  // Notification handlers return nothing to wait on; what they start logs its own failures.
  connection.onInitialized(
    () =>
      void (async () => {
        if (canPullConfig) await refreshSettings();
        if (!roots.length) return;
        const opts = {
          roots,
          envKeys: init.envKeys,
          exclude: scanExclude(exclusions),
          onProgress: progress.onProgress,
          onNotice: (m: string) => connection.console.info(m),
        };
        const scopes = service.openWorkspace(opts);
        await (scanned = progress.run('reading files…', scopes, () => scopes.index.scan(), publisher.publishChanged));
      })(),
  );

  async function refreshSettings(): Promise<void> {
    try {
      const [section, filesExclude] = (await connection.workspace.getConfiguration([{ section: 'bitrix24' }, { section: 'files.exclude' }])) as unknown[];
      const read = readClientSettings(section, filesExclude, exclusions);
      service.configure({ ...read.settings, locale: language.setting(read.language) });
      exclusions = read.exclusions;
    } catch (err) {
      connection.console.warn(`Could not read settings, using defaults: ${String(err)}`);
    }
  }

  // Typing is followed after short pauses, per document: a burst of keystrokes is one analysis,
  // one publish and one index update; hover/completion requests queued behind an edit are answered first.
  documents.onDidChangeContent(({ document: { uri } }) => {
    publisher.edited(uri);
    indexLater.schedule(uri, INDEX_DEBOUNCE_MS, () => {
      const doc = documents.get(uri);
      if (!doc) return;
      // The analysis the publish made of this text is taken over, not made again.
      const { text, earlier } = service.indexSource(doc);
      publisher.indexThen((s, p) => s.index.update(p, text, earlier), uri);
    });
  });
  documents.onDidClose(({ document: { uri } }) => {
    indexLater.cancel(uri);
    service.forget(uri);
    publisher.publish(uri);
    publisher.indexThen((s, p) => s.index.changedOnDisk(p), uri);
  });
  // Documents too large to analyse stay in the stdio reader's thread (transport/); only their length comes here.
  connection.onNotification(protocol.DocumentHeldNotification, ({ uri, length }) => publisher.hold(uri, length));
  connection.onNotification(protocol.DocumentReleasedNotification, ({ uri, reopened }) => publisher.release(uri, reopened));
  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const c of changes) {
      if (documents.get(c.uri) && c.type === FileChangeType.Changed) continue; // the editor's text wins
      publisher.indexThen((s, p) => (c.type === FileChangeType.Deleted ? s.index.remove(p) : s.index.changedOnDisk(p)), c.uri);
    }
  });
  connection.onDidChangeConfiguration(
    () =>
      void (async () => {
        const before = JSON.stringify(scanExclude(exclusions));
        await refreshSettings();
        const exclude = scanExclude(exclusions);
        const scopes = service.workspace;
        if (scopes && JSON.stringify(exclude) !== before)
          await progress.run('reading files…', scopes, () => scopes.index.setExclude(exclude), publisher.publishChanged);
        // Severities may have changed: every file with findings, open or not, is published again.
        publisher.publishOpen();
        for (const uri of service.urisWithFindings()) if (!documents.get(uri)) publisher.publish(uri);
      })(),
  );
  connection.onNotification(protocol.PortalFactsNotification, (p) => {
    service.setPortalFacts(p.facts ?? undefined);
    publisher.publishOpen();
    void connection.sendNotification(protocol.AppScopesChangedNotification);
  });

  const withDoc = <T>(uri: string, f: (doc: LineDocument) => T): T | null => {
    const doc = documents.get(uri);
    return doc ? f(doc) : null;
  };
  connection.onHover(({ textDocument, position }) => withDoc(textDocument.uri, (doc) => service.hover(doc, position)));
  connection.onCompletion(({ textDocument, position }) => withDoc(textDocument.uri, (doc) => service.complete(doc, position)));
  connection.onCompletionResolve((item) => service.resolveCompletion(item));
  connection.onCodeAction(({ textDocument, range, context }) =>
    service.codeActions(textDocument.uri, range, context.diagnostics, documents.get(textDocument.uri)),
  );

  connection.onRequest(protocol.ListMethodsRequest, (p) => service.listMethods(p?.prefix ?? ''));
  connection.onRequest(protocol.SearchCatalogueRequest, (p) => service.searchCatalogue(p.query ?? '', p.limit));
  connection.onRequest(protocol.ScopeReportRequest, (p) => ({ markdown: service.scopeReport(p.uri, { links: p.links }) }));
  connection.onRequest(protocol.AppScopesRequest, (p) => ({ manifests: service.appScopes(p.uri) }));
  connection.onRequest(protocol.ProposeManifestRequest, (p) => service.proposeManifest(p.folderUri) ?? null);
  connection.onRequest(protocol.RunToolRequest, async (p) => {
    await scanned;
    const siteRights = async (siteId: number, type?: string) =>
      (await connection.sendRequest(protocol.SiteRightsFromPortalRequest, { siteId, type })).operations;
    try {
      return await runTool(p.tool, p.input, service.toolContext(siteRights));
    } catch (err) {
      if (err instanceof ToolInputError) throw new ResponseError(ErrorCodes.InvalidParams, err.message);
      throw err;
    }
  });

  documents.listen(connection);
  connection.listen();
}
