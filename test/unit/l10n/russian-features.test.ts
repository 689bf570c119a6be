/** Hover, diagnostics, completion and quick fixes in Russian, against the shipped catalogue. */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Catalogue } from '../../../server/src/catalogue/catalogue';
import { analyse } from '../../../server/src/analysis/analyse';
import type { AnalysedDocument, FeatureContext, ManifestSummary } from '../../../server/src/features/context';
import type { Locale } from '../../../server/src/l10n/locale';
import { hover } from '../../../server/src/features/hover';
import { diagnose } from '../../../server/src/features/diagnostics';
import { complete, resolveCompletion } from '../../../server/src/features/completion';
import { methodCodeActions } from '../../../server/src/features/code-actions';
import { completionContextAt } from '../../../server/src/analysis/analyse';
import { RULE_CODES, RULES, ruleMessage } from '../../../server/src/rules';
import { createLanguageService } from '../../../server/src/language-service';
import { liveDiagnostics, liveHoverLines } from '../../../server/src/features/live-checks';
import { RULE_MESSAGES_RU } from '../../../server/src/l10n/rule-messages-ru';

const catalogue = Catalogue.load();

function open(text: string): { doc: AnalysedDocument; td: TextDocument } {
  const td = TextDocument.create('file:///app/a.js', 'javascript', 1, text);
  return { td, doc: { uri: td.uri, text, family: 'js', analysis: analyse(text, 'js', catalogue) } };
}

const ctx = (locale?: Locale, manifest?: ManifestSummary): FeatureContext => ({ catalogue, settings: { enable: true, rules: {} }, locale, manifest });

function hoverAt(text: string, at: string, c: FeatureContext): string {
  const { doc, td } = open(text);
  const h = hover(doc, td, td.positionAt(text.indexOf(at) + 1), c);
  assert.ok(h && typeof h.contents === 'object' && 'value' in h.contents, `no hover at ${at}`);
  return h.contents.value;
}

