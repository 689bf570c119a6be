// Shared by the e2e suites: activation, fixtures, and waiting on diagnostics without sleeps.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'bitrix24-rest-tools.bitrix24-rest-tools';

/** Activates the extension, waits until its language server answers, and returns its API. */
export async function extensionApi(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  const api = await ext.activate();
  await api.serverReady;
  return api;
}

/** Activates the extension and waits until its language server answers. */
export async function serverReady(): Promise<void> {
  await extensionApi();
}

/** The e2e workspace folder (a fresh copy of the fixture for each run). */
export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e fixture workspace is not open');
  return folder.uri;
}

export function fixtureUri(...parts: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), ...parts);
}

export async function openFixture(...parts: string[]): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(...parts));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Resolves with the diagnostics of `uri` once `predicate` holds for them (checked now and on every change). */
export function diagnosticsWhere(
  uri: vscode.Uri,
  predicate: (d: vscode.Diagnostic[]) => boolean,
  what = 'the expected diagnostics',
  timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const current = vscode.languages.getDiagnostics(uri);
      if (predicate(current)) {
        sub.dispose();
        clearTimeout(timer);
        resolve(current);
        return true;
      }
      return false;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    // A bound so a broken server fails the test instead of hanging it (not a wait for readiness).
    const timer = setTimeout(() => {
      sub.dispose();
      reject(
        new Error(`timed out waiting for ${what}; diagnostics now: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => [d.code, d.message]))}`),
      );
    }, timeoutMs);
    check();
  });
}

/** The diagnostic code as a string (VS Code may wrap it in an object with a link). */
export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Markdown of every hover VS Code collects at the middle of `needle` in `doc`. */
export async function hoverText(doc: vscode.TextDocument, needle: string): Promise<string> {
  const offset = doc.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} is not in ${doc.uri.path}`);
  const position = doc.positionAt(offset + Math.floor(needle.length / 2));
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

/**
 * Runs `command` and answers its question with Enter alone (the workbench's accept of the
 * active quick-pick item), repeating until the command resolves: the question shows only
 * after the command's own reads, and Enter before that does nothing. A modal dialog, which
 * quick-open keys cannot answer, makes this time out and fail.
 */
export async function answerWithEnter<T>(command: string, arg?: unknown, timeoutMs = 30_000): Promise<T | undefined> {
  let done = false;
  const result = vscode.commands.executeCommand<T | undefined>(command, arg).then((r) => ((done = true), r));
  const deadline = Date.now() + timeoutMs;
  while (!done) {
    if (Date.now() > deadline) throw new Error(`${command}: its question never took Enter`);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await new Promise((resolve) => setImmediate(resolve));
  }
  return result;
}
