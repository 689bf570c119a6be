/**
 * `bitrix24-scopes describe <method> [--version 2|3] [--format text|json]`:
 * what one REST method needs — scope, who can execute, flags, parameters
 * and its documentation page.
 */
import { Catalogue } from '../catalogue/catalogue';
import { formatRequirement } from '../catalogue/requirement';
import type { MethodInfo, ParamInfo } from '../catalogue/types';
import { parseCommandLine, UsageError } from './args';

/** Output sinks, so tests can capture them. */
export interface CliIo {
  out(s: string): void;
  err(s: string): void;
}

interface Options {
  name?: string;
  format: 'text' | 'json';
  version?: 2 | 3;
}

function readOptions(args: string[]): Options | string {
  let parsed;
  try {
    parsed = parseCommandLine({ args, options: { format: { type: 'string' }, version: { type: 'string' } }, allowPositionals: true });
  } catch (err) {
    if (err instanceof UsageError) return err.message;
    throw err;
  }
  const { values, positionals } = parsed;
  const o: Options = { format: 'text', name: positionals[0] };
  if (positionals.length > 1) return `one method at a time (got '${positionals[0]}' and '${positionals[1]}')`;
  if (values.format !== undefined) {
    if (values.format !== 'text' && values.format !== 'json') return `--format must be text or json, not '${values.format}'`;
    o.format = values.format;
  }
  if (values.version !== undefined) {
    const v = values.version;
    if (v !== '2' && v !== '3' && v !== '3.0') return `--version must be 2 or 3, not '${v}'`;
    o.version = v === '2' ? 2 : 3;
  }
  return o;
}

function paramList(ps: ParamInfo[], indent: string): string[] {
  return ps.flatMap((p) => [
    `${indent}${p.name}${p.required ? '*' : ''} (${p.type})`,
    ...(p.fields ? paramList(p.fields, indent + '  ') : []),
  ]);
}

/** Human-readable description of one method entry. */
export function describeText(m: MethodInfo): string {
  const lines = [
    `${m.name} (REST ${m.version === 3 ? '3.0' : '2'})${m.title ? ` — ${m.title}` : ''}`,
    `  scope:        ${formatRequirement(m.requirement)}${m.scopeNote ? `; ${m.scopeNote}` : ''}`,
    `  who:          ${m.who || 'not documented'} [${m.whoClass}]`,
  ];
  if (m.deprecated) lines.push(`  deprecated:   yes${m.replacement ? `, use ${m.replacement}` : ''}`);
  if (m.appOnly) lines.push('  app only:     works only from an application, not a webhook');
  if (m.adminConfirm) lines.push('  confirmation: the administrator must confirm the call');
  if (m.custom) lines.push('  custom:       declared by the app, not documented');
  if (m.params.length) lines.push('  parameters (* required):', ...paramList(m.params, '    '));
  else lines.push('  parameters:   none documented');
  if (m.url) lines.push(`  docs:         ${m.url}`);
  return lines.join('\n') + '\n';
}

/** Runs the command; returns the exit code (0 found, 1 unknown method, 2 usage error). */
export async function run(args: string[], io: CliIo, catalogue: Catalogue = Catalogue.load()): Promise<number> {
  const o = readOptions(args);
  if (typeof o === 'string' || !o.name) {
    io.err(`bitrix24-scopes describe: ${typeof o === 'string' ? o : 'name a method'}\nusage: bitrix24-scopes describe <method> [--version 2|3] [--format text|json]\n`);
    return 2;
  }
  const all = catalogue.versions(o.name);
  const found = o.version ? all.filter((m) => m.version === o.version) : all;
  if (found.length === 0) {
    const suggestions = catalogue.suggest(o.name);
    const what = o.version && all.length ? `has no REST ${o.version === 3 ? '3.0' : '2'} version` : 'is not in the catalogue';
    if (o.format === 'json') {
      io.out(JSON.stringify({ error: `${o.name} ${what}`, query: o.name, suggestions }, null, 2) + '\n');
    } else {
      io.err(`${o.name} ${what}.${suggestions.length ? ` Did you mean: ${suggestions.join(', ')}?` : ''}\n`);
    }
    return 1;
  }
  if (o.format === 'json') {
    const methods = found.map((m) => ({ ...m, requirementText: formatRequirement(m.requirement) }));
    io.out(JSON.stringify({ query: o.name, methods }, null, 2) + '\n');
  } else {
    io.out(found.map(describeText).join('\n'));
  }
  return 0;
}
