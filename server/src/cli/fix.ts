/**
 * `check --fix`: the manifest edits the editor offers as quick fixes (add every missing scope,
 * remove the unused ones), applied to the files on disk. Comments and layout are kept, as the
 * quick fixes keep them.
 */
import { writeFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findEnvScopes } from '../manifest/env-manifest';
import { addAllMissingFix, fixesFor, type Fix, type ManifestFile } from '../manifest/fixes';
import { parseManifest } from '../manifest/manifest';
import type { WorkspaceIndex } from '../workspace/workspace-index';

/** What `--fix` changed in one manifest. */
export interface ManifestChange {
  file: string;
  added: string[];
  removed: string[];
  /** Unused scopes left in place because the code may still need them (their finding is only a hint). */
  kept: string[];
}

/** The edits for every manifest of `index`; `write` saves them (tests pass a recorder). */
export function fixManifests(
  index: WorkspaceIndex,
  envKeys: readonly string[],
  write: (file: string, text: string) => void = (f, t) => writeFileSync(f, t),
): ManifestChange[] {
  const findings = index.findings();
  const changes: ManifestChange[] = [];
  for (const state of index.manifests()) {
    const base: Omit<ManifestFile, 'text'> = { file: state.file, format: state.parsed.format, envKeys };
    let text = state.text;
    const change: ManifestChange = { file: state.file, added: [], removed: [], kept: [] };
    const apply = (fix: Fix | undefined) => {
      if (!fix) return false;
      const doc = TextDocument.create('file:///manifest', 'plaintext', 0, text);
      text = TextDocument.applyEdits(doc, [fix.edit]);
      return true;
    };
    const before = new Set(declaredCodes(state.parsed.manifest.scopes));
    if (apply(addAllMissingFix(findings, { ...base, text }))) {
      change.added = [...new Set(declaredList({ ...base, text }))].filter((s) => !before.has(s));
    }
    const unused = findings.filter((f) => f.code === 'unused-scope' && f.data.kind === 'declared' && f.data.manifestFile === state.file);
    for (const f of unused) {
      if (f.data.kind !== 'declared') continue;
      const removal = fixesFor(f, { ...base, text }).find((x) => x.isPreferred);
      if (removal && apply(removal)) change.removed.push(f.data.scope);
      else change.kept.push(f.data.scope);
    }
    if (text !== state.text) write(state.file, text);
    if (change.added.length || change.removed.length || change.kept.length) changes.push(change);
  }
  return changes;
}

function declaredCodes(scopes: readonly { code: string }[] | undefined): string[] {
  return (scopes ?? []).map((s) => s.code);
}

/** The scope codes a manifest text declares. */
function declaredList(manifest: ManifestFile): string[] {
  if (manifest.format === 'env') return (findEnvScopes(manifest.text, manifest.envKeys ?? [])?.items ?? []).map((d) => d.code);
  return declaredCodes(parseManifest(manifest.text).manifest.scopes);
}
