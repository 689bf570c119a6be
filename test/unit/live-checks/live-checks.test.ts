/** Live checks: portal facts (granted scopes, admin flag, method.get) against the calls in a document. */
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalysis, MethodReference } from '../../../server/src/analysis/types';
import type { MethodInfo } from '../../../server/src/catalogue/types';
import type { AnalysedDocument, CatalogueView, FeatureContext, FeatureSettings } from '../../../server/src/features/context';
import { LIVE_SOURCE, liveDiagnostics, liveHoverLines, methodsToAsk, portalConfirms } from '../../../server/src/features/live-checks';
import type { PortalFacts } from '../../../server/src/protocol';

/** README ("Connect a portal"): what the portal said is used for ten minutes. A literal, not the code's constant. */
const TEN_MINUTES_MS = 10 * 60 * 1000;
import { fakeCatalogue, METHODS } from '../features/fake-catalogue';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const MINUTE = 60_000;

const SIGN: MethodInfo = {
  name: 'sign.b2e.document.get',
  version: 2,
  requirement: { kind: 'allOf', scopes: ['sign.b2e', 'crm'] },
  who: 'any user',
  whoClass: 'any',
  params: [],
  url: 'https://apidocs.bitrix24.com/api-reference/sign/x.html',
  title: 'Get a Document',
};
const CUSTOM: MethodInfo = {
  name: 'myvendor.report.build',
  version: 2,
  requirement: { kind: 'scope', scope: 'crm' },
  who: '',
  whoClass: 'unknown',
  params: [],
  url: '',
  title: '',
  custom: true,
};
const EXTRA = [SIGN, CUSTOM];

/** The feature tests' catalogue plus an allOf method and a manifest-declared custom method. */
const catalogue: CatalogueView = {
  ...fakeCatalogue,
  get: (name, version) => fakeCatalogue.get(name, version) ?? EXTRA.find((m) => m.name === name.toLowerCase()),
  has: (name) => fakeCatalogue.has(name) || EXTRA.some((m) => m.name === name.toLowerCase()),
  scope: (code) => fakeCatalogue.scope(code) ?? (code === 'sign.b2e' ? { code, tool: 'Signing' } : undefined),
};

function ctx(settings: Partial<FeatureSettings> = {}): FeatureContext {
  return { catalogue, settings: { enable: true, rules: {}, ...settings } };
}

/** A document whose references are the listed names, found by position in the text. */
function analysed(uri: string, text: string, names: string[], suppress: [number, string[]][] = []): { doc: AnalysedDocument; td: TextDocument } {
  const references: MethodReference[] = names.map((name) => {
    const start = text.indexOf(name);
    assert.ok(start >= 0, `${name} is not in the text`);
    return { name, start, end: start + name.length, context: 'call' };
  });
  const analysis: DocumentAnalysis = { references, unresolved: [], bindings: [], suppressions: new Map(suppress) };
  return { doc: { uri, text, family: 'js', analysis }, td: TextDocument.create(uri, 'javascript', 1, text) };
}

function facts(over: Partial<PortalFacts> = {}): PortalFacts {
  return { portal: 'https://example.bitrix24.com', fetchedAt: NOW - 2 * MINUTE, scopes: ['user', 'landing'], admin: false, auth: 'webhook', ...over };
}

const APP = ["BX24.callMethod('crm.lead.add', {});", "BX24.callMethod('user.get', {});", "BX24.callMethod('landing.role.enable', { mode: 1 });"].join('\n');

