/**
 * Showing a plan: a read-only diff of the last applied set against the
 * planned one (virtual documents, nothing written to disk), and the modal
 * confirmation that carries the full plan text.
 */
import * as vscode from 'vscode';
import { planSides, renderPlan, RightsPlan, summarisePlan } from './plan';

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
  const left = docs.put(`${base}/last-applied.json`, sides.before);
  const right = docs.put(`${base}/${what}.json`, sides.after);
  const from = plan.firstApply ? 'never applied' : 'last applied';
  const title = `${siteLabel(plan)}: ${from} ↔ ${what} (${summarisePlan(plan)})`;
  await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true, preserveFocus: true });
}

/** Opens the plan as plain text (warnings, marks per rule). */
export async function showPlanText(docs: PlanDocuments, plan: RightsPlan): Promise<void> {
  const uri = docs.put(`/${plan.portal}/${plan.site.id}/plan.txt`, renderPlan(plan));
  await vscode.window.showTextDocument(uri, { preview: true, preserveFocus: true });
}

/**
 * Asks before an apply or restore. The detail holds the whole plan, so the
 * user confirms exactly the set that replaces the site's rules.
 */
export async function confirmPlan(plan: RightsPlan, action: 'apply' | 'restore'): Promise<boolean> {
  const n = Object.keys(plan.rules).length;
  const verb = action === 'restore' ? 'Restore' : 'Apply';
  const message = plan.hasChanges
    ? `${verb} ${n} rule${n === 1 ? '' : 's'} to "${siteLabel(plan)}"? They replace every rule the site has now.`
    : `"${siteLabel(plan)}" already has this set from the last apply. ${verb} it again anyway?`;
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail: renderPlan(plan) }, verb);
  return choice === verb;
}
