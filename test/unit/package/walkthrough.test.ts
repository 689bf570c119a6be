// The "Get started" walkthrough: its steps come in the order a new user works (hover → manifest →
// scope list → Site Rights), its media ship in the .vsix, and its buttons run real commands.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8');
const nls: Record<string, string> = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8'));
/** A package.json text with its `%key%` resolved from package.nls.json. */
const english = (text: string) => text.replace(/^%([^%]+)%$/, (_, key: string) => nls[key] ?? text);

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string };
  completionEvents?: string[];
}

describe('Get started walkthrough', () => {
  const walk = (pkg.contributes.walkthroughs ?? []).find((w: { id: string }) => w.id === 'bitrix24.getStarted');
  const steps: Step[] = walk?.steps ?? [];

  it('walks hover → fix the manifest → copy the scope list → Site Rights', () => {
    assert.ok(walk, 'no bitrix24.getStarted walkthrough');
    assert.deepEqual(
      steps.map((s) => s.id),
      ['hover', 'manifest', 'scopeList', 'siteRights'],
    );
  });

  it('has a Markdown page for every step, and the package ships them', () => {
    for (const s of steps) {
      const md = s.media.markdown;
      assert.ok(md && existsSync(join(ROOT, md)), `${s.id}: missing media ${md}`);
      assert.match(readFileSync(join(ROOT, md), 'utf8'), /^# /, `${s.id}: the page has no title`);
    }
    assert.match(ignore, /^!media\/walkthrough\/\*\.md$/m);
  });

  it('offers one button per step, running a command of this extension or of VS Code', () => {
    const ours = new Set<string>(pkg.contributes.commands.map((c: { command: string }) => c.command));
    for (const s of steps) {
      const links = [...english(s.description).matchAll(/\]\(command:([\w.]+)\)/g)].map((m) => m[1]);
      assert.equal(links.length, 1, `${s.id}: ${links.length} buttons`);
      if (links[0].startsWith('bitrix24.')) assert.ok(ours.has(links[0]), `${s.id}: ${links[0]} is not contributed`);
      assert.ok(s.completionEvents?.length, `${s.id}: never completes`);
    }
  });
});
