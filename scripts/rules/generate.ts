/** `npm run rules`: rewrites the rule table in docs/manifest.md and the rule settings in package.json from the registry. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { settingsProperties, withRuleTable } from './render';

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
console.log('docs/manifest.md and package.json follow the rule registry');
