/**
 * One access code's operations on many sites at once (extended model): one
 * plan listing every site's full replacement set, one confirmation, then
 * setRights → verify → record per site, and one journal line holding every
 * site's entry. A failure on one site leaves the others applied and is said
 * so; each site keeps its own Restore.
 */
import { portalHost, RightsApi, sectionOfType, withSection } from './api';
import { resolveNames } from './directory';
import { explainFailure, outcomeUnknown, RightsFailure } from './failures';
import { JournalEntry, JournalOutcome } from './journal';
import { checkUnclearSave } from './outcome-check';
import { formatOperations, isOperation, Operation } from './operations';
import { buildPlan, renderPlan, RightsPlan, summarisePlan } from './plan';
import { hasPendingChanges, markApplied, newRightsFile, RightsFile, serialiseRightsFile, withoutRule, withRule } from './rights-file';
import { journalPath, loadRights, RightsFileSystem, saveRights } from './rights-store';
import type { SiteSummary } from './tree-nodes';
import { localize } from '../l10n/localize';

/** Set `code` to `operations` on every site, or remove it (`operations: null`). */
export interface SiteChange {
  code: string;
  operations: Operation[] | null;
}

export type MultiSiteEntryStatus = 'send' | 'unchanged' | 'invalid-file';

export interface MultiSiteEntry {
  site: SiteSummary;
  status: MultiSiteEntryStatus;
  /** The rights file as it is now (a new one for sites without). */
  file?: RightsFile;
  /** The file with the change: what Apply sends and saves. */
  next?: RightsFile;
  plan?: RightsPlan;
  problems?: string[];
}

export interface MultiSitePlan {
  portal: string;
  change: SiteChange;
  entries: MultiSiteEntry[];
  /** Sites that will receive setRights. */
  sending: number;
  warnings: string[];
}

export type LoadedSite = Awaited<ReturnType<typeof loadRights>>;

/** The change in words: "DR3 → read, edit" or "remove DR3". */
export function describeChange(change: SiteChange): string {
  return change.operations ? `${change.code} → ${formatOperations(change.operations)}` : localize('remove {0}', change.code);
}

/** Builds the plan from each site's loaded rights file (missing files start empty). */
export function buildMultiSitePlan(host: string, sites: readonly SiteSummary[], loaded: ReadonlyMap<number, LoadedSite>, change: SiteChange): MultiSitePlan {
  const entries: MultiSiteEntry[] = sites.map((site) => {
    const l = loaded.get(site.id);
    if (l?.status === 'invalid') return { site, status: 'invalid-file', problems: l.problems };
    const file = l?.status === 'ok' ? l.file : newRightsFile(host, { id: site.id, code: site.code, title: site.title, type: site.type });
    if (change.operations === null && !(change.code in file.rules)) return { site, status: 'unchanged', file };
    const next = change.operations === null ? withoutRule(file, change.code) : withRule(file, change.code, change.operations);
    const plan = buildPlan(next);
    return { site, status: plan.hasChanges ? 'send' : 'unchanged', file, next, plan };
  });
  const warnings: string[] = [];
  const named = (es: MultiSiteEntry[]) => es.map((e) => `"${e.site.title || e.site.code}" (#${e.site.id})`).join(', ');
  const send = entries.filter((e) => e.status === 'send');
  const first = send.filter((e) => e.plan?.firstApply);
  if (first.length) {
    warnings.push(
      first.length === 1
        ? localize(
            "First apply from this workspace to {0}: the portal cannot list a site's rules, so whatever it has now is replaced by the set shown.",
            named(first),
          )
        : localize(
            "First apply from this workspace to {0}: the portal cannot list a site's rules, so whatever they have now is replaced by the set shown.",
            named(first),
          ),
    );
  }
  const pending = send.filter((e) => e.file && e.file.lastApplied !== null && hasPendingChanges(e.file));
  if (pending.length)
    warnings.push(
      pending.length === 1
        ? localize('{0} has other edits not applied yet; they are sent too.', named(pending))
        : localize('{0} have other edits not applied yet; they are sent too.', named(pending)),
    );
  const invalid = entries.filter((e) => e.status === 'invalid-file');
  if (invalid.length) warnings.push(localize('Left out because their rights files have problems: {0}.', named(invalid)));
  for (const e of send) {
    for (const w of e.plan?.warnings ?? []) {
      if (w.id === 'clears-all') warnings.push(`"${e.site.title}" (#${e.site.id}): ${w.message}`);
    }
  }
  if (change.code === 'UA' && change.operations && !change.operations.includes('denied')) {
    warnings.push(localize('UA grants access to all users, including guests who are not signed in. Use AU for signed-in users only.'));
  }
  return { portal: host, change, entries, sending: send.length, warnings };
}