describe('Russian: hover', () => {
  it('shows the Russian title, the «Кто может выполнять метод» line and the apidocs.bitrix24.ru page', () => {
    assert.match(hoverAt("call('tasks.task.add')", 'tasks.task.add', ctx('ru')), /\*\*Обязательные параметры:\*\* `fields`/);
    const v = hoverAt("BX24.callMethod('crm.deal.add', {})", 'crm.deal.add', ctx('ru'));
    assert.match(
      v.split('\n')[0],
      /^\*\*crm\.deal\.add\*\* — Создать новую сделку · \[документация\]\(https:\/\/apidocs\.bitrix24\.ru\/api-reference\/crm\/deals\/crm-deal-add\.html\)/,
    );
    assert.match(v, /\*\*Скоуп:\*\* `crm` \(CRM\)/);
    assert.match(v, /\*\*Кто может выполнять метод:\*\* любой пользователь с правом «добавления» сделок/);
    assert.match(v, /REST 2 \(классический API/);
    assert.match(v, /Развитие метода остановлено\*\* — используйте `crm\.item\.add`/);
    assert.doesNotMatch(v, /apidocs\.bitrix24\.com|Who can|Scope:/);
  });

  it('stays English with no locale or en', () => {
    for (const locale of [undefined, 'en'] as const) {
      const v = hoverAt("BX24.callMethod('crm.deal.add', {})", 'crm.deal.add', ctx(locale));
      assert.match(v, /— Create a New Deal · \[docs\]\(https:\/\/apidocs\.bitrix24\.com\//);
      assert.match(v, /\*\*Who can execute:\*\*/);
      assert.doesNotMatch(v, /[а-яё]/i);
    }
  });

  it('names scope tools as the Russian scope table does, and hovers unknown names in Russian', () => {
    assert.match(hoverAt("call('bizproc.workflow.start')", 'bizproc.workflow.start', ctx('ru')), /`bizproc` \(Бизнес-процессы, RPA, роботы CRM\)/);
    const v = hoverAt("call('crm.deal.ad')", 'crm.deal.ad', ctx('ru'));
    assert.match(v, /^Метода \*\*crm\.deal\.ad\*\* нет в документации REST Битрикс24\./);
    assert.match(v, /Возможно, имелось в виду `crm\.deal\.add`/);
  });

  it('describes an event binding in Russian', () => {
    const v = hoverAt("BX24.callMethod('event.bind', { event: 'ONCRMDEALADD', handler: h })", 'ONCRMDEALADD', ctx('ru'));
    assert.match(v, /· событие — /);
    assert.match(v, /\*\*Кто может подписаться:\*\*/);
    assert.match(v, /\[Документация\]\(https:\/\/apidocs\.bitrix24\.ru\//);
  });
});

describe('edition disagreements', () => {
  it('hover says in one line which scope each edition names', () => {
    const en = hoverAt("call('sale.delivery.add')", 'sale.delivery.add', ctx('en'));
    assert.match(en, /\*\*Scope:\*\* `delivery`/, 'the arithmetic follows the newer Russian edition here');
    assert.equal(en.match(/Editions differ: the English documentation names `sale`, the Russian `delivery`; the scope check accepts either\./g)?.length, 1);
    const ru = hoverAt("call('sale.delivery.add')", 'sale.delivery.add', ctx('ru'));
    assert.match(ru, /Редакции расходятся: в английской документации указан `sale`, в русской — `delivery`/);
  });

  it('hover says when only one edition calls a method deprecated', () => {
    assert.match(hoverAt("call('im.search.last.get')", 'im.search.last.get', ctx('en')), /only the English documentation marks it deprecated/);
  });

  it('says nothing for entries the editions agree on', () => {
    assert.doesNotMatch(hoverAt("call('crm.deal.add')", 'crm.deal.add', ctx('en')), /Editions differ/);
  });

  it("the manifest line accepts the other edition's scope and says which it used", () => {
    const declaredSale: ManifestSummary = { label: 'bitrix24.json', scopes: new Set(['sale']) };
    assert.match(
      hoverAt("call('sale.delivery.add')", 'sale.delivery.add', ctx('en', declaredSale)),
      /✓ Declared in `bitrix24\.json` — the English documentation's `sale` is accepted too \(the editions disagree\)/,
    );
    assert.match(
      hoverAt("call('sale.delivery.add')", 'sale.delivery.add', ctx('ru', declaredSale)),
      /✓ Объявлен в `bitrix24\.json` — подходит и `sale` из английской документации/,
    );
    const declaredDelivery: ManifestSummary = { label: 'bitrix24.json', scopes: new Set(['delivery']) };
    assert.match(hoverAt("call('sale.delivery.add')", 'sale.delivery.add', ctx('en', declaredDelivery)), /✓ Declared in `bitrix24\.json`$/);
    const neither: ManifestSummary = { label: 'bitrix24.json', scopes: new Set(['crm']) };
    assert.match(hoverAt("call('sale.delivery.add')", 'sale.delivery.add', ctx('en', neither)), /✗ Not declared in `bitrix24\.json`: add `delivery`/);
  });
});

describe('Russian: diagnostics and quick fixes', () => {
  it('reports unknown, superseded and deprecated methods in Russian, codes unchanged', () => {
    const text = "call('crm.deal.ad'); call('crm.deal.add', { fields: {} }); call('task.commentitem.get')";
    const { doc, td } = open(text);
    const ds = diagnose(doc, td, ctx('ru'));
    const by = (code: string) => ds.find((d) => d.code === code)?.message ?? '';
    assert.equal(
      by('unknown-method'),
      "Метода 'crm.deal.ad' нет в документации REST Битрикс24. Возможно, имелось в виду 'crm.deal.add', 'crm.deal.get', 'crm.lead.add'?",
    );
    assert.equal(
      by('superseded-method'),
      "Метод 'crm.deal.add' работает, но его развитие остановлено. Используйте вместо него 'crm.item.add' с entityTypeId: 2.",
    );
    assert.equal(by('deprecated-method'), "Метод 'task.commentitem.get' устарел.");
    const en = diagnose(doc, td, ctx('en'));
    assert.deepEqual(
      ds.map((d) => [d.code, d.severity, d.range]),
      en.map((d) => [d.code, d.severity, d.range]),
      'only the words change',
    );
    assert.match(en[0].message, /is not a documented Bitrix24 REST method/);

    const titles = methodCodeActions(td.uri, ds, { analysed: doc, text: td }, 'ru').map((a) => a.title);
    assert.deepEqual(titles, [
      "Заменить на 'crm.deal.add'",
      "Заменить на 'crm.deal.get'",
      "Заменить на 'crm.lead.add'",
      "Заменить на 'crm.item.add' и передать entityTypeId: 2 (имена полей там в camelCase)",
    ]);
  });
});

describe('Russian: completion', () => {
  it('gives Russian details and the Russian card on resolve', () => {
    const text = "BX24.callMethod('crm.deal.a')";
    const { doc, td } = open(text);
    const slot = completionContextAt(text, 'js', text.indexOf("a')") + 1);
    const list = complete(slot, td, ctx('ru'));
    const add = list.items.find((i) => i.label === 'crm.deal.add');
    assert.ok(add, 'crm.deal.add offered');
    assert.equal(add.detail, 'crm (CRM) · развитие остановлено');
    const resolved = resolveCompletion(add, ctx('ru'));
    assert.match((resolved.documentation as { value: string }).value, /Создать новую сделку/);
    void doc;
  });
});

describe('rule messages in Russian', () => {
  it('every rule has a Russian message with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const code of RULE_CODES) {
      assert.ok(RULE_MESSAGES_RU[code], code);
      assert.deepEqual(placeholders(RULE_MESSAGES_RU[code]), placeholders(RULES[code].message), code);
      if (RULES[code].message !== '{detail}') assert.match(RULE_MESSAGES_RU[code], /[а-яё]/i, `${code} is in Russian`);
    }
  });

  it('fills the Russian template', () => {
    assert.equal(ruleMessage('duplicate-scope', { scope: 'crm' }, 'ru'), "Скоуп 'crm' объявлен несколько раз; удалите этот.");
    assert.equal(ruleMessage('duplicate-scope', { scope: 'crm' }), "Scope 'crm' is declared more than once; remove this one.");
  });
});

describe('Russian: what the connected portal says', () => {
  const now = 1_000_000_000;
  const facts = { portal: 'https://b24.example.ru', fetchedAt: now - 3 * 60_000, scopes: ['user'], admin: false, auth: 'webhook' as const };

  it('live diagnostics and hover lines in Russian, codes unchanged', () => {
    const text = "call('crm.deal.list'); call('user.admin')";
    const { doc, td } = open(text);
    const ru = liveDiagnostics(doc, td, facts, ctx('ru'), now);
    const en = liveDiagnostics(doc, td, facts, ctx('en'), now);
    assert.deepEqual(
      ru.map((d) => d.code),
      en.map((d) => d.code),
    );
    assert.equal(
      ru[0].message,
      "Портал b24.example.ru: у этого вебхука нет скоупа 'crm' — это нужно для 'crm.deal.list'; перевыпустите вебхук, отметив этот скоуп.",
    );
    assert.equal(en[0].message, "Portal b24.example.ru: this webhook lacks the 'crm' scope, needed by 'crm.deal.list' — re-issue the webhook with that scope.");
    const lines = liveHoverLines(catalogue.get('crm.deal.list')!, facts, now, 'ru');
    assert.deepEqual(lines, ['Портал b24.example.ru: не выдано: `crm` ✗ (проверено 3 мин назад)']);
  });
});

describe('Russian: the language service', () => {
  it('searches the catalogue in Russian and shows Russian titles and pages in a Russian session', () => {
    const ru = createLanguageService({ catalogue, settings: { locale: 'ru' } }).searchCatalogue('сделка добавить', 5);
    assert.equal(ru.entries[0].name, 'crm.deal.add');
    assert.equal(ru.entries[0].title, 'Создать новую сделку');
    assert.match(ru.entries[0].url, /^https:\/\/apidocs\.bitrix24\.ru\//);
    assert.ok(ru.entries.some((e) => e.name === 'crm.item.add'));
    const en = createLanguageService({ catalogue }).searchCatalogue('сделка добавить', 5);
    assert.equal(en.entries[0].name, 'crm.deal.add', 'a Russian query works in an English session too');
    assert.equal(en.entries[0].title, 'Create a New Deal');
    const h = createLanguageService({ catalogue, settings: { locale: 'ru-RU' } }).hover(open("call('crm.deal.add')").td, { line: 0, character: 8 });
    assert.match((h?.contents as { value: string }).value, /Создать новую сделку/, 'a region tag (ru-RU) is Russian');
  });
});
