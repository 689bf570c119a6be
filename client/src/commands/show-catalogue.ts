/**
 * "Bitrix24: Show Method Catalogue": search methods, events and placements by any words of their
 * name, scope or title ("deal add", "crm list"); Enter inserts the name at the cursor (or opens the
 * docs when no editor is open), the item buttons copy the name, show its usages, open the docs.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SearchCatalogueRequest } from '../../../server/src/protocol';
import type { CatalogueEntry } from '../../../server/src/catalogue/search';

interface EntryPick extends vscode.QuickPickItem {
  entry: CatalogueEntry;
}

/** Items shown at once; the search ranks the best first. */
const SHOWN = 300;

interface Buttons {
  copy: vscode.QuickInputButton;
  usages: vscode.QuickInputButton;
  docs: vscode.QuickInputButton;
}

/** The item buttons, made when the picker opens (their tooltips are translated). */
function itemButtons(): Buttons {
  return {
    copy: { iconPath: new vscode.ThemeIcon('copy'), tooltip: vscode.l10n.t('Copy name') },
    usages: { iconPath: new vscode.ThemeIcon('references'), tooltip: vscode.l10n.t('Show usages in this workspace') },
    docs: { iconPath: new vscode.ThemeIcon('link-external'), tooltip: vscode.l10n.t('Open docs') },
  };
}

function kindLabel(e: CatalogueEntry): string {
  if (e.kind === 'method') return e.version === 3 ? 'REST 3.0' : '';
  return e.kind === 'event' ? vscode.l10n.t('event') : vscode.l10n.t('placement');
}

function toPick(e: CatalogueEntry, b: Buttons): EntryPick {
  return {
    label: e.name,
    description: [e.scope, kindLabel(e), e.deprecated ? vscode.l10n.t('deprecated') : ''].filter(Boolean).join(' · '),
    detail: e.title,
    alwaysShow: true,
    buttons: [b.copy, b.usages, b.docs],
    entry: e,
  };
}

async function act(button: vscode.QuickInputButton, e: CatalogueEntry, b: Buttons): Promise<void> {
  if (button === b.copy) {
    await vscode.env.clipboard.writeText(e.name);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', e.name), 3000);
  } else if (button === b.usages) {
    await vscode.commands.executeCommand('workbench.action.findInFiles', { query: e.name, isCaseSensitive: false, matchWholeWord: true, triggerSearch: true });
  } else {
    await vscode.env.openExternal(vscode.Uri.parse(e.url));
  }
}

/** Shows the catalogue; resolves to the chosen entry (tests use it). */
export async function showCatalogue(client: LanguageClient): Promise<CatalogueEntry | undefined> {
  const search = (query: string) => client.sendRequest(SearchCatalogueRequest, { query, limit: SHOWN });
  const first = await search('');
  const { methods, events, placements } = first.totals;
  const pick = vscode.window.createQuickPick<EntryPick>();
  const buttons = itemButtons();
  pick.title = vscode.l10n.t('Bitrix24 REST catalogue: {0} methods, {1} events, {2} placements', methods, events, placements);
  pick.placeholder = vscode.l10n.t('Words of a name, scope or title, e.g. "deal add" or "crm list". Enter inserts the name.');
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  pick.items = first.entries.map((e) => toPick(e, buttons));
  let latest = 0;
  pick.onDidChangeValue(async (value) => {
    const ticket = ++latest;
    pick.busy = true;
    const result = await search(value);
    if (ticket !== latest) return;
    pick.items = result.entries.map((e) => toPick(e, buttons));
    pick.busy = false;
  });
  pick.onDidTriggerItemButton((e) => void act(e.button, e.item.entry, buttons));
  const editor = vscode.window.activeTextEditor;
  const chosen = await new Promise<CatalogueEntry | undefined>((resolve) => {
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0]?.entry);
      pick.hide();
    });
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  if (!chosen) return undefined;
  if (editor && !editor.document.isClosed) {
    await editor.edit((b) => editor.selections.forEach((s) => b.replace(s, chosen.name)));
  } else {
    await vscode.env.openExternal(vscode.Uri.parse(chosen.url));
  }
  return chosen;
}
