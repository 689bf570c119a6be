/**
 * The language service as every front end uses it: one object, an in-memory workspace,
 * inline documents with a cursor marker (`|`), portal facts set and cleared in one place.
 */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, Diagnostic, Hover } from 'vscode-languageserver-types';
import { createLanguageService, type LanguageService } from '../../../server/src/language-service';
import type { PortalFacts } from '../../../server/src/protocol';
import { MemoryFileSystem } from '../manifest/helpers/memory-fs';

const NOW = Date.UTC(2026, 0, 1);
const MANIFEST = '{ "scopes": ["crm", "user"], "methods": { "custom": [{ "name": "vendor.report.get", "scope": "crm" }] } }';
const SOURCE = "BX24.callMethod('crm.lead.add', {});\nBX24.callMethod('vendor.report.get', {});\nBX24.callMethod('acme.widget.ping', {});\n";

/** A document from text with one `|` marking the cursor, and the cursor's position. */
function at(uri: string, marked: string): { doc: TextDocument; position: { line: number; character: number } } {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'the text marks the cursor with |');
  const doc = TextDocument.create(uri, 'javascript', 1, marked.slice(0, offset) + marked.slice(offset + 1));
  return { doc, position: doc.positionAt(offset) };
}

function facts(over: Partial<PortalFacts> = {}): PortalFacts {
  return { portal: 'https://example.bitrix24.com', fetchedAt: NOW - 60_000, scopes: ['user'], admin: false, auth: 'webhook', ...over };
}

async function serviceOver(files: Record<string, string>): Promise<LanguageService> {
  const service = createLanguageService({ fileSystem: new MemoryFileSystem(files), now: () => NOW });
  await service.openWorkspace({ roots: ['/app'] }).index.scan();
  return service;
}

const hoverText = (h: Hover | null) => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');
const codes = (ds: Diagnostic[]) => ds.map((d) => d.code).sort();
const on = (ds: Diagnostic[], doc: TextDocument, name: string) => ds.filter((d) => doc.getText(d.range) === name).map((d) => d.code);
const live = (ds: Diagnostic[], doc: TextDocument, name: string) => on(ds, doc, name).filter((c) => String(c).startsWith('portal-'));

