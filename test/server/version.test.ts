/**
 * The shipped binaries report the package.json version, written into each bundle by the build
 * (a bundle copied away from the package still knows it).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT } from './lsp-client';

const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('--version of the shipped binaries', function () {
  this.timeout(30_000);

  for (const [bin, name] of [
    ['scopes.js', 'bitrix24-scopes'],
    ['mcp.js', 'bitrix24-mcp'],
    ['language-server.js', 'bitrix24-language-server'],
  ]) {
    it(`${name} --version prints "${name} <package.json version>" and exits 0, also away from the package`, () => {
      const shipped = path.join(ROOT, 'dist', 'bin', bin);
      assert.ok(existsSync(shipped), `${shipped} is missing: build with node scripts/build.mjs`);
      const away = mkdtempSync(path.join(tmpdir(), 'bitrix24-version-'));
      try {
        copyFileSync(shipped, path.join(away, bin));
        for (const file of [shipped, path.join(away, bin)]) {
          const run = spawnSync(process.execPath, [file, '--version'], { cwd: away, encoding: 'utf8' });
          assert.equal(run.status, 0, run.stderr);
          assert.equal(run.stdout, `${name} ${version}\n`);
        }
      } finally {
        rmSync(away, { recursive: true, force: true });
      }
    });
  }
});
