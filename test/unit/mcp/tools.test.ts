/**
 * The assistant tools on a fixture app (test/fixtures/ai/app): input
 * validation, and the text each tool answers — what the model would quote.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Catalogue } from '../../../server/src/catalogue/catalogue';
import { nodeToolContext } from '../../../server/src/mcp/node-context';
import { runTool, TOOLS } from '../../../server/src/mcp/tools';
import { ToolInputError, type PortalReader, type ToolContext } from '../../../server/src/mcp/tool-types';
import { codesOfPage } from '../../../scripts/error-codes/generate';

const app = join(__dirname, '..', '..', 'fixtures', 'ai', 'app');
const catalogue = Catalogue.load();
let ctx: ToolContext;

const text = async (name: string, input: unknown, c: ToolContext = ctx) => (await runTool(name, input, c)).text;
const rejects = (name: string, input: unknown, message: RegExp) =>
  assert.rejects(runTool(name, input, ctx), (err: unknown) => err instanceof ToolInputError && message.test(err.message));

before(async () => {
  ctx = await nodeToolContext({ folder: app, catalogue })();
});

describe('assistant tools: definitions', () => {
  it('seven read-only tools, each with a description and an object schema', () => {
    assert.deepEqual(
      TOOLS.map((t) => t.name),
      ['describe_method', 'search_methods', 'needed_scopes', 'check_manifest', 'check_snippet', 'explain_error', 'site_rights'],
    );
    for (const t of TOOLS) {
      assert.ok(t.description.length > 100, `${t.name} explains itself to the model`);
      assert.equal(t.inputSchema.type, 'object');
      for (const r of t.inputSchema.required ?? []) assert.ok(t.inputSchema.properties[r], `${t.name}.${r} is a property`);
    }
    assert.deepEqual(
      TOOLS.filter((t) => t.readsPortal).map((t) => t.name),
      ['site_rights'],
    );
  });

  it('package.json declares the same tools, names and schemas for VS Code', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
      contributes: { languageModelTools: { name: string; toolReferenceName: string; inputSchema: unknown; modelDescription: string }[] };
    };
    const declared = pkg.contributes.languageModelTools;
    assert.deepEqual(
      declared.map((t) => t.name),
      TOOLS.map((t) => `bitrix24_${t.name}`),
    );
    for (const t of TOOLS) {
      const d = declared.find((x) => x.name === `bitrix24_${t.name}`)!;
      assert.deepEqual(d.inputSchema, t.inputSchema, `${t.name} schema`);
      assert.equal(d.modelDescription, t.description, `${t.name} description`);
    }
  });
});

describe('assistant tools: input validation', () => {
  it('missing, mistyped, unknown and out-of-range inputs are refused with what to send', async () => {
    await rejects('describe_method', {}, /"name" is required/);
    await rejects('describe_method', { name: 5 }, /"name" must be a string/);
    await rejects('describe_method', { name: 'crm.lead.add', verbose: true }, /unknown input "verbose"/);
    await rejects('describe_method', { name: 'crm.lead.add', version: '4' }, /must be one of 2, 3/);
    await rejects('search_methods', { query: 'lead', limit: 0 }, /between 1 and 100/);
    await rejects('search_methods', { query: 'lead', limit: 2.5 }, /whole number/);
    await rejects('search_methods', { query: ' , ' }, /at least one word/);
    await rejects('search_methods', { query: 'lead', scope: 'nope' }, /not a scope code/);
    await rejects('check_snippet', { code: 'x', language: 'cobol' }, /unknown language "cobol"/);
    await rejects('needed_scopes', { folder: '../../elsewhere' }, /outside the workspace/);
    await rejects('explain_error', { error: 'all good here' }, /No error code found/);
    await rejects('site_rights', { siteId: 0 }, /between 1/);
    await assert.rejects(runTool('write_things', {}, ctx), /No tool named "write_things"/);
  });
});

describe('assistant tools: answers on the fixture app', () => {
  it('describe_method: a method, an event, a scope, and a typo with suggestions', async () => {
    const m = await text('describe_method', { name: 'crm.lead.add' });
    assert.match(m, /^crm\.lead\.add \(REST 2\)/);
    assert.match(m, /- scope: crm/);
    assert.match(m, /- who can execute: /);
    assert.match(m, /- docs: https:\/\/apidocs\.bitrix24\.com\//);
    const event = catalogue.events()[0];
    assert.match(await text('describe_method', { name: event.name }), new RegExp(`^Event ${event.name}`));
    assert.match(await text('describe_method', { name: 'user_brief' }), /^Scope user_brief/);
    const placement = await text('describe_method', { name: 'CRM_DEAL_DETAIL_TAB' });
    assert.match(placement, /^Placement CRM_DEAL_DETAIL_TAB/);
    assert.match(placement, /- scope to register a handler: .*crm/);
    const typo = await runTool('describe_method', { name: 'crm.lead.ad' }, ctx);
    assert.equal(typo.isError, true);
    assert.match(typo.text, /Did you mean: crm\.lead\.add/);
  });

  it('search_methods: best matches first, capped with "N more" and how to narrow', async () => {
    const out = await text('search_methods', { query: 'lead', limit: 3 });
    const lines = out.split('\n');
    assert.match(lines[0], /^\d+ method\(s\) match:/);
    assert.equal(lines.length, 5);
    assert.match(lines[4], /^… \d+ more; add words, a "scope", or raise "limit"\./);
    assert.match(await text('search_methods', { query: 'lead add' }), /^\d+ method\(s\) match:\ncrm\.lead\.add /);
  });

  it('needed_scopes: the least set with call sites, compared with the manifest', async () => {
    const out = await text('needed_scopes', {});
    assert.match(out, /^Least scopes for the workspace: crm, task, user_brief \(3\)/);
    assert.match(out, /- task: tasks\.task\.add \(src\/sync\.js:6\)/);
    assert.match(out, /- user_brief: user\.current \(src\/sync\.js:3\)/);
    assert.match(out, /bitrix24\.json declares: crm, calendar; missing: task, user_brief; not needed by the code: calendar\./);
    assert.match(await text('needed_scopes', { folder: 'src', limit: 1 }), /… 2 more; pass a "folder" to narrow, or raise "limit"\./);
  });

  it('check_manifest: missing and unused scopes with file:line', async () => {
    const out = await text('check_manifest', {});
    assert.match(out, /^bitrix24\.json declares: crm, calendar/);
    assert.match(out, /Missing: .*task/);
    assert.match(out, /calendar \(unused-scope\)/);
    assert.match(out, /bitrix24\.json:3 error missing-scope: bitrix24\.json lacks the scope 'task', needed by 'tasks\.task\.add' \(src\/sync\.js:6\)/);
  });

  it('check_snippet: unknown methods, undeclared scopes and app-only use from a webhook', async () => {
    const code = "BX24.callMethod('crm.lead.ad', {});\nBX24.callMethod('crm.deal.list', {});\nBX24.callMethod('tasks.task.add', {});";
    const out = await text('check_snippet', { code, language: 'javascript' });
    assert.match(out, /^Checked against bitrix24\.json\./);
    assert.match(out, /crm\.lead\.ad \(line 1\): not a documented method; did you mean crm\.lead\.add/);
    assert.match(out, /crm\.deal\.list \(line 2\): scope crm; declared/);
    assert.match(out, /tasks\.task\.add \(line 3\): scope task; NOT declared in bitrix24\.json \(add task\)/);
    assert.match(await text('check_snippet', { code: 'print(1)', language: 'py' }), /No Bitrix24 REST calls found/);
  });

  it('explain_error: uses this workspace’s manifest', async () => {
    const out = await text('explain_error', { error: '{"error":"insufficient_scope","error_description":""}', method: 'tasks.task.add' });
    assert.match(out, /Scope missing: tasks\.task\.add needs “task”/);
    assert.match(out, /Add “task” to "scopes" in bitrix24\.json/);
    assert.match(out, /re-issue the inbound webhook/);
  });

  it('site_rights: the rights file offline, and the portal answer when a reader is given', async () => {
    const offline = await text('site_rights', { siteId: 7 });
    assert.match(
      offline,
      /Site 7 “Shop” on example\.bitrix24\.com \(\.bitrix24\/rights\/example\.bitrix24\.com\/site-7\.json\) — changed since the last apply/,
    );
    assert.match(offline, /G2: read/);
    assert.match(offline, /No portal connected/);
    const portal: PortalReader = {
      facts: async () => ({ portal: 'https://example.bitrix24.com', scopes: ['landing'], admin: true, auth: 'webhook' }),
      siteRights: async (siteId) => ({ siteId, operations: ['read', 'edit'] }),
    };
    const online = await text('site_rights', { siteId: 7 }, { ...ctx, portal });
    assert.match(online, /The portal \(https:\/\/example\.bitrix24\.com\) says the current user may: read, edit on site 7\./);
  });

  it('without a folder, workspace tools say what to do', async () => {
    const bare: ToolContext = { catalogue, roots: [], now: () => 0 };
    const r = await runTool('needed_scopes', {}, bare);
    assert.equal(r.isError, true);
    assert.match(r.text, /No folder is open/);
  });
});

describe('error-code list generator', () => {
  it('reads status-first tables, code-first tables, prose and sample exchanges', () => {
    const page = [
      '|| `503` | `QUERY_LIMIT_EXCEEDED`',
      '|| `BITRIX_REST_V3_EXCEPTION_INVALIDJSONEXCEPTION` | 400 | bad body ||',
      '|| `insufficient_scope` or `invalid_scope` | too much ||',
      'returns the `429` status and error code `OPERATION_TIME_LIMIT`.',
      'HTTP/1.1 401 Unauthorized\n{\n    "error": "METHOD_CONFIRM_WAITING",',
      '|| `between` | in the range ||',
    ].join('\n');
    assert.deepEqual(codesOfPage(page), [
      { code: 'QUERY_LIMIT_EXCEEDED', status: 503 },
      { code: 'BITRIX_REST_V3_EXCEPTION_INVALIDJSONEXCEPTION', status: 400 },
      { code: 'insufficient_scope', status: undefined },
      { code: 'invalid_scope', status: undefined },
      { code: 'OPERATION_TIME_LIMIT', status: 429 },
      { code: 'METHOD_CONFIRM_WAITING', status: 401 },
    ]);
  });
});
