/**
 * A Russian portal describes its errors in Russian (`error_description`); the codes stay.
 * The REST client, the Site Rights failure messages and the error explainer must decide
 * on the codes only: the same failure paths against an English and a Russian demo portal
 * give the same outcomes, and only the portal's own text (the log detail) differs.
 */
import assert from 'node:assert/strict';
import { startDemoPortal, type DemoPortal } from '../../../demo-portal/src';
import { requestLanguage } from '../../../demo-portal/src/http/language';
import { russianDescription } from '../../../demo-portal/src/portal/error-texts-ru';
import { isPortalError } from '../../../client/src/portal/errors';
import { parseWebhookUrl } from '../../../client/src/portal/portal-url';
import { RestClient } from '../../../client/src/portal/rest-client';
import { explainFailure } from '../../../client/src/rights/failures';
import { explainInput } from '../../../server/src/explain/explain';
import { Catalogue } from '../../../server/src/catalogue/catalogue';
import { CapturingLog } from './helpers';

interface Outcome {
  code?: string;
  kind?: string;
  status?: number;
  message?: string;
  rights?: { reason?: string; message: string; actions: string[] };
  detail?: string;
}

/** Every failure path, against one portal: what the client and the rights view make of it. */
async function failurePaths(demo: DemoPortal): Promise<Record<string, Outcome>> {
  const client = (name: string, code?: string) => {
    const hook = parseWebhookUrl(demo.webhooks[name]);
    assert.ok(hook.ok);
    return new RestClient({ credentials: { kind: 'webhook', ...hook.value, ...(code ? { code } : {}) }, random: () => 0.5, log: new CapturingLog() });
  };
  const paths: Record<string, () => Promise<unknown>> = {
    'unknown method': () => client('admin').call('crm.nothing.here'),
    'missing scope': () => client('limited').call('landing.site.getList'),
    'rights: access denied': () => client('user').call('landing.site.add', { fields: { TITLE: 'x', CODE: 'x', TYPE: 'PAGE' } }),
    'rights: not admin': () => client('user').call('landing.site.setRights', { id: 1, rights: {} }),
    'missing parameters': () => client('admin').call('landing.site.add', {}),
    'bad address': () => client('admin').call('landing.site.add', { fields: { TITLE: 'x', CODE: 'a/b', TYPE: 'PAGE' } }),
    'wrong webhook code': () => client('admin', 'wrongcode0000000').call('user.current'),
  };
  const out: Record<string, Outcome> = {};
  for (const [name, run] of Object.entries(paths)) {
    try {
      await run();
      out[name] = {};
    } catch (e) {
      assert.ok(isPortalError(e), `${name}: ${String(e)}`);
      const rights = explainFailure(e, 'save the rights');
      out[name] = {
        code: e.code,
        kind: e.kind,
        status: e.status,
        // The portal's text may be quoted in the advice; everything around it must be the same.
        message: e.detail ? e.message.replace(e.detail, '<detail>') : e.message,
        rights: { reason: rights.reason, message: rights.message.replace(e.detail ?? '\u0000', '<detail>'), actions: rights.actions.map((a) => a.title) },
        detail: e.detail,
      };
    }
  }
  return out;
}

describe('error descriptions in Russian, decisions on codes', () => {
  let en: DemoPortal;
  let ru: DemoPortal;
  beforeEach(async () => {
    en = await startDemoPortal({ rateLimit: false });
    ru = await startDemoPortal({ rateLimit: false, language: 'ru' });
  });
  afterEach(async () => {
    await en.close();
    await ru.close();
  });

  it('the demo portal answers in Russian when asked, with the same code and status', async () => {
    const url = `${en.webhooks.limited}landing.site.getList`;
    const english = await fetch(url);
    const viaParam = await fetch(`${url}?lang=ru`);
    const viaHeader = await fetch(url, { headers: { 'Accept-Language': 'ru-RU,ru;q=0.9,en;q=0.8' } });
    const russianPortal = await fetch(`${ru.webhooks.limited}landing.site.getList`);
    const englishOnRussianPortal = await fetch(`${ru.webhooks.limited}landing.site.getList`, { headers: { 'Accept-Language': 'en' } });
    const bodies = await Promise.all(
      [english, viaParam, viaHeader, russianPortal, englishOnRussianPortal].map(async (r) => ({
        status: r.status,
        body: (await r.json()) as { error: string; error_description: string },
      })),
    );
    for (const b of bodies) assert.deepEqual([b.status, b.body.error], [403, 'insufficient_scope']);
    assert.deepEqual(
      bodies.map((b) => b.body.error_description),
      [
        'The request requires higher privileges than provided by the webhook token',
        'Запросу нужны более широкие права, чем даёт токен вебхука',
        'Запросу нужны более широкие права, чем даёт токен вебхука',
        'Запросу нужны более широкие права, чем даёт токен вебхука',
        'The request requires higher privileges than provided by the webhook token',
      ],
    );
  });

  it('describes batch errors in the request language too', async () => {
    const res = await fetch(`${ru.webhooks.admin}batch`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ cmd: { a: 'crm.nothing.here' } }),
    });
    const body = (await res.json()) as { result: { result_error: Record<string, { error: string; error_description: string }> } };
    assert.deepEqual(body.result.result_error.a, { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Метод не найден!' });
  });

  it('the REST client and the Site Rights messages reach the same outcome for every failure path', async () => {
    const english = await failurePaths(en);
    const russian = await failurePaths(ru);
    assert.deepEqual(Object.keys(russian), Object.keys(english));
    for (const name of Object.keys(english)) {
      const { detail: enDetail, ...enOutcome } = english[name];
      const { detail: ruDetail, ...ruOutcome } = russian[name];
      assert.ok(enOutcome.code, `${name} failed with a code: ${JSON.stringify(english)}`);
      assert.deepEqual(ruOutcome, enOutcome, name);
      if (enDetail && russianDescription(enOutcome.code!, enDetail) !== enDetail)
        assert.notEqual(ruDetail, enDetail, `${name}: the Russian portal did describe it in Russian`);
    }
    const described = Object.values(russian).filter((o) => o.detail && /[а-яё]/i.test(o.detail)).length;
    assert.ok(described >= 5, `${described} failures described in Russian`);
  });

  it('the error explainer reads the code, not the description', () => {
    const catalogue = Catalogue.load();
    for (const [code, english] of [
      ['insufficient_scope', 'The request requires higher privileges than provided by the webhook token'],
      ['ERROR_METHOD_NOT_FOUND', 'Method not found!'],
      ['expired_token', 'The access token provided has expired.'],
      ['ACCESS_DENIED', 'Access denied.'],
    ]) {
      const explain = (description: string) =>
        explainInput(JSON.stringify({ error: code, error_description: description }), { method: 'crm.deal.add', catalogue }).explanations.map((e) => [
          e.code,
          e.kind,
          e.diagnosis,
        ]);
      assert.deepEqual(explain(russianDescription(code, english)), explain(english), code);
    }
  });

  it('reads the request language from lang first, then Accept-Language, then the portal', () => {
    assert.equal(requestLanguage('ru', 'en'), 'en');
    assert.equal(requestLanguage('de-DE, ru;q=0.5, en;q=0.4', undefined), 'ru');
    assert.equal(requestLanguage('en-US, ru;q=0.5', undefined, 'ru'), 'en');
    assert.equal(requestLanguage('de', undefined, 'ru'), 'ru');
    assert.equal(requestLanguage(undefined, 'fr'), 'en');
  });
});
