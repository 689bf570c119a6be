import assert from 'node:assert/strict';
import { parseManifest } from '../../../server/src/manifest/manifest';
import { findEnvScopes, parseEnvManifest } from '../../../server/src/manifest/env-manifest';
import { Catalogue } from '../../../server/src/catalogue/catalogue';

const codes = (text: string) => parseManifest(text).manifest.scopes?.map((s) => s.code);
const problemCodes = (text: string) => parseManifest(text).problems.map((p) => p.code);

describe('manifest: bitrix24.json', () => {
  it('reads every documented field, with comments and trailing commas', () => {
    const text = `{
      // what the app asks for
      "$schema": "./bitrix24.schema.json",
      "kind": "market",
      "scopes": ["crm", "user_brief",],
      "include": ["src/**"],
      "exclude": ["src/legacy/**"],
      /* methods the checker cannot see */
      "methods": {
        "custom": [
          { "name": "vendor.report.get", "scope": "crm" },
          { "name": "vendor.sign.start", "scope": ["sign.b2e", "crm"] },
          { "name": "vendor.ping", "scope": "basic" }
        ],
        "extra": ["crm.deal.list"],
        "ignore": ["legacy.*"]
      },
      "portal": "https://example.bitrix24.com/"
    }`;
    const { manifest, problems } = parseManifest(text);
    assert.deepEqual(problems, []);
    assert.equal(manifest.kind, 'market');
    assert.deepEqual(
      manifest.scopes?.map((s) => s.code),
      ['crm', 'user_brief'],
    );
    assert.deepEqual(manifest.include, ['src/**']);
    assert.deepEqual(manifest.exclude, ['src/legacy/**']);
    assert.deepEqual(
      manifest.custom.map((c) => [c.name, c.requirement]),
      [
        ['vendor.report.get', { kind: 'scope', scope: 'crm' }],
        ['vendor.sign.start', { kind: 'allOf', scopes: ['sign.b2e', 'crm'] }],
        ['vendor.ping', { kind: 'basic' }],
      ],
    );
    assert.deepEqual(
      manifest.extra.map((e) => e.name),
      ['crm.deal.list'],
    );
    assert.deepEqual(
      manifest.ignore.map((e) => e.name),
      ['legacy.*'],
    );
    assert.equal(manifest.portal, 'https://example.bitrix24.com');
  });

  it('gives each scope the span of its characters', () => {
    const text = '{ "scopes": ["crm", "im"] }';
    const [crm, im] = parseManifest(text).manifest.scopes ?? [];
    assert.equal(text.slice(crm.span.start, crm.span.end), 'crm');
    assert.equal(text.slice(im.span.start, im.span.end), 'im');
  });

  it('reports broken JSON at the place it breaks, and still reads what it can', () => {
    const text = '{ "scopes": ["crm" "im"] }';
    const { manifest, problems } = parseManifest(text);
    assert.equal(problems[0].code, 'manifest-invalid-json');
    assert.match(problems[0].message, /comma/i);
    assert.equal(problems[0].span.start, text.indexOf('"im"'));
    assert.deepEqual(
      manifest.scopes?.map((s) => s.code),
      ['crm', 'im'],
    );
  });

  it('reports values of the wrong type and leaves scopes unread when they are not an array', () => {
    const { manifest, problems } = parseManifest('{ "scopes": "crm,user", "kind": "app", "include": "src" }');
    assert.equal(manifest.scopes, undefined);
    assert.deepEqual(
      problems.map((p) => p.code),
      ['manifest-invalid-value', 'manifest-invalid-value', 'manifest-invalid-value'],
    );
    assert.match(problems[1].message, /"webhook", "local", "market"/);
  });

  it('skips non-string and empty scope items with a problem each', () => {
    assert.deepEqual(codes('{ "scopes": ["crm", 42, "", "im"] }'), ['crm', 'im']);
    assert.deepEqual(problemCodes('{ "scopes": ["crm", 42, "", "im"] }'), ['manifest-invalid-value', 'manifest-invalid-value']);
  });

  it('warns about unknown keys and suggests the one probably meant', () => {
    const { problems } = parseManifest('{ "scope": ["crm"], "methods": { "extras": [] } }');
    assert.deepEqual(
      problems.map((p) => [p.code, p.severity]),
      [
        ['manifest-unknown-key', 'warning'],
        ['manifest-unknown-key', 'warning'],
      ],
    );
    assert.match(problems[0].message, /Did you mean "scopes"\?/);
    assert.match(problems[1].message, /Did you mean "methods.extra"\?/);
  });

  it('refuses a webhook URL as the portal address without echoing the secret', () => {
    const secret = 'k8x2abcdefgh1234';
    const { manifest, problems } = parseManifest(`{ "portal": "https://example.bitrix24.com/rest/1/${secret}/" }`);
    assert.equal(manifest.portal, undefined);
    assert.equal(problems[0].code, 'manifest-secret');
    assert.ok(!problems[0].message.includes(secret));
  });

  it('asks custom methods for a name and a scope', () => {
    const { manifest, problems } = parseManifest('{ "methods": { "custom": [{ "name": "vendor.x" }, { "scope": "crm" }, "vendor.y"] } }');
    assert.deepEqual(manifest.custom, []);
    assert.equal(problems.length, 3);
    assert.match(problems[0].message, /needs a "scope"/);
    assert.match(problems[1].message, /needs a "name"/);
  });

  it('never throws, whatever the text', () => {
    for (const text of ['', ' ', '[]', 'null', '42', '{', '{"scopes": [', '{"methods": 1}', '{"methods": {"custom": {}}}', '\u0000', '{"a":}']) {
      const parsed = parseManifest(text);
      assert.ok(text.trim() === '{}' || parsed.problems.length > 0, `no problem reported for ${JSON.stringify(text)}`);
    }
  });
});

