// The catalogue ships once, as JSON files beside the server bundle (dist/server/), read on first
// use: inlined, it made up four fifths of every bundle, so each start compiled about 1.9 MB of
// string literals and kept them in memory after they were parsed. Used by the build and by the
// catalogue benchmark, so the benchmark loads the catalogue the way the shipped server does.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';

export const CATALOGUE_FILES = ['catalogue.json', 'catalogue.ru.json'];

/** An esbuild plugin: `require('./catalogue*.json')` reads the file from `dataDir` at run time. */
export function catalogueFromFile(dataDir) {
  return {
    name: 'catalogue-from-file',
    setup(build) {
      build.onLoad({ filter: /catalogue(\.ru)?\.json$/ }, async (args) => {
        const from = dirname(build.initialOptions.outfile);
        const file = relative(from, join(dataDir, basename(args.path)))
          .split(sep)
          .join('/');
        return {
          contents: `module.exports = JSON.parse(require('node:fs').readFileSync(require('node:path').join(__dirname, ${JSON.stringify(file)}), 'utf8'));`,
          loader: 'js',
        };
      });
    },
  };
}

/** Writes the catalogue files into `dataDir` (whitespace dropped; the data is the checked-in data). */
export function writeCatalogueFiles(root, dataDir) {
  mkdirSync(dataDir, { recursive: true });
  for (const file of CATALOGUE_FILES) {
    const data = JSON.parse(readFileSync(join(root, 'server/src/catalogue', file), 'utf8'));
    writeFileSync(join(dataDir, file), JSON.stringify(data));
  }
}