describe('language service', () => {
  const uri = 'file:///app/src/a.js';

  describe('hover', () => {
    it('describes a documented method under the cursor', async () => {
      const service = await serviceOver({ '/app/bitrix24.json': MANIFEST, '/app/src/a.js': SOURCE });
      const { doc, position } = at(uri, "BX24.callMethod('crm.le|ad.add', {});");
      const v = hoverText(service.hover(doc, position));
      assert.match(v, /\*\*crm\.lead\.add\*\*/);
      assert.match(v, /`crm`/);
    });

    it("reads the document's manifest: a custom method is described, not called unknown", async () => {
      const service = await serviceOver({ '/app/bitrix24.json': MANIFEST, '/app/src/a.js': SOURCE });
      const { doc, position } = at(uri, "BX24.callMethod('vendor.rep|ort.get', {});");
      const v = hoverText(service.hover(doc, position));
      assert.match(v, /Custom method declared by the app/);
      assert.doesNotMatch(v, /not a documented/);
    });

    it('adds what the connected portal says while its facts are set, and stops once they are cleared', async () => {
      const service = await serviceOver({ '/app/bitrix24.json': MANIFEST, '/app/src/a.js': SOURCE });
      const { doc, position } = at(uri, "BX24.callMethod('crm.lead.a|dd', {});");
      service.setPortalFacts(facts());
      assert.match(hoverText(service.hover(doc, position)), /example\.bitrix24\.com/);
      service.setPortalFacts(undefined);
      assert.doesNotMatch(hoverText(service.hover(doc, position)), /example\.bitrix24\.com/);
    });
  });

  describe('completion', () => {
    it('offers documented methods for the prefix under the cursor', async () => {
      const service = await serviceOver({ '/app/src/a.js': '' });
      const { doc, position } = at(uri, "BX24.callMethod('crm.lead.|')");
      const labels = service.complete(doc, position)?.items.map((i) => i.label) ?? [];
      assert.ok(labels.includes('crm.lead.add'), labels.join(', '));
    });

    it("offers and resolves a manifest's custom method from the document's view, not the bare catalogue", async () => {
      const service = await serviceOver({ '/app/bitrix24.json': MANIFEST, '/app/src/a.js': SOURCE });
      const { doc, position } = at(uri, "BX24.callMethod('vendor.rep|')");
      const item = service.complete(doc, position)?.items.find((i) => i.label === 'vendor.report.get');
      assert.ok(item, 'the custom method is offered');
      // The client sends the item back alone (serialised); resolving must still find the custom method.
      const resolved: CompletionItem = service.resolveCompletion(JSON.parse(JSON.stringify(item)) as CompletionItem);
      const docs = resolved.documentation && typeof resolved.documentation === 'object' ? resolved.documentation.value : '';
      assert.match(docs, /Custom method declared by the app/);
    });

    it('a file outside every manifest resolves against the bundled catalogue', async () => {
      const service = await serviceOver({ '/app/src/a.js': '' });
      const { doc, position } = at('file:///elsewhere/b.js', "BX24.callMethod('crm.lead.ad|')");
      const item = service.complete(doc, position)?.items.find((i) => i.label === 'crm.lead.add');
      const resolved = service.resolveCompletion(JSON.parse(JSON.stringify(item)) as CompletionItem);
      assert.match(JSON.stringify(resolved.documentation), /crm\.lead\.add/);
    });
  });

  describe('catalogue view', () => {
    it("gives a document its manifest's view, the same object until the manifest changes", async () => {
      const service = await serviceOver({ '/app/bitrix24.json': MANIFEST, '/app/src/a.js': SOURCE });
      const view = service.catalogueFor(uri);
      assert.equal(view.get('vendor.report.get')?.custom, true);
      assert.equal(service.catalogueFor('file:///app/src/b.js'), view, 'one view per manifest');
      assert.equal(service.catalogueFor('file:///elsewhere/c.js'), service.catalogue, 'no manifest: the catalogue itself');
      await service.workspace!.index.update('/app/bitrix24.json', MANIFEST.replace('vendor.report.get', 'vendor.report.list'));
      const changed = service.catalogueFor(uri);
      assert.notEqual(changed, view);
      assert.equal(changed.get('vendor.report.get'), undefined);
      assert.equal(changed.get('vendor.report.list')?.custom, true);
    });
  });

  describe('diagnostics', () => {
    it("reports unknown methods but not the manifest's custom ones in an open document", async () => {
      const service = await serviceOver({ '/app/bitrix24.json': MANIFEST, '/app/src/a.js': SOURCE });
      const doc = TextDocument.create(uri, 'javascript', 1, SOURCE);
      const ds = service.diagnostics(uri, doc);
      assert.deepEqual(on(ds, doc, 'acme.widget.ping'), ['unknown-method']);
      assert.deepEqual(on(ds, doc, 'vendor.report.get'), []);
    });

    it('merges live checks while portal facts are set, and drops them when cleared', async () => {
      const service = await serviceOver({ '/app/bitrix24.json': MANIFEST, '/app/src/a.js': SOURCE });
      const doc = TextDocument.create(uri, 'javascript', 1, SOURCE);
      service.setPortalFacts(facts({ methods: { 'acme.widget.ping': { exists: true, available: true } } }));
      const connected = service.diagnostics(uri, doc);
      assert.deepEqual(live(connected, doc, 'crm.lead.add'), ['portal-missing-scope'], 'the portal grants user, not crm');
      assert.deepEqual(on(connected, doc, 'acme.widget.ping'), [], 'a method the portal confirms is not unknown');
      service.setPortalFacts(undefined);
      const offline = service.diagnostics(uri, doc);
      assert.deepEqual(live(offline, doc, 'crm.lead.add'), []);
      assert.deepEqual(on(offline, doc, 'acme.widget.ping'), ['unknown-method']);
    });

    it('ignores portal facts once they are stale', async () => {
      const service = await serviceOver({ '/app/bitrix24.json': MANIFEST, '/app/src/a.js': SOURCE });
      const doc = TextDocument.create(uri, 'javascript', 1, SOURCE);
      service.setPortalFacts(facts({ fetchedAt: NOW - 60 * 60_000 }));
      assert.equal(service.portalFacts(), undefined);
      assert.deepEqual(live(service.diagnostics(uri, doc), doc, 'crm.lead.add'), []);
    });

    it("reports the index's scope findings for a file that is not open, filtered by the portal's answers", async () => {
      const service = await serviceOver({ '/app/bitrix24.json': MANIFEST, '/app/src/a.js': SOURCE });
      assert.deepEqual(codes(service.diagnostics('file:///app/bitrix24.json')), ['unused-scope']);
      assert.ok(codes(service.diagnostics(uri)).includes('unknown-method'), 'a closed file still shows its unknown method');
      service.setPortalFacts(facts({ methods: { 'acme.widget.ping': { exists: true, available: true } } }));
      assert.ok(!codes(service.diagnostics(uri)).includes('unknown-method'), 'the portal confirms it');
    });

    it('asks the portal about each unknown name once, and only while connected', async () => {
      const service = await serviceOver({ '/app/bitrix24.json': MANIFEST, '/app/src/a.js': SOURCE });
      const doc = TextDocument.create(uri, 'javascript', 1, SOURCE);
      assert.deepEqual(service.methodsToAsk(doc), [], 'no portal: nobody to ask');
      service.setPortalFacts(facts());
      assert.deepEqual(service.methodsToAsk(doc), ['acme.widget.ping', 'vendor.report.get']);
      assert.deepEqual(service.methodsToAsk(doc), [], 'asked already');
    });

    it('needs the scope of an event held in a constant: missing when undeclared, not unused when declared', async () => {
      const text = "const EVT = 'ONTASKADD';\nBX24.callMethod('event.bind', { event: EVT, handler: url });\n";
      const doc = TextDocument.create(uri, 'javascript', 1, text);
      const lacking = await serviceOver({ '/app/bitrix24.json': '{ "scopes": ["crm"] }', '/app/src/a.js': text });
      const ds = lacking.diagnostics(uri, doc);
      assert.deepEqual(
        ds.filter((d) => String(d.code).startsWith('missing-scope')).map((d) => [d.code, doc.getText(d.range)]),
        [['missing-scope-call', 'ONTASKADD']],
        'the finding sits on the constant, naming the event',
      );
      assert.match(ds.find((d) => d.code === 'missing-scope-call')!.message, /task/);
      const manifest = lacking.diagnostics('file:///app/bitrix24.json');
      assert.deepEqual(codes(manifest), ['missing-scope', 'unused-scope']);
      assert.match(manifest.find((d) => d.code === 'missing-scope')!.message, /task/);
      assert.match(manifest.find((d) => d.code === 'unused-scope')!.message, /crm/);
      const declared = await serviceOver({ '/app/bitrix24.json': '{ "scopes": ["task"] }', '/app/src/a.js': text });
      assert.deepEqual(codes(declared.diagnostics(uri, doc)), []);
      assert.deepEqual(codes(declared.diagnostics('file:///app/bitrix24.json')), [], 'task is used by the event');
      assert.match(hoverText(declared.hover(doc, doc.positionAt(text.indexOf('TASKADD')))), /OnTaskAdd|ONTASKADD/);
    });

    it('says "did you mean" for a mistyped event held in a constant, and the fix edits the constant', async () => {
      const text = "const EVT = 'ONTASKADDD';\nBX24.callMethod('event.bind', { event: EVT, handler: url });\n";
      const doc = TextDocument.create(uri, 'javascript', 1, text);
      const service = await serviceOver({ '/app/bitrix24.json': '{ "scopes": ["task"] }', '/app/src/a.js': text });
      const typo = service.diagnostics(uri, doc).find((d) => d.code === 'unknown-event');
      assert.ok(typo, 'the mistyped name is reported');
      assert.equal(doc.getText(typo.range), 'ONTASKADDD');
      const fix = service.codeActions(uri, typo.range, [typo], doc).find((a) => /OnTaskAdd|ONTASKADD\b/i.test(a.title));
      assert.ok(fix, 'a rename to the documented event');
      assert.match(JSON.stringify(fix.edit), /"newText":"(OnTaskAdd|ONTASKADD)"/);
    });

    it('follows settings: a rule turned off is not reported', async () => {
      const service = await serviceOver({ '/app/bitrix24.json': MANIFEST, '/app/src/a.js': SOURCE });
      const doc = TextDocument.create(uri, 'javascript', 1, SOURCE);
      service.configure({ rules: { 'unknown-method': 'off' } });
      assert.deepEqual(on(service.diagnostics(uri, doc), doc, 'acme.widget.ping'), []);
    });
  });

  describe('code actions', () => {
    it('fixes a mistyped method name and adds a missing scope to the manifest', async () => {
      const text = "BX24.callMethod('crm.lead.ad', {});\nBX24.callMethod('tasks.task.add', {});\n";
      const service = await serviceOver({ '/app/bitrix24.json': '{ "scopes": ["crm"] }', '/app/src/a.js': text });
      const doc = TextDocument.create(uri, 'javascript', 1, text);
      const ds = service.diagnostics(uri, doc);
      const typo = ds.find((d) => d.code === 'unknown-method');
      assert.ok(typo, codes(ds).join(', '));
      const renames = service.codeActions(uri, typo.range, [typo], doc).map((a) => a.title);
      assert.ok(
        renames.some((t) => t.includes('crm.lead.add')),
        renames.join(' | '),
      );
      const missing = ds.find((d) => String(d.code).startsWith('missing-scope'));
      assert.ok(missing, codes(ds).join(', '));
      const fixes = service.codeActions(uri, missing.range, [missing], doc);
      const add = fixes.find((a) => /task/.test(a.title));
      assert.ok(add, fixes.map((a) => a.title).join(' | '));
      assert.ok(JSON.stringify(add.edit).includes('bitrix24.json'), 'the fix edits the manifest');
    });
  });
});
