/**
 * `bitrix24-scopes catalog [--scope <code>] [--scopes] [--format text|json]`: the
 * methods (all, or one scope's) for people, a per-scope overview, or the whole
 * catalogue for other tools (json).
 */
import { Catalogue } from '../catalogue/catalogue';
import { formatRequirement } from '../catalogue/requirement';
import type { CliIo } from './describe';
import type { MethodInfo } from '../catalogue/types';
import { parseCommandLine, UsageError } from './args';

const USAGE = 'usage: bitrix24-scopes catalog [--scope <code>] [--scopes] [--format text|json]\n';

/** Runs the command; returns the exit code (0 ok, 1 unknown scope, 2 usage error). */
export async function run(args: string[], io: CliIo, catalogue: Catalogue = Catalogue.load()): Promise<number> {
  let values: { format?: string; scope?: string; scopes?: boolean };
  try {
    ({ values } = parseCommandLine({ args, options: { format: { type: 'string' }, scope: { type: 'string' }, scopes: { type: 'boolean' } } }));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`bitrix24-scopes catalog: ${err.message}\n${USAGE}`);
    return 2;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') {
    io.err(`bitrix24-scopes catalog: --format must be text or json, not '${format}'\n${USAGE}`);
    return 2;
  }
  const scope = values.scope;
  if (scope !== undefined) {
    const info = catalogue.scope(scope);
    if (!info) {
      io.err(
        `unknown scope '${scope}'. Known scopes: ${catalogue
          .scopes()
          .map((s) => s.code)
          .join(', ')}\n`,
      );
      return 1;
    }
    const methods = catalogue.methodsOfScope(scope);
    if (format === 'json') io.out(JSON.stringify({ scope: info, methods }, null, 2) + '\n');
    else {
      io.out(`${info.code} — ${info.tool}${info.deprecated ? ' (deprecated)' : ''}: ${methods.length} methods\n`);
      for (const m of methods) io.out(methodLine(m, 0));
    }
    return 0;
  }
  if (format === 'json') {
    io.out(JSON.stringify(catalogue.data()) + '\n');
    return 0;
  }
  const methods = catalogue.methods();
  const v3 = methods.filter((m) => m.version === 3).length;
  if (values.scopes) {
    io.out(
      `Scopes of the Bitrix24 REST catalogue (documentation of ${catalogue.generated}): ${catalogue.scopes().length} scopes, ${methods.length} methods\n\n`,
    );
    const width = Math.max(...catalogue.scopes().map((s) => s.code.length));
    for (const s of catalogue.scopes()) {
      const n = catalogue.methodsOfScope(s.code).length;
      io.out(`  ${s.code.padEnd(width)}  ${String(n).padStart(4)}  ${s.tool}${s.deprecated ? ' (deprecated)' : ''}\n`);
    }
    return 0;
  }
  io.out(
    `All ${methods.length} methods (REST 2: ${methods.length - v3}, REST 3.0: ${v3}) of the Bitrix24 REST catalogue ` +
      `(documentation of ${catalogue.generated}): name, then the scope it needs.\n` +
      `Also ${catalogue.scopes().length} scopes (--scopes), ${catalogue.events().length} events, ${catalogue.placements().length} placements (--format json).\n`,
  );
  const width = Math.max(...methods.map((m) => m.name.length + (m.version === 3 ? 6 : 0)));
  for (const m of [...methods].sort((a, b) => a.name.localeCompare(b.name) || a.version - b.version)) io.out(methodLine(m, width));
  return 0;
}

/** `  name [3.0]  requirement  (deprecated)`, the name padded to `width` for a column. */
function methodLine(m: MethodInfo, width: number): string {
  return `  ${`${m.name}${m.version === 3 ? ' [3.0]' : ''}`.padEnd(width)}  ${formatRequirement(m.requirement)}${m.deprecated ? '  (deprecated)' : ''}\n`;
}
