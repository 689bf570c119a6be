// The extension speaks Russian wherever VS Code lets it: every `%key%` of package.json has an English
// and a Russian text, every message the client translates has a Russian entry in the l10n bundle, nothing
// stale is left behind, and each translation keeps the `{0}` placeholders of its English.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractMessages, placeholders } from './messages';
import { english, localize, setTranslator } from '../../../client/src/l10n/localize';
import { statusView } from '../../../client/src/portal-ui/status-text';
import { errorFromResponse } from '../../../client/src/portal/errors';
import { serverLocale } from '../../../client/src/l10n/server-locale';

const ROOT = join(__dirname, '..', '..', '..');
const read = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));
const pkgText = readFileSync(join(ROOT, 'package.json'), 'utf8');
const pkg = JSON.parse(pkgText);
const nls: Record<string, string> = read('package.nls.json');
const nlsRu: Record<string, string> = read('package.nls.ru.json');
const bundleRu: Record<string, string> = read('l10n/bundle.l10n.ru.json');
const extracted = extractMessages(join(ROOT, 'client', 'src'), ROOT);
const messages = new Set(extracted.messages.map((m) => m.text));

/** `%key%` placeholders anywhere in package.json. */
const pkgKeys = new Set([...pkgText.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]));

/** Fields of package.json contributions a user reads in VS Code's UI. */
const SHOWN = new Set([
  'title',
  'category',
  'name',
  'description',
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'displayName',
  'userDescription',
  'contents',
  'label',
  'shortTitle',
]);

/** Contribution texts that are not localized on purpose: ids, the product's own name, text only a model reads. */
function shownLiterals(): string[] {
  const found: string[] = [];
  const walk = (value: unknown, path: string[]): void => {
    if (Array.isArray(value)) return value.forEach((v) => walk(v, path));
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        // Tool input schemas and model descriptions are read by the language model, in English.
        if (k === 'inputSchema' || k === 'modelDescription') continue;
        walk(v, [...path, k]);
      }
      return;
    }
    const field = path.at(-1) ?? '';
    if (typeof value !== 'string' || !SHOWN.has(field) || /^%[^%]+%$/.test(value)) return;
    // A language model tool's `name` is its id; an MCP server's label is the product name.
    if (path.includes('languageModelTools') && field === 'name') return;
    if (value === 'Bitrix24 REST Tools') return;
    found.push(`${path.join('.')}: ${value}`);
  };
  walk(pkg.contributes, ['contributes']);
  walk({ displayName: pkg.displayName, description: pkg.description }, []);
  return found;
}

