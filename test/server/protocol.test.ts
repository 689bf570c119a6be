/** The bundled stdio server, spoken to over JSON-RPC exactly as an editor would. */
import * as assert from 'node:assert/strict';
import { cursor, open, startServer, type TestClient } from './lsp-client';

interface HoverResult {
  contents: { kind: string; value: string };
  range: { start: { line: number; character: number } };
}
interface CompletionItem {
  label: string;
  filterText?: string;
  detail?: string;
  sortText?: string;
  tags?: number[];
}
interface Diagnostic {
  code: string;
  source: string;
  message: string;
  range: { start: { line: number; character: number } };
}

describe('language server over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await startServer();
  });
  after(async () => {
    if (client) assert.equal(await client.shutdown(), 0, 'server exits cleanly after shutdown/exit');
  });

  it('answers hover on a method string with its scope, who can execute and the official page', async () => {
    const { text, position } = cursor("BX24.callMethod('crm.le|ad.add', { fields: { TITLE: 'x' } });\n");
    open(client, 'file:///workspace/app.js', 'javascript', text);
    const hover = await client.connection.sendRequest<HoverResult | null>('textDocument/hover', {
      textDocument: { uri: 'file:///workspace/app.js' },
      position,
    });
    assert.ok(hover, 'a hover');
    assert.match(hover.contents.value, /\*\*crm\.lead\.add\*\*/);
    assert.match(hover.contents.value, /`crm` \(CRM\)/);
    assert.match(hover.contents.value, /Who can execute/);
    assert.match(hover.contents.value, /https:\/\/apidocs\.bitrix24\.com\/api-reference\/crm\/leads\/crm-lead-add\.html/);
    assert.deepEqual(hover.range.start, { line: 0, character: 17 });
  });

  it('gives no hover outside REST calls', async () => {
    const { text, position } = cursor("const label = 'hel|lo';\n");
    open(client, 'file:///workspace/plain.js', 'javascript', text);
    const hover = await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: 'file:///workspace/plain.js' },
      position,
    });
    assert.equal(hover, null);
  });

  it('completes method names by prefix in a call, with the scope as detail', async () => {
    const { text, position } = cursor("BX24.callMethod('crm.lea|');\n");
    open(client, 'file:///workspace/complete.js', 'javascript', text);
    const { items } = await client.connection.sendRequest<{ items: CompletionItem[] }>('textDocument/completion', {
      textDocument: { uri: 'file:///workspace/complete.js' },
      position,
    });
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('crm.lead.add'), 'crm.lead.add offered');
    // Names with the prefix, plus the documented replacements of superseded ones (crm.lead.* →
    // crm.item.*), which keep the typed text as their filter so the editor shows them too.
    const other = items.filter((i) => !i.label.toLowerCase().startsWith('crm.lea'));
    assert.ok(
      other.every((i) => i.label.startsWith('crm.item.') && i.filterText === 'crm.lea'),
      `unexpected: ${other.map((i) => i.label).slice(0, 5)}`,
    );
    assert.match(items.find((i) => i.label === 'crm.lead.add')!.detail ?? '', /crm/);
  });

  it('publishes an unknown-method diagnostic with a suggestion, and clears it when fixed', async () => {
    const uri = 'file:///workspace/typo.js';
    const first = client.nextDiagnostics(uri);
    open(client, uri, 'javascript', "// create\nBX24.callMethod('crm.lead.ad', { fields: {} });\n");
    const diags = (await first) as Diagnostic[];
    const d = diags.find((x) => x.code === 'unknown-method');
    assert.ok(d, `unknown-method reported, got ${JSON.stringify(diags)}`);
    assert.equal(d.source, 'bitrix24');
    assert.match(d.message, /crm\.lead\.add/);
    assert.equal(d.range.start.line, 1);

    void client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: "// create\nBX24.callMethod('crm.lead.add', { fields: {} });\n" }],
    });
    // Resolves only when a publish no longer carries the diagnostic; the tier's timeout fails a server that never clears it.
    await client.diagnosticsWhere(uri, (ds) => !(ds as Diagnostic[]).some((x) => x.code === 'unknown-method'));
  });
});
