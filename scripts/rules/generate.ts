/** `npm run rules`: rewrites the rule table in docs/manifest.md and the rule settings in package.json from the registry. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { settingsNls, settingsProperties, withRuleTable } from './render';

const root = join(__dirname, '..', '..');
const docs = join(root, 'docs', 'manifest.md');
const table = withRuleTable(readFileSync(docs, 'utf8'));
if (table === undefined) throw new Error('docs/manifest.md has no rules:start / rules:end markers');
writeFileSync(docs, table);

const pkgFile = join(root, 'package.json');
const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { contributes: { configuration: { properties: Record<string, { properties?: unknown }> } } };
pkg.contributes.configuration.properties['bitrix24.diagnostics.rules'].properties = settingsProperties();
// package.json spells non-ASCII characters as \u escapes; keep it that way so only the rules change.
const ascii = JSON.stringify(pkg, null, 2).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
writeFileSync(pkgFile, `${ascii}\n`);

// The rules' English descriptions; package.nls.ru.json holds their Russian (a unit test checks both).
const nlsFile = join(root, 'package.nls.json');
const nls = JSON.parse(readFileSync(nlsFile, 'utf8')) as Record<string, string>;
const rules = settingsNls();
const kept = Object.fromEntries(Object.entries(nls).filter(([key]) => !key.startsWith('configuration.diagnostics.rules.') || key in rules));
writeFileSync(nlsFile, `${JSON.stringify({ ...kept, ...rules }, null, 2)}\n`);
console.log('docs/manifest.md, package.json and package.nls.json follow the rule registry');
