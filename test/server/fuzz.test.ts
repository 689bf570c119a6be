/**
 * Robustness: thousands of mutated real files and hostile inputs, each followed
 * by hover and completion requests. Every request must answer within a bound
 * and the server process must stay up. Deterministic (seeded), bounded in count.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT, startServer, type TestClient } from './lsp-client';
import { seededRandom as rng } from '../../scripts/lib/seeded-random';

const DOCUMENTS = 2000;
const ANSWER_WITHIN_MS = 5000;
const LANGUAGES: Record<string, string> = {
  '.js': 'javascript',
  '.ts': 'typescript',
  '.vue': 'vue',
  '.php': 'php',
  '.py': 'python',
  '.go': 'go',
  '.java': 'java',
  '.cs': 'csharp',
  '.sh': 'shellscript',
  '.http': 'http',
  '.md': 'markdown',
};

function seedFiles(): { text: string; languageId: string }[] {
  const out: { text: string; languageId: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (LANGUAGES[path.extname(p)] && statSync(p).size < 200_000) out.push({ text: readFileSync(p, 'utf8'), languageId: LANGUAGES[path.extname(p)] });
    }
  };
  walk(path.join(ROOT, 'examples'));
  walk(path.join(ROOT, 'test', 'fixtures'));
  return out;
}

const SHARDS = [
  "'",
  '"',
  '`',
  '${',
  '/*',
  '*/',
  '//',
  '#',
  '<<<EOT\n',
  '"""',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  '\\',
  '\n',
  '\u0000',
  '\ud800',
  'crm.',
  '/rest/1/x/',
  "BX24.callMethod('",
  'CRest::call(',
  '<?php',
  '<script>',
  '```js\n',
];

function mutate(text: string, random: () => number): string {
  let t = text;
  const edits = 1 + Math.floor(random() * 6);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (t.length + 1));
    const r = random();
    if (r < 0.3) t = t.slice(0, at) + t.slice(at + Math.floor(random() * 80));
    else if (r < 0.7) t = t.slice(0, at) + SHARDS[Math.floor(random() * SHARDS.length)] + t.slice(at);
    else if (r < 0.85) t = t.slice(0, at) + t.slice(Math.floor(random() * t.length), Math.floor(random() * t.length)) + t.slice(at);
    else t = t.slice(0, at) + String.fromCharCode(...Array.from({ length: 8 }, () => Math.floor(random() * 0xffff))) + t.slice(at);
  }
  return t;
}

function within<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ANSWER_WITHIN_MS} ms: ${what}`)), ANSWER_WITHIN_MS);
    }),
  ]);
}

async function probe(client: TestClient, uri: string, text: string, random: () => number, label: string): Promise<void> {
  const lines = text.split('\n');
  for (const method of ['textDocument/hover', 'textDocument/completion']) {
    const line = Math.floor(random() * lines.length);
    const character = Math.floor(random() * ((lines[line]?.length ?? 0) + 1));
    await within(client.connection.sendRequest(method, { textDocument: { uri }, position: { line, character } }), `${method} on ${label}`);
  }
}

describe('server robustness (fuzz)', function () {
  this.timeout(300_000);
  let client: TestClient;
  before(async () => {
    client = await startServer();
  });
  after(async () => {
    if (client) await client.shutdown();
  });

  it(`answers every request on ${DOCUMENTS} mutated real files and stays up`, async () => {
    const seeds = seedFiles();
    assert.ok(seeds.length >= 10, `enough seed files (${seeds.length})`);
    const random = rng(24);
    for (let i = 0; i < DOCUMENTS; i++) {
      const seed = seeds[i % seeds.length];
      const text = mutate(seed.text, random);
      const uri = `file:///fuzz/doc-${i % 8}${Object.keys(LANGUAGES).find((k) => LANGUAGES[k] === seed.languageId)}`;
      void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: seed.languageId, version: i, text } });
      await probe(client, uri, text, random, `document ${i} (${seed.languageId})`);
      void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
    assert.equal(client.process.exitCode, null, 'server process still running');
  });

  it('survives hostile inputs: binary junk, a 10 MB line, unterminated constructs, deep nesting', async () => {
    const random = rng(7);
    const hostile: [string, string][] = [
      ['binary junk', Array.from({ length: 200_000 }, () => String.fromCharCode(Math.floor(random() * 0x10000))).join('')],
      ['a 10 MB single line', "BX24.callMethod('crm.lead.add', {" + 'a:1,'.repeat(2_500_000) + '});'],
      ['an unterminated string', "BX24.callMethod('crm.lead.add" + 'x'.repeat(100_000)],
      ['an unterminated comment', '/* ' + "BX24.callMethod('crm.lead.add'); ".repeat(20_000)],
      ['an unterminated template literal', '`${' + "call('crm.deal.list') ".repeat(20_000)],
      ['deep nesting', '('.repeat(100_000) + "'crm.lead.add'" + ')'.repeat(100_000)],
      ['deep braces', 'BX24.callBatch({' + '{a:'.repeat(50_000) + "'crm.lead.add'" + '}'.repeat(50_000) + '})'],
    ];
    for (const [label, text] of hostile) {
      for (const languageId of ['javascript', 'php', 'python', 'markdown']) {
        const uri = `file:///fuzz/hostile.${languageId}`;
        void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
        await probe(client, uri, text, random, `${label} as ${languageId}`);
        void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      }
    }
    assert.equal(client.process.exitCode, null, 'server process still running');
  });
});
