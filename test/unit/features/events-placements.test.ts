import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent } from 'vscode-languageserver-types';
import { analyse, completionContextAt } from '../../../server/src/analysis/analyse';
import type { MethodInfo, PlacementInfo } from '../../../server/src/catalogue/types';
import type { AnalysedDocument, CatalogueView, FeatureContext } from '../../../server/src/features/context';
import { hover } from '../../../server/src/features/hover';
import { complete } from '../../../server/src/features/completion';
import { diagnose } from '../../../server/src/features/diagnostics';
import { methodCodeActions } from '../../../server/src/features/code-actions';
import { liveDiagnostics } from '../../../server/src/features/live-checks';
import { EVENTS, fakeCatalogue, METHODS } from './fake-catalogue';

const PLACEMENTS: PlacementInfo[] = [
  {
    code: 'CRM_DEAL_DETAIL_TAB',
    requirement: { kind: 'allOf', scopes: ['placement', 'crm'] },
    url: 'https://apidocs.bitrix24.com/widgets/crm/detail-tab.html',
    title: 'Detail tab',
  },
  {
    code: 'CRM_LEAD_DETAIL_TAB',
    requirement: { kind: 'allOf', scopes: ['placement', 'crm'] },
    url: 'https://apidocs.bitrix24.com/widgets/crm/detail-tab.html',
    title: 'Detail tab',
  },
];
const DEAL_ADD: MethodInfo = {
  name: 'crm.deal.add',
  version: 2,
  requirement: { kind: 'scope', scope: 'crm' },
  who: 'any user',
  whoClass: 'permission',
  deprecated: true,
  superseded: true,
  replacement: 'crm.item.add',
  params: [],
  url: 'https://apidocs.bitrix24.com/api-reference/crm/deals/crm-deal-add.html',
  title: 'Add a deal',
};
const methods = [...METHODS, DEAL_ADD];
const catalogue: CatalogueView = {
  ...fakeCatalogue,
  get: (name, version) => methods.find((m) => m.name === name.toLowerCase() && (!version || m.version === version)),
  has: (name) => methods.some((m) => m.name === name.toLowerCase()),
  complete: (prefix, limit = 100) =>
    methods
      .filter((m) => m.name.startsWith(prefix.toLowerCase()))
      .sort((a, b) => a.name.localeCompare(b.name))
      .slice(0, limit),
  event: (name) => EVENTS.find((e) => e.name.toLowerCase() === name.toLowerCase()),
  suggestEvents: (name) => EVENTS.filter((e) => e.name.toLowerCase().startsWith(name.toLowerCase().slice(0, 8))).map((e) => e.name),
  placement: (code) => PLACEMENTS.find((p) => p.code === code.toUpperCase()),
  suggestPlacements: (code) => PLACEMENTS.filter((p) => p.code.startsWith(code.toUpperCase().slice(0, 12))).map((p) => p.code),
  placements: () => PLACEMENTS,
};
const ctx = (over: Partial<FeatureContext> = {}): FeatureContext => ({ catalogue, settings: { enable: true, rules: {} }, ...over });

/** A JS document with the real analysis; `|` marks the cursor. */
function js(source: string) {
  const offset = source.indexOf('|');
  const text = source.replace('|', '');
  const uri = 'file:///app/src/app.js';
  const analysis = analyse(text, 'js', catalogue);
  // The binding as the analysis reports it (the name inside the quotes of `event:` / `PLACEMENT:`).
  const m = /(event|PLACEMENT): '([^']+)'/.exec(text);
  if (m && analysis.bindings.length === 0) {
    const start = (m.index ?? 0) + m[0].indexOf("'") + 1;
    const kind = m[1] === 'event' ? 'event' : 'placement';
    analysis.bindings.push({ kind, name: m[2], start, end: start + m[2].length, via: `${kind}.bind` });
  }
  const doc: AnalysedDocument = { uri, text, family: 'js', analysis };
  const td = TextDocument.create(uri, 'javascript', 1, text);
  return { doc, td, offset, text };
}

