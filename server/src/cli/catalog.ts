/**
 * `bitrix24-scopes catalog [--format text|json] [--scope <code>]`: the whole
 * catalogue for other tools (json), or a per-scope overview for people.
 */
import { Catalogue } from '../catalogue/catalogue';
import { formatRequirement } from '../catalogue/requirement';
import type { CliIo } from './describe';

/** Runs the command; returns the exit code (0 ok, 1 unknown scope, 2 usage error). */
export async function run(args: string[], io: CliIo, catalogue: Catalogue = Catalogue.load()): Promise<number> {
  let format: 'text' | 'json' = 'text';
  let scope: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.split('=')[1] : args[++i];
      if (v !== 'text' && v !== 'json') {
        io.err(`bitrix24-scopes catalog: --format must be text or json, not '${v ?? ''}'\n`);
        return 2;
      }
      format = v;
    } else if (a === '--scope' || a.startsWith('--scope=')) {
      scope = a.includes('=') ? a.split('=')[1] : args[++i];
    } else {
      io.err(`bitrix24-scopes catalog: unknown argument ${a}\nusage: bitrix24-scopes catalog [--format text|json] [--scope <code>]\n`);
      return 2;
    }
  }
  if (scope !== undefined) {
    const info = catalogue.scope(scope);
    if (!info) {
      io.err(`unknown scope '${scope}'. Known scopes: ${catalogue.scopes().map((s) => s.code).join(', ')}\n`);
      return 1;
    }
    const methods = catalogue.methodsOfScope(scope);
    if (format === 'json') io.out(JSON.stringify({ scope: info, methods }, null, 2) + '\n');
    else {
      io.out(`${info.code} — ${info.tool}${info.deprecated ? ' (deprecated)' : ''}: ${methods.length} methods\n`);
      for (const m of methods) {
        io.out(`  ${m.name}${m.version === 3 ? ' [3.0]' : ''}  ${formatRequirement(m.requirement)}${m.deprecated ? '  (deprecated)' : ''}\n`);
      }
    }
    return 0;
  }
  if (format === 'json') {
    io.out(JSON.stringify(catalogue.data()) + '\n');
    return 0;
  }
  const methods = catalogue.methods();
  const v3 = methods.filter((m) => m.version === 3).length;
  io.out(
    `Bitrix24 REST method catalogue (documentation of ${catalogue.generated})\n` +
      `${methods.length} methods (REST 2: ${methods.length - v3}, REST 3.0: ${v3}), ` +
      `${catalogue.scopes().length} scopes, ${catalogue.events().length} events, ${catalogue.placements().length} placements\n\n`,
  );
  const width = Math.max(...catalogue.scopes().map((s) => s.code.length));
  for (const s of catalogue.scopes()) {
    const n = catalogue.methodsOfScope(s.code).length;
    io.out(`  ${s.code.padEnd(width)}  ${String(n).padStart(4)}  ${s.tool}${s.deprecated ? ' (deprecated)' : ''}\n`);
  }
  return 0;
}
