/** `bitrix24-scopes … --lang ru`: Russian text output; JSON keeps its English keys and carries both titles. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as describeCmd from '../../../server/src/cli/describe';
import * as check from '../../../server/src/cli/check';
import * as needed from '../../../server/src/cli/needed';
import * as scan from '../../../server/src/cli/scan';
import * as explain from '../../../server/src/cli/explain';
import type { Locale } from '../../../server/src/l10n/locale';

async function run(
  command: { run(args: string[], io: { out(s: string): void; err(s: string): void; locale?: Locale }): Promise<number> },
  args: string[],
  locale?: Locale,
) {
  let out = '';
  let err = '';
  const code = await command.run(args, { out: (s) => (out += s), err: (s) => (err += s), locale });
  return { code, out, err };
}

describe('bitrix24-scopes --lang', () => {
  it('describe --lang ru prints the Russian title, the «Кто может выполнять метод» line and the .ru page', async () => {
    const { code, out } = await run(describeCmd, ['crm.deal.add', '--lang', 'ru']);
    assert.equal(code, 0);
    assert.match(out, /^crm\.deal\.add \(REST 2\) — Создать новую сделку\n/);
    assert.match(out, /^ {2}скоуп: +crm$/m);
    assert.match(out, /^ {2}кто может выполнять метод: любой пользователь с правом «добавления» сделок \[permission\]$/m);
    assert.match(out, /^ {2}устарел: +да, используйте crm\.item\.add$/m);
    assert.match(out, /^ {2}документация: https:\/\/apidocs\.bitrix24\.ru\/api-reference\/crm\/deals\/crm-deal-add\.html$/m);
    assert.doesNotMatch(out, /apidocs\.bitrix24\.com|Create a New Deal/);
  });

  it('describe follows the environment when --lang is not given, and --lang wins over it', async () => {
    assert.match((await run(describeCmd, ['crm.deal.add'], 'ru')).out, /Создать новую сделку/);
    assert.match((await run(describeCmd, ['crm.deal.add', '--lang', 'en'], 'ru')).out, /Create a New Deal/);
    assert.match((await run(describeCmd, ['crm.deal.add'])).out, /Create a New Deal[\s\S]*who: /);
  });

  it('describe names both editions where they disagree', async () => {
    assert.match(
      (await run(describeCmd, ['sale.delivery.add'])).out,
      /editions: +the English documentation names sale, the Russian delivery; either is accepted/,
    );
    assert.match((await run(describeCmd, ['sale.delivery.add', '--lang', 'ru'])).out, /редакции: +в английской документации указан sale, в русской — delivery/);
  });

  it('describe --format json keeps English keys and carries both titles, whatever the language', async () => {
    for (const lang of ['en', 'ru']) {
      const parsed = JSON.parse((await run(describeCmd, ['crm.deal.add', '--format', 'json', '--lang', lang])).out) as {
        methods: { name: string; title: string; who: string; url: string; ru: { title: string; who: string; url: string } }[];
      };
      const [m] = parsed.methods;
      assert.equal(m.title, 'Create a New Deal');
      assert.equal(m.url, 'https://apidocs.bitrix24.com/api-reference/crm/deals/crm-deal-add.html');
      assert.deepEqual(m.ru, {
        title: 'Создать новую сделку',
        who: 'любой пользователь с правом «добавления» сделок',
        url: 'https://apidocs.bitrix24.ru/api-reference/crm/deals/crm-deal-add.html',
      });
    }
  });

  it('refuses another language with a usage error', async () => {
    const { code, err } = await run(describeCmd, ['crm.deal.add', '--lang', 'de']);
    assert.equal(code, 2);
    assert.match(err, /--lang must be en or ru, not 'de'/);
  });

  describe('on a folder', () => {
    let dir: string;
    const put = (rel: string, text: string) => {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    };
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'b24-lang-'));
      put('bitrix24.json', '{ "scopes": ["task"] }\n');
      put('app.js', "BX24.callMethod('crm.item.add');\nBX24.callMethod('crm.' + kind + '.list');\n");
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('check --lang ru: Russian messages and summary; codes and severities stay for problem matchers', async () => {
      const { code, out } = await run(check, [dir, '--lang', 'ru']);
      assert.equal(code, 1);
      assert.match(
        out,
        /^bitrix24\.json:1:\d+ error missing-scope В bitrix24\.json не объявлен скоуп 'crm', а он нужен: 'crm\.item\.add' \(app\.js:1\)\. Добавьте его в scopes\.$/m,
      );
      assert.match(out, /^bitrix24\.json:1:\d+ warning unused-scope Скоуп 'task' объявлен, но ни одному вызову в коде он не нужен\./m);
      assert.match(out, /^bitrix24\.json нужны скоупы: crm$/m);
      assert.match(out, /^ошибок: 1, предупреждений: 1, подсказок: \d+; 1 манифест, проверено 1 файл$/m);
      const en = await run(check, [dir, '--format', 'json', '--lang', 'ru']);
      const parsed = JSON.parse(en.out) as { findings: { code: string; severity: string; message: string }[] };
      assert.ok(parsed.findings.some((f) => f.code === 'missing-scope' && f.severity === 'error' && /не объявлен скоуп/.test(f.message)));
    });

    it("explain --lang ru, or from the environment: Russian explanation against the folder's manifest; --lang en wins", async () => {
      const args = ['{"error":"insufficient_scope"}', '--method', 'crm.item.add', '--manifest', dir];
      const ru = await run(explain, [...args, '--lang', 'ru']);
      assert.equal(ru.code, 0, ru.err);
      assert.match(ru.out, /^## insufficient_scope \(HTTP 403\) — crm\.item\.add\n\nНе хватает скоупа: методу crm\.item\.add нужен скоуп «crm»\.$/m);
      assert.match(ru.out, /^Что сделать:\n1\. Добавьте «crm» в "scopes" в bitrix24\.json\.$/m);
      assert.match(ru.out, /^Документация: https:\/\/apidocs\.bitrix24\.ru\/error-codes\.html$/m);
      assert.match((await run(explain, args, 'ru')).out, /Не хватает скоупа/);
      const en = await run(explain, [...args, '--lang', 'en'], 'ru');
      assert.match(en.out, /^Scope missing: crm\.item\.add needs “crm”\.$/m);
      assert.doesNotMatch(en.out, /[а-яё]/i);
      const json = JSON.parse((await run(explain, ['expired_token', '--format', 'json', '--lang', 'ru'])).out) as {
        explanations: { code: string; kind: string; diagnosis: string }[];
      };
      assert.deepEqual(
        json.explanations.map((x) => [x.code, x.kind]),
        [['expired_token', 'token']],
      );
      assert.match(json.explanations[0].diagnosis, /^Истёк срок действия access-токена/);
      const none = await run(explain, ['', '--lang', 'ru']);
      assert.equal(none.code, 1);
      assert.match(none.err, /Пустой ввод/);
      assert.equal((await run(explain, ['x', '--lang', 'de'])).code, 2);
    });

    it('needed and scan --lang ru', async () => {
      const n = await run(needed, [dir, '--lang', 'ru']);
      assert.match(n.out, /^Скоупы, которые нужны коду: crm$/m);
      assert.match(n.out, /^crm \(1 использование\)$/m);
      assert.match(n.out, /^ {2}app\.js:1 метод crm\.item\.add$/m);
      assert.match(n.out, /^ {2}app\.js:2 dynamic crm\.\*\.list: имя метода собирается во время выполнения$/m);
      const en = await run(needed, [dir], 'en');
      assert.match(en.out, /^ {2}app\.js:1 method crm\.item\.add$/m);
      assert.match(en.out, /^ {2}app\.js:2 dynamic crm\.\*\.list: the method name is built at run time$/m);
      // JSON keeps its keys and kinds; the reason is text, in the language asked for.
      const json = JSON.parse((await run(needed, [dir, '--format', 'json', '--lang', 'ru'])).out) as { undecided: { kind: string; reason: string }[] };
      assert.deepEqual(
        json.undecided.map((u) => [u.kind, u.reason]),
        [['dynamic', 'имя метода собирается во время выполнения']],
      );
      const s = await run(scan, [dir, '--lang', 'ru']);
      assert.match(s.out, /\(имя собирается во время выполнения\)/);
      assert.match(s.out, /^2 вызова, из них с именем, собираемым во время выполнения: 1$/m);
      assert.match((await run(scan, [dir])).out, /^2 call\(s\), 1 built at run time$/m);
    });
  });
});
