import assert from 'node:assert/strict';
import {
  hasPendingChanges,
  markApplied,
  newRightsFile,
  parseRightsFile,
  portalMismatch,
  RightsFile,
  serialiseRightsFile,
  withoutRule,
  withRule,
} from '../../../client/src/rights/rights-file';
import { loadRights, rightsFilePath, saveRights, hostFolder } from '../../../client/src/rights/rights-store';
import { MemoryFs } from './memory-fs';

const site = { id: 12, code: 'promo', title: 'Promo', type: 'PAGE' };

function parsed(text: string): RightsFile {
  const r = parseRightsFile(text);
  assert.ok(r.ok, r.ok ? '' : r.problems.join('\n'));
  return r.file;
}

function problems(text: string): string[] {
  const r = parseRightsFile(text);
  assert.equal(r.ok, false, 'expected the file to be rejected');
  return r.ok ? [] : r.problems;
}

const valid = (rules: string, extra = '') =>
  `{ "version": 1, "portal": "example.bitrix24.com", "site": { "id": 12, "code": "promo", "title": "Promo", "type": "PAGE" }, "rules": ${rules}, "lastApplied": null${extra} }`;

describe('rights/rights-file', () => {
  it('round-trips through serialise and parse', () => {
    let file = newRightsFile('example.bitrix24.com', site);
    file = withRule(file, 'U3', ['read', 'edit']);
    file = withRule(file, 'AU', ['read']);
    file = markApplied(file, file.rules, '2025-01-02T03:04:05.000Z');
    const text = serialiseRightsFile(file);
    assert.deepEqual(parsed(text), file);
  });

  it('serialises deterministically: sorted rules, one per line, fixed key order', () => {
    const a = withRule(withRule(newRightsFile('h', site), 'U3', ['edit', 'read']), 'AU', ['read']);
    const b = withRule(withRule(newRightsFile('h', site), 'AU', ['read']), 'U3', ['read', 'edit']);
    assert.equal(serialiseRightsFile(a), serialiseRightsFile(b));
    const text = serialiseRightsFile(a);
    assert.ok(text.indexOf('"AU": ["read"]') < text.indexOf('"U3": ["read", "edit"]'), text);
    assert.ok(text.endsWith('}\n'));
    assert.ok(text.indexOf('"version"') < text.indexOf('"portal"') && text.indexOf('"rules"') < text.indexOf('"lastApplied"'));
  });

  it('normalises operations on read and reports what changed', () => {
    const r = parseRightsFile(valid('{ "U3": ["edit"], "U4": ["denied", "edit"] }'));
    assert.ok(r.ok);
    assert.deepEqual(r.file.rules, { U3: ['read', 'edit'], U4: ['denied'] });
    assert.equal(r.notes.length, 2);
  });

  it('points at the line and column of a JSON syntax error', () => {
    const text = '{\n  "version": 1,\n  "rules": { "AU": ["read",] }\n}';
    const [first] = problems(text);
    assert.match(first, /^line 3, column \d+: JSON syntax error/);
  });

  it('rejects an empty file and a non-object', () => {
    assert.ok(problems('').length > 0);
    assert.match(problems('[]')[0], /one JSON object/);
  });

  it('reports every problem at once, with where it is', () => {
    const found = problems(
      '{ "version": 1, "portal": "", "site": { "id": -1, "code": "x", "title": "t" }, "rules": { "X9": ["read"], "U1": ["write"], "U2": "read" } }',
    );
    const all = found.join('\n');
    assert.match(all, /"portal"/);
    assert.match(all, /site\.id/);
    assert.match(all, /rules: "X9"/);
    assert.match(all, /rules\.U1: Unknown operation "write"/);
    assert.match(all, /rules\.U2 must be a list/);
  });

  it('rejects non-canonical codes rather than silently renaming them', () => {
    assert.match(problems(valid('{ "au": ["read"] }'))[0], /write "AU" instead of "au"/);
  });

  it('rejects duplicate keys, which would lose a rule', () => {
    assert.match(problems(valid('{ "U1": ["read"], "U1": ["edit"] }')).join(), /"U1" appears twice/);
  });

  it('explains a file from a newer version', () => {
    assert.match(problems(valid('{}').replace('"version": 1', '"version": 2')).join(), /newer than this extension/);
  });

  it('keeps fields it does not know', () => {
    const file = parsed(valid('{}', ', "note": "owned by marketing"'));
    assert.equal(file.extra.note, 'owned by marketing');
    assert.match(serialiseRightsFile(file), /"note": "owned by marketing"/);
  });

  it('tracks pending changes against the last applied set', () => {
    let file = withRule(newRightsFile('h', site), 'AU', ['read']);
    assert.ok(hasPendingChanges(file), 'never applied');
    file = markApplied(file, file.rules, 't');
    assert.ok(!hasPendingChanges(file));
    file = withRule(file, 'U1', ['read', 'edit']);
    assert.ok(hasPendingChanges(file));
    file = withoutRule(file, 'U1');
    assert.ok(!hasPendingChanges(file));
  });
});

