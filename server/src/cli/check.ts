/**
 * `bitrix24-scopes check [dir] [--format text|json|sarif] [--env-key KEY] [--baseline FILE|REF]`:
 * the editor's findings (the same rules, severities, manifest `rules` and
 * suppression comments) for a whole folder, for CI. Exit 1 when there is an
 * error (or no manifest at all), 2 on a usage mistake.
 */
import { pathToFileURL } from 'node:url';
import { commandOptions, escapeControl, SCAN_OPTIONS, SCAN_OPTIONS_USAGE, type Io } from '../workspace/cli-support';
import { openWorkspace } from './open-workspace';
import { parseCommandLine, UsageError } from './args';
import { RULE_CODES, RULES, ruleDocAnchor } from '../rules';
import { baselineFindings, baselineSource } from './baseline';
import { fixManifests, type ManifestChange } from './fix';
import { fromCwd, palette } from './terminal';
import type { Finding, Severity } from '../manifest/types';
import type { WorkspaceIndex } from '../workspace/workspace-index';
import { VERSION } from '../version';
import { cliTexts, type CliTexts } from './cli-texts';

const USAGE = `usage: bitrix24-scopes check [dir] [--format text|json|sarif] [--fix] ${SCAN_OPTIONS_USAGE} [--baseline FILE|GIT-REF]\n`;

