/** The scope check accepts either edition's scopes where the editions disagree, and speaks Russian when asked. */
import assert from 'node:assert/strict';
import { Catalogue } from '../../../server/src/catalogue/catalogue';
import { checkScopes } from '../../../server/src/manifest/scope-check';
import { parseManifest } from '../../../server/src/manifest/manifest';
import type { FileCalls, Finding } from '../../../server/src/manifest/types';
import { acceptedRequirement, otherEdition } from '../../../server/src/catalogue/editions';
import type { Locale } from '../../../server/src/l10n/locale';

const catalogue = Catalogue.load();

function source(methods: string[]): FileCalls {
  const at = (line: number, length: number) => ({ start: { line, character: 4 }, end: { line, character: 4 + length } });
  return {
    file: '/app/src/main.js',
    calls: methods.map((name, line) => ({ name, range: at(line, name.length), context: 'call' as const })),
    dynamic: [],
    suppressions: new Map(),
  };
}

function check(scopes: string[], methods: string[], locale?: Locale): Finding[] {
  const text = JSON.stringify({ scopes });
  return checkScopes({
    manifest: { file: '/app/bitrix24.json', displayName: 'bitrix24.json', text, parsed: parseManifest(text) },
    files: [source(methods)],
    catalogue,
    locale,
  });
}

const codes = (fs: Finding[]) => fs.map((f) => f.code);

describe('edition disagreements in the scope check', () => {
  const delivery = catalogue.get('sale.delivery.add')!;

  it('knows which edition differs from the requirement the check follows', () => {
    assert.deepEqual(otherEdition(delivery), { edition: 'en', requirement: { kind: 'scope', scope: 'sale' } });
    assert.equal(otherEdition(catalogue.get('crm.deal.add')!), undefined);
    assert.equal(otherEdition(catalogue.get('im.search.last.get')!), undefined, 'a deprecation-only disagreement names the same scopes');
    assert.deepEqual(acceptedRequirement(delivery, new Set(['sale'])), { edition: 'en', requirement: { kind: 'scope', scope: 'sale' } });
    assert.deepEqual(acceptedRequirement(delivery, new Set(['delivery'])), { requirement: { kind: 'scope', scope: 'delivery' } });
    assert.deepEqual(acceptedRequirement(delivery, new Set(['crm'])), { requirement: { kind: 'scope', scope: 'delivery' } });
  });

  it("accepts the English edition's scope: nothing missing, and the declared scope is not unused", () => {
    assert.deepEqual(codes(check(['sale'], ['sale.delivery.add'])), []);
    assert.deepEqual(codes(check(['delivery'], ['sale.delivery.add'])), []);
  });

  it('with neither declared, asks for the scope the check follows and names the other edition', () => {
    const findings = check(['crm'], ['sale.delivery.add']);
    assert.deepEqual(codes(findings), ['missing-scope', 'unused-scope', 'missing-scope-call']);
    const hint = findings.find((f) => f.code === 'missing-scope-call')!;
    assert.match(
      hint.message,
      /'sale\.delivery\.add' needs the scope 'delivery', which bitrix24\.json does not declare .* The English documentation names 'sale' instead, which is accepted too\./,
    );
    assert.match(
      check(['crm'], ['sale.delivery.add'], 'ru').find((f) => f.code === 'missing-scope-call')!.message,
      /В английской документации указан 'sale' — он тоже подходит\./,
    );
  });
});

describe('scope check in Russian', () => {
  it('says the missing scope, its uses and the related information in Russian; codes and data stay', () => {
    const ru = check(['task'], ['crm.lead.add', 'crm.deal.add'], 'ru');
    const en = check(['task'], ['crm.lead.add', 'crm.deal.add']);
    assert.deepEqual(
      ru.map((f) => [f.code, f.severity, f.range, f.data]),
      en.map((f) => [f.code, f.severity, f.range, f.data]),
    );
    const [problem, unused] = ru;
    const hint = ru.find((f) => f.code === 'missing-scope-call')!;
    assert.equal(
      unused.message,
      "Скоуп 'task' объявлен, но ни одному вызову в коде он не нужен. Удалите его: модерация Маркета отклоняет приложения, которые запрашивают неиспользуемые скоупы.",
    );
    assert.equal(
      problem.message,
      "В bitrix24.json не объявлен скоуп 'crm', а он нужен: 'crm.lead.add' (/app/src/main.js:1) и 'crm.deal.add' (/app/src/main.js:2). Добавьте его в scopes.",
    );
    assert.deepEqual(
      problem.related?.map((r) => r.message),
      ["Метод 'crm.lead.add' требует 'crm'", "Метод 'crm.deal.add' требует 'crm'"],
    );
    assert.equal(hint.message, "Метод 'crm.lead.add' требует скоуп 'crm', но bitrix24.json этого не объявляет (см. проблему missing-scope в манифесте).");
  });

  it('ranks alternatives in Russian', () => {
    const [hint] = check(['crm'], ['user.get'], 'ru').filter((f) => f.code === 'missing-scope-call');
    assert.match(hint.message, /требует один из скоупов 'user_brief', .* \(минимальные права — 'user_brief'\)/);
  });
});