describe('events and placements in the editor', () => {
  it('hovers an event name with its scope, who may subscribe, and whether the manifest declares it', () => {
    const { doc, td, offset } = js("BX24.callMethod('event.bind', { event: 'ONCRMD|EALADD', handler: 'https://x' });");
    const h = hover(doc, td, td.positionAt(offset), ctx({ manifest: { label: 'bitrix24.json', scopes: new Set(['placement']) } }));
    const value = (h?.contents as MarkupContent).value;
    assert.match(value, /\*\*ONCRMDEALADD\*\* · event — Deal added/);
    assert.match(value, /\*\*Scope:\*\* `crm`/);
    assert.match(value, /Who can subscribe:\*\* any user/);
    assert.match(value, /✗ Not declared in `bitrix24\.json`: add `crm`/);
  });

  it('hovers a placement code with both scopes it needs', () => {
    const { doc, td, offset } = js("BX24.callMethod('placement.bind', { PLACEMENT: 'CRM_DEAL_DE|TAIL_TAB', HANDLER: 'https://x' });");
    const value = (hover(doc, td, td.positionAt(offset), ctx())?.contents as MarkupContent).value;
    assert.match(value, /\*\*CRM_DEAL_DETAIL_TAB\*\* · placement/);
    assert.match(value, /all of `placement`.* \+ `crm`/);
  });

  it('completes placement codes in PLACEMENT', () => {
    const { doc, td, offset } = js("BX24.callMethod('placement.bind', { PLACEMENT: 'CRM_DEAL|', HANDLER: 'https://x' });");
    const list = complete(completionContextAt(doc.text, 'js', offset), td, ctx());
    assert.deepEqual(
      list.items.map((i) => i.label),
      ['CRM_DEAL_DETAIL_TAB'],
    );
    assert.match(list.items[0].detail ?? '', /placement \+ crm/);
  });

  it('reports an unknown event with "did you mean" and fixes it', () => {
    const { doc, td } = js("BX24.callMethod('event.bind', { event: 'ONCRMDEALADDD', handler: 'https://x' });");
    const d = diagnose(doc, td, ctx()).find((x) => x.code === 'unknown-event');
    assert.ok(d);
    assert.match(d.message, /'ONCRMDEALADDD' is not a documented Bitrix24 event\. Did you mean 'ONCRMDEALADD'/);
    assert.deepEqual(
      methodCodeActions(td.uri, [d]).map((a) => a.title),
      ["Replace with 'ONCRMDEALADD'"],
    );
  });
});

describe('superseded methods', () => {
  it('are information with the replacement, and the quick fix passes entityTypeId', () => {
    const { doc, td } = js("BX24.callMethod('crm.deal.add', { fields: { TITLE: 'x' } });");
    const [d] = diagnose(doc, td, ctx());
    assert.equal(d.code, 'superseded-method');
    assert.equal(d.severity, 3);
    assert.match(d.message, /'crm\.deal\.add' still works, but its development is halted\. Use 'crm\.item\.add' with entityTypeId: 2 instead\./);
    const [fix] = methodCodeActions(td.uri, [d], { analysed: doc, text: td });
    assert.match(fix.title, /Replace with 'crm\.item\.add' and pass entityTypeId: 2/);
    const after = TextDocument.applyEdits(td, fix.edit?.changes?.[td.uri] ?? []);
    assert.equal(after, "BX24.callMethod('crm.item.add', { entityTypeId: 2, fields: { TITLE: 'x' } });");
  });

  it('completion offers the replacement first, then current methods by common verb, then superseded ones', () => {
    const { doc, td, offset } = js("BX24.callMethod('crm.|');");
    const items = complete(completionContextAt(doc.text, 'js', offset), td, ctx()).items.sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.deepEqual(
      items.map((i) => i.label),
      ['crm.item.add', 'crm.deal.add', 'crm.lead.add'],
    );
    assert.match(items[1].detail ?? '', /superseded/);
    const dea = js("BX24.callMethod('crm.dea|');");
    assert.deepEqual(
      complete(completionContextAt(dea.doc.text, 'js', dea.offset), dea.td, ctx()).items.map((i) => i.label),
      ['crm.deal.add'],
    );
  });
});

describe('live checks judge requirements, not the manifest choice', () => {
  const now = Date.now();
  const facts = { portal: 'https://example.bitrix24.com', fetchedAt: now, scopes: ['user'], admin: false, auth: 'webhook' as const };

  it('a portal granting user satisfies a manifest declaring user_brief', () => {
    const text = '{ "scopes": ["user_brief"] }';
    const doc: AnalysedDocument = {
      uri: 'file:///app/bitrix24.json',
      text,
      family: 'plain',
      analysis: { references: [], unresolved: [], bindings: [], suppressions: new Map() },
    };
    assert.deepEqual(liveDiagnostics(doc, TextDocument.create(doc.uri, 'json', 1, text), facts, ctx(), now), []);
  });

  it('an event the portal grant does not cover is marked', () => {
    const { doc, td } = js("BX24.callMethod('event.bind', { event: 'ONCRMDEALADD', handler: 'https://x' });");
    const found = liveDiagnostics(doc, td, facts, ctx(), now);
    assert.deepEqual(
      found.map((d) => d.code),
      ['portal-missing-scope'],
    );
    assert.match(found[0].message, /lacks the 'crm' scope, needed by the event 'ONCRMDEALADD'/);
  });
});
