/**
 * Least-privilege scopes in the editor: owns the workspace index, turns its
 * findings into diagnostics and quick fixes, and answers the report and
 * create-manifest requests. The language service calls it; it never touches a connection.
 */
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { Catalogue } from './catalogue/catalogue';
import { pathToUri, uriToPath, type WorkspaceFileSystem } from './workspace/file-system';
import { defaultAnalyser } from './workspace/default-analyser';
import { renderMarkdown } from './workspace/report';
import { appScopes } from './workspace/app-scopes';
import type { AppScopesManifest } from './protocol';
import type { Finding } from './manifest/types';
import { WorkspaceIndex, type ScanProgress } from './workspace/workspace-index';
import { DIAGNOSTIC_SOURCE, type FeatureSettings, type ManifestSummary, type ScopeUse } from './features/context';
import type { Locale } from './l10n/locale';
import { severityOf } from './features/rules';

export interface ScopeServiceOptions {
  roots: string[];
  catalogue: Catalogue;
  /** Where files are read (the disk, or an in-memory one in tests). */
  fileSystem: WorkspaceFileSystem;
  envKeys?: string[];
  /** Globs of folders and files the scan leaves out (default: the index's defaults). */
  exclude?: readonly string[];
  onProgress?: (p: ScanProgress) => void;
  /** Log lines about files left out that no diagnostic can show. */
  onNotice?: (message: string) => void;
  /** The language of the findings' messages (default English). */
  locale?: Locale;
}

export class ScopeService {
  readonly index: WorkspaceIndex<Catalogue>;
  /** Scope findings last published per file path. */
  private readonly published = new Map<string, Finding[]>();

  private readonly catalogue: Catalogue;

  constructor(options: ScopeServiceOptions) {
    this.catalogue = options.catalogue;
    this.index = new WorkspaceIndex({
      roots: options.roots,
      fs: options.fileSystem,
      catalogue: options.catalogue,
      analyser: defaultAnalyser,
      envKeys: options.envKeys,
      exclude: options.exclude,
      onProgress: options.onProgress,
      onNotice: options.onNotice,
      locale: options.locale,
    });
  }

  /** Findings of files that changed since the last call, as URIs (an empty list clears a file). */
  takeChangedUris(): string[] {
    const uris: string[] = [];
    for (const [path, findings] of this.index.takeChanges()) {
      this.published.set(path, findings);
      uris.push(pathToUri(path));
    }
    return uris;
  }

  /** Every file that has scope findings now (to re-publish when severities change). */
  urisWithFindings(): string[] {
    return [...this.published].filter(([, findings]) => findings.length > 0).map(([path]) => pathToUri(path));
  }

  /**
   * The index's diagnostics for one file, with the user's severities. With
   * `open`, the file's own method/event/placement problems are left out: the
   * editor reports those from the open document's current text.
   */
  diagnostics(uri: string, settings: FeatureSettings, options: { open?: boolean; keep?: (f: Finding) => boolean } = {}): Diagnostic[] {
    const path = uriToPath(uri);
    const findings = path ? (this.published.get(path) ?? this.index.diagnosticsFor(path)) : [];
    const out: Diagnostic[] = [];
    for (const f of findings) {
      if (options.open && f.data.kind === 'reference') continue;
      if (options.keep && !options.keep(f)) continue;
      const severity = severityOf(f.code, f.severity, settings);
      if (severity === undefined) continue;
      out.push({
        range: f.range,
        severity,
        code: f.code,
        source: DIAGNOSTIC_SOURCE,
        message: f.message,
        tags: f.code === 'unused-scope' && severity === DiagnosticSeverity.Hint ? [1] : undefined,
        relatedInformation: f.related?.map((r) => ({ location: { uri: pathToUri(r.file), range: r.range }, message: r.message })),
        data: f.data.kind === 'reference' ? { suggestions: f.data.suggestions, replacement: f.data.replacement, entityTypeId: f.data.entityTypeId } : undefined,
      });
    }
    return out;
  }

