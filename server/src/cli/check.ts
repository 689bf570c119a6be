/**
 * `bitrix24-scopes check [dir] [--format text|json|sarif] [--env-key KEY]`:
 * the editor's scope findings for a whole folder, for CI. Exit 1 when there is
 * an error (or no manifest at all), 2 on a usage mistake.
 */
import { pathToFileURL } from 'node:url';
import { escapeControl, openWorkspace, parseOptions, SCAN_OPTIONS_USAGE, UsageError, type Io } from '../manifest/cli-support';
import { SCOPE_RULES } from '../manifest/rules';
import type { Finding, FindingCode, Severity } from '../manifest/types';
import type { WorkspaceIndex } from '../manifest/workspace-index';

const USAGE = `usage: bitrix24-scopes check [dir] [--format text|json|sarif] ${SCAN_OPTIONS_USAGE}\n`;
const VERSION = '0.1.0';

/** Runs the command; resolves to the exit code. */
export async function run(args: string[], io: Io): Promise<number> {
  let options;
  try {
    options = parseOptions(args, ['text', 'json', 'sarif']);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`bitrix24-scopes check: ${err.message}\n${USAGE}`);
    return 2;
  }
  const index = await openWorkspace(options, io);
  const findings = index
    .findings()
    .sort((a, b) => index.label(a.file).localeCompare(index.label(b.file)) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const manifests = index.manifests();
  if (options.format === 'json') io.out(`${JSON.stringify(toJson(index, findings), null, 2)}\n`);
  else if (options.format === 'sarif') io.out(`${JSON.stringify(toSarif(index, findings, options.dir), null, 2)}\n`);
  else io.out(toText(index, findings));
  if (manifests.length === 0) {
    io.err(
      `bitrix24-scopes check: no bitrix24.json (or .env scope key) under ${options.dir}. ` +
        'Write one listing the scopes the app requests; `bitrix24-scopes scan` shows what the code calls.\n',
    );
    return 1;
  }
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

function location(index: WorkspaceIndex, f: Finding) {
  return {
    file: index.label(f.file),
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
  };
}

function toText(index: WorkspaceIndex, findings: Finding[]): string {
  const lines = findings.map((f) => {
    const at = location(index, f);
    return `${escapeControl(at.file)}:${at.line}:${at.column} ${f.severity} ${f.code} ${escapeControl(f.message)}`;
  });
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const files = new Set(index.manifests().flatMap((m) => index.filesOf(m.file).map((f) => f.file))).size;
  lines.push(`${count('error')} error(s), ${count('warning')} warning(s), ${count('hint') + count('info')} hint(s); ${index.manifests().length} manifest(s), ${files} file(s) checked`);
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
    findings: findings.map((f) => ({ ...location(index, f), severity: f.severity, code: f.code, message: f.message })),
  };
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0, with every rule described so code-scanning UIs can explain results. */
function toSarif(index: WorkspaceIndex, findings: Finding[], dir: string) {
  const codes = Object.keys(SCOPE_RULES) as FindingCode[];
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
              shortDescription: { text: SCOPE_RULES[id].description },
              defaultConfiguration: { level: SARIF_LEVEL[SCOPE_RULES[id].severity] },
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
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: encodeURI(at.file), uriBaseId: 'SRCROOT' },
                  region: { startLine: at.line, startColumn: at.column, endLine: at.endLine, endColumn: at.endColumn },
                },
              },
            ],
          };
        }),
      },
    ],
  };
}
