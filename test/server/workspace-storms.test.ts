/**
 * Real workspaces over stdio: keystroke storms, floods of findings, big
 * documents, file-watch bursts and unreadable files. Every wait is on an
 * event (a publish, an answer), never on a clock.
 */
import * as assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { open, SERVER, startServer, type TestClient } from './lsp-client';
import { openToOthers, unprivileged } from '../support/unprivileged';

interface Diagnostic {
  code: string;
  message: string;
  severity: number;
}

describe('language server under load (stdio)', () => {
  let client: TestClient;
  let root: string;
  const uriOf = (rel: string) => pathToFileURL(path.join(root, rel)).toString();
  const put = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  };

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'b24-storms-'));
    openToOthers(root); // the server runs as an ordinary user, for whom file modes apply
    put('bitrix24.json', '{ "kind": "webhook", "scopes": ["crm"] }\n');
    put('src/app.js', "BX24.callMethod('crm.lead.add');\n");
    put('pkg/bitrix24.json', '{ "kind": "webhook", "scopes": ["crm"] }\n');
    put('pkg/app.js', "BX24.callMethod('crm.item.add');\n");
    put('src/other.js', "BX24.callMethod('crm.deal.list');\nBX24.callMethod('tasks.task.add');\n");
    put('bitrix/modules/main/core.js', "BX24.callMethod('tasks.task.add');\n");
    client = await startServer(pathToFileURL(root).toString(), { as: unprivileged(SERVER) });
    await client.diagnosticsWhere(uriOf('src/other.js'), (ds) => ds.length > 0);
  });
  after(async () => {
    if (client) await client.shutdown();
    chmodSync(root, 0o700);
    rmSync(root, { recursive: true, force: true });
  });

  it('analyses and publishes a burst of 500 edits a handful of times, ending with the last text', async () => {
    const uri = uriOf('src/storm.js');
    open(client, uri, 'javascript', '');
    await client.diagnosticsWhere(uri, () => true);
    const before = client.publishLog.length;
    for (let v = 2; v <= 501; v++) {
      const text = v === 501 ? "BX24.callMethod('crm.lead.addd');\n" : `// edit ${v}\n`;
      void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text }] });
    }
    const hover = client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 20 } });
    assert.ok(await hover, 'the hover after the burst sees the last text');
    const last = (await client.diagnosticsWhere(uri, (ds) => (ds as Diagnostic[]).some((d) => d.code === 'unknown-method'))) as Diagnostic[];
    assert.match(last[0].message, /'crm\.lead\.addd' is not a documented/);
    const count = client.publishLog.slice(before).filter((u) => u === uri).length;
    assert.ok(count <= 25, `${count} publishes for 500 edits`);
  });

  it('caps diagnostics per document and says how many more there are', async () => {
    const uri = uriOf('src/flood.js');
    const lines = Array.from({ length: 1500 }, (_, i) => `BX24.callMethod('zz.unknown${i % 7}');`);
    open(client, uri, 'javascript', lines.join('\n'));
    const ds = (await client.diagnosticsWhere(uri, (d) => d.length > 0)) as Diagnostic[];
    assert.equal(ds.length, 1001);
    const summary = ds.find((d) => d.code === 'too-many-problems');
    assert.ok(summary, 'a summary diagnostic');
    assert.match(summary.message, /^500 more problem\(s\) in this file are not shown; only the first 1,000 are listed/);
  });

  it('says a document over the size limit is not analysed instead of blocking on it', async () => {
    const uri = uriOf('src/bundle.min.js');
    const call = "BX24.callMethod('crm.lead.add');";
    open(client, uri, 'javascript', call.repeat(Math.ceil((2.5 * 1024 * 1024) / call.length)));
    const ds = (await client.diagnosticsWhere(uri, (d) => d.length > 0)) as Diagnostic[];
    assert.deepEqual(
      ds.map((d) => d.code),
      ['document-too-large'],
    );
    assert.match(ds[0].message, /This file is 2\.5 MB; REST calls in files over 2\.0 MB are not checked/);
  });

  it('keeps a document too large to analyse off the server thread, follows its edits, and takes it back once small', async () => {
    // Over the reader's off-thread size: the text stays in its worker; the server only learns the length.
    const uri = uriOf('src/vendor.min.js');
    const call = "BX24.callMethod('crm.lead.addd');";
    open(client, uri, 'javascript', `//${'x'.repeat(5 * 1024 * 1024)}\n${call}\n`);
    const held = (await client.diagnosticsWhere(uri, (d) => d.length > 0)) as Diagnostic[];
    assert.deepEqual(
      held.map((d) => d.code),
      ['document-too-large'],
    );
    assert.match(held[0].message, /This file is 5\.0 MB/);
    const position = { line: 1, character: 20 };
    assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }), null);
    // An edit that keeps it large is followed (the size in the message changes)...
    const edit = (version: number, range: unknown, text: string) =>
      void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    edit(2, { start: { line: 0, character: 0 }, end: { line: 0, character: 2 * 1024 * 1024 } }, '');
    await client.diagnosticsWhere(uri, (d) => (d as Diagnostic[]).some((x) => /This file is 3\.0 MB/.test(x.message)));
    // Typing in it is reported after pauses, not once per keystroke.
    const before = client.publishLog.length;
    for (let v = 100; v < 200; v++) edit(v, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, ' ');
    // ...and deleting the long line hands the rest to the server, which checks it as usual.
    edit(200, { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, '');
    const checked = (await client.diagnosticsWhere(uri, (d) => (d as Diagnostic[]).some((x) => x.code === 'unknown-method'))) as Diagnostic[];
    assert.ok(!checked.some((d) => d.code === 'document-too-large'));
    const count = client.publishLog.slice(before).filter((u) => u === uri).length;
    assert.ok(count <= 10, `${count} publishes for 100 edits of a held document and its hand-back`);
    // After the 100 spaces typed above, the call's name starts at character 117.
    assert.ok(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 120 } }));
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await client.diagnosticsWhere(uri, (d) => d.length === 0);
  });

  it('closing a held document clears what was reported on it', async () => {
    const uri = uriOf('src/huge.js');
    open(client, uri, 'javascript', 'y'.repeat(5 * 1024 * 1024));
    await client.diagnosticsWhere(uri, (d) => d.length > 0);
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await client.diagnosticsWhere(uri, (d) => d.length === 0);
  });

  it('after a burst of file events publishes only the files whose findings changed', async () => {
    // Open in another package (its own manifest), so nothing it reports depends on the changed files.
    const openUri = uriOf('pkg/app.js');
    open(client, openUri, 'javascript', "BX24.callMethod('crm.item.add');\n");
    await client.diagnosticsWhere(openUri, () => true);
    const changes = [];
    for (let i = 0; i < 200; i++) {
      put(`src/gen/f${i}.js`, i === 199 ? "BX24.callMethod('im.notify.system.add');\n" : `export const x${i} = ${i};\n`);
      changes.push({ uri: uriOf(`src/gen/f${i}.js`), type: 1 });
    }
    const before = client.publishLog.length;
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
    await client.diagnosticsWhere(uriOf('src/gen/f199.js'), (ds) => (ds as Diagnostic[]).some((d) => d.code === 'missing-scope-call'));
    // A request answered after the index settled: everything it published is in by now.
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: openUri }, position: { line: 0, character: 20 } });
    const sent = client.publishLog.slice(before);
    assert.ok(!sent.includes(openUri), 'the open document is not re-published');
    assert.ok(sent.length <= 3, `published ${sent.join(', ')}`);
  });

  it('reports an unreadable file on itself and keeps checking the others; the 1C-Bitrix core is not scanned', async () => {
    assert.equal(client.diagnostics.get(uriOf('bitrix/modules/main/core.js')), undefined, 'bitrix/ is excluded by default');
    put('src/secret.js', "BX24.callMethod('tasks.task.add');\n");
    chmodSync(path.join(root, 'src/secret.js'), 0o000);
    put('src/next.js', "BX24.callMethod('im.notify.system.add');\n");
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: uriOf('src/secret.js'), type: 1 },
        { uri: uriOf('src/next.js'), type: 1 },
      ],
    });
    const secret = (await client.diagnosticsWhere(uriOf('src/secret.js'), (d) => d.length > 0)) as Diagnostic[];
    assert.equal(secret[0].code, 'unreadable-file');
    await client.diagnosticsWhere(uriOf('src/next.js'), (ds) => (ds as Diagnostic[]).some((d) => d.code === 'missing-scope-call'));
  });
});
