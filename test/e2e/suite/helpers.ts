// Shared by the e2e suites: activation, fixtures, and waiting on diagnostics without sleeps.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'bitrix24-rest-tools.bitrix24-rest-tools';

/** Activates the extension and waits until its language server answers. */
export async function serverReady(): Promise<void> {
  const ext = vscode.extensions.getExtension<{ serverReady: Promise<void> }>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  await (await ext.activate()).serverReady;
}

export function fixtureUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e fixture workspace is not open');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

export async function openFixture(...parts: string[]): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(...parts));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Resolves with the diagnostics of `uri` once `predicate` holds for them (checked now and on every change). */
export function diagnosticsWhere(uri: vscode.Uri, predicate: (d: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
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
      reject(new Error(`timed out waiting for ${what}; diagnostics now: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => [d.code, d.message]))}`));
    }, timeoutMs);
    check();
  });
}

/** The diagnostic code as a string (VS Code may wrap it in an object with a link). */
export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}
