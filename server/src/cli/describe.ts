/**
 * `bitrix24-scopes describe <method> [--version 2|3] [--format text|json]`:
 * what one REST method needs — scope, who can execute, flags, parameters
 * and its documentation page.
 */
import { Catalogue } from '../catalogue/catalogue';
import { formatRequirement } from '../catalogue/requirement';
import type { MethodInfo, ParamInfo } from '../catalogue/types';
import { parseCommandLine, UsageError } from './args';
import { langOption } from '../workspace/cli-support';
import { russianUrl } from '../catalogue/links';
import type { Locale } from '../l10n/locale';
import { cliTexts } from './cli-texts';

/** Output sinks, so tests can capture them. */
export interface CliIo {
  out(s: string): void;
  err(s: string): void;
  /** The language when `--lang` is not given (the binary's, from the environment). */
  locale?: Locale;
}

interface Options {
  name?: string;
  format: 'text' | 'json';
  version?: 2 | 3;
  locale?: Locale;
}

function readOptions(args: string[]): Options | string {
  let parsed;
  try {
    parsed = parseCommandLine({ args, options: { format: { type: 'string' }, version: { type: 'string' }, lang: { type: 'string' } }, allowPositionals: true });
  } catch (err) {
    if (err instanceof UsageError) return err.message;
    throw err;
  }
  const { values, positionals } = parsed;
  let locale: Locale | undefined;
  try {
    locale = langOption(values.lang);
  } catch (err) {
    if (err instanceof UsageError) return err.message;
    throw err;
  }
  const o: Options = { format: 'text', name: positionals[0], locale };
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
  return ps.flatMap((p) => [`${indent}${p.name}${p.required ? '*' : ''} (${p.type})`, ...(p.fields ? paramList(p.fields, indent + '  ') : [])]);
}

/**
 * Human-readable description of one method entry, in `locale`: Russian uses the Russian
 * edition's title, "Кто может выполнять метод" line and apidocs.bitrix24.ru page.
 */
export function describeText(m: MethodInfo, locale: Locale = 'en', catalogue?: Catalogue): string {
  const t = cliTexts(locale);
  const ru = locale === 'ru' ? catalogue?.russian(m) : undefined;
  const title = ru?.title || m.title;
  const who = (ru ? ru.who : undefined) ?? m.who;
  const url = (ru && russianUrl(m.url, ru)) ?? m.url;
  const lines = [
    `${m.name} (REST ${m.version === 3 ? '3.0' : '2'})${title ? ` — ${title}` : ''}`,
    `${t.scope}${formatRequirement(m.requirement)}${m.scopeNote ? `; ${m.scopeNote}` : ''}`,
    `${t.who}${who || t.notDocumented} [${m.whoClass}]`,
  ];
  if (m.editions && formatRequirement(m.editions.en.requirement) !== formatRequirement(m.editions.ru.requirement)) {
    lines.push(t.editions(formatRequirement(m.editions.en.requirement), formatRequirement(m.editions.ru.requirement)));
  }
  if (m.deprecated) lines.push(t.deprecated(m.replacement));
  if (m.appOnly) lines.push(t.appOnly);
  if (m.adminConfirm) lines.push(t.confirmation);
  if (m.custom) lines.push(t.custom);
  if (m.params.length) lines.push(t.parameters, ...paramList(m.params, '    '));
  else lines.push(t.noParameters);
  if (url) lines.push(`${t.docs}${url}`);
  return lines.join('\n') + '\n';
}

/** Runs the command; returns the exit code (0 found, 1 unknown method, 2 usage error). */
export async function run(args: string[], io: CliIo, catalogue: Catalogue = Catalogue.load()): Promise<number> {
  const o = readOptions(args);
  if (typeof o === 'string' || !o.name) {
    io.err(
      `bitrix24-scopes describe: ${typeof o === 'string' ? o : 'name a method'}\nusage: bitrix24-scopes describe <method> [--version 2|3] [--format text|json] [--lang en|ru]\n`,
    );
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
    // Both editions' facts, under stable keys, whatever the language.
    const methods = found.map((m) => {
      const ru = catalogue.russian(m);
      return {
        ...m,
        requirementText: formatRequirement(m.requirement),
        ...(ru ? { ru: { title: ru.title, who: ru.who ?? null, url: russianUrl(m.url, ru) ?? null } } : {}),
      };
    });
    io.out(JSON.stringify({ query: o.name, methods }, null, 2) + '\n');
  } else {
    io.out(found.map((m) => describeText(m, o.locale ?? io.locale, catalogue)).join('\n'));
  }
  return 0;
}
