/** The bundled stdio server in Russian: `InitializeParams.locale`, `initializationOptions.locale` and the `bitrix24.language` setting. */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFile } from 'node:child_process';
import { cursor, open, startServer, type StartOptions, type TestClient } from './lsp-client';

interface Diagnostic {
  code: string;
  message: string;
}

async function hoverText(client: TestClient, uri: string, marked: string): Promise<string> {
  const { text, position } = cursor(marked);
  open(client, uri, 'javascript', text);
  const hover = await client.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position });
  assert.ok(hover, 'a hover');
  return hover.contents.value;
}

async function diagnosticsOf(client: TestClient, uri: string, text: string): Promise<Diagnostic[]> {
  const published = client.nextDiagnostics(uri);
  open(client, uri, 'javascript', text);
  return (await published) as Diagnostic[];
}

describe('language server in Russian', () => {
  let dir: string;
  let clients: TestClient[] = [];
  const start = async (options: StartOptions) => {
    const client = await startServer(pathToFileURL(dir).href, options);
    clients.push(client);
    return client;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'b24-ru-'));
    writeFileSync(join(dir, 'bitrix24.json'), '{ "scopes": ["task"] }\n');
  });
  afterEach(async () => {
    for (const c of clients) assert.equal(await c.shutdown(), 0);
    clients = [];
    rmSync(dir, { recursive: true, force: true });
  });

  it('with locale "ru": Russian hover (title, who line, .ru page) and Russian diagnostics, codes unchanged', async () => {
    const client = await start({ locale: 'ru' });
    const uri = pathToFileURL(join(dir, 'app.js')).href;
    writeFileSync(join(dir, 'app.js'), "BX24.callMethod('crm.deal.add', { fields: {} });\n");
    // Scope findings of the workspace, on the manifest, in Russian too (and the scan is done).
    const manifest = pathToFileURL(join(dir, 'bitrix24.json')).href;
    const onManifest = (await client.diagnosticsWhere(manifest, (d) => (d as Diagnostic[]).some((x) => x.code === 'missing-scope'))) as Diagnostic[];
    assert.match(
      onManifest.find((d) => d.code === 'missing-scope')!.message,
      /^В bitrix24\.json не объявлен скоуп 'crm', а он нужен: 'crm\.deal\.add' \(app\.js:1\)/,
    );
    assert.match(onManifest.find((d) => d.code === 'unused-scope')!.message, /^Скоуп 'task' объявлен, но ни одному вызову в коде он не нужен/);

    const value = await hoverText(client, uri, "BX24.callMethod('crm.de|al.add', { fields: {} });\n");
    assert.match(
      value,
      /^\*\*crm\.deal\.add\*\* — Создать новую сделку · \[документация\]\(https:\/\/apidocs\.bitrix24\.ru\/api-reference\/crm\/deals\/crm-deal-add\.html\)/,
    );
    assert.match(value, /\*\*Скоуп:\*\* `crm` \(CRM\)/);
    assert.match(value, /\*\*Кто может выполнять метод:\*\* любой пользователь с правом «добавления» сделок/);
    assert.match(value, /✗ Не объявлен в `bitrix24\.json`: добавьте `crm`/);

    const typo = pathToFileURL(join(dir, 'typo.js')).href;
    const diags = await diagnosticsOf(client, typo, "BX24.callMethod('crm.deal.ad', {});\n");
    const unknown = diags.find((d) => d.code === 'unknown-method');
    assert.ok(unknown, JSON.stringify(diags));
    assert.match(unknown.message, /^Метода 'crm\.deal\.ad' нет в документации REST Битрикс24\. Возможно, имелось в виду 'crm\.deal\.add'/);

    // An error code in code: the Russian card, the code as written, the Russian edition's page.
    const errors = pathToFileURL(join(dir, 'errors.js')).href;
    const card = await hoverText(client, errors, "if (e.error === 'insufficient_sc|ope') renew();\n");
    assert.match(card, /^\*\*insufficient_scope\*\* \(HTTP 403\) — ошибка REST Битрикс24\n\nВебхуку или приложению не выдан скоуп/);
    assert.match(card, /\[Документация\]\(https:\/\/apidocs\.bitrix24\.ru\/error-codes\.html\)/);
    assert.doesNotMatch(card, /Bitrix24 REST error|The webhook or app/);
  });

  it('with locale "en": English', async () => {
    const client = await start({ locale: 'en' });
    const value = await hoverText(client, pathToFileURL(join(dir, 'app.js')).href, "BX24.callMethod('crm.de|al.add', {});\n");
    assert.match(value, /— Create a New Deal · \[docs\]\(https:\/\/apidocs\.bitrix24\.com\//);
    assert.match(value, /\*\*Who can execute:\*\*/);
    const diags = await diagnosticsOf(client, pathToFileURL(join(dir, 'typo.js')).href, "BX24.callMethod('crm.deal.ad', {});\n");
    assert.match(diags.find((d) => d.code === 'unknown-method')!.message, /is not a documented Bitrix24 REST method/);
    const card = await hoverText(client, pathToFileURL(join(dir, 'errors.js')).href, "if (e.error === 'expired_to|ken') renew();\n");
    assert.match(card, /^\*\*expired_token\*\* \(HTTP 401\) — Bitrix24 REST error\n\nThe OAuth access token has expired/);
  });

  it('initializationOptions.locale wins over the editor; a later bitrix24.language setting wins over both', async () => {
    const client = await start({ locale: 'en', initializationOptions: { locale: 'ru' } });
    const uri = pathToFileURL(join(dir, 'app.js')).href;
    assert.match(await hoverText(client, uri, "BX24.callMethod('crm.de|al.add', {});\n"), /Создать новую сделку/);
    client.settings = { language: 'en' };
    const republished = client.nextDiagnostics(uri);
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await republished;
    const { position } = cursor("BX24.callMethod('crm.de|al.add', {});\n");
    const hover = await client.connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position });
    assert.match(hover.contents.value, /Create a New Deal/);
  });
});

