/**
 * `bitrix24-scopes scan [dir] [--format text|json] [--env-key KEY]`: every REST
 * call found (file, line, method, requirement, resolved or built at run time)
 * and the manifest that covers it. Exit 0 unless the options are wrong (2).
 */
import { escapeControl, parseOrExplain, SCAN_OPTIONS_USAGE, type Io } from '../workspace/cli-support';
import { openWorkspace } from './open-workspace';
import type { ReportCall } from '../workspace/report';
import { fromCwd } from './terminal';
import { cliTexts } from './cli-texts';

const USAGE = `usage: bitrix24-scopes scan [dir] [--format text|json] ${SCAN_OPTIONS_USAGE}\n`;

/** One call as `scan --format json` lists it. */
export interface ScannedCall extends ReportCall {
  /** The manifest covering the file, or null. */
  manifest: string | null;
}

/** Runs the command; resolves to the exit code. */
export async function run(args: string[], io: Io): Promise<number> {
  const options = parseOrExplain(args, ['text', 'json'], io, 'scan', USAGE);
  if (!options) return 2;
  const { index } = await openWorkspace(options, io);
  const groups = [...index.manifests().map((m) => m.file), undefined];
  const calls: ScannedCall[] = groups
    .flatMap((file) => index.report(file).calls.map((c) => ({ ...c, manifest: file ? index.label(file) : null })))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  if (options.format === 'json') {
    io.out(`${JSON.stringify({ calls }, null, 2)}\n`);
  } else {
    const show = (label: string) => (io.cwd === undefined ? label : fromCwd(options.dir, label, io.cwd));
    const t = cliTexts(options.locale ?? io.locale);
    for (const c of calls)
      io.out(`${escapeControl(show(c.file))}:${c.line}:${c.column} ${escapeControl(c.method)} ${c.resolved ? c.requirement : t.builtAtRunTime}\n`);
    io.out(`${t.scanSummary(calls.length, calls.filter((c) => !c.resolved).length)}\n`);
  }
  return 0;
}
