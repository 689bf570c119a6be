import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Catalogue } from '../../../server/src/catalogue/catalogue';
import { requirementScopes } from '../../../server/src/catalogue/requirement';
import type { CatalogueData, ParamInfo } from '../../../server/src/catalogue/types';
import { validateCatalogue, validateRussian } from '../../../server/src/catalogue/validate';

const dir = join(__dirname, '..', '..', '..', 'server', 'src', 'catalogue');
const overrides = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'scripts', 'catalogue', 'overrides.json'), 'utf8')) as {
  extraMethods: { name: string; version: number }[];
};

describe('catalogue consistency (checked-in catalogue.json)', () => {
  const catalogue = Catalogue.load();
  const data: CatalogueData = catalogue.data();

  it('is valid as it ships, in English and Russian (the server loads it without validating it again)', () => {
    assert.deepEqual(validateCatalogue(JSON.parse(readFileSync(join(dir, 'catalogue.json'), 'utf8'))), []);
    assert.deepEqual(validateRussian(JSON.parse(readFileSync(join(dir, 'catalogue.ru.json'), 'utf8'))), []);
  });

  it('meets the size targets: at least 1,650 methods and 45 scope codes', () => {
    assert.ok(data.methods.length >= 1650, `${data.methods.length} methods`);
    assert.ok(data.scopes.length >= 45, `${data.scopes.length} scopes`);
    assert.ok(data.events.length >= 100, `${data.events.length} events`);
    assert.ok(data.methods.some((m) => m.version === 3));
  });

  it('has no duplicate name/version pair (case-insensitive) and no duplicate scope or event', () => {
    const keys = data.methods.map((m) => `${m.name.toLowerCase()} v${m.version}`);
    assert.equal(new Set(keys).size, keys.length);
    assert.equal(new Set(data.scopes.map((s) => s.code)).size, data.scopes.length);
    assert.equal(new Set(data.events.map((e) => e.name.toLowerCase())).size, data.events.length);
  });

  it('gives every method a requirement, or an explicit reason when unknown', () => {
    for (const m of data.methods) {
      if (m.requirement.kind === 'unknown') assert.ok(m.requirement.reason.length > 10, m.name);
    }
    const unknown = data.methods.filter((m) => m.requirement.kind === 'unknown').map((m) => m.name);
    assert.ok(unknown.length <= 10, `too many unknown requirements: ${unknown.join(', ')}`);
  });

  it('uses only known scope codes, in methods and events', () => {
    const codes = new Set(data.scopes.map((s) => s.code));
    for (const m of data.methods) for (const c of requirementScopes(m.requirement)) assert.ok(codes.has(c), `${m.name}: ${c}`);
    for (const e of data.events) for (const c of requirementScopes(e.requirement)) assert.ok(codes.has(c), `${e.name}: ${c}`);
    for (const p of data.placements) for (const c of requirementScopes(p.requirement)) assert.ok(codes.has(c), `${p.code}: ${c}`);
  });

  it('gives every scope code a tool', () => {
    for (const s of data.scopes) assert.ok(s.tool.trim(), s.code);
  });

  it('documents who can execute every method; unknown only for the reviewed extra methods', () => {
    const extras = new Set(overrides.extraMethods.map((e) => `${e.name} v${e.version}`));
    for (const m of data.methods) {
      if (m.whoClass === 'unknown') assert.ok(extras.has(`${m.name} v${m.version}`), `${m.name}: no who-can-execute`);
      else assert.ok(m.who.trim(), m.name);
    }
  });

  it('links every method to an official page', () => {
    for (const m of data.methods) assert.match(m.url, /^https:\/\/apidocs\.bitrix24\.com\/[\w./-]+\.html(#[\w-]+)?$/, m.name);
  });

  it('names replacements that exist in the catalogue', () => {
    const missing = data.methods.filter((m) => m.replacement && !catalogue.has(m.replacement)).map((m) => `${m.name} → ${m.replacement}`);
    assert.deepEqual(missing, []);
  });

  it('keeps parameters lean: name, type, required and nested fields only', () => {
    const allowed = new Set(['name', 'type', 'required', 'fields']);
    const walk = (ps: ParamInfo[]) => {
      for (const p of ps) {
        for (const k of Object.keys(p)) assert.ok(allowed.has(k), `unexpected parameter key ${k}`);
        if (p.fields) walk(p.fields);
      }
    };
    for (const m of data.methods) walk(m.params);
  });

  it('matches catalogue.schema.json: every key of a method, event, placement and scope is declared, every required method key present', () => {
    const schema = JSON.parse(readFileSync(join(dir, 'catalogue.schema.json'), 'utf8')) as {
      definitions: Record<'method' | 'event' | 'placement' | 'scope', { required: string[]; properties: Record<string, unknown> }>;
    };
    const declared = new Set(Object.keys(schema.definitions.method.properties));
    for (const [kind, list] of [
      ['event', data.events],
      ['placement', data.placements],
      ['scope', data.scopes],
    ] as const) {
      const keys = new Set(Object.keys(schema.definitions[kind].properties));
      for (const x of list) for (const k of Object.keys(x)) assert.ok(keys.has(k), `${kind} ${JSON.stringify(x).slice(0, 60)}: ${k} not in the schema`);
    }
    for (const m of data.methods) {
      for (const k of Object.keys(m)) assert.ok(declared.has(k), `${m.name}: ${k} not in the schema`);
      for (const k of schema.definitions.method.required) assert.ok(k in m, `${m.name}: ${k} missing`);
    }
    assert.equal(data.$schema, './catalogue.schema.json');
  });

  it('records its provenance with a source date, not a run date', () => {
    assert.ok(data.sources.length >= 1);
    for (const s of data.sources) assert.match(s.commit, /^[0-9a-f]{40}$/);
    assert.match(data.generated, /^\d{4}-\d{2}-\d{2}$/);
  });
});