describe('Russian: package.json contributions (package.nls.json, package.nls.ru.json)', () => {
  it('has no user-visible English left in package.json: every text is a %key%', () => {
    assert.deepEqual(shownLiterals(), []);
  });

  it('every %key% of package.json has an English and a Russian text', () => {
    const missingEn = [...pkgKeys].filter((k) => typeof nls[k] !== 'string' || nls[k] === '');
    const missingRu = [...pkgKeys].filter((k) => typeof nlsRu[k] !== 'string' || nlsRu[k] === '');
    assert.deepEqual(missingEn, [], 'missing in package.nls.json');
    assert.deepEqual(missingRu, [], 'missing in package.nls.ru.json');
  });

  it('neither nls file holds a key package.json does not use', () => {
    assert.deepEqual(
      Object.keys(nls).filter((k) => !pkgKeys.has(k)),
      [],
      'stale in package.nls.json',
    );
    assert.deepEqual(
      Object.keys(nlsRu).filter((k) => !pkgKeys.has(k)),
      [],
      'stale in package.nls.ru.json',
    );
  });

  it('Russian texts keep the command links, setting references and code spans of the English', () => {
    const marks = (s: string) => [...s.matchAll(/\(command:[\w.]+\)|#[\w.]+#|`[^`]+`/g)].map((m) => m[0]).sort();
    for (const key of pkgKeys) assert.deepEqual(marks(nlsRu[key] ?? ''), marks(nls[key] ?? ''), key);
  });

  it('the command category is Битрикс24, so ">битрикс" finds the commands in a Russian VS Code', () => {
    const categories = new Set<string>(pkg.contributes.commands.map((c: { category: string }) => c.category));
    for (const category of categories) {
      assert.match(category, /^%category\.\w+%$/);
      assert.match(nlsRu[category.slice(1, -1)], /^Битрикс24/);
    }
    for (const c of pkg.contributes.commands as { command: string; title: string }[]) {
      const ru = nlsRu[c.title.slice(1, -1)];
      assert.match(ru, /[а-яё]/i, `${c.command} has a Russian title`);
    }
  });

  it('offers bitrix24.language (auto | en | ru, default auto) and ships the translations', () => {
    const setting = pkg.contributes.configuration.properties['bitrix24.language'];
    assert.deepEqual(setting.enum, ['auto', 'en', 'ru']);
    assert.equal(setting.default, 'auto');
    assert.equal(pkg.l10n, './l10n');
    const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!package\.nls\*\.json$/m);
    assert.match(ignore, /^!l10n\/\*\.json$/m);
  });
});

describe('Russian: client messages (l10n/bundle.l10n.ru.json)', () => {
  it('finds the messages, and every one is a plain string literal the bundle can key on', () => {
    assert.ok(messages.size > 150, `only ${messages.size} messages found`);
    assert.deepEqual(extracted.dynamic, []);
  });

  it('every l10n.t / localize message has a Russian translation', () => {
    const missing = extracted.messages.filter((m) => typeof bundleRu[m.text] !== 'string' || bundleRu[m.text] === '');
    assert.deepEqual(
      missing.map((m) => `${m.file}:${m.line} ${m.text}`),
      [],
    );
  });

  it('the bundle holds no message the sources no longer use', () => {
    assert.deepEqual(
      Object.keys(bundleRu).filter((k) => !messages.has(k)),
      [],
    );
  });

  it('each translation has the same {0} placeholders as its English', () => {
    for (const [en, ru] of Object.entries(bundleRu)) assert.deepEqual(placeholders(ru), placeholders(en), en);
    for (const key of pkgKeys) assert.deepEqual(placeholders(nlsRu[key] ?? ''), placeholders(nls[key] ?? ''), key);
  });

  it('translations are Russian, not copies of the English', () => {
    const latinOnly = Object.entries(bundleRu).filter(([en, ru]) => ru === en && /[a-z]{3}/i.test(en.replace(/\{\d+\}/g, '')));
    assert.deepEqual(
      latinOnly.map(([en]) => en),
      [],
    );
  });
});

describe('Russian: modules without a vscode import', () => {
  /** What `vscode.l10n.t` does with the Russian bundle. */
  const russian = (message: string, ...args: Array<string | number | boolean>) => english(bundleRu[message] ?? message, ...args);

  it('speak English until activation hands over a translator', () => {
    assert.equal(localize('Scopes: {0}', 'crm'), 'Scopes: crm');
    assert.equal(statusView({ verifying: false, count: 0 }).text, '$(debug-disconnect) Bitrix24: not connected');
  });

  it('follow the translator: status bar and portal error advice in Russian', () => {
    const previous = setTranslator(russian);
    try {
      assert.equal(statusView({ verifying: false, count: 0 }).text, '$(debug-disconnect) Битрикс24: не подключён');
      const err = errorFromResponse('insufficient_scope', { method: 'crm.lead.add', requiredScope: 'crm', authKind: 'webhook', status: 401 });
      assert.equal(err.message, '«crm.lead.add» требует скоуп «crm». Выпустите входящий вебхук заново с этим скоупом и подключитесь по новому URL.');
      // Matching stays on codes, never on the translated text.
      assert.equal(err.kind, 'scope');
      assert.equal(err.code, 'insufficient_scope');
    } finally {
      setTranslator(previous);
    }
  });
});

describe('Russian: the language server follows bitrix24.language', () => {
  it('sends the setting when it names a language, else VS Code’s display language', () => {
    assert.equal(serverLocale('ru', 'en'), 'ru');
    assert.equal(serverLocale('en', 'ru'), 'en');
    assert.equal(serverLocale('auto', 'ru'), 'ru');
    assert.equal(serverLocale(undefined, 'de'), 'de');
    assert.equal(serverLocale('klingon', 'en'), 'en');
  });
});
