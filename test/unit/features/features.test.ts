/** Hover, diagnostics, completion and quick fixes as pure functions. */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalysis, MethodReference } from '../../../server/src/analysis/types';
import type { AnalysedDocument, FeatureContext, FeatureSettings } from '../../../server/src/features/context';
import { hover } from '../../../server/src/features/hover';
import { diagnose, diagnoseWithin } from '../../../server/src/features/diagnostics';
import { capDiagnostics, groupDigits } from '../../../server/src/publish-limits';
import { complete, resolveCompletion } from '../../../server/src/features/completion';
import { methodCodeActions } from '../../../server/src/features/code-actions';
import { fakeCatalogue } from './fake-catalogue';

/** A document whose references are the quoted names listed, found by position in the text. */
function analysed(uri: string, text: string, names: { name: string; version?: 2 | 3 }[], suppress?: [number, string[]][]): AnalysedDocument {
  const references: MethodReference[] = names.map(({ name, version }) => {
    const start = text.indexOf(name);
    return { name, start, end: start + name.length, context: 'call', version };
  });
  const analysis: DocumentAnalysis = { references, unresolved: [], bindings: [], suppressions: new Map(suppress ?? []) };
  return { uri, text, family: 'js', analysis };
}

const ctx = (settings: Partial<FeatureSettings> = {}): FeatureContext => ({
  catalogue: fakeCatalogue,
  settings: { enable: true, rules: {}, ...settings },
});

describe('hover', () => {
  it('describes a method: scope with tool, who can execute, deprecation, required params, page', () => {
    const text = "BX24.callMethod('crm.lead.add', {})";
    const doc = analysed('file:///a.js', text, [{ name: 'crm.lead.add' }]);
    const td = TextDocument.create(doc.uri, 'javascript', 1, text);
    const h = hover(doc, td, td.positionAt(text.indexOf('lead')), ctx());
    assert.ok(h && typeof h.contents === 'object' && 'value' in h.contents);
    const v = h.contents.value;
    assert.match(v.split('\n')[0], /^\*\*crm\.lead\.add\*\* — Create a New Lead · \[docs\]/, 'the method card comes first');
    assert.match(v, /REST 2 \(the classic API/);
    assert.match(v, /`crm` \(CRM\)/);
    assert.match(v, /any user with permission to create leads/);
    assert.match(v, /Deprecated\*\* — use `crm\.item\.add`/);
    assert.match(v, /`fields` \*object\*/);
    assert.match(v, /\(https:\/\/apidocs\.bitrix24\.com\/api-reference\/crm\/leads\/crm-lead-add\.html\)/);
  });

  it('stays compact: one line per fact, no blank lines, no repeated executor class', () => {
    const text = "BX24.callMethod('crm.lead.add', {})";
    const doc = analysed('file:///a.js', text, [{ name: 'crm.lead.add' }]);
    const td = TextDocument.create(doc.uri, 'javascript', 1, text);
    const h = hover(doc, td, td.positionAt(text.indexOf('lead')), ctx());
    const v = (h!.contents as { value: string }).value;
    assert.doesNotMatch(v, /\n\n/, 'no blank lines inside the card');
    assert.doesNotMatch(v, /\*\([^)]*\)\*/, 'the executor is not repeated in brackets');
    assert.equal(v.match(/Who can execute/g)?.length, 1);
    assert.ok(v.split('\n').length <= 7, `hover has ${v.split('\n').length} lines`);
  });

  it('lists scope alternatives', () => {
    const text = "call('user.get')";
    const doc = analysed('file:///a.js', text, [{ name: 'user.get' }]);
    const td = TextDocument.create(doc.uri, 'javascript', 1, text);
    const h = hover(doc, td, td.positionAt(8), ctx());
    assert.match(JSON.stringify(h), /any one of `user` \(Users\), `user_basic`/);
  });

  it('explains a scope code in bitrix24.json with its method count', () => {
    const text = '{ "scopes": ["crm", "user"] }';
    const doc: AnalysedDocument = {
      uri: 'file:///app/bitrix24.json',
      text,
      family: 'plain',
      analysis: { references: [], unresolved: [], bindings: [], suppressions: new Map() },
    };
    const td = TextDocument.create(doc.uri, 'json', 1, text);
    const h = hover(doc, td, td.positionAt(text.indexOf('crm') + 1), ctx());
    assert.match(JSON.stringify(h), /Scope `crm`.*CRM.*2 documented methods/);
  });

  it('says nothing away from references', () => {
    const text = "const x = 'hello';";
    const doc = analysed('file:///a.js', text, []);
    const td = TextDocument.create(doc.uri, 'javascript', 1, text);
    assert.equal(hover(doc, td, td.positionAt(12), ctx()), null);
  });
});

