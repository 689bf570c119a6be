/**
 * Regenerates the method catalogue from the official documentation:
 *
 *   npm run catalog [-- <docsPath>] [--out <file>] [--verbose]
 *
 * docsPath defaults to $BITRIX24_REST_DOCS, else ../shared/bitrix24-rest-docs
 * (relative to the repo).
 * Prints a summary and every page it could not classify; exits non-zero only
 * when the docs cannot be read or the result fails validation.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateCatalogue } from '../../server/src/catalogue/validate';
import { parseCommandLine, UsageError } from '../../server/src/cli/args';
import { generate, type GenerateResult } from './build';
import { docsRoot, repoRoot as repo } from './docs-location';
import { updateDocs } from './docs-report';
import { noteLines } from './editions';
import { loadOverrides } from './overrides';
import { serialiseCatalogue, serialiseRussian } from './serialise';

/** Default input and output locations (BITRIX24_REST_DOCS overrides the docs path). */
export const defaults = {
  docs: docsRoot(),
  out: join(repo, 'server', 'src', 'catalogue', 'catalogue.json'),
  overrides: join(repo, 'scripts', 'catalogue', 'overrides.json'),
  /** The catalogue document whose generated blocks (counts, disagreements) a run rewrites. */
  doc: join(repo, 'docs', 'catalogue.md'),
};

/** Where the Russian facts of a catalogue file go: catalogue.json → catalogue.ru.json. */
export function russianFile(out: string): string {
  return out.replace(/\.json$/, '.ru.json');
}

/** Renders the human summary printed after a run. */
export function summary(result: GenerateResult, verbose: boolean): string {
  const { data, report } = result;
  const v2 = data.methods.filter((m) => m.version === 2).length;
  const v3 = data.methods.length - v2;
  const unknown = data.methods.filter((m) => m.requirement.kind === 'unknown').length;
  const out: string[] = [
    `methods: ${data.methods.length} (REST 2: ${v2}, REST 3.0: ${v3}); unknown requirement: ${unknown}`,
    `scopes: ${data.scopes.length}; events: ${data.events.length}; placements: ${data.placements.length} (templates: ${
      data.placements.filter((p) => p.template).length
    }); unclassified pages: ${report.unclassified.length}`,
    `event directories: ${Object.entries(report.eventPages.kinds)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}; not classified: ${report.eventPages.notEvents.length}`,
    `pages: ${Object.entries(report.pages)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  ];
  const section = (title: string, items: string[], always = false) => {
    if (!items.length) return;
    out.push(`${title} (${items.length}):`);
    for (const x of always || verbose ? items : items.slice(0, 20)) out.push(`  ${x}`);
    if (!always && !verbose && items.length > 20) out.push(`  ... ${items.length - 20} more (--verbose)`);
  };
  section(
    'UNCLASSIFIED pages (add a page override or fix the generator)',
    report.unclassified.map((u) => `${u.path}: ${u.reason}`),
    true,
  );
  section('stale overrides (match nothing)', report.staleOverrides, true);
  section(
    'event-directory pages that document no event',
    report.eventPages.notEvents.map((u) => `${u.path}: ${u.reason}`),
    true,
  );
  section('problems', report.problems);
  section('English vs Russian spec disagreements (decide in overrides.json)', report.disagreements);
  section('English vs Russian page disagreements (recorded in editions)', noteLines(report.editions));
  section('duplicates dropped', report.duplicates);
  section(
    'names not taken from the heading',
    report.nameNotes.map((n) => `${n.path}: ${n.name} (${n.note})`),
  );
  return out.join('\n');
}

function main(argv: string[]): number {
  const { values, positionals } = parseCommandLine({ args: argv, options: { out: { type: 'string' }, verbose: { type: 'boolean' } }, allowPositionals: true });
  if (positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}'`);
  const docs = positionals[0] === undefined ? defaults.docs : resolve(positionals[0]);
  const out = values.out === undefined ? defaults.out : resolve(values.out);
  const verbose = values.verbose === true;
  const result = generate(docs, loadOverrides(defaults.overrides));
  const errors = validateCatalogue(result.data);
  if (errors.length) {
    process.stderr.write(`generated catalogue is invalid:\n  ${errors.slice(0, 20).join('\n  ')}\n`);
    return 1;
  }
  writeFileSync(out, serialiseCatalogue(result.data));
  writeFileSync(russianFile(out), serialiseRussian(result.russian));
  if (out === defaults.out && existsSync(defaults.doc)) writeFileSync(defaults.doc, updateDocs(readFileSync(defaults.doc, 'utf8'), result));
  process.stdout.write(`${summary(result, verbose)}\nwrote ${out} and ${russianFile(out)}\n`);
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = e instanceof UsageError ? 2 : 1;
  }
}
