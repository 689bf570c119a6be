import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Catalogue } from '../../../server/src/catalogue/catalogue';
import { parseManifest } from '../../../server/src/manifest/manifest';

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  enum?: string[];
  enumDescriptions?: string[];
}

const schema = JSON.parse(readFileSync(join(__dirname, '../../../server/src/manifest/bitrix24.schema.json'), 'utf8')) as SchemaNode;

describe('bitrix24.json schema', () => {
  it('completes exactly the current, documented scope codes', () => {
    const offered = schema.properties?.scopes.items?.anyOf?.[0];
    const current = Catalogue.load()
      .scopes()
      .filter((s) => s.code !== 'basic' && !s.deprecated)
      .map((s) => s.code)
      .sort();
    assert.deepEqual(offered?.enum, current, 'the schema scope list is out of date with catalogue.json: update server/src/manifest/bitrix24.schema.json');
    assert.equal(offered?.enumDescriptions?.length, current.length);
  });

  it('describes the keys the manifest reader accepts, and no others', () => {
    const samples: Record<string, unknown> = {
      $schema: './bitrix24.schema.json',
      kind: 'local',
      scopes: [],
      forbidden: ['disk'],
      rules: { 'superseded-method': 'off' },
      include: [],
      exclude: [],
      methods: { custom: [], extra: [], ignore: [] },
      portal: 'https://example.bitrix24.com',
    };
    assert.deepEqual(Object.keys(schema.properties ?? {}).sort(), Object.keys(samples).sort());
    assert.deepEqual(Object.keys(schema.properties?.methods.properties ?? {}).sort(), ['custom', 'extra', 'ignore']);
    assert.deepEqual(parseManifest(JSON.stringify(samples)).problems, []);
  });

  it('offers the app kinds the reader knows', () => {
    const kinds = schema.properties?.kind.enum ?? [];
    for (const kind of kinds) assert.equal(parseManifest(JSON.stringify({ kind })).manifest.kind, kind);
    assert.deepEqual(kinds, ['webhook', 'local', 'market']);
  });
});
