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
}

describe('workspace scope checks over stdio', () => {
  let client: TestClient;
  let fileUri: string;
  before(async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'b24-scopes-'));
    writeFileSync(path.join(root, 'bitrix24.json'), '{ "kind": "webhook", "scopes": ["user_brief"] }\n');
    writeFileSync(path.join(root, 'sites.js'), "BX24.callMethod('user.current');\nBX24.callMethod('landing.site.getList');\n");
    fileUri = pathToFileURL(path.join(root, 'sites.js')).toString();
    client = await startServer(pathToFileURL(root).toString());
  });
  after(async () => {
    if (client) await client.shutdown();
  });

  it('publishes missing-scope for a file that is not open, and follows a settings change', async () => {
    const found = (await client.diagnosticsWhere(fileUri, (ds) => (ds as Diagnostic[]).some((d) => d.code === 'missing-scope'))) as Diagnostic[];
    assert.equal(found.find((d) => d.code === 'missing-scope')!.severity, 1, 'an error by default');

    client.settings = { diagnostics: { rules: { 'missing-scope': 'hint' } } };
    client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const after = (await client.diagnosticsWhere(fileUri, (ds) => (ds as Diagnostic[]).some((d) => d.code === 'missing-scope' && d.severity === 4))) as Diagnostic[];
    assert.equal(after.filter((d) => d.code === 'missing-scope').length, 1);
  });
});
