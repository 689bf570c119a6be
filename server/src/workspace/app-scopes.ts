/**
 * The App Scopes view's data: per manifest, the scopes the code needs, the
 * manifest declares, misses and does not use, and what the connected portal
 * grants, each with the places that need it and the quick-fix edit that adds
 * or removes it. Reads the workspace index only; no I/O.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AppScopeEdit, AppScopeEntry, AppScopesManifest, AppScopeUse } from '../protocol';
import { pathToUri } from './file-system';
import type { Fix } from '../manifest/fixes';
import type { ManifestState } from './manifest-registry';
import { neededScopes } from './needed';
import { buildReport, type ReportCall } from './report';
import type { Finding, ScopeCatalogue } from '../manifest/types';
import type { WorkspaceIndex } from './workspace-index';

export interface AppScopesOptions {
  /** Scopes the connected portal grants (undefined: no portal connected). */
  granted?: readonly string[];
  /** Only the manifest covering this path. */
  path?: string;
}

/** What the App Scopes view shows for each manifest of the index. */
export function appScopes(index: WorkspaceIndex, catalogue: ScopeCatalogue, options: AppScopesOptions = {}): AppScopesManifest[] {
  const states = options.path ? [index.manifestFor(options.path)].filter((s): s is ManifestState => s !== undefined) : index.manifests();
  const all = index.findings();
  return states.map((state) => manifestScopes(index, catalogue, state, all, options.granted));
}

function manifestScopes(
  index: WorkspaceIndex,
  catalogue: ScopeCatalogue,
  state: ManifestState,
  all: readonly Finding[],
  granted?: readonly string[],
): AppScopesManifest {
  const own = all.filter((f) => 'manifestFile' in f.data && f.data.manifestFile === state.file);
  const files = index.filesOf(state.file);
  const view = index.view(state.file);
  const report = buildReport({ manifest: state, files, view, findings: own, label: (f) => f, catalogue });
  const granting = granted && new Set(granted);
  const entries = new Map<string, AppScopeEntry>();
  const entry = (code: string, init: Omit<AppScopeEntry, 'code' | 'uses'>): AppScopeEntry => {
    let e = entries.get(code);
    if (!e) entries.set(code, (e = { code, ...init, uses: [], granted: granting ? granting.has(code) : undefined }));
    return e;
  };
  const manifestUri = pathToUri(state.file);
  const toEdit = (fix: Fix | undefined): AppScopeEdit | undefined =>
    fix && { title: fix.title, uri: pathToUri(fix.file), range: fix.edit.range, newText: fix.edit.newText };

  for (const s of report.scopes) {
    const e = entry(s.code, { status: s.status, declared: true, needed: s.status === 'used' || s.calls.length > 0 });
    addUses(e, s.calls);
    if (s.status !== 'used') {
      const finding = own.find((f) => f.data.kind === 'declared' && f.data.scope === s.code && f.code === s.status);
      const fixes = finding ? index.codeActionsFor(finding) : [];
      e.remove = toEdit(fixes.find((f) => f.title.startsWith('Remove')));
    }
  }
  const missingFindings = own.filter((f) => (f.code === 'missing-scope' || f.code === 'missing-scope-call') && f.data.kind === 'missing');
  for (const m of report.missing) {
    const any = m.scopes.includes(' | ');
    const codes = any ? [m.scopes.split(' | ')[0]] : m.scopes.split(' + ');
    for (const code of codes) {
      const e = entry(code, { status: 'missing', declared: false, needed: true });
      if (any) e.alternatives = m.scopes.split(' | ');
      addUses(e, m.calls);
      if (!e.add) {
        const finding = missingFindings.find((f) => f.data.kind === 'missing' && f.data.scopes.includes(code));
        const fixes = finding ? index.codeActionsFor(finding) : [];
        e.add = toEdit(fixes.find((f) => f.title.includes(`'${code}'`)) ?? fixes.find((f) => f.isPreferred && f.edit.newText.includes(code)));
      }
    }
  }
  const scopes = [...entries.values()].sort((a, b) => a.code.localeCompare(b.code));
  for (const e of scopes) e.uses.sort((a, b) => a.uri.localeCompare(b.uri) || a.line - b.line || a.character - b.character);
  const needed = scopes.filter((e) => e.needed).map((e) => e.code);
  const span = state.parsed.manifest.scopesSpan;
  const doc = span && TextDocument.create(manifestUri, 'json', 0, state.text);
  const undecided = neededScopes({ files, catalogue, viewFor: () => view }).undecided.length;
  return {
    uri: manifestUri,
    label: index.label(state.file),
    scopesRange: doc && span ? { start: doc.positionAt(span.start), end: doc.positionAt(span.end) } : undefined,
    declared: report.scopes.map((s) => s.code),
    needed,
    missing: scopes.filter((e) => e.status === 'missing').map((e) => e.code),
    unused: scopes.filter((e) => e.status === 'unused-scope').map((e) => e.code),
    granted: granted ? [...granted].sort() : undefined,
    scopes,
    copyList: needed.join(','),
    undecided,
  };
}

function addUses(e: AppScopeEntry, calls: readonly ReportCall[]): void {
  for (const c of calls) {
    const use: AppScopeUse = { kind: c.kind ?? 'method', name: c.method, uri: pathToUri(c.file), line: c.line - 1, character: c.column - 1 };
    if (!e.uses.some((u) => u.uri === use.uri && u.line === use.line && u.character === use.character && u.name === use.name)) e.uses.push(use);
  }
}
