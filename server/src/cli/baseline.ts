/**
 * `check --baseline <file|git-ref>`: a CI gate that fails when the code needs
 * a scope the baseline manifest did not declare ("this change adds `disk`").
 * The baseline is a manifest file, or a git revision whose copy of each
 * manifest is compared with the code as it is now.
 */
import { execFileSync } from 'node:child_process';
import { statSync, readFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { parseEnvManifest } from '../manifest/env-manifest';
import { parseManifest } from '../manifest/manifest';
import type { ManifestState } from '../workspace/manifest-registry';
import { checkScopes } from '../manifest/scope-check';
import type { Finding, ParsedManifest, ScopeCatalogue } from '../manifest/types';
import type { WorkspaceIndex } from '../workspace/workspace-index';
import { ruleMessage } from '../rules';
import { UsageError } from './args';

/** Where baseline manifests come from. */
export type BaselineSource = { kind: 'file'; path: string } | { kind: 'git'; ref: string };

/** A file when one exists at `value`, else a git revision (checked when first read). */
export function baselineSource(value: string): BaselineSource {
  try {
    if (statSync(resolve(value)).isFile()) return { kind: 'file', path: resolve(value) };
  } catch {
    // not a file: a git revision
  }
  return { kind: 'git', ref: value };
}

/** The `scope-added` findings: per manifest, each scope the code needs that its baseline did not declare. */
export function baselineFindings(index: WorkspaceIndex, source: BaselineSource, catalogue: ScopeCatalogue): Finding[] {
  const out: Finding[] = [];
  for (const state of index.manifests()) {
    const base = readBaseline(state, source, index.envKeys);
    const label = base.label;
    const parsed = base.parsed ?? emptyParsed();
    // The baseline's own problems are not this change's; only what it lacks matters here.
    const check = checkScopes({
      manifest: { file: state.file, displayName: label, text: base.text ?? '', parsed: { ...parsed, problems: [] } },
      files: index.filesOf(state.file),
      catalogue,
      label: (f) => index.label(f),
    });
    const at = state.parsed.manifest.scopesSpan;
    const range = at ? rangeIn(state.text, at.start, at.end) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    for (const f of check) {
      if (f.code !== 'missing-scope' || f.data.kind !== 'missing') continue;
      const scope = f.data.scopes[0];
      const uses = f.related?.length ?? 0;
      out.push({
        code: 'scope-added',
        severity: 'error',
        message: ruleMessage('scope-added', {
          scope,
          uses: `${uses} use${uses === 1 ? '' : 's'} (${f.related
            ?.slice(0, 3)
            .map((r) => `${index.label(r.file)}:${r.range.start.line + 1}`)
            .join(', ')}${uses > 3 ? ', …' : ''})`,
          baseline: label,
        }),
        file: state.file,
        range,
        data: { kind: 'manifest', manifestFile: state.file },
        related: f.related,
      });
    }
  }
  return out;
}

function readBaseline(state: ManifestState, source: BaselineSource, envKeys: readonly string[]): { label: string; text?: string; parsed?: ParsedManifest } {
  const name = basename(state.file);
  let text: string | undefined;
  let label: string;
  if (source.kind === 'file') {
    text = readFileSync(source.path, 'utf8');
    label = relative(process.cwd(), source.path) || source.path;
    return { label, text, parsed: parse(basename(source.path), text, envKeys) };
  }
  label = `${source.ref}:${name}`;
  try {
    execFileSync('git', ['-C', dirname(state.file), 'rev-parse', '--verify', '--quiet', `${source.ref}^{commit}`], { stdio: 'pipe' });
  } catch {
    throw new UsageError(`--baseline '${source.ref}' is neither a file nor a git revision of the repository holding ${name}`);
  }
  try {
    text = execFileSync('git', ['-C', dirname(state.file), 'show', `${source.ref}:./${name}`], { stdio: 'pipe', encoding: 'utf8', maxBuffer: 8 * 1024 * 1024 });
  } catch {
    // The manifest did not exist at that revision: it declared nothing.
    return { label: `${label} (absent)`, text: '', parsed: emptyParsed() };
  }
  return { label, text, parsed: parse(name, text, envKeys) };
}

function parse(name: string, text: string, envKeys: readonly string[]): ParsedManifest {
  if (name === 'bitrix24.json' || name.endsWith('.json')) return parseManifest(text);
  return parseEnvManifest(text, envKeys) ?? emptyParsed();
}

function emptyParsed(): ParsedManifest {
  const parsed = parseManifest('{ "scopes": [] }');
  return { ...parsed, problems: [] };
}

function rangeIn(text: string, start: number, end: number) {
  const pos = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
  };
  return { start: pos(start), end: pos(end) };
}
