// Every package the code imports is declared in package.json, and what ships (client, server,
// demo portal) imports only `dependencies`: a package that arrives only as another's dependency
// can change version or vanish under us on the next install.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'node_modules' || name === 'fixtures' ? [] : sources(p);
    return /\.(ts|mts|cts|js|mjs|cjs)$/.test(name) ? [p] : [];
  });
}

/** Package names a file imports or requires (`@scope/name` or `name`), without Node's built-ins. */
function packagesImported(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((f) => f.fileName)
    .filter((name) => !name.startsWith('.') && !name.startsWith('/') && !name.startsWith('node:') && !builtinModules.includes(name.split('/')[0]))
    .map((name) =>
      name
        .split('/')
        .slice(0, name.startsWith('@') ? 2 : 1)
        .join('/'),
    );
}

/** `file: package` for each import in `dirs` that `declared` lacks. */
function undeclared(dirs: string[], declared: Set<string>): string[] {
  return dirs.flatMap((dir) =>
    sources(join(ROOT, dir)).flatMap((file) =>
      packagesImported(file)
        .filter((name) => !declared.has(name))
        .map((name) => `${relative(ROOT, file)}: ${name}`),
    ),
  );
}

describe('package.json dependencies', () => {
  it('declare, as dependencies, every package the shipped code imports (vscode comes from the editor)', () => {
    const shipped = new Set([...Object.keys(pkg.dependencies), 'vscode']);
    assert.deepEqual(undeclared(['client/src', 'server/src', 'demo-portal/src'], shipped), []);
  });

  it('declare every package the scripts and tests import', () => {
    const all = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies), 'vscode']);
    assert.deepEqual(undeclared(['scripts', 'test'], all), []);
  });

  it('list no runtime dependency the shipped code does not import', () => {
    const used = new Set(['client/src', 'server/src', 'demo-portal/src'].flatMap((dir) => sources(join(ROOT, dir)).flatMap(packagesImported)));
    assert.deepEqual(
      Object.keys(pkg.dependencies).filter((name) => !used.has(name)),
      [],
    );
  });
});