describe('method diagnostics', () => {
  const text = "call('crm.lead.ad');\ncall('crm.lead.add');\ncall('tasks.task.get');";
  const names = [{ name: 'crm.lead.ad' }, { name: 'crm.lead.add' }, { name: 'tasks.task.get', version: 2 as const }];

  it('reports unknown (with suggestion), deprecated (with replacement) and REST version mismatch', () => {
    const doc = analysed('file:///a.js', text, names);
    const td = TextDocument.create(doc.uri, 'javascript', 1, text);
    const diags = diagnose(doc, td, ctx());
    assert.deepEqual(
      diags.map((d) => [d.code, d.range.start.line]),
      [
        ['unknown-method', 0],
        ['deprecated-method', 1],
        ['rest-version-mismatch', 2],
      ],
    );
    assert.ok(diags.every((d) => d.source === 'bitrix24'));
    assert.match(diags[0].message, /Did you mean 'crm\.lead\.add'/);
    assert.match(diags[1].message, /Use 'crm\.item\.add' instead/);
    assert.match(diags[2].message, /REST 3\.0 only/);
  });

  it('honours settings (rule off, everything off) and line suppressions', () => {
    const doc = analysed('file:///a.js', text, names);
    const td = TextDocument.create(doc.uri, 'javascript', 1, text);
    assert.deepEqual(
      diagnose(doc, td, ctx({ rules: { 'deprecated-method': 'off' } })).map((d) => d.code),
      ['unknown-method', 'rest-version-mismatch'],
    );
    assert.equal(diagnose(doc, td, ctx({ enable: false })).length, 0);
    const suppressed = analysed('file:///a.js', text, names, [
      [0, []],
      [1, ['unknown-method']],
    ]);
    assert.deepEqual(
      diagnose(suppressed, td, ctx()).map((d) => d.code),
      ['deprecated-method', 'rest-version-mismatch'],
    );
  });

  it('quick fix replaces an unknown name with the suggestion, as one edit', () => {
    const doc = analysed('file:///a.js', text, names);
    const td = TextDocument.create(doc.uri, 'javascript', 1, text);
    const diags = diagnose(doc, td, ctx());
    const actions = methodCodeActions(doc.uri, diags);
    const fix = actions.find((a) => a.title === "Replace with 'crm.lead.add'");
    assert.ok(fix?.isPreferred);
    const edits = fix!.edit!.changes![doc.uri];
    assert.equal(TextDocument.applyEdits(td, edits).split('\n')[0], "call('crm.lead.add');");
  });

  it('a flood keeps what the capped publish shows, builds no more of each severity, and counts the rest', () => {
    // 40 unknown names (errors) after 30 deprecated calls (warnings), interleaved with a version mismatch.
    const lines = [
      ...Array.from({ length: 30 }, () => "call('crm.lead.add');"),
      ...Array.from({ length: 40 }, (_, i) => `call('crm.lead.ad');${i % 5 === 0 ? "call('tasks.task.get');" : ''}`),
    ];
    const text = lines.join('\n');
    const references: MethodReference[] = [];
    for (const m of text.matchAll(/'([^']+)'/g)) {
      const name = m[1];
      references.push({ name, start: m.index! + 1, end: m.index! + 1 + name.length, context: 'call', version: name === 'tasks.task.get' ? 2 : undefined });
    }
    const doc: AnalysedDocument = {
      uri: 'file:///flood.js',
      text,
      family: 'js',
      analysis: { references, unresolved: [], bindings: [], suppressions: new Map() },
    };
    const td = TextDocument.create(doc.uri, 'javascript', 1, text);
    const all = diagnose(doc, td, ctx());
    const bounded = diagnoseWithin(doc, td, ctx(), 10);
    assert.equal(bounded.diagnostics.length + bounded.dropped, all.length);
    assert.ok(bounded.diagnostics.length <= 30, 'at most 10 of each of the three severities');
    assert.deepEqual(capDiagnostics(bounded.diagnostics, 10, bounded.dropped), capDiagnostics(all, 10));
    assert.match(capDiagnostics(bounded.diagnostics, 10, bounded.dropped, 'ru').at(-1)!.message, new RegExp(`^Ещё ${all.length - 10} проблем`));
    // A name the portal confirms is neither built nor counted.
    const confirmed = diagnoseWithin(doc, td, ctx(), 10, (name) => name === 'crm.lead.ad');
    assert.ok(confirmed.diagnostics.every((d) => d.code !== 'unknown-method'));
    assert.equal(confirmed.diagnostics.length + confirmed.dropped, all.length - 40);
  });
});

describe('completion', () => {
  const td = TextDocument.create('file:///a.js', 'javascript', 1, "call('crm.')");
  it('offers method names for a prefix, deprecated ones tagged and sorted last', () => {
    const items = complete({ kind: 'method', prefix: 'crm.', start: 6, end: 10 }, td, ctx()).items;
    const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    assert.deepEqual(
      sorted.map((i) => i.label),
      ['crm.item.add', 'crm.lead.add'],
    );
    assert.deepEqual(sorted[1].tags, [1]);
    assert.match(sorted[0].detail!, /crm/);
  });

  it('adds the method description when an item is resolved', () => {
    const [item] = complete({ kind: 'method', prefix: 'crm.item', start: 6, end: 10 }, td, ctx()).items;
    assert.equal(item.documentation, undefined, 'the list stays small');
    const resolved = resolveCompletion(item, ctx());
    assert.match(JSON.stringify(resolved.documentation), /Create an Item/);
  });

  it('offers parameter keys, required first with types, skipping those present', () => {
    const items = complete({ kind: 'param', method: 'crm.item.add', prefix: '', start: 0, end: 0, present: ['fields'], quoted: false }, td, ctx()).items;
    const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    assert.deepEqual(
      sorted.map((i) => [i.label, i.detail]),
      [
        ['entityTypeId', 'integer · required'],
        ['useOriginalUfNames', 'boolean'],
      ],
    );
  });

  it('offers event names for event.bind', () => {
    const items = complete({ kind: 'event', prefix: 'ONCRMD', start: 0, end: 0 }, td, ctx()).items;
    assert.deepEqual(
      items.map((i) => i.label),
      ['ONCRMDEALADD'],
    );
  });
});

describe('publish limits', () => {
  it('writes the count of problems left out as toLocaleString would, in English and Russian', () => {
    for (const n of [0, 7, 999, 1000, 99_000, 100_000, 1_234_567, 12_345_678_901]) {
      assert.equal(groupDigits(n, ','), n.toLocaleString('en-US'));
      assert.equal(groupDigits(n, '\u00a0'), n.toLocaleString('ru-RU'));
    }
  });
});
