/**
 * `bitrix24-scopes needed [dir] [--format text|json] [--env-key KEY]`: the
 * least scope set the code needs, with the calls, events and placements that
 * need each scope, and what could not be decided. Works without a manifest.
 * Exit 0, or 2 on a usage mistake.
 */
import { parseOrExplain, type Io } from '../workspace/cli-support';
import { openWorkspace } from './open-workspace';
import type { NeededScopes } from '../workspace/needed';
import { fromCwd } from './terminal';
import { cliTexts } from './cli-texts';
import type { Locale } from '../l10n/locale';
import { neededTexts } from '../l10n/needed-texts';

const USAGE = 'usage: bitrix24-scopes needed [dir] [--format text|json] [--env-key KEY]... [--lang en|ru]\n';

/** Evidence lines printed per scope in text output before "… and N more". */
const TEXT_EVIDENCE = 5;

/** Runs the command; resolves to the exit code. */
export async function run(args: string[], io: Io): Promise<number> {
  const options = parseOrExplain(args, ['text', 'json'], io, 'needed', USAGE);
  if (!options) return 2;
  const { service } = await openWorkspace(options, io);
  const result = service.neededScopes()!;
  const dir = options.dir;
  const show = (label: string) => (io.cwd === undefined ? label : fromCwd(dir, label, io.cwd));
  io.out(options.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : toText(result, show, options.locale ?? io.locale));
  return 0;
}

/**
 * The result as lines for people: scopes with their evidence, the choices made, then what is
 * undecided; `show` turns a file label into the path printed (default: as is).
 */
export function toText(r: NeededScopes, show: (label: string) => string = (l) => l, locale?: Locale): string {
  const t = cliTexts(locale);
  const word = neededTexts(locale).evidence;
  const out: string[] = [];
  out.push(t.scopesNeeded(r.scopes));
  for (const scope of r.scopes) {
    const list = r.evidence[scope] ?? [];
    out.push('', t.uses(scope, list.length));
    for (const e of list.slice(0, TEXT_EVIDENCE)) out.push(`  ${show(e.file)}:${e.line} ${word[e.kind]} ${e.name}`);
    if (list.length > TEXT_EVIDENCE) out.push(t.more(list.length - TEXT_EVIDENCE));
  }
  if (r.choices.length) {
    out.push('', t.choices);
    for (const c of r.choices) out.push(t.choice(c.scope, c.among.join(' | '), c.why));
  }
  if (r.undecided.length) {
    out.push('', t.undecided(r.undecided.length));
    for (const u of r.undecided) out.push(`  ${show(u.file)}:${u.line} ${u.kind} ${u.name}: ${u.reason}`);
  }
  return `${out.join('\n')}\n`;
}
