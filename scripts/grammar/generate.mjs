#!/usr/bin/env node
// Writes syntaxes/bitrix24-rest.injection.tmLanguage.json from the catalogue:
// an injection grammar that gives REST method names inside strings the scope
// `support.function.rest-method.bitrix24`, which every theme colours.
// Run by `npm run catalog` after the catalogue is regenerated.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const catalogue = JSON.parse(readFileSync(join(root, 'server/src/catalogue/catalogue.json'), 'utf8'));

// Namespaces (first name segment) of dotted methods; a string token is coloured
// only when it starts with one of them, so `config.app.title` stays plain.
const namespaces = [
  ...new Set(
    catalogue.methods
      .map((m) => m.name)
      .filter((n) => n.includes('.'))
      .map((n) => n.split('.')[0].toLowerCase()),
  ),
].sort();
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  scopeName: 'bitrix24.rest-method.injection',
  injectionSelector: 'L:string -comment',
  patterns: [
    {
      comment: 'A Bitrix24 REST method name, e.g. crm.lead.add, optionally inside a REST URL path.',
      match: `(?i)(?<![\\w.])(?<!\\./)(?:${namespaces.map(escape).join('|')})(?:\\.[a-z0-9_]+)+?(?=\\.(?:json|xml)(?![\\w.])|(?![\\w.]))`,
      name: 'support.function.rest-method.bitrix24',
    },
  ],
};
writeFileSync(join(root, 'syntaxes/bitrix24-rest.injection.tmLanguage.json'), JSON.stringify(grammar, null, 2) + '\n');
console.log(`grammar: ${namespaces.length} method namespaces`);