  /** Quick fixes for scope findings touching `range`, plus "create a manifest" for a file no manifest covers. */
  codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
    const path = uriToPath(uri);
    if (!path) return [];
    const actions: CodeAction[] = [];
    for (const { finding, fixes } of this.index.codeActionsAt(path, range)) {
      const matching = diagnostics.filter((d) => d.code === finding.code && sameRange(d.range, finding.range));
      for (const fix of fixes) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: matching,
          isPreferred: fix.isPreferred,
          edit: { changes: { [pathToUri(fix.file)]: [fix.edit] } },
        });
      }
    }
    const create = this.createManifestAction(path);
    if (create) actions.push(create);
    return actions;
  }

  /** "Create bitrix24.json" for a source file with calls that no manifest covers. */
  private createManifestAction(path: string): CodeAction | undefined {
    if (this.index.manifestFor(path)) return undefined;
    const file = this.index.filesOf().find((f) => f.file === path);
    if (!file || file.calls.length === 0) return undefined;
    const root = this.index.roots.find((r) => path.startsWith(r + '/'));
    if (!root) return undefined;
    const proposal = this.index.proposeManifest(root);
    return {
      title: `Create bitrix24.json declaring ${proposal.scopes.length} scope(s) the code calls`,
      kind: CodeActionKind.QuickFix,
      edit: createFileEdit(pathToUri(proposal.file), proposal.text),
    };
  }

  /** The scope report for the manifest covering `uri` (or the files without one), as Markdown. */
  reportMarkdown(uri?: string, options: { links?: boolean } = {}): string {
    const path = uri ? uriToPath(uri) : undefined;
    const manifest = path ? this.index.manifestFor(path) : this.index.manifests()[0];
    // Report locations are relative to the workspace folder holding the manifest (else the first one).
    const root = this.index.roots.find((r) => manifest?.file.startsWith(r + '/')) ?? this.index.roots[0];
    const link = (file: string, line: number) => `${pathToUri(file.startsWith('/') || /^[A-Za-z]:/.test(file) || !root ? file : `${root}/${file}`)}#L${line}`;
    return renderMarkdown(this.index.report(manifest?.file), options.links ? { link } : {});
  }

  /** The App Scopes view's data: every manifest, or the one covering `uri`; `granted` from the connected portal. */
  appScopes(uri?: string, granted?: readonly string[]): AppScopesManifest[] {
    const path = uri ? uriToPath(uri) : undefined;
    if (uri && !path) return [];
    return appScopes(this.index, this.catalogue, { path, granted });
  }

  /** The uses of one scope in the app whose manifest covers `uri` (undefined: no manifest covers it). */
  scopeUses(uri: string, code: string): ScopeUse[] | undefined {
    const [m] = this.appScopes(uri);
    if (!m) return undefined;
    const uses = m.scopes.find((s) => s.code === code)?.uses ?? [];
    return uses.map((u) => ({ kind: u.kind, name: u.name, uri: u.uri, line: u.line, label: this.index.label(uriToPath(u.uri) ?? u.uri) }));
  }

  /** A proposed bitrix24.json for a folder, as a workspace edit creating it (undefined when one exists). */
  proposeManifest(folderUri: string): { uri: string; text: string; scopes: string[]; notes: string[] } | undefined {
    const folder = uriToPath(folderUri);
    if (!folder) return undefined;
    const p = this.index.proposeManifest(folder);
    return { uri: pathToUri(p.file), text: p.text, scopes: p.scopes, notes: p.notes };
  }

  /** The manifest covering `uri`, for the hover's "declared by the manifest" line. */
  manifestSummary(uri: string): ManifestSummary | undefined {
    const path = uriToPath(uri);
    const state = path ? this.index.manifestFor(path) : undefined;
    const scopes = state?.parsed.manifest.scopes;
    if (!state || !scopes) return undefined;
    return { label: this.index.label(state.file), scopes: new Set(scopes.map((s) => s.code)), rules: state.parsed.manifest.rules };
  }
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function createFileEdit(uri: string, text: string): CodeAction['edit'] {
  return {
    documentChanges: [
      { kind: 'create', uri, options: { ignoreIfExists: true } },
      { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] },
    ],
  };
}