describe('live checks: diagnostics', () => {
  it('warns where a call needs a scope the webhook lacks, naming portal, scope and the fix', () => {
    const { doc, td } = analysed('file:///app/src/app.js', APP, ['crm.lead.add', 'user.get', 'landing.role.enable']);
    const found = liveDiagnostics(doc, td, facts({ admin: true }), ctx(), NOW);
    assert.equal(found.length, 1);
    const [d] = found;
    assert.equal(d.code, 'portal-missing-scope');
    assert.equal(d.source, LIVE_SOURCE);
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    assert.deepEqual(d.range, { start: { line: 0, character: 17 }, end: { line: 0, character: 29 } });
    assert.match(d.message, /example\.bitrix24\.com/);
    assert.match(d.message, /lacks the 'crm' scope, needed by 'crm\.lead\.add'/);
    assert.match(d.message, /re-issue the webhook with that scope/);
  });

  it('tells a non-administrator about administrator-only methods (information, not a warning)', () => {
    const { doc, td } = analysed('file:///app/src/app.js', APP, ['landing.role.enable']);
    const [d, ...rest] = liveDiagnostics(doc, td, facts({ admin: false }), ctx(), NOW);
    assert.equal(rest.length, 0);
    assert.equal(d.code, 'portal-not-admin');
    assert.equal(d.severity, DiagnosticSeverity.Information);
    assert.match(d.message, /'landing\.role\.enable' needs a portal administrator/);
  });

  it('is satisfied by any one scope of an alternative, and says when none is granted', () => {
    const { doc, td } = analysed('file:///a.js', APP, ['user.get']);
    assert.deepEqual(liveDiagnostics(doc, td, facts({ scopes: ['user_brief'] }), ctx(), NOW), []);
    const [d] = liveDiagnostics(doc, td, facts({ scopes: ['crm'] }), ctx(), NOW);
    assert.match(d.message, /lacks every scope that allows it \('user', 'user_basic', 'user_brief'\).*with one of them/);
  });

  it('lists only the scopes still missing from an all-of requirement', () => {
    const text = "call('sign.b2e.document.get')";
    const { doc, td } = analysed('file:///a.js', text, ['sign.b2e.document.get']);
    const [d] = liveDiagnostics(doc, td, facts({ scopes: ['crm'] }), ctx(), NOW);
    assert.match(d.message, /lacks the 'sign\.b2e' scope/);
    assert.doesNotMatch(d.message, /'crm'/);
  });

  it('compares scope codes case-insensitively', () => {
    const { doc, td } = analysed('file:///a.js', APP, ['crm.lead.add']);
    assert.deepEqual(liveDiagnostics(doc, td, facts({ scopes: ['CRM'] }), ctx(), NOW), []);
  });

  it('advises an OAuth app to change its permissions instead of re-issuing a webhook', () => {
    const { doc, td } = analysed('file:///a.js', APP, ['crm.lead.add']);
    const [d] = liveDiagnostics(doc, td, facts({ auth: 'oauth' }), ctx(), NOW);
    assert.match(d.message, /this app lacks the 'crm' scope/);
    assert.match(d.message, /add that scope to the app's permissions and reinstall it/);
  });

  it('reports nothing without facts (offline or disconnected)', () => {
    const { doc, td } = analysed('file:///a.js', APP, ['crm.lead.add', 'landing.role.enable']);
    assert.deepEqual(liveDiagnostics(doc, td, undefined, ctx(), NOW), []);
  });

  it('reports nothing once the facts are older than ten minutes, and still does just before', () => {
    const { doc, td } = analysed('file:///a.js', APP, ['crm.lead.add']);
    assert.equal(liveDiagnostics(doc, td, facts({ fetchedAt: NOW - TEN_MINUTES_MS }), ctx(), NOW).length, 1);
    assert.deepEqual(liveDiagnostics(doc, td, facts({ fetchedAt: NOW - TEN_MINUTES_MS - 1 }), ctx(), NOW), []);
  });

  it('follows rule settings and suppression comments', () => {
    const { doc, td } = analysed('file:///a.js', APP, ['crm.lead.add', 'landing.role.enable'], [[0, ['portal-missing-scope']]]);
    const codes = (s: Partial<FeatureSettings>) => liveDiagnostics(doc, td, facts(), ctx(s), NOW).map((d) => d.code);
    assert.deepEqual(codes({}), ['portal-not-admin']);
    assert.deepEqual(codes({ rules: { 'portal-not-admin': 'off' } }), []);
    assert.deepEqual(codes({ enable: false }), []);
    const [d] = liveDiagnostics(doc, td, facts(), ctx({ rules: { 'portal-not-admin': 'error' } }), NOW);
    assert.equal(d.severity, DiagnosticSeverity.Error);
  });

  it('uses method.get answers for methods the catalogue does not know', () => {
    const text = "call('vendor.thing.run'); call('vendor.other.run'); call('vendor.fine.run'); call('vendor.unasked.run')";
    const { doc, td } = analysed('file:///a.js', text, ['vendor.thing.run', 'vendor.other.run', 'vendor.fine.run', 'vendor.unasked.run']);
    const methods = {
      'vendor.thing.run': { exists: false, available: false },
      'vendor.other.run': { exists: true, available: false },
      'vendor.fine.run': { exists: true, available: true },
    };
    const found = liveDiagnostics(doc, td, facts({ methods }), ctx(), NOW);
    assert.deepEqual(
      found.map((d) => [text.slice(td.offsetAt(d.range.start), td.offsetAt(d.range.end)), d.code]),
      [
        ['vendor.thing.run', 'portal-unknown-method'],
        ['vendor.other.run', 'portal-method-unavailable'],
      ],
    );
    assert.match(found[1].message, /re-issue the webhook with the scope it needs/);
  });

  it("prefers the portal's answer over a manifest-declared requirement for custom methods", () => {
    const text = "call('myvendor.report.build')";
    const { doc, td } = analysed('file:///a.js', text, ['myvendor.report.build']);
    assert.equal(liveDiagnostics(doc, td, facts(), ctx(), NOW)[0]?.code, 'portal-missing-scope');
    const answered = facts({ methods: { 'myvendor.report.build': { exists: true, available: true } } });
    assert.deepEqual(liveDiagnostics(doc, td, answered, ctx(), NOW), []);
  });

  it('marks manifest scopes the webhook was not granted', () => {
    const text = '{\n  "scopes": ["crm", "landing", "nonsense"]\n}';
    const doc: AnalysedDocument = {
      uri: 'file:///app/bitrix24.json',
      text,
      family: 'plain',
      analysis: { references: [], unresolved: [], bindings: [], suppressions: new Map() },
    };
    const td = TextDocument.create(doc.uri, 'json', 1, text);
    const found = liveDiagnostics(doc, td, facts(), ctx(), NOW);
    assert.deepEqual(
      found.map((d) => text.slice(td.offsetAt(d.range.start), td.offsetAt(d.range.end))),
      ['crm'],
    );
    assert.match(found[0].message, /lacks the 'crm' scope, which this manifest declares/);
  });

  it('marks scopes declared in a .env file too', () => {
    const text = "BITRIX24_PHP_SDK_APPLICATION_SCOPE='user,task'\n";
    const doc: AnalysedDocument = {
      uri: 'file:///app/.env',
      text,
      family: 'plain',
      analysis: { references: [], unresolved: [], bindings: [], suppressions: new Map() },
    };
    const td = TextDocument.create(doc.uri, 'dotenv', 1, text);
    const found = liveDiagnostics(doc, td, facts(), ctx(), NOW);
    assert.deepEqual(
      found.map((d) => text.slice(td.offsetAt(d.range.start), td.offsetAt(d.range.end))),
      ['task'],
    );
  });

  it('reads .env scopes under the keys the user configured', () => {
    const text = 'SCOPE=user,task\nBITRIX24_PHP_SDK_APPLICATION_SCOPE=crm\n';
    const doc: AnalysedDocument = {
      uri: 'file:///app/.env',
      text,
      family: 'plain',
      analysis: { references: [], unresolved: [], bindings: [], suppressions: new Map() },
    };
    const td = TextDocument.create(doc.uri, 'dotenv', 1, text);
    const found = liveDiagnostics(doc, td, facts(), { ...ctx(), envKeys: ['SCOPE'] }, NOW);
    assert.deepEqual(
      found.map((d) => text.slice(td.offsetAt(d.range.start), td.offsetAt(d.range.end))),
      ['task'],
    );
  });
});

describe('live checks: hover lines', () => {
  const method = (name: string) => {
    const m = METHODS.find((x) => x.name === name);
    assert.ok(m, name);
    return m;
  };

  it('says whether the scope is granted, on which portal, and how old the answer is', () => {
    assert.deepEqual(liveHoverLines(method('crm.lead.add'), facts({ scopes: ['crm'] }), NOW), [
      'Portal example.bitrix24.com: `crm` granted ✓ (checked 2 min ago)',
    ]);
    assert.deepEqual(liveHoverLines(method('crm.lead.add'), facts({ fetchedAt: NOW - 10_000 }), NOW), [
      'Portal example.bitrix24.com: `crm` not granted ✗ (checked just now)',
    ]);
  });

  it('names the granted alternative and adds the administrator line for admin-only methods', () => {
    assert.match(liveHoverLines(method('user.get'), facts({ scopes: ['user_basic'] }), NOW)[0], /`user_basic` granted ✓/);
    const lines = liveHoverLines(method('landing.role.enable'), facts({ admin: false }), NOW);
    assert.equal(lines.length, 2);
    assert.match(lines[1], /needs an administrator, and you are not one ✗/);
  });

  it('reports method.get answers for names outside the catalogue', () => {
    const f = facts({ methods: { 'vendor.a': { exists: true, available: true }, 'vendor.b': { exists: false, available: false } } });
    assert.match(liveHoverLines('Vendor.A', f, NOW)[0], /method exists and may be called ✓/);
    assert.match(liveHoverLines('vendor.b', f, NOW)[0], /no such method ✗/);
    assert.deepEqual(liveHoverLines('vendor.c', f, NOW), []);
  });

  it('adds nothing when facts are missing or stale', () => {
    assert.deepEqual(liveHoverLines(method('crm.lead.add'), undefined, NOW), []);
    assert.deepEqual(liveHoverLines(method('crm.lead.add'), facts({ fetchedAt: NOW - 11 * MINUTE }), NOW), []);
  });
});

describe('live checks: method.get helpers', () => {
  it('asks only about names the catalogue does not know or only the manifest declares', () => {
    const text = "call('crm.lead.add'); call('Vendor.X.Run'); call('myvendor.report.build'); call('vendor.x.run')";
    const { doc } = analysed('file:///a.js', text, ['crm.lead.add', 'Vendor.X.Run', 'myvendor.report.build']);
    assert.deepEqual(methodsToAsk(doc, ctx()), ['myvendor.report.build', 'vendor.x.run']);
  });

  it('confirms a method only from fresh facts', () => {
    const f = facts({ methods: { 'vendor.x': { exists: true, available: false } } });
    assert.equal(portalConfirms('VENDOR.X', f, NOW), true);
    assert.equal(portalConfirms('vendor.y', f, NOW), false);
    assert.equal(portalConfirms('vendor.x', { ...f, fetchedAt: NOW - 20 * MINUTE }, NOW), false);
  });
});
