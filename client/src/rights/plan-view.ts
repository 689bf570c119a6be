/**
 * Showing a plan: a read-only diff of the last applied set against the
 * planned one (virtual documents, nothing written to disk, each access code
 * named in a comment), and the confirmation beside it, where Cancel is what
 * Enter chooses. After an apply the plan's tabs are closed, so no tab keeps
 * a title that is no longer true.
 */
import * as vscode from 'vscode';
import { describeChange, MultiSitePlan, multiSitePlanSides } from './multi-site';
import { planSides, renderPlan, RightsPlan, summarisePlan } from './plan';
import { RolePlan, rolePlanSides, SECTION_LABELS, summariseRolePlan } from './role-plan';

export const PLAN_SCHEME = 'bitrix24-rights-plan';

/** Serves the plan documents from memory. */
export class PlanDocuments implements vscode.TextDocumentContentProvider {
  private readonly docs = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.toString()) ?? '';
  }

  /** Stores `text` under a plan URI and tells open editors to reload it. */
  put(path: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PLAN_SCHEME, path });
    this.docs.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function siteLabel(plan: RightsPlan): string {
  return plan.site.title || plan.site.code || `#${plan.site.id}`;
}

/** Opens the diff: last applied (or empty on first apply) ↔ the set the next apply sends. */
export async function showPlanDiff(docs: PlanDocuments, plan: RightsPlan, what = 'planned'): Promise<void> {
  const sides = planSides(plan);
  const base = `/${plan.portal}/${plan.site.id}`;
  const left = docs.put(`${base}/last-applied.jsonc`, sides.before);
  const right = docs.put(`${base}/${what}.jsonc`, sides.after);
  const from = plan.firstApply ? vscode.l10n.t('never applied') : vscode.l10n.t('last applied');
  const title = `${siteLabel(plan)}: ${from} ↔ ${what} (${summarisePlan(plan)})`;
  await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true, preserveFocus: true });
}

/** Opens the plan as plain text (warnings, marks per rule). */
export async function showPlanText(docs: PlanDocuments, plan: RightsPlan): Promise<void> {
  const uri = docs.put(`/${plan.portal}/${plan.site.id}/plan.txt`, renderPlan(plan));
  await vscode.window.showTextDocument(uri, { preview: true, preserveFocus: true });
}

/**
 * Asks before an apply or restore of one site, with the plan's diff open
 * beside (shown first by the caller) and Cancel as the default answer.
 */
export function confirmPlan(plan: RightsPlan, action: 'apply' | 'restore'): Promise<boolean> {
  const n = Object.keys(plan.rules).length;
  const site = siteLabel(plan);
  const verb = action === 'restore' ? vscode.l10n.t('Restore') : vscode.l10n.t('Apply');
  const question = plan.hasChanges
    ? action === 'restore'
      ? n === 1
        ? vscode.l10n.t('Restore 1 rule to «{0}»? It replaces every rule the site has now.', site)
        : vscode.l10n.t('Restore {0} rules to «{1}»? They replace every rule the site has now.', n, site)
      : n === 1
        ? vscode.l10n.t('Apply 1 rule to «{0}»? It replaces every rule the site has now.', site)
        : vscode.l10n.t('Apply {0} rules to «{1}»? They replace every rule the site has now.', n, site)
    : vscode.l10n.t('«{0}» already has this set from the last apply. Send it again anyway?', site);
  return confirmCancelDefault(
    question,
    verb,
    summarisePlan(plan),
    plan.warnings.map((w) => w.message),
  );
}

/** Closes the open tabs of plan documents under `base` (a plan path prefix such as `/host/3/`). */
export async function closePlanTabs(base: string): Promise<void> {
  const ofPlan = (uri: unknown) => uri instanceof vscode.Uri && uri.scheme === PLAN_SCHEME && uri.path.startsWith(base);
  const tabs = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => (t.input instanceof vscode.TabInputTextDiff ? ofPlan(t.input.modified) : t.input instanceof vscode.TabInputText && ofPlan(t.input.uri)));
  if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
}

/** The plan path prefix of one site, of a portal's multi-site plan, and of a site type's roles. */
export const planBase = {
  site: (portal: string, siteId: number) => `/${portal}/${siteId}/`,
  sites: (portal: string) => `/${portal}/sites/`,
  roles: (portal: string, section: string) => `/${portal}/roles/${section.toLowerCase()}/`,
  model: (portal: string) => `/${portal}/model/`,
};

/** How a Cancel-default question reads when it is not about sending a plan. */
export interface CancelDefaultWording {
  /** The codicon of the action choice (`cloud-upload` for sending a plan). */
  icon?: string;
  /** What Cancel leaves alone ("send nothing"). */
  cancelNote?: string;
  /** The hint in the input line: where the details are, and that Enter cancels. */
  hint?: string;
}

/**
 * Confirms a plan shown beside as a diff, with Cancel as the default: a
 * modal dialog always focuses its action button, so the question is a
 * quick pick whose first (active) item is Cancel; Enter, Escape or
 * clicking away send nothing. Warnings are listed under the choices.
 */