/** Runs the command; resolves to the exit code. */
export async function run(args: string[], io: Io): Promise<number> {
  let options;
  let baseline: string | undefined;
  let fix = false;
  try {
    const parsed = parseCommandLine({ args, options: { ...SCAN_OPTIONS, fix: { type: 'boolean' }, baseline: { type: 'string' } }, allowPositionals: true });
    ({ baseline, fix = false } = parsed.values);
    options = commandOptions(parsed, ['text', 'json', 'sarif']);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`bitrix24-scopes check: ${err.message}\n${USAGE}`);
    return 2;
  }
  let { service, index } = await openWorkspace(options, io);
  if (fix) {
    const changes = fixManifests(index, options.envKeys);
    io.err(describeChanges(changes, (f) => shownPath(io, options.dir, index.label(f))));
    // Check again, so what follows is the state after the fixes.
    if (changes.some((c) => c.added.length || c.removed.length)) ({ service, index } = await openWorkspace(options));
  }
  let gate: Finding[] = [];
  try {
    if (baseline !== undefined) gate = baselineFindings(index, baselineSource(baseline), service.catalogue);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`bitrix24-scopes check: ${err.message}\n${USAGE}`);
    return 2;
  }
  const findings = [...index.findings(), ...gate].sort(
    (a, b) =>
      index.label(a.file).localeCompare(index.label(b.file)) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  const manifests = index.manifests();
  if (options.format === 'json') io.out(`${JSON.stringify(toJson(index, findings), null, 2)}\n`);
  else if (options.format === 'sarif') io.out(`${JSON.stringify(toSarif(index, findings, options.dir), null, 2)}\n`);
  else io.out(toText(index, findings, (label) => shownPath(io, options.dir, label), palette(io.colour === true), cliTexts(options.locale ?? io.locale)));
  if (manifests.length === 0) {
    io.err(
      `bitrix24-scopes check: no bitrix24.json (or .env scope key) under ${options.dir}. ` +
        'Write one listing the scopes the app requests; `bitrix24-scopes scan` shows what the code calls.\n',
    );
    return 1;
  }
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

function physical(at: ReturnType<typeof location>) {
  return {
    artifactLocation: { uri: encodeURI(at.file), uriBaseId: 'SRCROOT' },
    region: { startLine: at.line, startColumn: at.column, endLine: at.endLine, endColumn: at.endColumn },
  };
}

function location(index: WorkspaceIndex, f: Pick<Finding, 'file' | 'range'>) {
  return {
    file: index.label(f.file),
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
  };
}

/** A label (relative to the scanned folder) as text output shows it: relative to the terminal's folder when known. */
function shownPath(io: Io, dir: string, label: string): string {
  return io.cwd === undefined ? label : fromCwd(dir, label, io.cwd);
}

/** What `--fix` did, one line per manifest (to stderr, so json and sarif output stay clean). */
function describeChanges(changes: ManifestChange[], show: (file: string) => string): string {
  if (!changes.length) return 'fix: nothing to change\n';
  return changes
    .map((c) => {
      const parts = [c.added.length ? `added ${c.added.join(', ')}` : '', c.removed.length ? `removed ${c.removed.join(', ')}` : ''].filter(Boolean);
      const kept = c.kept.length ? `; kept ${c.kept.join(', ')} (the code may still need ${c.kept.length === 1 ? 'it' : 'them'})` : '';
      return `fix: ${escapeControl(show(c.file))}: ${parts.length ? parts.join('; ') : 'unchanged'}${kept}\n`;
    })
    .join('');
}

const SEVERITY_STYLE = { error: 'red', warning: 'yellow', info: 'cyan', hint: 'dim' } as const;

function toText(index: WorkspaceIndex, findings: Finding[], show: (label: string) => string, style: ReturnType<typeof palette>, t: CliTexts): string {
  const lines = findings.flatMap((f) => {
    const at = location(index, f);
    // Every use of a missing scope, indented under the one problem.
    const related = (f.related ?? []).map((r) => {
      const rel = location(index, r);
      return `  ${escapeControl(show(rel.file))}:${rel.line}:${rel.column} ${escapeControl(r.message)}`;
    });
    const severity = style[SEVERITY_STYLE[f.severity]](f.severity);
    return [`${escapeControl(show(at.file))}:${at.line}:${at.column} ${severity} ${style.dim(f.code)} ${escapeControl(f.message)}`, ...related];
  });
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const files = new Set(index.manifests().flatMap((m) => index.filesOf(m.file).map((f) => f.file))).size;
  // What each app's code needs: the list its settings form wants.
  for (const m of index.manifests()) {
    const needs = index.needed(m.folder).scopes;
    lines.push(t.needs(escapeControl(show(index.label(m.file))), needs.map(escapeControl)));
  }
  const errors = count('error');
  const summary = t.summary({ errors, warnings: count('warning'), hints: count('hint') + count('info'), manifests: index.manifests().length, files });
  lines.push(errors ? style.bold(summary) : summary);
  return `${lines.join('\n')}\n`;
}

function toJson(index: WorkspaceIndex, findings: Finding[]) {
  return {
    manifests: index.manifests().map((m) => ({
      file: index.label(m.file),
      format: m.parsed.format,
      kind: m.parsed.manifest.kind ?? null,
      scopes: m.parsed.manifest.scopes?.map((s) => s.code) ?? null,
    })),
    findings: findings.map((f) => ({
      ...location(index, f),
      severity: f.severity,
      code: f.code,
      message: f.message,
      ...(f.related ? { related: f.related.map((r) => ({ ...location(index, r), message: r.message })) } : {}),
    })),
  };
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0, with every rule described so code-scanning UIs can explain results. */
function toSarif(index: WorkspaceIndex, findings: Finding[], dir: string) {
  const codes = RULE_CODES;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'bitrix24-scopes',
            version: VERSION,
            rules: codes.map((id) => ({
              id,
              shortDescription: { text: RULES[id].description },
              defaultConfiguration: { level: SARIF_LEVEL[RULES[id].severity] },
              help: { text: `${RULES[id].description} See ${ruleDocAnchor(id)}.` },
              properties: { category: RULES[id].category, docs: ruleDocAnchor(id) },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: `${pathToFileURL(dir).href}/` } },
        results: findings.map((f) => {
          const at = location(index, f);
          return {
            ruleId: f.code,
            ruleIndex: codes.indexOf(f.code),
            level: SARIF_LEVEL[f.severity],
            message: { text: f.message },
            locations: [{ physicalLocation: physical(at) }],
            relatedLocations: f.related?.map((r, id) => ({ id, message: { text: r.message }, physicalLocation: physical(location(index, r)) })),
          };
        }),
      },
    ],
  };
}