describe('rights/rights-store', () => {
  it('puts files under .bitrix24/rights/<host>/ with a safe folder name', () => {
    assert.equal(rightsFilePath('example.bitrix24.com', 7), '.bitrix24/rights/example.bitrix24.com/7.json');
    assert.equal(hostFolder('127.0.0.1:8080'), '127.0.0.1_8080');
  });

  it('saves and loads a file', async () => {
    const fs = new MemoryFs();
    const file = withRule(newRightsFile('example.bitrix24.com', site), 'DR5', ['read', 'edit']);
    const path = await saveRights(fs, 'example.bitrix24.com', file);
    const loaded = await loadRights(fs, 'example.bitrix24.com', 12);
    assert.equal(loaded.status, 'ok');
    assert.equal(loaded.path, path);
    if (loaded.status === 'ok') assert.deepEqual(loaded.file.rules, { DR5: ['read', 'edit'] });
  });

  it('reports a missing file and a broken one without touching it', async () => {
    const fs = new MemoryFs();
    assert.equal((await loadRights(fs, 'h', 1)).status, 'missing');
    fs.files.set(rightsFilePath('h', 1), '{ broken');
    const loaded = await loadRights(fs, 'h', 1);
    assert.equal(loaded.status, 'invalid');
    assert.equal(fs.files.get(rightsFilePath('h', 1)), '{ broken');
  });

  it('rejects a file whose site id does not match its name', async () => {
    const fs = new MemoryFs();
    fs.files.set(rightsFilePath('h', 99), serialiseRightsFile(newRightsFile('h', site)));
    const loaded = await loadRights(fs, 'h', 99);
    assert.equal(loaded.status, 'invalid');
    if (loaded.status === 'invalid') assert.match(loaded.problems[0], /site 99/);
  });

  it('saves into the connected portal folder whatever the file spells, and refuses a file naming another portal', async () => {
    const fs = new MemoryFs();
    const spelled = withRule(newRightsFile('https://example.bitrix24.com/', site), 'AU', ['read']);
    const path = await saveRights(fs, 'example.bitrix24.com', spelled);
    assert.equal(path, rightsFilePath('example.bitrix24.com', site.id));
    assert.deepEqual([...fs.files.keys()], [path], 'no folder named after the URL');
    const other = withRule(newRightsFile('staging.example.com', site), 'AU', ['read']);
    await assert.rejects(saveRights(fs, 'example.bitrix24.com', other), /"portal" is "staging\.example\.com"/);
    assert.equal(fs.files.size, 1, 'nothing written for the other portal');
  });

  it('loads a file only from the folder of the portal it names', async () => {
    const fs = new MemoryFs();
    const file = newRightsFile('staging.example.com', { id: 5, code: 's', title: 'S', type: 'PAGE' });
    await saveRights(fs, 'staging.example.com', file);
    assert.equal((await loadRights(fs, 'staging.example.com', 5)).status, 'ok');
    fs.files.set(rightsFilePath('prod.example.com', 5), fs.files.get(rightsFilePath('staging.example.com', 5)) ?? '');
    const copied = await loadRights(fs, 'prod.example.com', 5);
    assert.equal(copied.status, 'invalid');
    if (copied.status === 'invalid')
      assert.match(copied.problems[0], /"portal" is "staging\.example\.com", but the file is in the folder of prod\.example\.com/);
    // A port is part of the host; a scheme or a trailing slash in "portal" is tolerated.
    assert.equal(portalMismatch({ ...file, portal: 'https://staging.example.com/' }, 'staging.example.com'), undefined);
    assert.ok(portalMismatch({ ...file, portal: 'staging.example.com:8443' }, 'staging.example.com'));
    assert.equal(portalMismatch({ ...file, portal: '127.0.0.1:8080' }, '127.0.0.1:8080'), undefined);
  });
});
