/**
 * The error-code hover, `explain` and the reasons of `needed` in Russian for `ru` and in
 * English for `en`; and no English text of theirs without a Russian counterpart.
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Catalogue } from '../../../server/src/catalogue/catalogue';
import { CODES, type ErrorCode } from '../../../server/src/explain/codes';
import { explainInput, formatExplanations } from '../../../server/src/explain/explain';
import { errorCodeHover } from '../../../server/src/explain/hover';
import { ERROR_CODES_RU } from '../../../server/src/l10n/error-codes-ru';
import { EXPLAIN_EN, EXPLAIN_RU } from '../../../server/src/l10n/explain-texts';
import { NEEDED_EN, NEEDED_RU, type WhyKind, type WhyParams } from '../../../server/src/l10n/needed-texts';
import type { Locale } from '../../../server/src/l10n/locale';
import { createLanguageService } from '../../../server/src/language-service';
import { neededScopes } from '../../../server/src/workspace/needed';
import { explainError } from '../../../server/src/mcp/explain-tools';
import { neededScopesTool } from '../../../server/src/mcp/workspace-tools';
import type { FileCalls } from '../../../server/src/manifest/types';
import type { ToolContext } from '../../../server/src/mcp/tool-types';
import { MemoryFileSystem } from '../manifest/helpers/memory-fs';
import { testCatalogue } from '../manifest/helpers/test-catalogue';

const CYRILLIC = /[а-яё]/i;
const catalogue = Catalogue.load();

function hover(text: string, locale?: Locale): string | undefined {
  const offset = text.indexOf('|');
  const doc = TextDocument.create('file:///a.js', 'javascript', 1, text.replace('|', ''));
  return (errorCodeHover(doc, doc.positionAt(offset), locale)?.contents as { value: string } | undefined)?.value;
}

const line = (l: number) => ({ start: { line: l, character: 0 }, end: { line: l, character: 5 } });
function file(name: string, calls: string[], more: { dynamic?: string[]; events?: string[] } = {}): FileCalls {
  let n = 0;
  return {
    file: name,
    calls: calls.map((c) => ({ name: c, range: line(n++), context: 'call' as const })),
    dynamic: (more.dynamic ?? []).map((pattern) => ({ pattern, range: line(n++), context: 'call' as const })),
    bindings: (more.events ?? []).map((e) => ({ kind: 'event' as const, name: e, range: line(n++), via: 'event.bind' })),
    suppressions: new Map(),
  };
}

describe('Russian error-code hover', () => {
  it('ru: the Russian meaning, fixes, title and the page on apidocs.bitrix24.ru; the code stays', () => {
    const value = hover("if (e.error === 'insufficient_sc|ope') {}", 'ru')!;
    assert.match(value, /^\*\*insufficient_scope\*\* \(HTTP 403\) — ошибка REST Битрикс24\n/);
    assert.ok(value.includes(ERROR_CODES_RU.insufficient_scope.meaning), value);
    assert.match(value, /^- Узнайте скоуп метода/m);
    assert.match(value, /\[Документация\]\(https:\/\/apidocs\.bitrix24\.ru\/error-codes\.html\)/);
    assert.match(value, /«Битрикс24: Объяснить ошибку…»/);
    assert.doesNotMatch(value, /The webhook or app|Bitrix24 REST error|apidocs\.bitrix24\.com/);
  });

  it('en (and no locale): the English card, unchanged', () => {
    for (const locale of ['en', undefined] as const) {
      const value = hover("'QUERY_LIMIT|_EXCEEDED'", locale)!;
      assert.match(value, /^\*\*QUERY_LIMIT_EXCEEDED\*\* \(HTTP 503\) — Bitrix24 REST error\n/);
      assert.ok(value.includes(CODES.QUERY_LIMIT_EXCEEDED.meaning));
      assert.match(value, /\[Documentation\]\(https:\/\/apidocs\.bitrix24\.com\/limits\.html\)/);
      assert.doesNotMatch(value, CYRILLIC);
    }
  });

  it('every code the hover knows has a Russian card', () => {
    for (const code of Object.keys(CODES)) {
      const value = hover(`'${code.slice(0, 1)}|${code.slice(1)}'`, 'ru');
      if (value === undefined) continue; // codes without an underscore are not offered on hover
      assert.ok(value.includes(ERROR_CODES_RU[code as ErrorCode].meaning), code);
    }
  });
});

describe('Russian explain', () => {
  const manifest = { label: 'bitrix24.json', scopes: ['crm'], kind: 'local' as const };

  it('ru: diagnosis, facts (with the Russian "who" line), fixes and links in Russian; codes and scopes unchanged', () => {
    const [x] = explainInput('{"error":"insufficient_scope","error_description":""}', {
      method: 'tasks.task.add',
      catalogue,
      manifest,
      locale: 'ru',
    }).explanations;
    assert.equal(x.code, 'insufficient_scope');
    assert.equal(x.kind, 'scope');
    assert.deepEqual(x.missingScopes, ['task']);
    assert.equal(x.diagnosis, 'Не хватает скоупа: методу tasks.task.add нужен скоуп «task».');
    assert.ok(
      x.facts.some((f) => /^tasks\.task\.add: скоуп task; кто может выполнять метод: .*[а-я]/.test(f)),
      x.facts.join('\n'),
    );
    assert.equal(x.fixes[0], 'Добавьте «task» в "scopes" в bitrix24.json.');
    assert.ok(x.fixes.some((f) => f.startsWith('Приложение: добавьте «task» в права доступа приложения')));
    assert.ok(x.fixes.includes(ERROR_CODES_RU.insufficient_scope.fixes[0]));
    assert.equal(x.docs, 'https://apidocs.bitrix24.ru/error-codes.html');
    assert.match(x.methodDocs ?? '', /^https:\/\/apidocs\.bitrix24\.ru\//);
    const text = formatExplanations({ explanations: [x] }, 10, 'ru');
    assert.match(text, /^## insufficient_scope \(HTTP 403\) — tasks\.task\.add\n/);
    assert.match(text, /\nЧто сделать:\n1\. Добавьте/);
    assert.match(text, /\nДокументация: https:\/\/apidocs\.bitrix24\.ru\/error-codes\.html\nМетод: https:\/\/apidocs\.bitrix24\.ru\//);
  });

  it('en: the same explanation in English', () => {
    const [x] = explainInput('{"error":"insufficient_scope"}', { method: 'tasks.task.add', catalogue, manifest, locale: 'en' }).explanations;
    assert.equal(x.diagnosis, 'Scope missing: tasks.task.add needs “task”.');
    assert.equal(x.docs, 'https://apidocs.bitrix24.com/error-codes.html');
    const text = formatExplanations({ explanations: [x] }, 10, 'en');
    assert.match(text, /\nFix:\n1\. Add “task” to "scopes" in bitrix24\.json\./);
    assert.doesNotMatch(text, CYRILLIC);
  });

  it('ru: unknown codes, limits and bad input are explained in Russian too', () => {
    const [unknown] = explainInput('{"error":"SOMETHING_ODD","status":404}', { locale: 'ru' }).explanations;
    assert.equal(unknown.diagnosis, 'Код SOMETHING_ODD этому проекту неизвестен; при HTTP 404 не найден метод или объект.');
    assert.match(unknown.fixes[0], /^Найдите код в таблице ошибок/);
    const [limit] = explainInput('QUERY_LIMIT_EXCEEDED', { locale: 'ru' }).explanations;
    assert.equal(limit.fixes[0], 'Повторите примерно через 1 с, удваивая паузу после каждого следующего отказа.');
    assert.equal(explainInput('', { locale: 'ru' }).problem, EXPLAIN_RU.problems.empty);
    assert.equal(explainInput('', { locale: 'en' }).problem, EXPLAIN_EN.problems.empty);
  });

  it('the language service explains in its locale, and the explain_error tool follows the tool context', async () => {
    assert.match(
      createLanguageService({ catalogue, settings: { locale: 'ru' } }).explain('expired_token').explanations[0].diagnosis,
      /^Истёк срок действия access-токена/,
    );
    assert.match(
      createLanguageService({ catalogue, settings: { locale: 'en' } }).explain('expired_token').explanations[0].diagnosis,
      /^The OAuth access token has expired/,
    );
    const ctx = (locale?: Locale): ToolContext => ({ catalogue, roots: [], now: () => 0, locale });
    const ru = await explainError.run({ error: 'ACCESS_DENIED' }, ctx('ru'));
    assert.match(ru.text, /^## ACCESS_DENIED \(HTTP 403\)\n\nДоступ запрещён: /);
    assert.match(ru.text, /\nЧто сделать:\n1\. Проверьте тариф портала/);
    assert.match((await explainError.run({ error: 'ACCESS_DENIED' }, ctx('en'))).text, /\nFix:\n1\. Check the portal’s plan/);
  });
});

describe('Russian reasons of needed', () => {
  it('ru: choices and undecided names say why in Russian; scopes, names, paths and kinds unchanged', () => {
    const narrow = neededScopes({ files: [file('a.js', ['user.current', 'user.get'])], catalogue: testCatalogue(), locale: 'ru' });
    assert.deepEqual(narrow.scopes, ['user_brief']);
    assert.equal(
      narrow.choices[0].why,
      "'user_brief' — самый узкий из 'user_brief', 'user_basic', 'user' (документация перечисляет их от минимального доступа к полному)",
    );
    const anyway = neededScopes({ files: [file('a.js', ['user.get', 'user.add'])], catalogue: testCatalogue(), locale: 'ru' });
    assert.equal(anyway.choices[0].why, "'user' нужен в любом случае — для 'user.add' (a.js:2), и его достаточно для 'user.get'");
    const r = neededScopes({
      files: [file('a.js', ['crm.deal.lst'], { dynamic: ['crm.*.list'], events: ['ONNOSUCHEVENT'] })],
      catalogue: testCatalogue(),
      locale: 'ru',
    });
    assert.deepEqual(
      r.undecided.map((u) => `${u.kind} ${u.name}: ${u.reason}`),
      [
        'unknown-method crm.deal.lst: ни один описанный или объявленный метод так не называется',
        'dynamic crm.*.list: имя метода собирается во время выполнения',
        'unknown-event ONNOSUCHEVENT: ни одно описанное событие так не называется',
      ],
    );
  });

  it('en: the same reasons in English', () => {
    const anyway = neededScopes({ files: [file('a.js', ['user.get', 'user.add'])], catalogue: testCatalogue(), locale: 'en' });
    assert.equal(anyway.choices[0].why, "'user' is needed anyway by 'user.add' (a.js:2), and it satisfies 'user.get'");
    const r = neededScopes({ files: [file('a.js', [], { dynamic: ['crm.*.list'] })], catalogue: testCatalogue(), locale: 'en' });
    assert.equal(r.undecided[0].reason, 'the method name is built at run time');
  });

  it('the language service and the needed_scopes tool word the reasons in the session language', async () => {
    const fs = new MemoryFileSystem({
      '/w/app.js': "BX24.callMethod('user.get');\nBX24.callMethod('user.current');\nBX24.callMethod('crm.' + x + '.list');\n",
    });
    for (const [locale, narrowest, dynamic, tool] of [
      ['ru', /самый узкий/, /собирается во время выполнения/, /- user_brief: 'user_brief' — самый узкий/],
      ['en', /is the narrowest/, /is built at run time/, /- user_brief: 'user_brief' is the narrowest/],
    ] as const) {
      const service = createLanguageService({ catalogue, fileSystem: fs, settings: { locale } });
      await service.openWorkspace({ roots: ['/w'] }).index.scan();
      const needed = service.neededScopes()!;
      assert.match(needed.choices[0].why, narrowest);
      assert.match(needed.undecided[0].reason, dynamic);
      assert.match((await neededScopesTool.run({}, service.toolContext())).text, tool);
    }
  });
});

describe('every English text of these has a Russian counterpart', () => {
  it('each error code: a Russian meaning and as many Russian fixes', () => {
    const codes = Object.keys(CODES) as ErrorCode[];
    assert.deepEqual(Object.keys(ERROR_CODES_RU).sort(), [...codes].sort());
    for (const code of codes) {
      const ru = ERROR_CODES_RU[code];
      assert.match(ru.meaning, CYRILLIC, code);
      assert.notEqual(ru.meaning, CODES[code].meaning, code);
      assert.equal(ru.fixes.length, CODES[code].fixes.length, `${code}: one Russian fix per English one`);
      for (const f of ru.fixes) assert.match(f, CYRILLIC, code);
    }
  });

  it('each why-kind and evidence word of needed', () => {
    const sample: WhyParams = {
      'needed-anyway': { scope: 'user', by: { kind: 'event', name: 'onUserAdd', file: 'a.js', line: 1 }, uses: [{ kind: 'method', name: 'user.get' }] },
      'already-chosen': { scope: 'user', uses: [{ kind: 'placement', name: 'CRM_DEAL_DETAIL_TAB' }] },
      narrowest: { scope: 'user_brief', among: ['user_brief', 'user'] },
      'fewest-methods': { scope: 'a', count: 1, others: [{ scope: 'b', count: 2 }] },
      undocumented: { use: { kind: 'method', name: 'x.y' }, reason: 'r' },
      'unknown-method': {},
      'unknown-event': {},
      'unknown-placement': {},
      dynamic: {},
    };
    const kinds = Object.keys(NEEDED_EN.why) as WhyKind[];
    assert.deepEqual(Object.keys(NEEDED_RU.why).sort(), [...kinds].sort());
    assert.deepEqual(Object.keys(sample).sort(), [...kinds].sort(), 'the sample covers every kind');
    for (const kind of kinds) {
      const say = (texts: typeof NEEDED_EN) => (texts.why[kind] as (p: WhyParams[WhyKind]) => string)(sample[kind]);
      assert.doesNotMatch(say(NEEDED_EN), CYRILLIC, kind);
      assert.match(say(NEEDED_RU), CYRILLIC, kind);
    }
    for (const k of Object.keys(NEEDED_EN.evidence) as (keyof typeof NEEDED_EN.evidence)[]) assert.match(NEEDED_RU.evidence[k], CYRILLIC, k);
  });

  it('each word of the explanations and the hover', () => {
    const args: Record<string, unknown[]> = {
      methodFacts: ['x.y', { kind: 'scope', scope: 'crm' }, 'who'],
      scopeMissing: ['x.y', ['a', 'b'], 'any'],
      addToManifest: [['a'], 'bitrix24.json'],
      portalGrants: [['a']],
      reissueWebhook: [['a']],
      reauthorizeApp: [['a']],
    };
    const texts = (t: object): string[] =>
      Object.entries(t).flatMap(([key, v]): string[] => {
        if (typeof v === 'string') return [v];
        if (typeof v === 'function') return [String((v as (...a: unknown[]) => unknown)(...(args[key] ?? ['x', 'y'])))];
        return texts(v as object);
      });
    const en = texts(EXPLAIN_EN);
    const ru = texts(EXPLAIN_RU);
    assert.equal(ru.length, en.length);
    for (const [i, s] of ru.entries()) assert.match(s, CYRILLIC, `${en[i]} has no Russian text`);
  });
});