describe('manifest: .env scope keys', () => {
  const KEY = 'BITRIX24_PHP_SDK_APPLICATION_SCOPE';

  it('reads quoted and unquoted values, comma or space separated', () => {
    assert.deepEqual(
      parseEnvManifest(`${KEY}='crm,user_brief'`)?.manifest.scopes?.map((s) => s.code),
      ['crm', 'user_brief'],
    );
    assert.deepEqual(
      parseEnvManifest(`${KEY}="crm, im task"`)?.manifest.scopes?.map((s) => s.code),
      ['crm', 'im', 'task'],
    );
    assert.deepEqual(
      parseEnvManifest(`export ${KEY}=crm,im # chat too`)?.manifest.scopes?.map((s) => s.code),
      ['crm', 'im'],
    );
  });

  it('gives each code its span in the file', () => {
    const text = `APP_ID=local.1\n${KEY}="crm, im"\n`;
    const items = findEnvScopes(text, [KEY])?.items ?? [];
    assert.deepEqual(
      items.map((i) => text.slice(i.span.start, i.span.end)),
      ['crm', 'im'],
    );
  });

  it('takes the last assignment, as dotenv does', () => {
    assert.deepEqual(
      parseEnvManifest(`${KEY}=crm\n${KEY}=im\n`)?.manifest.scopes?.map((s) => s.code),
      ['im'],
    );
  });

  it('reads an empty value as no scopes, and a file without the key as no manifest', () => {
    assert.deepEqual(parseEnvManifest(`${KEY}=""`)?.manifest.scopes, []);
    assert.equal(parseEnvManifest('APP_ID=1\nSCOPE=crm\n'), undefined);
  });

  it('reads the keys it is given (e.g. a starter kit SCOPE)', () => {
    assert.deepEqual(
      parseEnvManifest('SCOPE=crm,placement\n', ['SCOPE'])?.manifest.scopes?.map((s) => s.code),
      ['crm', 'placement'],
    );
  });
});

describe('manifest: custom methods for the catalogue', () => {
  it('hands custom methods to Catalogue.withCustom as parsed, with their requirement', () => {
    const { manifest } = parseManifest(
      '{ "methods": { "custom": [{ "name": "vendor.a", "scope": "crm" }, { "name": "vendor.b", "scope": ["sign.b2e", "crm"] }, { "name": "vendor.c", "scope": "basic" }] } }',
    );
    const view = Catalogue.load().withCustom(manifest.custom);
    assert.deepEqual(
      ['vendor.a', 'vendor.b', 'vendor.c'].map((n) => view.get(n)?.requirement),
      manifest.custom.map((c) => c.requirement),
    );
  });
});
