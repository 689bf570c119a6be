/**
 * Language server wiring: connection, documents, capabilities, and one short
 * handler per request that fetches the document and calls a pure feature.
 */
import {
  CodeActionKind,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Catalogue } from './catalogue/catalogue';
import { completionContextAt } from './analysis/analyze';
import { AnalysedDocuments } from './analysed-documents';
import { defaultSettings, type FeatureContext, type FeatureSettings } from './features/context';
import { hover } from './features/hover';
import { complete } from './features/completion';
import { diagnose } from './features/diagnostics';
import { methodCodeActions } from './features/code-actions';
import { CatalogueStatsRequest, ListMethodsRequest, type CatalogueStats, type ListMethodsParams, type MethodSummary } from './protocol';
import { formatRequirement } from './catalogue/requirement';

/** Starts serving on `connection`; returns when wired (the connection is listening). */
export function startServer(connection: Connection): void {
  const catalogue = Catalogue.load();
  const documents = new TextDocuments(TextDocument);
  const analysed = new AnalysedDocuments(catalogue);
  let settings: FeatureSettings = defaultSettings;
  let canPullConfig = false;
  const ctx = (): FeatureContext => ({ catalogue, settings });

  connection.onInitialize((params): InitializeResult => {
    canPullConfig = params.capabilities.workspace?.configuration === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['.', "'", '"', '/', '`'], resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'bitrix24-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (canPullConfig) void refreshSettings();
  });

  async function refreshSettings(): Promise<void> {
    try {
      const section = (await connection.workspace.getConfiguration('bitrix24')) as
        | { diagnostics?: { enable?: boolean; rules?: FeatureSettings['rules'] } }
        | null;
      settings = { enable: section?.diagnostics?.enable ?? true, rules: section?.diagnostics?.rules ?? {} };
    } catch (err) {
      connection.console.warn(`Could not read settings, using defaults: ${String(err)}`);
    }
    documents.all().forEach(validate);
  }

  function validate(textDoc: TextDocument): void {
    const doc = analysed.get(textDoc);
    void connection.sendDiagnostics({ uri: textDoc.uri, diagnostics: doc ? diagnose(doc, textDoc, ctx()) : [] });
  }

  connection.onDidChangeConfiguration(() => void refreshSettings());
  documents.onDidChangeContent((e) => validate(e.document));
  documents.onDidClose((e) => {
    analysed.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover(({ textDocument, position }) => {
    const textDoc = documents.get(textDocument.uri);
    const doc = textDoc && analysed.get(textDoc);
    return doc && textDoc ? hover(doc, textDoc, position, ctx()) : null;
  });

  connection.onCompletion(({ textDocument, position }) => {
    const textDoc = documents.get(textDocument.uri);
    const doc = textDoc && analysed.get(textDoc);
    if (!doc || !textDoc) return [];
    return complete(completionContextAt(doc.text, doc.family, textDoc.offsetAt(position)), textDoc, ctx());
  });

  connection.onCodeAction(({ textDocument, context }) => methodCodeActions(textDocument.uri, context.diagnostics));

  connection.onRequest(ListMethodsRequest, (params: ListMethodsParams): MethodSummary[] =>
    catalogue.complete(params?.prefix ?? '', Number.MAX_SAFE_INTEGER).map((m) => ({
      name: m.name,
      version: m.version,
      scope: formatRequirement(m.requirement),
      title: m.title,
      url: m.url,
      deprecated: m.deprecated === true,
    })),
  );

  connection.onRequest(CatalogueStatsRequest, (): CatalogueStats => ({
    methods: catalogue.size,
    scopes: catalogue.scopes().length,
    events: catalogue.events().length,
  }));

  documents.listen(connection);
  connection.listen();
}
