/**
 * Tools over the open workspace: `needed_scopes` (least scope set with the calls
 * that need each), `check_manifest` (missing / unused / forbidden scopes) and
 * `check_snippet` (a piece of code checked against the catalogue and this
 * workspace's manifest).
 */
import { isAbsolute, join } from 'node:path';
import { analyse } from '../analysis/analyse';
import { familyOf } from '../analysis/family';
import { formatRequirement } from '../catalogue/requirement';
import { normalisePath, relativeTo } from '../workspace/file-system';
import type { ManifestState } from '../workspace/manifest-registry';
import { shortfall } from '../manifest/scope-arithmetic';
import type { WorkspaceIndex } from '../workspace/workspace-index';
import { neededTexts } from '../l10n/needed-texts';
import { capped, limitOf, limitProperty, ToolInputError, type ToolContext, type ToolDefinition } from './tool-types';

const NO_FOLDER = 'No folder is open: open the app’s folder (or start bitrix24-mcp in it) to check its scopes.';

/** Resolves a folder or file given relative to the first root (or absolute inside a root). */
export function resolveInWorkspace(ctx: ToolContext, given: unknown, what: string): string | undefined {
  if (typeof given !== 'string' || !given.trim() || given.trim() === '.') return undefined;
  const raw = given.trim();
  const abs = normalisePath(isAbsolute(raw) ? raw : join(ctx.roots[0] ?? '.', raw));
  if (!ctx.roots.some((r) => relativeTo(r, abs) !== undefined))
    throw new ToolInputError(`${what} "${raw}" is outside the workspace (${ctx.roots.join(', ')}).`);
  return abs.replace(/\/$/, '');
}

export const neededScopesTool: ToolDefinition = {
  name: 'needed_scopes',
  title: 'Scopes this Bitrix24 app needs',
  description:
    'Computes the least set of Bitrix24 REST scopes the code in this workspace (or one folder of it) needs, from every REST call found in its ' +
    'JS/TS, PHP, Python, Go, Java, C# and shell files, with the call sites (file:line) that need each scope, the least-privilege choices made where ' +
    'a method accepts several scopes, and the calls whose scope cannot be told. Compares with the manifest (bitrix24.json or .env) when there is one. Offline.',
  inputSchema: {
    type: 'object',
    properties: {
      folder: { type: 'string', description: 'A folder of the workspace, relative to its root (default: the whole workspace).', maxLength: 1000 },
      limit: limitProperty,
    },
    additionalProperties: false,
  },
  async run(input, ctx) {
    const index = ctx.workspace;
    if (!index) return { text: NO_FOLDER, isError: true };
    const folder = resolveInWorkspace(ctx, input.folder, 'folder');
    const needed = index.needed(folder, ctx.locale);
    const evidenceWord = neededTexts(ctx.locale).evidence;
    const limit = limitOf(input);
    const where = folder ? index.label(folder) || '.' : 'the workspace';
    const lines = [`Least scopes for ${where}: ${needed.scopes.join(', ') || 'none'} (${needed.scopes.length})`];
    lines.push(
      ...capped(
        needed.scopes,
        limit,
        (s) =>
          `- ${s}: ${capped(needed.evidence[s] ?? [], 3, (e) => `${e.kind === 'method' ? '' : `${evidenceWord[e.kind]} `}${e.name} (${e.file}:${e.line})`, '').join(', ')}`,
        'pass a "folder" to narrow, or raise "limit".',
      ),
    );
    if (needed.choices.length) lines.push('Least-privilege choices:', ...capped(needed.choices, 5, (c) => `- ${c.scope}: ${c.why}`, ''));
    if (needed.undecided.length)
      lines.push(
        'Not decided:',
        ...capped(
          needed.undecided,
          5,
          (u) => `- ${u.name} (${u.file}:${u.line}): ${u.reason}`,
          'list them in the manifest’s "methods.extra" or fix the names.',
        ),
      );
    const manifest = folder ? index.manifestFor(`${folder}/x`) : index.manifests()[0];
    const declared = manifest?.parsed.manifest.scopes?.map((s) => s.code);
    if (manifest && declared) {
      const missing = needed.scopes.filter((s) => !declared.includes(s));
      const extra = declared.filter((s) => !needed.scopes.includes(s));
      lines.push(
        `${index.label(manifest.file)} declares: ${declared.join(', ') || 'nothing'}; missing: ${missing.join(', ') || 'none'}; not needed by the code: ${extra.join(', ') || 'none'}.`,
      );
    } else lines.push('No manifest declares scopes here yet; write these in bitrix24.json "scopes".');
    return { text: lines.join('\n') };
  },
};

