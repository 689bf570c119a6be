/** "Bitrix24: Create Manifest from Code": a bitrix24.json declaring exactly what the code calls. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ProposeManifestRequest } from '../../../server/src/protocol';

/** Creates bitrix24.json in the chosen workspace folder (one undoable edit) and opens it. */
export async function createManifest(client: LanguageClient, folderArg?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const folder = folderArg ?? (await pickFolder());
  if (!folder) return undefined;
  const target = vscode.Uri.joinPath(folder, 'bitrix24.json');
  try {
    await vscode.workspace.fs.stat(target);
    void vscode.window.showWarningMessage(
      vscode.l10n.t('{0} already exists; its quick fixes keep it in step with the code.', vscode.workspace.asRelativePath(target)),
    );
    await vscode.window.showTextDocument(target);
    return undefined;
  } catch {
    // Not there yet: create it.
  }
  const proposal = await client.sendRequest(ProposeManifestRequest, { folderUri: folder.toString() });
  if (!proposal) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder first: the manifest is created from the code in it.'));
    return undefined;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(target, { ignoreIfExists: true, contents: new TextEncoder().encode(proposal.text) });
  if (!(await vscode.workspace.applyEdit(edit))) return undefined;
  await vscode.window.showTextDocument(target);
  const notes = proposal.notes.length ? ` ${proposal.notes.join(' ')}` : '';
  const scopes = proposal.scopes.join(', ') || vscode.l10n.t('none');
  void vscode.window.showInformationMessage(vscode.l10n.t('Created bitrix24.json with {0} scope(s): {1}.', proposal.scopes.length, scopes) + notes);
  return target;
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0]?.uri;
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Folder of the app') }))?.uri;
}
