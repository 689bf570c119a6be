/**
 * The plan of an apply: `landing.site.setRights` replaces a site's whole
 * rule set, so the plan is the full set that will be sent, compared with the
 * set this workspace last applied, plus warnings about what could lock
 * people out or expose the site.
 */
import { accessCodeName, compareAccessCodes, coversEveryUser, nameAccessCode } from './access-codes';
import { formatOperations, Operation } from './operations';
import { RightsFile, RulesSet, sameRules, serialiseRules, SiteInfo, sortRules } from './rights-file';
import { localTime, TimeFormat } from './times';
import { localize } from '../l10n/localize';

export type RuleChange = 'added' | 'removed' | 'changed' | 'unchanged';

export interface RuleDiff {
  code: string;
  change: RuleChange;
  before?: Operation[];
  after?: Operation[];
  addedOps: Operation[];
  removedOps: Operation[];
}

export type PlanWarningId = 'first-apply' | 'clears-all' | 'guests' | 'denies-everyone' | 'unknown-codes' | 'discards-edits';

export interface PlanWarning {
  id: PlanWarningId;
  message: string;
}

export interface RightsPlan {
  portal: string;
  site: SiteInfo;
  /** The complete set setRights will store, replacing whatever the site holds. */
  rules: RulesSet;
  /** What this workspace last applied; `null` when it never has. */
  baseline: RulesSet | null;
  baselineAt: string | null;
  /** Every code of either set, broad to narrow. */
  diff: RuleDiff[];
  firstApply: boolean;
  /** False when the set equals the last applied one (applying again re-asserts it). */
  hasChanges: boolean;
  warnings: PlanWarning[];
  /** Names of the access codes as the portal gave them (`access.name`), shown next to each code. */
  names?: ReadonlyMap<string, string>;
}

/** Compares two rule sets code by code. */
export function diffRules(before: RulesSet, after: RulesSet): RuleDiff[] {
  const codes = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(compareAccessCodes);
  return codes.map((code) => {
    const b = before[code];
    const a = after[code];
    const addedOps = (a ?? []).filter((op) => !(b ?? []).includes(op));
    const removedOps = (b ?? []).filter((op) => !(a ?? []).includes(op));
    const change: RuleChange = !b ? 'added' : !a ? 'removed' : addedOps.length || removedOps.length ? 'changed' : 'unchanged';
    return { code, change, ...(b ? { before: b } : {}), ...(a ? { after: a } : {}), addedOps, removedOps };
  });
}

function warningsFor(rules: RulesSet, firstApply: boolean): PlanWarning[] {
  const out: PlanWarning[] = [];
  if (firstApply) {
    out.push({
      id: 'first-apply',
      message: localize(
        'First apply from this workspace: the portal may hold rules this workspace has never seen (it cannot list them). They will all be replaced by the set below.',
      ),
    });
  }
  if (Object.keys(rules).length === 0) {
    out.push({ id: 'clears-all', message: localize('The set is empty: this clears every individual rule of the site.') });
  }
  if (rules.UA && !rules.UA.includes('denied')) {
    out.push({ id: 'guests', message: localize('UA grants access to all users, including guests who are not signed in. Use AU for signed-in users only.') });
  }
  const blocking = Object.keys(rules).filter((c) => coversEveryUser(c) && rules[c].includes('denied'));
  if (blocking.length > 0) {
    out.push({ id: 'denies-everyone', message: localize('"denied" on {0} applies to every user and overrides what other rules grant.', blocking.join(', ')) });
  }
  return out;
}

/** A restore replaces the desired set too; unapplied edits in the file would be lost without a word. */
function discardedEdits(file: RightsFile, rules: RulesSet): PlanWarning[] {
  if (rules === file.rules || sameRules(file.rules, rules) || sameRules(file.rules, file.lastApplied?.rules ?? {})) return [];
  return [{ id: 'discards-edits', message: localize('The rights file has edits that were never applied; they will be replaced by this set.') }];
}

/**
 * Builds the plan for a file; `rules` overrides the desired set (restore
 * sends a journaled set instead of the file's).
 */
export function buildPlan(file: RightsFile, rules: RulesSet = file.rules): RightsPlan {
  const sorted = sortRules(rules);
  const baseline = file.lastApplied ? sortRules(file.lastApplied.rules) : null;
  const firstApply = baseline === null;
  return {
    portal: file.portal,
    site: file.site,
    rules: sorted,
    baseline,
    baselineAt: file.lastApplied?.at ?? null,
    diff: diffRules(baseline ?? {}, sorted),
    firstApply,
    hasChanges: baseline === null || !sameRules(baseline, sorted),
    warnings: [...warningsFor(sorted, firstApply), ...discardedEdits(file, rules)],
  };
}

/**
 * Adds a warning for codes the portal did not name (`access.name` leaves out
 * codes it does not know): setRights saves them without error, but they grant nothing.
 */