describe('bitrix24-scopes in the shell language', () => {
  const BIN = join(__dirname, '..', '..', 'dist', 'bin', 'scopes.js');
  const run = (args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['LC_ALL', 'LC_MESSAGES', 'LANG'].includes(k)));
    return new Promise((resolve) => {
      execFile(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...clean, ...env } }, (err, stdout, stderr) =>
        resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  };

  it('describe under LANG=ru_RU.UTF-8 prints the Russian title, who line and .ru page; --lang en and LC_ALL override', async () => {
    const ru = await run(['describe', 'crm.deal.add'], { LANG: 'ru_RU.UTF-8' });
    assert.equal(ru.status, 0, ru.stderr);
    assert.match(ru.stdout, /^crm\.deal\.add \(REST 2\) — Создать новую сделку$/m);
    assert.match(ru.stdout, /кто может выполнять метод: любой пользователь с правом «добавления» сделок/);
    assert.match(ru.stdout, /https:\/\/apidocs\.bitrix24\.ru\/api-reference\/crm\/deals\/crm-deal-add\.html/);
    assert.match((await run(['describe', 'crm.deal.add', '--lang', 'en'], { LANG: 'ru_RU.UTF-8' })).stdout, /Create a New Deal/);
    assert.match((await run(['describe', 'crm.deal.add'], { LANG: 'ru_RU.UTF-8', LC_ALL: 'C' })).stdout, /Create a New Deal/);
    assert.match((await run(['describe', 'crm.deal.add', '--lang', 'ru'], {})).stdout, /Создать новую сделку/);
  });

  it('explain and needed under LANG=ru_RU.UTF-8 explain and give reasons in Russian; --lang en overrides', async () => {
    const ru = await run(['explain', '{"error":"QUERY_LIMIT_EXCEEDED","error_description":"Too many requests"}'], { LANG: 'ru_RU.UTF-8' });
    assert.equal(ru.status, 0, ru.stderr);
    assert.match(ru.stdout, /^## QUERY_LIMIT_EXCEEDED \(HTTP 503\)\n\nСлишком много запросов: /);
    assert.match(ru.stdout, /^- Ответ портала: «Too many requests»\.$/m);
    assert.match(ru.stdout, /^Что сделать:\n1\. Повторите примерно через 1 с/m);
    assert.match(ru.stdout, /^Документация: https:\/\/apidocs\.bitrix24\.ru\/limits\.html$/m);
    const en = await run(['explain', 'QUERY_LIMIT_EXCEEDED', '--lang', 'en'], { LANG: 'ru_RU.UTF-8' });
    assert.match(en.stdout, /^Too many requests: /m);
    assert.doesNotMatch(en.stdout, /[а-яё]/i);

    const dir = mkdtempSync(join(tmpdir(), 'b24-ru-needed-'));
    try {
      writeFileSync(join(dir, 'app.js'), "BX24.callMethod('user.get');\nBX24.callMethod('user.current');\nBX24.callMethod('crm.' + kind + '.list');\n");
      const needed = await run(['needed', dir, '--lang', 'ru'], {});
      assert.equal(needed.status, 0, needed.stderr);
      assert.match(needed.stdout, /^Скоупы, которые нужны коду: user_brief$/m);
      assert.match(needed.stdout, /^ {2}\S*app\.js:1 метод user\.get$/m);
      assert.match(needed.stdout, /^ {2}user_brief из user_brief \| user_basic \| user: 'user_brief' — самый узкий из /m);
      assert.match(needed.stdout, /^ {2}\S*app\.js:3 dynamic crm\.\*\.list: имя метода собирается во время выполнения$/m);
      const enNeeded = await run(['needed', dir], { LANG: 'ru_RU.UTF-8', LC_ALL: 'C' });
      assert.match(enNeeded.stdout, /'user_brief' is the narrowest of /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
