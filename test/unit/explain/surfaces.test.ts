/**
 * Where users meet the explanations outside the command: the hover on an
 * error-code string, `bitrix24-scopes explain`, and the Explain Error action
 * on Site Rights failures.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { errorCodeHover } from '../../../server/src/explain/hover';
import { run } from '../../../server/src/cli/explain';
import { explainAction } from '../../../client/src/ai/explain-action';
import { explainFailure } from '../../../client/src/rights/failures';
import { PortalError } from '../../../client/src/portal/errors';

/** `|` marks the cursor. */
function hoverAt(text: string) {
  const offset = text.indexOf('|');
  const doc = TextDocument.create('file:///a.js', 'javascript', 1, text.replace('|', ''));
  return errorCodeHover(doc, doc.positionAt(offset));
}

async function cli(args: string[], stdin?: string) {
  let out = '';
  let err = '';
  const code = await run(args, { out: (s) => (out += s), err: (s) => (err += s), stdin: stdin === undefined ? undefined : async () => stdin });
  return { code, out, err };
}

describe('explain: hover on error-code strings', () => {
  it('explains a quoted code, in any quote style', () => {
    for (const text of ["if (e.error === 'insufficient_sc|ope') {}", 'if (e === "QUERY_LIMIT|_EXCEEDED")', 'x = `METHOD_CONFIRM_WAI|TING`']) {
      const h = hoverAt(text);
      assert.ok(h, text);
      assert.match((h.contents as { value: string }).value, /— Bitrix24 REST error/);
    }
    const h = hoverAt("'insufficient_sc|ope'")!;
    assert.deepEqual(h.range, { start: { line: 0, character: 1 }, end: { line: 0, character: 19 } });
    assert.match((h.contents as { value: string }).value, /^\*\*insufficient_scope\*\* \(HTTP 403\)/);
  });

  it('stays silent on identifiers, unknown codes and unquoted words', () => {
    assert.equal(hoverAt('const QUERY_LIMIT|_EXCEEDED = 1;'), null);
    assert.equal(hoverAt("'MY_OWN|_CODE'"), null);
    assert.equal(hoverAt("'hel|lo'"), null);
  });
});

describe('bitrix24-scopes explain', () => {
  const app = join(__dirname, '..', '..', 'fixtures', 'ai', 'app');

  it('explains a body with the method and the manifest of a folder', async () => {
    const r = await cli(['{"error":"insufficient_scope","error_description":""}', '--method', 'tasks.task.add', '--manifest', app]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Scope missing: tasks\.task\.add needs “task”/);
    assert.match(r.out, /Add “task” to "scopes" in bitrix24\.json/);
  });

  it('reads stdin with -, and prints JSON on request', async () => {
    const r = await cli(['-', '--format', 'json'], '{"error":"expired_token"}');
    assert.equal(r.code, 0);
    const parsed = JSON.parse(r.out) as { explanations: { code: string; kind: string }[] };
    assert.deepEqual(
      parsed.explanations.map((x) => [x.code, x.kind]),
      [['expired_token', 'token']],
    );
  });

  it('exit 1 when the input holds no error, 2 on usage mistakes', async () => {
    const none = await cli(['{"result": true}']);
    assert.equal(none.code, 1);
    assert.match(none.err, /no `error` field/);
    assert.equal((await cli([])).code, 2);
    assert.equal((await cli(['x', '--manifest', '/no/such/dir'])).code, 2);
    assert.equal((await cli(['x', '--bogus'])).code, 2);
  });
});

describe('Explain Error on Site Rights failures', () => {
  it('a portal answer with a code gets an Explain Error action carrying the code, status and method', () => {
    const e = new PortalError({ kind: 'scope', code: 'insufficient_scope', status: 403, method: 'landing.site.getList', message: 'needs landing' });
    assert.deepEqual(explainAction(e), {
      title: 'Explain Error',
      command: 'bitrix24.explainError',
      args: [{ error: '{"error":"insufficient_scope","status":403}', method: 'landing.site.getList' }],
    });
    assert.equal(explainFailure(e, 'load the sites').actions.at(-1)?.command, 'bitrix24.explainError');
  });

  it('failures raised on this side (no HTTP status) get none', () => {
    assert.equal(explainAction(new PortalError({ kind: 'auth', code: 'NOT_CONNECTED', message: 'connect' })), undefined);
    assert.equal(explainAction(new Error('boom')), undefined);
  });
});