export function withUnknownCodes(plan: RightsPlan, names: ReadonlyMap<string, string>): RightsPlan {
  const message = unknownCodesMessage(Object.keys(plan.rules), names);
  return message ? { ...plan, names, warnings: [...plan.warnings, { id: 'unknown-codes', message }] } : { ...plan, names };
}

/**
 * The warning for codes among `codes` that the portal did not name (`AU` and
 * `UA` need no name), or undefined when it knows them all. Site plans and
 * role plans (holders) both say it.
 */
export function unknownCodesMessage(codes: readonly string[], names: ReadonlyMap<string, string>): string | undefined {
  const unknown = codes.filter((c) => !names.has(c) && c !== 'AU' && c !== 'UA');
  if (unknown.length === 0) return undefined;
  return unknown.length === 1
    ? localize('The portal does not know {0}: it is saved without error but grants nothing. Check the id.', unknown.join(', '))
    : localize('The portal does not know {0}: they are saved without error but grant nothing. Check the ids.', unknown.join(', '));
}

/** "2 added, 1 changed" — or "no changes". */
export function summarisePlan(plan: RightsPlan): string {
  const count = (c: RuleChange) => plan.diff.filter((d) => d.change === c).length;
  const parts = (['added', 'changed', 'removed'] as const).filter((c) => count(c) > 0).map((c) => `${count(c)} ${c}`);
  return parts.length ? parts.join(', ') : localize('no changes');
}

const MARK: Readonly<Record<RuleChange, string>> = { added: '+', removed: '-', changed: '~', unchanged: ' ' };

/** The plan as plain text for a read-only document; access codes carry their names, times are local. */
export function renderPlan(plan: RightsPlan, time: TimeFormat = {}): string {
  const who = (code: string) => nameAccessCode(code, plan.names);
  const lines = [
    localize('Site rights plan: {0} (#{1}) on {2}', plan.site.title || plan.site.code, plan.site.id, plan.portal),
    '',
    plan.firstApply
      ? localize('Compared with: nothing (never applied from this workspace)')
      : localize('Compared with: the set applied {0}', localTime(plan.baselineAt ?? '', time)),
    localize('Changes: {0}', summarisePlan(plan)),
    '',
  ];
  for (const w of plan.warnings) lines.push(`! ${w.message}`);
  if (plan.warnings.length) lines.push('');
  lines.push(localize("The full set that will replace the site's current rules:"));
  for (const d of plan.diff) {
    if (d.change === 'removed') lines.push(`${MARK[d.change]} ${who(d.code)}: ${formatOperations(d.before ?? [])} (removed)`);
    else if (d.change === 'changed')
      lines.push(localize('{0} {1}: {2} (was {3})', MARK[d.change], who(d.code), formatOperations(d.after ?? []), formatOperations(d.before ?? [])));
    else lines.push(`${MARK[d.change]} ${who(d.code)}: ${formatOperations(d.after ?? [])}`);
  }
  if (plan.diff.length === 0) lines.push(localize('  (no rules)'));
  return `${lines.join('\n')}\n`;
}

/**
 * The two sides of a diff view: last applied (or empty) and the planned set,
 * as the rights file writes them, each rule followed by a `//` comment naming
 * its access code, under a header of comments (JSON with comments).
 */
export function planSides(plan: RightsPlan, time: TimeFormat = {}): { before: string; after: string } {
  const header = planHeader(plan, time);
  return { before: `${header}${annotateRules(plan.baseline ?? {}, plan.names)}\n`, after: `${header}${annotateRules(plan.rules, plan.names)}\n` };
}

/**
 * The same comment lines on both sides of the diff (so they never show as a
 * change): what each side is, the summary and the warnings. They also keep
 * the rules below the confirmation that opens over the top of the editor.
 */
function planHeader(plan: RightsPlan, time: TimeFormat): string {
  const left = plan.firstApply
    ? localize('nothing (never applied from this workspace)')
    : localize('the set applied {0}', localTime(plan.baselineAt ?? '', time));
  return [
    `// ${localize('Site rights plan: {0} (#{1}) on {2}', plan.site.title || plan.site.code, plan.site.id, plan.portal)}`,
    `// ${localize('Left: {0}. Right: the full set that will be sent.', left)}`,
    `// ${localize('It replaces every rule the site has now. Changes: {0}.', summarisePlan(plan))}`,
    ...plan.warnings.map((w) => `// ! ${w.message}`),
    '',
  ]
    .map((l) => `${l}\n`)
    .join('');
}

/** `serialiseRules` with each rule's line ending in its name, `// Anna Smith`. */
export function annotateRules(rules: RulesSet, names?: ReadonlyMap<string, string>): string {
  return serialiseRules(rules)
    .split('\n')
    .map((line) => {
      const code = /^\s*"([^"]+)":/.exec(line)?.[1];
      const name = code && accessCodeName(code, names);
      return name ? `${line}  // ${name}` : line;
    })
    .join('\n');
}
