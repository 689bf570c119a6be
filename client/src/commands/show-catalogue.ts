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

const COPY: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('copy'), tooltip: 'Copy name' };
const USAGES: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('references'), tooltip: 'Show usages in this workspace' };
const DOCS: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('link-external'), tooltip: 'Open docs' };

function toPick(e: CatalogueEntry): EntryPick {
  const kind = e.kind === 'method' ? (e.version === 3 ? 'REST 3.0' : '') : e.kind;
  return {
    label: e.name,
    description: [e.scope, kind, e.deprecated ? 'deprecated' : ''].filter(Boolean).join(' · '),
    detail: e.title,
    alwaysShow: true,
    buttons: [COPY, USAGES, DOCS],
    entry: e,
  };
}

async function act(button: vscode.QuickInputButton, e: CatalogueEntry): Promise<void> {
  if (button === COPY) {
    await vscode.env.clipboard.writeText(e.name);
    void vscode.window.setStatusBarMessage(`Copied ${e.name}`, 3000);
  } else if (button === USAGES) {
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
  pick.title = `Bitrix24 REST catalogue: ${methods} methods, ${events} events, ${placements} placements`;
  pick.placeholder = 'Words of a name, scope or title, e.g. "deal add" or "crm list". Enter inserts the name.';
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  pick.items = first.entries.map(toPick);
  let latest = 0;
  pick.onDidChangeValue(async (value) => {
    const ticket = ++latest;
    pick.busy = true;
    const result = await search(value);
    if (ticket !== latest) return;
    pick.items = result.entries.map(toPick);
    pick.busy = false;
  });
  pick.onDidTriggerItemButton((e) => void act(e.button, e.item.entry));
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
