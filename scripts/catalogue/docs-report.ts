/**
 * The generated parts of docs/catalogue.md: the counts of a run, written
 * between `<!-- generated:NAME:start -->` and `<!-- generated:NAME:end -->`
 * markers so the prose around them stays hand-written. Output depends only
 * on the generated data and report, so it is as reproducible as catalogue.json.
 */
import { russianUrl } from '../../server/src/catalogue/links';
import { formatRequirement } from '../../server/src/catalogue/requirement';
import type { EditionFacts } from '../../server/src/catalogue/types';
import type { GenerateResult } from './build';

/** The counts table of a run. */
export function countsBlock({ data, russian, report }: GenerateResult): string {
  const v2 = data.methods.filter((m) => m.version === 2).length;
  const unknown = data.methods.filter((m) => m.requirement.kind === 'unknown').length;
  const ev = report.eventPages.kinds;
  const kinds: [keyof typeof ev, string][] = [
    ['event', 'event pages'],
    ['index', 'overviews'],
    ['method', 'methods'],
    ['js', 'JS call-card events'],
    ['guide', 'guides'],
  ];
  const sources = data.sources.map((s) => `${s.name} ${s.commit.slice(0, 7)}`).join(', ');
  return [
    `Counts at the documentation of ${data.generated} (${sources}), as \`npm run catalog\` reports them:`,
    '',
    '| what | count |',
    '| --- | --- |',
    `| methods | ${data.methods.length} (REST 2: ${v2}, REST 3.0: ${data.methods.length - v2}; unknown requirement: ${unknown}) |`,
    `| deprecated methods | ${data.methods.filter((m) => m.deprecated).length} (superseded: development halted, still working: ${data.methods.filter((m) => m.superseded).length}) |`,
    `| scopes | ${data.scopes.length} |`,
    `| events | ${data.events.length} |`,
    `| with Russian facts (methods, events, placements, scopes) | ${[
      [russian.methods, data.methods],
      [russian.events, data.events],
      [russian.placements, data.placements],
      [russian.scopes, data.scopes],
    ]
      .map(([ru, en]) => `${Object.keys(ru).length}/${(en as unknown[]).length}`)
      .join(', ')} |`,
    `| English/Russian disagreements (methods, events) | ${report.editions.filter((n) => n.kind === 'method').length}, ${report.editions.filter((n) => n.kind === 'event').length} |`,
    `| pages under \`events*\` directories | ${kinds.map(([k, label]) => `${ev[k] ?? 0} ${label}`).join(', ')}; not classified: ${report.eventPages.notEvents.length} |`,
    `| placements | ${data.placements.length} (templates: ${data.placements.filter((p) => p.template).length}) |`,
    `| unclassified pages | ${report.unclassified.length} |`,
  ].join('\n');
}

/** The list of methods and events whose English and Russian pages disagree (scopes or deprecation). */
export function disagreementsBlock({ report }: GenerateResult): string {
  if (!report.editions.length) return 'The two editions agree on every method and event.';
  const say = (f: EditionFacts) => `\`${formatRequirement(f.requirement)}\`${f.deprecated ? ', deprecated' : ''}`;
  const rows = report.editions.map((n) => {
    const ru = russianUrl(n.url, { title: '' });
    return `| ${n.kind} \`${n.name}\` | ${say(n.en)} | ${say(n.ru)} | [en](${n.url}) · [ru](${ru ?? ''}) |`;
  });
  return [`${report.editions.length} disagreements:`, '', '| entry | English | Russian | pages |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** Replaces the block between the markers of `name`; throws when the markers are missing. */
export function replaceBlock(doc: string, name: string, body: string): string {
  const start = `<!-- generated:${name}:start -->`;
  const end = `<!-- generated:${name}:end -->`;
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) throw new Error(`docs/catalogue.md has no ${start} ... ${end} markers`);
  return `${doc.slice(0, i + start.length)}\n${body}\n${doc.slice(j)}`;
}

/** docs/catalogue.md with every generated block brought up to date. */
export function updateDocs(doc: string, result: GenerateResult): string {
  return replaceBlock(replaceBlock(doc, 'counts', countsBlock(result)), 'disagreements', disagreementsBlock(result));
}
