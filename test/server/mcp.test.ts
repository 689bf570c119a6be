/**
 * `bitrix24-mcp` driven by the MCP SDK's own client over stdio, as an AI
 * assistant would: initialize, tools/list, every tool on the examples app,
 * malformed input answered with an MCP error, and — with a webhook to a
 * local stand-in portal — portal answers without the webhook code anywhere.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'dist', 'bin', 'mcp.js');
const EXAMPLES = path.join(ROOT, 'examples');
const SECRET = 'h7secretcode42xyz';

interface Session {
  client: Client;
  stderr: () => string;
  close: () => Promise<void>;
}

async function start(env: Record<string, string> = {}, options: string[] = []): Promise<Session> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, EXAMPLES, ...options],
    env: { PATH: process.env.PATH ?? '', ...env },
    stderr: 'pipe',
  });
  let err = '';
  transport.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const client = new Client({ name: 'bitrix24-mcp-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => err, close: () => client.close() };
}

async function call(s: Session, name: string, args: Record<string, unknown>): Promise<{ text: string; isError: boolean }> {
  const r = (await s.client.callTool({ name, arguments: args })) as { content: { type: string; text: string }[]; isError?: boolean };
  return { text: r.content.map((c) => c.text).join('\n'), isError: r.isError === true };
}

describe('bitrix24-mcp --lang ru', function () {
  it('explains errors in Russian; the shell language alone does not switch it', async () => {
    const ru = await start({}, ['--lang', 'ru']);
    try {
      const x = await call(ru, 'explain_error', { error: '{"error":"insufficient_scope"}', method: 'crm.deal.add' });
      assert.match(x.text, /^## insufficient_scope \(HTTP 403\) — crm\.deal\.add\n\nНе хватает скоупа: методу crm\.deal\.add нужен скоуп «crm»\./);
      assert.match(x.text, /\nЧто сделать:\n1\. /);
    } finally {
      await ru.close();
    }
    const shell = await start({ LANG: 'ru_RU.UTF-8' });
    try {
      assert.match((await call(shell, 'explain_error', { error: 'expired_token' })).text, /The OAuth access token has expired/);
    } finally {
      await shell.close();
    }
  });
});

describe('bitrix24-mcp over stdio (offline)', function () {
  let s: Session;
  before(async () => {
    s = await start();
  });
  after(async () => s?.close());

  it('initializes as bitrix24-rest-tools with tools', () => {
    assert.equal(s.client.getServerVersion()?.name, 'bitrix24-rest-tools');
    assert.ok(s.client.getServerCapabilities()?.tools);
    assert.match(s.client.getInstructions() ?? '', /Offline unless BITRIX24_WEBHOOK/);
  });

  it('lists the seven read-only tools with input schemas', async () => {
    const { tools } = await s.client.listTools();
    assert.deepEqual(
      tools.map((t) => t.name),
      ['describe_method', 'search_methods', 'needed_scopes', 'check_manifest', 'check_snippet', 'explain_error', 'site_rights'],
    );
    for (const t of tools) {
      assert.equal(t.inputSchema.type, 'object');
      assert.equal(t.annotations?.readOnlyHint, true, `${t.name} is read-only`);
      assert.ok((t.description ?? '').length > 100);
    }
    assert.match(tools.find((t) => t.name === 'site_rights')?.description ?? '', /Offline now/);
  });

  it('describe_method and search_methods answer from the catalogue', async () => {
    const d = await call(s, 'describe_method', { name: 'landing.site.getList' });
    assert.match(d.text, /^landing\.site\.getList \(REST 2\)/);
    assert.match(d.text, /- scope: landing/);
    const q = await call(s, 'search_methods', { query: 'timeline comment', limit: 5 });
    assert.match(q.text, /crm\.timeline\.comment\.add/);
  });

  it('needed_scopes and check_manifest see what the examples app calls and declares', async () => {
    const n = await call(s, 'needed_scopes', {});
    assert.match(n.text, /^Least scopes for the workspace: crm, landing, task, user_brief \(4\)/);
    assert.match(n.text, /- landing: landing\.site\.getList \(php\/publish-event\.php:\d+\)/);
    assert.match(n.text, /bitrix24\.json declares: crm, user, task, calendar; missing: landing, user_brief/);
    const py = await call(s, 'needed_scopes', { folder: 'python' });
    assert.match(py.text, /^Least scopes for python: /);
    const m = await call(s, 'check_manifest', {});
    assert.match(m.text, /^bitrix24\.json declares: crm, user, task, calendar/);
    assert.match(m.text, /Missing: landing/);
    assert.match(m.text, /calendar \(unused-scope\)/);
  });

  it('check_snippet and explain_error use the examples manifest', async () => {
    const c = await call(s, 'check_snippet', {
      code: "BX24.callMethod('landing.landing.add', {});\nBX24.callMethod('crm.lead.ad', {});",
      language: 'javascript',
    });
    assert.match(c.text, /landing\.landing\.add \(line 1\): scope landing; NOT declared in bitrix24\.json/);
    assert.match(c.text, /crm\.lead\.ad \(line 2\): not a documented method; did you mean crm\.lead\.add/);
    const php = await call(s, 'check_snippet', { code: "$b24->call('landing.site.getList', []);", language: 'php' });
    assert.match(php.text, /landing\.site\.getList \(line 1\): scope landing; NOT declared/);
    const batch = JSON.stringify({ result: { result: [], result_error: { pages: { error: 'insufficient_scope', error_description: '' } } } });
    const e = await call(s, 'explain_error', { error: batch, method: 'landing.landing.add' });
    assert.match(e.text, /batch command “pages” — landing\.landing\.add/);
    assert.match(e.text, /Add “landing” to "scopes" in bitrix24\.json/);
  });

  it('site_rights offline says there are no rights files and no portal', async () => {
    const r = await call(s, 'site_rights', { siteId: 3 });
    assert.match(r.text, /No rights file for site 3/);
    assert.match(r.text, /No portal connected/);
  });

  it('malformed input is an MCP InvalidParams error with the reason', async () => {
    const expectInvalid = async (name: string, args: Record<string, unknown>, message: RegExp) =>
      assert.rejects(
        s.client.callTool({ name, arguments: args }),
        (err: unknown) => err instanceof McpError && err.code === ErrorCode.InvalidParams && message.test(err.message),
      );
    await expectInvalid('describe_method', {}, /"name" is required/);
    await expectInvalid('search_methods', { query: 'x', limit: 'ten' }, /whole number/);
    await expectInvalid('check_snippet', { code: 'x', language: 'cobol' }, /unknown language/);
    await expectInvalid('no_such_tool', {}, /Unknown tool "no_such_tool"/);
  });
});

describe('bitrix24-mcp with BITRIX24_WEBHOOK', function () {
  let portal: Server;
  let s: Session;
  const seen: string[] = [];
  before(async () => {
    // A stand-in portal: answers profile, scope and landing.site.getRights; its errors echo the request path (which holds the code).
    portal = createServer((req, res) => {
      seen.push(req.url ?? '');
      const method = (req.url ?? '')
        .split('/')
        .pop()
        ?.replace(/\.json$/, '');
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (method === 'profile') reply(200, { result: { ID: '1', NAME: 'Ann', ADMIN: false } });
      else if (method === 'scope') reply(200, { result: ['crm', 'landing'] });
      else if (method === 'landing.site.getRights') reply(200, { result: ['read', 'edit'] });
      else reply(403, { error: 'insufficient_scope', error_description: `no access for ${req.url}` });
    });
    await new Promise<void>((done) => portal.listen(0, '127.0.0.1', done));
    const { port } = portal.address() as AddressInfo;
    s = await start({ BITRIX24_WEBHOOK: `http://127.0.0.1:${port}/rest/1/${SECRET}/` });
  });
  after(async () => {
    await s?.close();
    portal?.close();
  });

  it('site_rights reads the portal; explain_error knows what the webhook grants; the code appears nowhere', async () => {
    const r = await call(s, 'site_rights', { siteId: 3 });
    assert.match(r.text, /says the current user may: read, edit on site 3/);
    const e = await call(s, 'explain_error', { error: 'insufficient_scope', method: 'tasks.task.add' });
    assert.match(e.text, /The connected portal grants: crm, landing\./);
    assert.ok(
      seen.some((u) => u.includes(SECRET)),
      'the stand-in portal was called with the webhook',
    );
    const { tools } = await s.client.listTools();
    const outputs = [r.text, e.text, JSON.stringify(tools), s.stderr()];
    for (const o of outputs) assert.ok(!o.includes(SECRET), `no webhook code in: ${o.slice(0, 200)}`);
    assert.match(s.stderr(), /serving .*examples with portal http:\/\/127\.0\.0\.1:\d+/);
  });
});
