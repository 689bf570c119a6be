// The bitrix24.language setting reaches the language server: switching it restarts the server with
// the new `initializationOptions.locale`, and the hover of the same call follows, language and docs site.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, hoverText, openFixture } from './helpers';

/**
 * The hover once the restarted server answers it: right after the restart the server may still be
 * reading the reopened documents and answer nothing, so an empty hover is asked again (bounded).
 */
async function answeredHover(doc: vscode.TextDocument, needle: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const text = await hoverText(doc, needle);
    if (text.trim() !== '' || Date.now() > deadline) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('bitrix24.language', () => {
  let doc: vscode.TextDocument;
  const config = () => vscode.workspace.getConfiguration('bitrix24');

  /** Sets the language and resolves once the restarted server runs. */
  async function switchTo(value: string | undefined): Promise<void> {
    const api = await extensionApi();
    const started = new Promise<void>((resolve) => {
      const sub = api.onDidStartServer(() => {
        sub.dispose();
        resolve();
      });
    });
    await config().update('language', value, vscode.ConfigurationTarget.Global);
    await started;
  }

  before(async () => {
    doc = await openFixture('app.js');
    await extensionApi();
  });

  after(async () => {
    // Leave the server speaking English for the suites after this one.
    if (config().get('language') !== 'auto') await switchTo(undefined);
  });

  it('"ru" restarts the server, and the hover is Russian, with the Russian docs page', async () => {
    assert.match(await hoverText(doc, 'crm.lead.add'), /Who can execute/);
    await switchTo('ru');
    const text = await answeredHover(doc, 'crm.lead.add');
    assert.match(text, /Кто может выполнять/);
    assert.match(text, /apidocs\.bitrix24\.ru/);
    assert.doesNotMatch(text, /Who can execute/);
  });

  it('"en" turns it back to English', async () => {
    await switchTo('en');
    const text = await answeredHover(doc, 'crm.lead.add');
    assert.match(text, /Who can execute/);
    assert.match(text, /apidocs\.bitrix24\.com/);
  });
});