/** The plan as text: the change, the warnings, then every site's full set. */
export function renderMultiSitePlan(plan: MultiSitePlan): string {
  const lines = [
    localize('Multi-site plan on {0}: {1}', plan.portal, describeChange(plan.change)),
    localize('Sites: {0} selected, {1} to change', plan.entries.length, plan.sending),
    '',
  ];
  for (const w of plan.warnings) lines.push(`! ${w}`);
  if (plan.warnings.length) lines.push('');
  for (const e of plan.entries) {
    if (e.status === 'send' && e.plan) {
      lines.push(`== ${e.site.title || e.site.code} (#${e.site.id}): ${summarisePlan(e.plan)}`);
      // The per-site text without its own header lines, which repeat the site.
      lines.push(
        ...renderPlan(e.plan)
          .split('\n')
          .slice(1)
          .filter((l) => l !== ''),
      );
    } else {
      lines.push(
        `== ${e.site.title || e.site.code} (#${e.site.id}): ${e.status === 'unchanged' ? localize('no change, not sent') : localize('left out (rights file has problems)')}`,
      );
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The plan as two JSON sides for a diff view: every site's last applied set ↔ the set that will be sent. */
export function multiSitePlanSides(plan: MultiSitePlan): { before: string; after: string } {
  const side = (pick: (p: RightsPlan) => Record<string, Operation[]>) => {
    const blocks = plan.entries
      .filter((e) => e.status === 'send' && e.plan)
      .map((e) => {
        const rules = pick(e.plan as RightsPlan);
        const body = Object.keys(rules)
          .map((c) => `    ${JSON.stringify(c)}: [${rules[c].map((o) => JSON.stringify(o)).join(', ')}]`)
          .join(',\n');
        return `  ${JSON.stringify(`${e.site.title} #${e.site.id}`)}: ${body ? `{\n${body}\n  }` : '{}'}`;
      });
    return blocks.length ? `{\n${blocks.join(',\n')}\n}\n` : '{}\n';
  };
  return { before: side((p) => p.baseline ?? {}), after: side((p) => p.rules) };
}

export type SiteResultStatus = 'applied' | 'rejected' | 'uncertain' | 'site-gone' | 'not-sent' | 'unchanged' | 'invalid-file';

export interface SiteResult {
  site: SiteSummary;
  status: SiteResultStatus;
  message: string;
  verified?: Operation[];
  failure?: RightsFailure;
}

export type MultiSiteStatus = 'applied' | 'partial' | 'failed' | 'unchanged' | 'cancelled' | 'aborted';

export interface MultiSiteOutcome {
  status: MultiSiteStatus;
  /** One summary for the user: what succeeded, what did not, what to do. */
  message: string;
  plan?: MultiSitePlan;
  results: SiteResult[];
  failure?: RightsFailure;
}

export interface MultiSiteDeps {
  api: RightsApi;
  fs: RightsFileSystem;
  confirm(plan: MultiSitePlan): Promise<boolean>;
  now?: () => Date;
}

async function loadAll(fs: RightsFileSystem, host: string, sites: readonly SiteSummary[]): Promise<Map<number, LoadedSite>> {
  const out = new Map<number, LoadedSite>();
  for (const s of sites) out.set(s.id, await loadRights(fs, host, s.id));
  return out;
}

/** The one journal line of a multi-site apply: an entry per site, read back per site by the journal. */
async function recordAll(
  fs: RightsFileSystem,
  host: string,
  time: string,
  change: SiteChange,
  sites: Omit<JournalEntry, 'time' | 'portal' | 'action'>[],
): Promise<string | undefined> {
  try {
    await fs.append(journalPath(host), `${JSON.stringify({ time, portal: host, action: 'apply', change, sites })}\n`);
    return undefined;
  } catch (e) {
    return localize('The journal could not be written ({0}).', e instanceof Error ? e.message : String(e));
  }
}

/** Applies one change to many sites after one confirmation. */
export async function applyToSites(deps: MultiSiteDeps, sites: readonly SiteSummary[], change: SiteChange): Promise<MultiSiteOutcome> {
  const { api, fs } = deps;
  const now = deps.now ?? (() => new Date());
  const host = portalHost(api.portal);
  const loaded = await loadAll(fs, host, sites);
  const plan = buildMultiSitePlan(host, sites, loaded, change);
  const names = change.operations ? await resolveNames(api, [change.code]) : undefined;
  if (names && !names.has(change.code) && change.code !== 'AU' && change.code !== 'UA') {
    plan.warnings.push(localize('The portal does not know {0}: it is saved without error but grants nothing. Check the id.', change.code));
  }
  const skipped = (e: MultiSiteEntry): SiteResult => ({
    site: e.site,
    status: e.status === 'invalid-file' ? 'invalid-file' : 'unchanged',
    message: e.status === 'invalid-file' ? localize('left out: the rights file has problems') : localize('no change'),
  });
  if (plan.sending === 0)
    return { status: 'unchanged', message: localize('No site needs {0}; nothing was sent.', describeChange(change)), plan, results: plan.entries.map(skipped) };
  if (!(await deps.confirm(plan))) return { status: 'cancelled', message: localize('Apply cancelled; nothing was changed.'), plan, results: [] };

  const again = await loadAll(fs, host, sites);
  const changed = plan.entries.filter((e) => {
    const a = again.get(e.site.id);
    const was = loaded.get(e.site.id);
    const text = (l: LoadedSite | undefined) => (l?.status === 'ok' ? serialiseRightsFile(l.file) : l?.status);
    return e.status === 'send' && text(a) !== text(was);
  });
  if (changed.length) {
    return {
      status: 'aborted',
      message: localize(
        'The rights file of {0} changed after the plan was shown. Review the new plan and apply again. Nothing was changed.',
        changed.map((e) => `"${e.site.title}"`).join(', '),
      ),
      plan,
      results: [],
    };
  }
  try {
    if ((await api.call<unknown>('landing.role.isEnabled', {}, { write: false })) === true) {
      return {
        status: 'aborted',
        message: localize(
          'The portal switched to the role model. In that model setRights reports success but applies nothing, so the apply was stopped. Nothing was changed.',
        ),
        plan,
        results: [],
      };
    }
  } catch (e) {
    const failure = explainFailure(e, localize('check the rights model before applying'));
    return { status: 'aborted', message: localize('{0} Nothing was changed.', failure.message), plan, results: [], failure };
  }

  const results: SiteResult[] = [];
  const journal: Omit<JournalEntry, 'time' | 'portal' | 'action'>[] = [];
  const problems: string[] = [];
  for (const e of plan.entries) {
    if (e.status !== 'send' || !e.plan || !e.next) {
      results.push(skipped(e));
      continue;
    }
    const site = e.site;
    const sitePlan = e.plan;
    const section = sectionOfType(site.type);
    const entry = (outcome: JournalOutcome, extra: Partial<JournalEntry> = {}) =>
      journal.push({ siteId: site.id, siteTitle: site.title, outcome, before: sitePlan.baseline, after: sitePlan.rules, ...extra });
    let saved: unknown;
    let verified: Operation[] | undefined;
    try {
      saved = await api.call<unknown>('landing.site.setRights', withSection(section, { id: site.id, rights: sitePlan.rules }), { write: true });
    } catch (err) {
      const failure = explainFailure(err, localize('save the rules of "{0}"', site.title));
      if (!outcomeUnknown(err)) {
        entry('rejected', { error: failure.code ?? failure.reason });
        results.push({ site, status: 'rejected', message: failure.message, failure });
        continue;
      }
      // An unclear answer (none, or a gateway's page): re-read the site before recording anything.
      const checked = await checkUnclearSave(api, sitePlan, section);
      if (checked.state === 'site-gone') {
        results.push({ site, status: 'site-gone', message: localize('the portal did not find the site (deleted or in the trash)') });
        continue;
      }
      if (checked.state === 'not-applied') {
        entry('rejected', { error: failure.code ?? localize('unclear answer; re-read shows the old rules'), verified: checked.verified });
        results.push({ site, status: 'rejected', message: localize('the answer was unclear and re-reading shows the portal kept its rules'), failure });
        continue;
      }
      if (checked.state === 'unknown') {
        entry('uncertain', { error: failure.code ?? localize('unclear answer'), ...(checked.verified ? { verified: checked.verified } : {}) });
        results.push({ site, status: 'uncertain', message: localize('no clear answer, and re-reading could not settle it: {0}', checked.reason), failure });
        continue;
      }
      saved = true;
      verified = checked.verified;
    }
    if (saved !== true) {
      results.push({ site, status: 'site-gone', message: localize('the portal did not find the site (deleted or in the trash); nothing saved') });
      continue;
    }
    try {
      const ops = await api.call<unknown>('landing.site.getRights', withSection(section, { id: site.id }), { write: false });
      verified = Array.isArray(ops) ? ops.filter(isOperation) : [];
    } catch {
      // Saved but not verified; said in the site's line.
    }
    try {
      await saveRights(fs, host, markApplied(e.next, sitePlan.rules, now().toISOString()));
    } catch (err) {
      problems.push(localize('The rights file of "{0}" could not be updated ({1}).', site.title, err instanceof Error ? err.message : String(err)));
    }
    entry('applied', verified ? { verified } : {});
    results.push({
      site,
      status: 'applied',
      message: verified
        ? localize('applied; the portal confirms your own rights are {0}', verified.length ? formatOperations(verified) : 'none')
        : localize('applied, not verified'),
      ...(verified ? { verified } : {}),
    });
  }
  const journalProblem = await recordAll(fs, host, now().toISOString(), change, journal);
  if (journalProblem) problems.push(journalProblem);
  return { ...summarise(results, change, problems), plan };
}

function summarise(results: SiteResult[], change: SiteChange, problems: string[]): Omit<MultiSiteOutcome, 'plan'> {
  const applied = results.filter((r) => r.status === 'applied');
  const failed = results.filter((r) => r.status === 'rejected' || r.status === 'uncertain' || r.status === 'site-gone');
  const name = (r: SiteResult) => `"${r.site.title || r.site.code}" (#${r.site.id})`;
  const parts = [
    `${localize('{0}: applied to {1} of {2} sites', describeChange(change), applied.length, applied.length + failed.length)}${applied.length ? ` (${applied.map(name).join(', ')})` : ''}.`,
  ];
  if (failed.length) {
    parts.push(localize('Not applied: {0}.', failed.map((r) => `${name(r)}: ${r.message}`).join('; ')));
    if (applied.length) parts.push(localize('The other sites stay applied; use Restore Previous Rules on a site to undo it there.'));
  }
  parts.push(...problems);
  const status: MultiSiteStatus = failed.length === 0 ? 'applied' : applied.length ? 'partial' : 'failed';
  return { status, message: parts.join(' '), results, ...(failed[0]?.failure ? { failure: failed[0].failure } : {}) };
}
