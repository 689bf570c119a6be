/**
 * What an editor with a real workspace sees over stdio: two workspace folders with a
 * manifest each, manifest diagnostics, quick fixes, files changed on disk (watched-file
 * notifications), and each custom request and notification of server/src/protocol.ts.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseJsonc } from 'jsonc-parser';
import { open, startServer, type TestClient } from './lsp-client';

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface Diagnostic {
  code: string;
  severity: number;
  source: string;
  message: string;
  range: Range;
}
interface CodeAction {
  title: string;
  kind: string;
  diagnostics?: Diagnostic[];
  edit?: {
    changes?: Record<string, { range: Range; newText: string }[]>;
    documentChanges?: { textDocument: { uri: string }; edits: { range: Range; newText: string }[] }[];
  };
}

/** FileChangeType in LSP. */
const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;

/** Applies LSP text edits (non-overlapping) to `text`. */
function applyEdits(text: string, edits: { range: Range; newText: string }[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

const codes = (ds: unknown[]) => (ds as Diagnostic[]).map((d) => d.code);
const has = (code: string) => (ds: unknown[]) => codes(ds).includes(code);
const lacks = (code: string) => (ds: unknown[]) => !codes(ds).includes(code);

describe('a multi-root workspace over stdio', () => {
  let client: TestClient;
  let base: string;
  const file = (...parts: string[]) => path.join(base, ...parts);
  const uri = (...parts: string[]) => pathToFileURL(file(...parts)).toString();

  before(async () => {
    base = mkdtempSync(path.join(tmpdir(), 'b24-multi-'));
    // Folder "sites": a webhook app that calls landing without declaring it.
    mkdirSync(file('sites', 'src'), { recursive: true });
    writeFileSync(file('sites', 'bitrix24.json'), '{\n  "kind": "webhook",\n  "scopes": ["user_brief"]\n}\n');
    writeFileSync(file('sites', 'src', 'app.js'), "BX24.callMethod('user.current');\nBX24.callMethod('landing.site.getList');\n");
    // Folder "crm": declares a scope nothing calls.
    mkdirSync(file('crm'), { recursive: true });
    writeFileSync(file('crm', 'bitrix24.json'), '{\n  "kind": "webhook",\n  "scopes": ["crm", "calendar"]\n}\n');
    writeFileSync(file('crm', 'leads.php'), "<?php\nCRest::call('crm.lead.add', ['fields' => ['TITLE' => 'x']]);\n");
    // Folder "new-app": code but no manifest yet.
    mkdirSync(file('new-app'), { recursive: true });
    writeFileSync(file('new-app', 'main.py'), "b24.call('crm.deal.list')\nb24.call('user.current')\n");
    client = await startServer(undefined, { workspaceFolders: [uri('sites'), uri('crm'), uri('new-app')] });
  });
  after(async () => {
    if (client) await client.shutdown();
    rmSync(base, { recursive: true, force: true });
  });

  it('checks each folder against its own manifest: a missing scope in one, an unused one in the other', async () => {
    // One problem per missing scope on the manifest, naming the call; a hint at the call itself.
    const manifest = (await client.diagnosticsWhere(uri('sites', 'bitrix24.json'), has('missing-scope'))) as Diagnostic[];
    const missing = manifest.filter((d) => d.code === 'missing-scope');
    assert.equal(missing.length, 1);
    assert.match(missing[0].message, /lacks the scope 'landing', needed by 'landing\.site\.getList'/);
    const call = (await client.diagnosticsWhere(uri('sites', 'src', 'app.js'), has('missing-scope-call'))) as Diagnostic[];
    assert.deepEqual(
      call.filter((d) => d.code === 'missing-scope-call').map((d) => d.range.start.line),
      [1],
    );

    // The other folder's manifest carries its unused scope, at the scope's own string.
    const crm = (await client.diagnosticsWhere(uri('crm', 'bitrix24.json'), has('unused-scope'))) as Diagnostic[];
    const unused = crm.filter((d) => d.code === 'unused-scope');
    assert.equal(unused.length, 1);
    assert.match(unused[0].message, /'calendar'/);
    assert.equal(unused[0].range.start.line, 2);
    // crm.lead.add is covered by the crm folder's own manifest, not the other folder's.
    assert.ok(!codes(crm).includes('missing-scope'), JSON.stringify(crm));
  });

  it('offers a quick fix on the manifest that adds the missing scope', async () => {
    const diagnostics = (await client.diagnosticsWhere(uri('sites', 'bitrix24.json'), has('missing-scope'))) as Diagnostic[];
    const missing = diagnostics.find((d) => d.code === 'missing-scope')!;
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uri('sites', 'bitrix24.json') },
      range: missing.range,
      context: { diagnostics: [missing], only: ['quickfix'] },
    });
    const fix = actions.find((a) => /landing/.test(a.title));
    assert.ok(fix, `a fix adding landing, got ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.kind, 'quickfix');
    const edits =
      fix.edit?.changes?.[uri('sites', 'bitrix24.json')] ?? fix.edit?.documentChanges?.find((c) => c.textDocument.uri === uri('sites', 'bitrix24.json'))?.edits;
    assert.ok(edits?.length, `the fix edits sites/bitrix24.json: ${JSON.stringify(fix.edit)}`);
    const fixed = JSON.parse(applyEdits(readFileSync(file('sites', 'bitrix24.json'), 'utf8'), edits)) as { scopes: string[] };
    assert.deepEqual(fixed.scopes.sort(), ['landing', 'user_brief']);
  });

  it('offers "did you mean" for an unknown method in an open document', async () => {
    const doc = uri('sites', 'src', 'typo.js');
    open(client, doc, 'javascript', "BX24.callMethod('user.curent');\n");
    const diagnostics = (await client.diagnosticsWhere(doc, has('unknown-method'))) as Diagnostic[];
    const unknown = diagnostics.find((d) => d.code === 'unknown-method')!;
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: doc },
      range: unknown.range,
      context: { diagnostics: [unknown] },
    });
    assert.ok(
      actions.some((a) => a.title === "Replace with 'user.current'"),
      actions.map((a) => a.title).join(' | '),
    );
  });

  it('follows files changed, created and deleted on disk (watched-file notifications)', async () => {
    const app = uri('sites', 'src', 'app.js');
    const manifest = uri('sites', 'bitrix24.json');
    await client.diagnosticsWhere(manifest, has('missing-scope'));

    // The manifest gains the scope on disk (a git pull, another editor): the problem and the hint go.
    writeFileSync(file('sites', 'bitrix24.json'), '{\n  "kind": "webhook",\n  "scopes": ["user_brief", "landing"]\n}\n');
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: manifest, type: CHANGED }] });
    await client.diagnosticsWhere(manifest, lacks('missing-scope'));
    await client.diagnosticsWhere(app, lacks('missing-scope-call'));

    // A new file calling a method outside the manifest.
    writeFileSync(file('sites', 'src', 'tasks.js'), "BX24.callMethod('tasks.task.add', { fields: {} });\n");
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('sites', 'src', 'tasks.js'), type: CREATED }] });
    await client.diagnosticsWhere(uri('sites', 'src', 'tasks.js'), has('missing-scope-call'));
    const found = (await client.diagnosticsWhere(manifest, has('missing-scope'))) as Diagnostic[];
    assert.match(found.find((d) => d.code === 'missing-scope')!.message, /'task'/);

    // Deleting it clears its findings, on the file and on the manifest.
    unlinkSync(file('sites', 'src', 'tasks.js'));
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('sites', 'src', 'tasks.js'), type: DELETED }] });
    await client.diagnosticsWhere(uri('sites', 'src', 'tasks.js'), (ds) => ds.length === 0);
    await client.diagnosticsWhere(manifest, lacks('missing-scope'));
  });

  it('bitrix24/listMethods lists catalogue methods by prefix with scope, title and page', async () => {
    const methods = await client.connection.sendRequest<{ name: string; scope: string; title: string; url: string; version: number; deprecated: boolean }[]>(
      'bitrix24/listMethods',
      { prefix: 'CRM.LEAD.' },
    );
    assert.ok(methods.length > 5, `${methods.length} methods`);
    assert.ok(
      methods.every((m) => m.name.startsWith('crm.lead.')),
      'case-insensitive prefix, nothing else',
    );
    const add = methods.find((m) => m.name === 'crm.lead.add');
    assert.ok(add);
    assert.equal(add.scope, 'crm');
    assert.match(add.url, /^https:\/\/apidocs\.bitrix24\.com\//);
    assert.ok(add.title.length > 0);
  });

  it('bitrix24/scopeReport reports on the manifest of the folder the file is in', async () => {
    const { markdown } = await client.connection.sendRequest<{ markdown: string }>('bitrix24/scopeReport', { uri: uri('crm', 'leads.php') });
    assert.match(markdown, /crm\.lead\.add/);
    assert.match(markdown, /calendar/);
    assert.doesNotMatch(markdown, /landing\.site\.getList/, "the other folder's calls stay out");
  });

  it('bitrix24/proposeManifest proposes the scopes a folder without a manifest calls', async () => {
    const proposal = await client.connection.sendRequest<{ uri: string; text: string; scopes: string[] } | null>('bitrix24/proposeManifest', {
      folderUri: uri('new-app'),
    });
    assert.ok(proposal);
    assert.equal(proposal.uri, uri('new-app', 'bitrix24.json'));
    assert.ok(proposal.scopes.includes('crm'), proposal.scopes.join(','));
    assert.deepEqual((parseJsonc(proposal.text) as { scopes: string[] }).scopes, proposal.scopes);
  });

  it('bitrix24/portalFacts adds live checks; bitrix24/unknownMethods asks the portal about unknown names', async () => {
    const asked: string[][] = [];
    let notify: () => void = () => undefined;
    client.connection.onNotification('bitrix24/unknownMethods', (p: { names: string[] }) => {
      asked.push(p.names);
      notify();
    });
    const doc = uri('crm', 'live.js');
    open(client, doc, 'javascript', "BX24.callMethod('crm.lead.add', {});\nBX24.callMethod('vendor.custom.sync', {});\n");
    await client.diagnosticsWhere(doc, has('unknown-method'));
    assert.equal(asked.length, 0, 'no portal, no questions');

    const facts = { portal: 'https://example.bitrix24.com', fetchedAt: Date.now(), scopes: ['user_brief'], admin: false, auth: 'webhook' };
    const question = new Promise<void>((resolve) => (notify = resolve));
    void client.connection.sendNotification('bitrix24/portalFacts', { facts });
    const live = (await client.diagnosticsWhere(doc, has('portal-missing-scope'))) as Diagnostic[];
    assert.equal(live.find((d) => d.code === 'portal-missing-scope')!.source, 'bitrix24-portal');
    await question;
    assert.ok(asked.flat().includes('vendor.custom.sync'), JSON.stringify(asked));
    assert.ok(!asked.flat().includes('crm.lead.add'), 'methods the catalogue knows are never asked about');

    // The portal knows the method: the offline "unknown method" goes.
    void client.connection.sendNotification('bitrix24/portalFacts', {
      facts: { ...facts, methods: { 'vendor.custom.sync': { exists: true, available: true } } },
    });
    await client.diagnosticsWhere(doc, lacks('unknown-method'));

    // Disconnected: the live checks go too.
    void client.connection.sendNotification('bitrix24/portalFacts', { facts: null });
    await client.diagnosticsWhere(doc, (ds) => !(ds as Diagnostic[]).some((d) => d.source === 'bitrix24-portal'));
  });
});
