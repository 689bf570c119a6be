// The .vsix users install: built by `npm run package`, it must hold the bundles and
// assets only (allowlist in .vscodeignore), never sources, tests, node_modules or maps.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const MAX_BYTES = 2 * 1024 * 1024;

/** File names in a zip archive, read from its central directory. */
function zipEntries(zip: Buffer): string[] {
  // The end-of-central-directory record sits in the last 22 bytes (+ an optional comment).
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  assert.ok(eocd >= 0, 'not a zip archive');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'corrupt central directory');
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** What may ship, mirroring .vscodeignore: vsce's own files, the manifest, docs, bundles, assets. */
const allowed: RegExp[] = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package(\.nls(\.[\w-]+)?)?\.json$/,
  /^extension\/l10n\/bundle\.l10n\.[\w-]+\.json$/,
  /^extension\/(readme|changelog)\.md$/i,
  /^extension\/license(\.txt|\.md)?$/i,
  /^extension\/dist\/(client|server|bin|schemas)\/[^/]+\.(js|json)$/,
  /^extension\/(media|syntaxes)\/[^/]+\.(svg|png|json)$/,
  /^extension\/media\/walkthrough\/[^/]+\.md$/,
];
const forbidden: RegExp[] = [/\.map$/, /(^|\/)node_modules\//, /\.tsx?$/, /(^|\/)test\//, /(^|\/)(client|server)\/src\//, /(^|\/)\.[^/]+$/];

describe('the .vsix package', function () {
  this.timeout(180_000);
  let dir: string;
  let files: string[];
  let size: number;

  // Junk a careless build or a dependency could leave in dist/: the allowlist must keep it out.
  const decoys = ['dist/client/extension.js.map', 'dist/server/server.ts', 'dist/server/node_modules/dep/index.js'];

  before(function () {
    dir = mkdtempSync(join(tmpdir(), 'b24-vsix-'));
    // A copy of the checkout (tracked and new files, nothing ignored), built and packaged
    // there, so the shared dist/ that the other tiers test is left as it is.
    const stage = join(dir, 'extension');
    const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
    assert.equal(listed.status, 0, `git ls-files failed: ${listed.stderr}`);
    for (const file of listed.stdout.split('\0').filter(Boolean)) {
      if (!existsSync(join(root, file))) continue; // deleted but not yet committed
      mkdirSync(join(stage, file, '..'), { recursive: true });
      copyFileSync(join(root, file), join(stage, file));
    }
    const out = join(dir, 'extension.vsix');
    const node = (args: string[]) => spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    const build = node([join(root, 'scripts', 'build.mjs'), '--production', '--outdir', join(stage, 'dist')]);
    assert.equal(build.status, 0, `production build failed:\n${build.stdout}\n${build.stderr}`);
    for (const decoy of decoys) {
      mkdirSync(join(stage, decoy, '..'), { recursive: true });
      writeFileSync(join(stage, decoy), '// decoy\n');
    }
    const res = node([join(root, 'scripts', 'package.mjs'), '--root', stage, '--no-build', '--out', out]);
    assert.equal(res.status, 0, `npm run package failed:\n${res.stdout}\n${res.stderr}`);
    size = statSync(out).size;
    files = zipEntries(readFileSync(out));
    console.log(`      .vsix: ${files.length} files, ${(size / 1024).toFixed(1)} KiB`);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('holds only allowlisted files', () => {
    const outside = files.filter((f) => !allowed.some((re) => re.test(f)));
    assert.deepEqual(outside, [], `files outside the allowlist: ${outside.join(', ')}`);
  });

  it('ships the translations: package.nls.json, package.nls.ru.json and the Russian l10n bundle', () => {
    for (const f of ['extension/package.nls.json', 'extension/package.nls.ru.json', 'extension/l10n/bundle.l10n.ru.json'])
      assert.ok(files.includes(f), `${f} is not in the package`);
  });

  it('holds no sources, tests, node_modules, dotfiles or source maps', () => {
    const bad = files.filter((f) => forbidden.some((re) => re.test(f)));
    assert.deepEqual(bad, []);
  });

  it('holds what package.json points at: client, server and the view icon', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      main: string;
      contributes?: { viewsContainers?: { activitybar?: { icon: string }[] } };
    };
    const wanted = [manifest.main, './dist/server/server.js', ...(manifest.contributes?.viewsContainers?.activitybar ?? []).map((c) => c.icon)].map(
      (p) => `extension/${p.replace(/^\.\//, '')}`,
    );
    const missing = wanted.filter((w) => !files.includes(w));
    assert.deepEqual(missing, [], `missing from the package: ${missing.join(', ')}`);
  });

  it('is under 2 MB', () => {
    assert.ok(size < MAX_BYTES, `the .vsix is ${(size / 1024 / 1024).toFixed(2)} MB`);
  });
});