export const checkManifest: ToolDefinition = {
  name: 'check_manifest',
  title: 'Check the Bitrix24 app manifest',
  description:
    'Checks each Bitrix24 app manifest of this workspace (bitrix24.json or a .env scope key) against the code: scopes the code needs but the manifest ' +
    'does not declare (missing — the app would get insufficient_scope), declared scopes no call needs (unused — Market moderation asks why), unknown, ' +
    'deprecated or forbidden scopes, with file:line for each finding. Offline.',
  inputSchema: {
    type: 'object',
    properties: {
      manifest: { type: 'string', description: 'Path of one manifest, relative to the workspace root (default: all).', maxLength: 1000 },
      limit: limitProperty,
    },
    additionalProperties: false,
  },
  async run(input, ctx) {
    const index = ctx.workspace;
    if (!index) return { text: NO_FOLDER, isError: true };
    const only = resolveInWorkspace(ctx, input.manifest, 'manifest');
    const manifests = index.manifests().filter((m) => !only || m.file === only);
    if (!manifests.length) {
      return only
        ? {
            text: `${input.manifest as string} is not a manifest this workspace uses; manifests: ${
              index
                .manifests()
                .map((m) => index.label(m.file))
                .join(', ') || 'none'
            }.`,
            isError: true,
          }
        : { text: 'No manifest (bitrix24.json or .env scope key) in this workspace. needed_scopes tells what to declare.' };
    }
    const limit = limitOf(input);
    const findings = index.findings();
    const parts = manifests.map((m) =>
      manifestText(
        index,
        m,
        findings.filter((f) => ownerOf(index, f.file) === m.file),
        limit,
      ),
    );
    return { text: parts.join('\n\n') };
  },
};

function ownerOf(index: WorkspaceIndex, file: string): string | undefined {
  return index.manifestFor(file)?.file;
}

function manifestText(index: WorkspaceIndex, m: ManifestState, findings: ReturnType<WorkspaceIndex['findings']>, limit: number): string {
  const report = index.report(m.file);
  const declared = m.parsed.manifest.scopes?.map((s) => s.code);
  const lines = [`${index.label(m.file)} declares: ${declared ? declared.join(', ') || 'nothing' : 'unreadable scopes'}`];
  if (report.missing.length)
    lines.push(
      `Missing: ${report.missing.map((x) => `${x.scopes} (${x.calls.length} call(s), e.g. ${x.calls[0]?.method} at ${x.calls[0]?.file}:${x.calls[0]?.line})`).join('; ')}`,
    );
  else lines.push('Missing: none');
  const unused = report.scopes.filter((s) => s.status !== 'used').map((s) => `${s.code} (${s.status})`);
  lines.push(`Declared but not needed or not valid: ${unused.join(', ') || 'none'}`);
  const sorted = [...findings].sort((a, b) => a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line);
  if (sorted.length) {
    lines.push(`${sorted.length} finding(s):`);
    lines.push(
      ...capped(
        sorted,
        limit,
        (f) => `- ${index.label(f.file)}:${f.range.start.line + 1} ${f.severity} ${f.code}: ${f.message}`,
        'pass one "manifest" or raise "limit".',
      ),
    );
  } else lines.push('No findings: the declared scopes equal what the code needs.');
  return lines.join('\n');
}

const LANGUAGES = ['javascript', 'typescript', 'php', 'python', 'go', 'java', 'csharp', 'shellscript', 'http', 'markdown'];

