/** Scope findings over the protocol for files the editor has not opened, and their severities from settings. */
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, type TestClient } from './lsp-client';

interface Diagnostic {
  code: string;
  severity: number;
  message: string;
  range: { start: { line: number; character: number } };
  relatedInformation?: { location: { uri: string; range: { start: { line: number } } }; message: string }[];
}

describe('workspace scope checks over stdio', () => {
  let client: TestClient;
  let fileUri: string;
  let manifestUri: string;
  before(async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'b24-scopes-'));
    writeFileSync(path.join(root, 'bitrix24.json'), '{ "kind": "webhook", "scopes": ["user_brief"] }\n');
    writeFileSync(
      path.join(root, 'sites.js'),
      "BX24.callMethod('user.current');\nBX24.callMethod('landing.site.getList');\nBX24.callMethod('landing.site.add', {});\nBX24.callMethod('crm.deal.lst');\n",
    );
    fileUri = pathToFileURL(path.join(root, 'sites.js')).toString();
    manifestUri = pathToFileURL(path.join(root, 'bitrix24.json')).toString();
    client = await startServer(pathToFileURL(root).toString());
  });
  after(async () => {
    if (client) await client.shutdown();
  });

  it('reports one problem per missing scope on the manifest, with every call as related information', async () => {
    const found = (await client.diagnosticsWhere(manifestUri, (ds) => (ds as Diagnostic[]).some((d) => d.code === 'missing-scope'))) as Diagnostic[];
    const missing = found.filter((d) => d.code === 'missing-scope');
    assert.equal(missing.length, 1, 'one problem for landing, not one per call');
    assert.equal(missing[0].severity, 1, 'an error by default');
    assert.match(missing[0].message, /lacks the scope 'landing', needed by 'landing\.site\.getList' \(sites\.js:2\) and 'landing\.site\.add' \(sites\.js:3\)/);
    assert.deepEqual(
      missing[0].relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line, r.message]),
      [
        [fileUri, 1, "'landing.site.getList' needs 'landing'"],
        [fileUri, 2, "'landing.site.add' needs 'landing'"],
      ],
    );
  });

  it('marks each call with a hint pointing to it, and reports unknown methods of files that are not open', async () => {
    const found = (await client.diagnosticsWhere(fileUri, (ds) => (ds as Diagnostic[]).some((d) => d.code === 'unknown-method'))) as Diagnostic[];
    assert.deepEqual(
      found.filter((d) => d.code === 'missing-scope-call').map((d) => [d.range.start.line, d.severity]),
      [
        [1, 4],
        [2, 4],
      ],
    );
    const unknown = found.find((d) => d.code === 'unknown-method');
    assert.equal(unknown?.severity, 1);
    assert.match(unknown?.message ?? '', /'crm\.deal\.lst' is not a documented Bitrix24 REST method\. Did you mean 'crm\.deal\.list'/);
  });

  it('follows a settings change', async () => {
    client.settings = { diagnostics: { rules: { 'missing-scope': 'warning' } } };
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const after = (await client.diagnosticsWhere(manifestUri, (ds) =>
      (ds as Diagnostic[]).some((d) => d.code === 'missing-scope' && d.severity === 2),
    )) as Diagnostic[];
    assert.equal(after.filter((d) => d.code === 'missing-scope').length, 1);
  });
});

describe('an events-only app over stdio', () => {
  let client: TestClient;
  let manifestUri: string;
  before(async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'b24-events-'));
    writeFileSync(path.join(root, 'bitrix24.json'), '{ "scopes": ["crm", "calendar"] }\n');
    writeFileSync(path.join(root, 'events.js'), "BX24.callMethod('event.bind', { event: 'ONCRMDEALADD', handler: 'https://example.com/h' });\n");
    manifestUri = pathToFileURL(path.join(root, 'bitrix24.json')).toString();
    client = await startServer(pathToFileURL(root).toString());
  });
  after(async () => {
    if (client) await client.shutdown();
  });

  it('keeps crm, which the bound event needs; only calendar is unused', async () => {
    const found = (await client.diagnosticsWhere(manifestUri, (ds) => (ds as Diagnostic[]).some((d) => d.code === 'unused-scope'))) as Diagnostic[];
    assert.deepEqual(
      found.filter((d) => d.code === 'unused-scope').map((d) => d.message.slice(0, 16)),
      ["Scope 'calendar'"],
    );
  });
});
