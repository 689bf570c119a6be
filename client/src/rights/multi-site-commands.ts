/**
 * "Change Access Code on Several Sites…": pick the sites (or every site of a
 * type), one access code and its operations (or removal), see one plan,
 * answer once. Prompt-free for automation:
 *
 *   bitrix24.rights.applyToSites { siteIds: [1, 3] | section: "SITE", code, operations | remove: true, confirm? }
 */
import * as vscode from 'vscode';
import { pickAccessCode, pickOperations } from './access-code-picker';
import { parseAccessCode } from './access-codes';
import { LandingSection, portalHost } from './api';
import { CommandDeps, requireApi, requireWritableFolder, showNotice } from './command-guards';
import { applyToSites, describeChange, MultiSiteOutcome, MultiSitePlan, SiteChange } from './multi-site';
import { normaliseOperations } from './operations';
import { closePlanTabs, confirmMultiSitePlan, planBase, PlanDocuments, showMultiSitePlanDiff } from './plan-view';
import { findSiteOnPortal, loadSitesPage, PAGE_SIZE } from './tree-loader';
import { SECTIONS, SiteSummary, TreeNode } from './tree-nodes';
import type { RightsApi } from './api';

interface Scripted {
  siteIds?: number[];
  section?: LandingSection;
  change: SiteChange;
  confirm: boolean;
}

function readScripted(arg: unknown): Scripted | undefined {
  if (typeof arg !== 'object' || arg === null || 'contextValue' in arg) return undefined;
  const a = arg as Record<string, unknown>;
  if (!('siteIds' in a) && !('section' in a)) return undefined;
  const fail = (m: string): never => {
    throw new Error(vscode.l10n.t('Site Rights: {0}', m));
  };
  const siteIds =
    a.siteIds === undefined
      ? undefined
      : Array.isArray(a.siteIds) && a.siteIds.length && a.siteIds.every((id) => Number.isInteger(id) && (id as number) > 0)
        ? (a.siteIds as number[])
        : fail(vscode.l10n.t('"siteIds" must be a non-empty list of site ids.'));
  const section =
    a.section === undefined
      ? undefined
      : (SECTIONS.find((s) => s.section === a.section)?.section ?? fail(vscode.l10n.t('"section" must be SITE, KNOWLEDGE or GROUP.')));
  const code = parseAccessCode(String(a.code ?? ''));
  if (!code.ok) fail(code.ok ? '' : code.message);
  let operations = null;
  if (a.remove !== true) {
    const norm = Array.isArray(a.operations) && a.operations.length ? normaliseOperations(a.operations) : undefined;
    operations = norm?.ok ? norm.ops : fail(vscode.l10n.t('"operations" must be a non-empty list such as ["read", "edit"], or pass "remove": true.'));
  }
  return { siteIds, section, change: { code: code.ok ? code.value.code : '', operations }, confirm: a.confirm === true };
}

/** Every site of a section the user can see, page by page. */
async function allSitesOf(api: RightsApi, section: LandingSection): Promise<SiteSummary[]> {
  const out: SiteSummary[] = [];
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const page = await loadSitesPage(api, section, offset);
    out.push(...page.sites);
    if (!page.hasMore || out.length >= 1000) return out;
  }
}