export const checkSnippet: ToolDefinition = {
  name: 'check_snippet',
  title: 'Check a Bitrix24 REST code snippet',
  description:
    'Checks a piece of code (e.g. one you just wrote) for its Bitrix24 REST calls: each method exists in the documentation (with "did you mean" otherwise), ' +
    'is called with the right REST version, its scope is declared in this workspace’s manifest, who can execute it, and whether it needs administrator ' +
    'confirmation or works only from an app. Offline; nothing is run.',
  inputSchema: {
    type: 'object',
    properties: {
      code: { type: 'string', description: 'The code to check.', maxLength: 50_000 },
      language: { type: 'string', description: `Language of the code: ${LANGUAGES.join(', ')} (or a file extension such as "js").`, maxLength: 40 },
      file: {
        type: 'string',
        description: 'Where the code will live, relative to the workspace root: picks the manifest that covers it (default: the first manifest).',
        maxLength: 1000,
      },
      limit: limitProperty,
    },
    required: ['code', 'language'],
    additionalProperties: false,
  },
  async run(input, ctx) {
    const lang = String(input.language).trim().toLowerCase();
    const family = familyOf(lang) ?? familyOf('', `snippet.${lang}`) ?? (lang === 'js' ? 'js' : undefined);
    if (!family) throw new ToolInputError(`check_snippet: unknown language "${lang}"; use one of ${LANGUAGES.join(', ')}.`);
    const index = ctx.workspace;
    const file = resolveInWorkspace(ctx, input.file, 'file');
    const manifest = index ? (file ? index.manifestFor(file) : index.manifests()[0]) : undefined;
    const view = index ? index.view(manifest?.file) : undefined;
    const declared = manifest?.parsed.manifest.scopes ? new Set(manifest.parsed.manifest.scopes.map((s) => s.code)) : undefined;
    // A PHP snippet usually comes without its opening tag; without one the lexer sees only HTML.
    const given = String(input.code);
    const code = family === 'php' && !given.includes('<?') ? `<?php ${given}` : given;
    const analysis = analyse(code, family, view ?? ctx.catalogue);
    const lineOf = (offset: number) => code.slice(0, offset).split('\n').length;
    const findings: string[] = [];
    for (const ref of analysis.references) {
      const at = `line ${lineOf(ref.start)}`;
      const known = ctx.catalogue.versions(ref.name);
      const m = ref.version ? known.find((x) => x.version === ref.version) : (known.find((x) => x.version === 2) ?? known[0]);
      const custom = view?.get(ref.name);
      if (!m && custom?.custom) {
        findings.push(`- ${ref.name} (${at}): declared by the manifest as a custom method, scope ${formatRequirement(custom.requirement)}.`);
        continue;
      }
      if (!m) {
        if (known.length)
          findings.push(
            `- ${ref.name} (${at}): no REST ${ref.version === 3 ? '3.0' : '2'} version; it exists as REST ${known.map((x) => (x.version === 3 ? '3.0 (/rest/api/)' : '2')).join(' and ')}.`,
          );
        else {
          const s = ctx.catalogue.suggest(ref.name);
          findings.push(`- ${ref.name} (${at}): not a documented method${s.length ? `; did you mean ${s.join(', ')}?` : '.'}`);
        }
        continue;
      }
      const notes = [`scope ${formatRequirement(m.requirement)}`];
      if (declared && m.requirement.kind !== 'basic' && m.requirement.kind !== 'unknown') {
        const lack = shortfall(m.requirement, declared);
        notes.push(
          lack.satisfied ? 'declared' : `NOT declared in ${index?.label(manifest!.file)} (add ${lack.scopes.join(lack.choice === 'any' ? ' or ' : ' and ')})`,
        );
      }
      notes.push(`who: ${m.who || 'not documented'}`);
      if (m.deprecated) notes.push(`deprecated${m.replacement ? `, use ${m.replacement}` : ''}`);
      if (m.adminConfirm) notes.push('needs administrator confirmation (OnAppMethodConfirm)');
      if (m.appOnly)
        notes.push(
          manifest?.parsed.manifest.kind === 'webhook' ? 'app-only: fails from this webhook integration (WRONG_AUTH_TYPE)' : 'app-only: not from a webhook',
        );
      findings.push(`- ${m.name}${m.version === 3 ? ' (REST 3.0)' : ''} (${at}): ${notes.join('; ')}`);
    }
    for (const u of analysis.unresolved) findings.push(`- ${u.pattern} (line ${lineOf(u.start)}): the method name is built at run time; cannot check it.`);
    if (!findings.length) return { text: 'No Bitrix24 REST calls found in the snippet.' };
    const head = manifest
      ? `Checked against ${index!.label(manifest.file)}.`
      : index
        ? 'No manifest covers this code: scopes were not compared.'
        : 'No workspace open: scopes were not compared.';
    return { text: [head, ...capped(findings, limitOf(input), (f) => f, 'check a smaller snippet or raise "limit".')].join('\n') };
  },
};
