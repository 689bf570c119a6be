/**
 * Quick fixes for scope findings, as pure text computations. Every fix is one
 * TextEdit on the manifest file, so applying it is a single undo step.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { findEnvScopes } from './env-manifest';
import { insertEnvScope, removeEnvScope, replaceEnvScope } from './env-edits';
import { insertJsonScope, removeJsonItem, replaceJsonItem } from './json-edits';
import { parseManifest } from './manifest';
import type { DeclaredScope, Finding, FindingCode, ManifestFormat } from './types';

/** The manifest file a fix edits, as it is now. */
export interface ManifestFile {
  file: string;
  text: string;
  format: ManifestFormat;
  /** Scope keys of `.env*` files (needed when format is `env`). */
  envKeys?: readonly string[];
}

/** One quick fix: a single edit of one file. */
export interface Fix {
  title: string;
  file: string;
  edit: TextEdit;
  /** Codes of the findings this fix resolves. */
  fixes: FindingCode[];
  isPreferred: boolean;
}

/** Codes `fixesFor` can fix. */
export const FIXABLE_CODES: readonly FindingCode[] = [
  'missing-scope',
  'missing-scope-call',
  'unused-scope',
  'duplicate-scope',
  'unknown-scope',
  'deprecated-scope',
];

/** The quick fixes for one finding (best first); empty when none applies or the file changed too much. */
export function fixesFor(finding: Finding, manifest: ManifestFile): Fix[] {
  const data = finding.data;
  const name = baseName(manifest.file);
  if (data.kind === 'missing' && (finding.code === 'missing-scope' || finding.code === 'missing-scope-call')) {
    if (data.choice === 'all') {
      const fix = addScopesFix(manifest, data.scopes, `Add ${plural('scope', data.scopes)} to ${name}`, true);
      return fix ? [fix] : [];
    }
    return data.scopes.flatMap((s, i) => {
      const fix = addScopesFix(manifest, [s], `Add scope '${s}' to ${name}${i === 0 ? ' (least privilege)' : ''}`, i === 0);
      return fix ? [fix] : [];
    });
  }
  if (data.kind !== 'declared') return [];
  const declared = declaredList(manifest);
  const index = locate(declared, data.scope, data.index);
  if (index === -1) return [];
  const remove = (title: string, preferred: boolean) => edit(manifest, removeScope(manifest, declared, index), title, finding.code, preferred);
  const replace = (code: string) =>
    declared.some((d) => d.code === code)
      ? remove(`Remove '${data.scope}' ('${code}' is already declared)`, true)
      : edit(manifest, replaceScope(manifest, declared, index, code), `Replace '${data.scope}' with '${code}'`, finding.code, true);
  const fixes: (Fix | undefined)[] = [];
  switch (finding.code) {
    case 'unused-scope':
      fixes.push(remove(`Remove unused scope '${data.scope}'`, finding.severity !== 'hint'));
      break;
    case 'duplicate-scope':
      fixes.push(remove(`Remove duplicate scope '${data.scope}'`, true));
      break;
    case 'unknown-scope':
      if (data.suggestion) fixes.push(replace(data.suggestion));
      fixes.push(remove(`Remove unknown scope '${data.scope}'`, !data.suggestion));
      break;
    case 'deprecated-scope':
      if (data.suggestion) fixes.push(replace(data.suggestion));
      break;
    default:
      break;
  }
  return fixes.filter((f): f is Fix => f !== undefined);
}

/**
 * One fix adding every scope the `missing-scope` findings of this manifest ask
 * for; of alternatives, the first (least privilege) unless another choice already covers it.
 */
export function addAllMissingFix(findings: readonly Finding[], manifest: ManifestFile): Fix | undefined {
  const chosen: string[] = [];
  const missing = findings.flatMap((f) =>
    (f.code === 'missing-scope' || f.code === 'missing-scope-call') && f.data.kind === 'missing' && f.data.manifestFile === manifest.file ? [f.data] : [],
  );
  for (const m of missing.filter((x) => x.choice === 'all')) m.scopes.forEach((s) => chosen.includes(s) || chosen.push(s));
  for (const m of missing.filter((x) => x.choice === 'any')) if (!m.scopes.some((s) => chosen.includes(s))) chosen.push(m.scopes[0]);
  if (chosen.length === 0) return undefined;
  const fix = addScopesFix(manifest, chosen, `Add all missing scopes to ${baseName(manifest.file)} (${chosen.sort().join(', ')})`, false);
  return fix && { ...fix, fixes: ['missing-scope'] };
}

/** `manifest` with `scopes` added at their sorted places; undefined when the file cannot be edited. */
export function withScopesAdded(manifest: ManifestFile, scopes: readonly string[]): string | undefined {
  let text: string | undefined = manifest.text;
  for (const s of scopes) {
    if (text === undefined) return undefined;
    const current = declaredList({ ...manifest, text });
    if (current.some((d) => d.code === s)) continue;
    text = manifest.format === 'json' ? insertJsonScope(text, s) : insertEnvScope(text, manifest.envKeys ?? [], s);
  }
  return text;
}

/** The single edit turning `before` into `after` (their common start and end left alone). */
export function singleEdit(before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  const doc = TextDocument.create('file:///before', 'plaintext', 0, before);
  return {
    range: { start: doc.positionAt(start), end: doc.positionAt(before.length - end) },
    newText: after.slice(start, after.length - end),
  };
}

function addScopesFix(manifest: ManifestFile, scopes: readonly string[], title: string, preferred: boolean): Fix | undefined {
  return edit(manifest, withScopesAdded(manifest, scopes), title, 'missing-scope', preferred);
}

function edit(manifest: ManifestFile, after: string | undefined, title: string, code: FindingCode, preferred: boolean): Fix | undefined {
  if (after === undefined || after === manifest.text) return undefined;
  return { title, file: manifest.file, edit: singleEdit(manifest.text, after), fixes: [code], isPreferred: preferred };
}

function declaredList(manifest: ManifestFile): DeclaredScope[] {
  if (manifest.format === 'env') return findEnvScopes(manifest.text, manifest.envKeys ?? [])?.items ?? [];
  return parseManifest(manifest.text).manifest.scopes ?? [];
}

/** The declared item a finding points at: by index when the code still matches, else the last with that code. */
function locate(declared: DeclaredScope[], code: string, index: number): number {
  if (declared[index]?.code === code) return index;
  for (let i = declared.length - 1; i >= 0; i--) if (declared[i].code === code) return i;
  return -1;
}

function removeScope(manifest: ManifestFile, declared: DeclaredScope[], index: number): string | undefined {
  if (manifest.format === 'env') return removeEnvScope(manifest.text, manifest.envKeys ?? [], index);
  return removeJsonItem(manifest.text, declared[index].span.start - 1);
}

function replaceScope(manifest: ManifestFile, declared: DeclaredScope[], index: number, code: string): string | undefined {
  if (manifest.format === 'env') return replaceEnvScope(manifest.text, manifest.envKeys ?? [], index, code);
  return replaceJsonItem(manifest.text, declared[index].span.start - 1, code);
}

function plural(word: string, items: readonly string[]): string {
  return `${word}${items.length > 1 ? 's' : ''} ${items.map((s) => `'${s}'`).join(', ')}`;
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}