export async function confirmCancelDefault(
  question: string,
  verb: string,
  summary: string,
  warnings: readonly string[],
  wording: CancelDefaultWording = {},
): Promise<boolean> {
  type Item = vscode.QuickPickItem & { go?: boolean };
  const items: Item[] = [
    { label: `$(close) ${vscode.l10n.t('Cancel')}`, description: wording.cancelNote ?? vscode.l10n.t('send nothing'), alwaysShow: true },
    { label: `$(${wording.icon ?? 'cloud-upload'}) ${verb}`, description: summary, go: true, alwaysShow: true },
  ];
  if (warnings.length) {
    items.push({ label: vscode.l10n.t('Before you answer'), kind: vscode.QuickPickItemKind.Separator });
    for (const w of warnings) items.push({ label: `$(warning) ${w}` });
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: question,
    placeHolder: wording.hint ?? vscode.l10n.t('The full plan is open in the diff beside. Enter cancels; choose {0} to send it.', verb),
    ignoreFocusOut: true,
  });
  return picked?.go === true;
}

/** Wraps a paragraph at word breaks, so a plain-text document reads without scrolling sideways. */
function wrap(text: string, width = 88): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/**
 * Asks before switching the portal's rights model, which changes every site
 * at once: the explanation opens beside as a read-only document and is listed
 * sentence by sentence under the choices, and Cancel is what Enter chooses.
 * The document is closed once answered.
 */
export async function confirmModelSwitch(docs: PlanDocuments, portal: string, question: string, explanation: string, verb: string): Promise<boolean> {
  const base = planBase.model(portal);
  // The explanation may open with its own wording of the question; it is asked once, in the title.
  const sentences = explanation.split(/(?<=[.!?])\s+/).filter((x) => x && !x.endsWith('?'));
  const uri = docs.put(`${base}switch.txt`, `${wrap(question)}\n\n${wrap(sentences.join(' '))}\n`);
  await vscode.window.showTextDocument(uri, { preview: true, preserveFocus: true });
  try {
    return await confirmCancelDefault(question, verb, vscode.l10n.t('the whole portal, every site type at once'), sentences, {
      icon: 'arrow-swap',
      cancelNote: vscode.l10n.t('switch nothing'),
      hint: vscode.l10n.t('Enter cancels; choose {0} to switch the whole portal (details beside).', verb),
    });
  } finally {
    await closePlanTabs(base);
  }
}

/** Opens a role plan as a diff: the portal now (holders as last sent) ↔ what Apply sends. */
export async function showRolePlanDiff(docs: PlanDocuments, plan: RolePlan, what = 'planned'): Promise<void> {
  const sides = rolePlanSides(plan);
  const base = `/${plan.portal}/roles/${plan.section.toLowerCase()}`;
  // JSON with comments: each holder's code is named beside it.
  const left = docs.put(`${base}/portal.jsonc`, sides.before);
  const right = docs.put(`${base}/${what}.jsonc`, sides.after);
  const title = vscode.l10n.t('Roles: {0}: portal ↔ {1} ({2})', SECTION_LABELS[plan.section], what, summariseRolePlan(plan));
  await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true, preserveFocus: true });
}

/** Asks before a role apply or restore; Cancel is the default. */
export function confirmRolePlan(plan: RolePlan, action: 'apply' | 'restore'): Promise<boolean> {
  const verb = action === 'restore' ? vscode.l10n.t('Restore') : vscode.l10n.t('Apply');
  const question =
    action === 'restore'
      ? vscode.l10n.t("Restore {0} in {1}? Each role's holders and rights are replaced as shown.", summariseRolePlan(plan), SECTION_LABELS[plan.section])
      : vscode.l10n.t("Apply {0} in {1}? Each role's holders and rights are replaced as shown.", summariseRolePlan(plan), SECTION_LABELS[plan.section]);
  return confirmCancelDefault(
    question,
    verb,
    summariseRolePlan(plan),
    plan.warnings.map((w) => w.message),
  );
}

/** Opens a multi-site plan as a diff: every site's last applied set ↔ the set that will be sent. */
export async function showMultiSitePlanDiff(docs: PlanDocuments, plan: MultiSitePlan): Promise<void> {
  const sides = multiSitePlanSides(plan);
  const base = `/${plan.portal}/sites`;
  const left = docs.put(`${base}/last-applied.jsonc`, sides.before);
  const right = docs.put(`${base}/planned.jsonc`, sides.after);
  await vscode.commands.executeCommand('vscode.diff', left, right, vscode.l10n.t('{0} sites: {1}', plan.sending, describeChange(plan.change)), {
    preview: true,
    preserveFocus: true,
  });
}

/** Asks once for a multi-site apply; Cancel is the default. */
export function confirmMultiSitePlan(plan: MultiSitePlan): Promise<boolean> {
  const question =
    plan.sending === 1
      ? vscode.l10n.t("Apply {0} to 1 site? Each site's whole rule set is replaced as shown.", describeChange(plan.change))
      : vscode.l10n.t("Apply {0} to {1} sites? Each site's whole rule set is replaced as shown.", describeChange(plan.change), plan.sending);
  return confirmCancelDefault(question, vscode.l10n.t('Apply'), vscode.l10n.t('{0} of {1} sites change', plan.sending, plan.entries.length), plan.warnings);
}