async function pickSites(deps: CommandDeps, arg: unknown): Promise<SiteSummary[] | undefined> {
  const node = typeof arg === 'object' && arg !== null && 'contextValue' in arg ? (arg as TreeNode) : undefined;
  const preset = node?.ref?.type === 'site' ? node.ref.site.id : undefined;
  const sectionOnly = node?.ref?.type === 'section' ? node.ref.section : undefined;
  const sites = deps.tree.loadedSites().filter((s) => !sectionOnly || s.section === sectionOnly);
  const everyType = SECTIONS.map((s) => ({
    label: vscode.l10n.t('$(layers) All of {0}', s.label),
    description: vscode.l10n.t('every site of this type you can see'),
    section: s.section,
    site: undefined as SiteSummary | undefined,
  }));
  const items = [
    ...everyType.filter((e) => !sectionOnly || e.section === sectionOnly),
    ...sites.map((s) => ({
      label: s.title || s.code,
      description: `#${s.id} · ${s.type}`,
      picked: s.id === preset || sectionOnly !== undefined,
      site: s as SiteSummary | undefined,
      section: undefined as LandingSection | undefined,
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: vscode.l10n.t('Change an access code on several sites'),
    placeHolder: vscode.l10n.t('Tick the sites, or all of a type'),
  });
  if (!picked?.length) return undefined;
  const api = deps.getApi();
  const out = new Map<number, SiteSummary>();
  for (const p of picked) {
    if (p.site) out.set(p.site.id, p.site);
    if (p.section && api) for (const s of await allSitesOf(api, p.section)) out.set(s.id, s);
  }
  return [...out.values()];
}

/** Registers the multi-site command. */
export function registerMultiSiteCommand(context: vscode.ExtensionContext, deps: CommandDeps, docs: PlanDocuments): void {
  const handler = async (arg?: unknown): Promise<MultiSiteOutcome | undefined> => {
    const scripted = readScripted(arg);
    const api = await requireApi(deps);
    // The model is checked on the portal right before writing (the view's may be stale).
    if (!api) return undefined;
    const folder = await requireWritableFolder(deps);
    if (!folder) return undefined;
    let sites: SiteSummary[] | undefined;
    if (scripted?.section) sites = await allSitesOf(api, scripted.section);
    else if (scripted?.siteIds) {
      sites = [];
      for (const id of scripted.siteIds) {
        const site = deps.tree.findSite(id) ?? (await findSiteOnPortal(api, id));
        if (!site)
          return void showNotice({
            level: 'warning',
            text: vscode.l10n.t('Site #{0} is not on the portal, or your user cannot see it. Nothing was changed.', id),
            actions: [],
          });
        sites.push(site);
      }
    } else sites = await pickSites(deps, arg);
    if (!sites?.length) return undefined;
    let change = scripted?.change;
    if (!change) {
      const heading = { text: sites.length === 1 ? vscode.l10n.t('Rule for «{0}»', sites[0].title) : vscode.l10n.t('Rule for {0} sites', sites.length) };
      const code = await pickAccessCode(api, deps.log, heading);
      if (!code) return undefined;
      const what = await vscode.window.showQuickPick(
        [
          { label: vscode.l10n.t('Set its operations…'), remove: false },
          { label: vscode.l10n.t('Remove {0} from these sites', code), remove: true },
        ],
        { placeHolder: sites.length === 1 ? vscode.l10n.t('{0} on 1 site', code) : vscode.l10n.t('{0} on {1} sites', code, sites.length) },
      );
      if (!what) return undefined;
      const ops = what.remove ? null : await pickOperations(code, ['read'], heading);
      if (ops === undefined) return undefined;
      change = { code, operations: ops };
    }
    const confirm = async (plan: MultiSitePlan) => {
      await showMultiSitePlanDiff(docs, plan);
      deps.log.info(`Site Rights: multi-site plan ${describeChange(plan.change)} on ${plan.sending} of ${plan.entries.length} sites`);
      return scripted?.confirm === true || confirmMultiSitePlan(plan);
    };
    const target = sites;
    const fixed = change;
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Site rights: {0} on {1} sites', describeChange(change), sites.length) },
      () => applyToSites({ api, fs: folder.fs, confirm }, target, fixed),
    );
    deps.log.info(`Site Rights: multi-site ${outcome.status}: ${outcome.message}`);
    for (const r of outcome.results) deps.log.info(`Site Rights:   #${r.site.id} ${r.status}: ${r.message}`);
    for (const s of new Set(target.map((x) => x.section))) deps.tree.siteChanged({ ...target[0], section: s });
    if (outcome.status !== 'cancelled') {
      await closePlanTabs(planBase.sites(portalHost(api.portal)));
      const failed = outcome.results.filter((r) => r.status === 'rejected' || r.status === 'uncertain' || r.status === 'site-gone');
      const level =
        outcome.status === 'applied'
          ? 'info'
          : outcome.status === 'partial' || outcome.status === 'aborted' || outcome.status === 'unchanged'
            ? 'warning'
            : 'error';
      const applied = outcome.results.filter((r) => r.status === 'applied');
      showNotice({
        level,
        text: outcome.message,
        actions: [
          ...failed.slice(0, 1).map((r) => ({ title: vscode.l10n.t('Apply "{0}" Again…', r.site.title), command: 'bitrix24.rights.apply', args: [r.site.id] })),
          ...applied.slice(0, 1).map((r) => ({ title: `Restore "${r.site.title}"…`, command: 'bitrix24.rights.restore', args: [r.site.id] })),
        ],
      });
    }
    return outcome;
  };
  context.subscriptions.push(vscode.commands.registerCommand('bitrix24.rights.applyToSites', handler));
}
