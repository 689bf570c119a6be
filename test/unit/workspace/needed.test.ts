import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { neededScopes } from '../../../server/src/workspace/needed';
import type { BindingSite, CallSite, FileCalls } from '../../../server/src/manifest/types';
import * as neededCli from '../../../server/src/cli/needed';
import { testCatalogue } from '../manifest/helpers/test-catalogue';

const at = (line: number) => ({ start: { line, character: 2 }, end: { line, character: 10 } });

/** A file whose lines are, in order, the calls, then dynamic patterns, then bindings. */
function file(name: string, calls: string[], more: { dynamic?: string[]; events?: string[]; placements?: string[] } = {}): FileCalls {
  let line = 0;
  const sites: CallSite[] = calls.map((c) => ({ name: c, range: at(line++), context: 'call' }));
  const dynamic = (more.dynamic ?? []).map((pattern) => ({ pattern, range: at(line++), context: 'call' as const }));
  const bindings: BindingSite[] = [
    ...(more.events ?? []).map((n) => ({ kind: 'event' as const, name: n, range: at(line++), via: 'event.bind' })),
    ...(more.placements ?? []).map((n) => ({ kind: 'placement' as const, name: n, range: at(line++), via: 'placement.bind' })),
  ];
  return { file: name, calls: sites, dynamic, bindings, suppressions: new Map() };
}

describe('needed scopes: the least set the code needs', () => {
  it('lists each scope with the calls that need it, 1-based lines, sorted', () => {
    const r = neededScopes({
      files: [file('b.js', ['tasks.task.add']), file('a.js', ['server.time', 'crm.lead.add', 'crm.deal.list'])],
      catalogue: testCatalogue(),
    });
    assert.deepEqual(r.scopes, ['crm', 'task']);
    assert.deepEqual(r.evidence.crm, [
      { kind: 'method', name: 'crm.lead.add', file: 'a.js', line: 2 },
      { kind: 'method', name: 'crm.deal.list', file: 'a.js', line: 3 },
    ]);
    assert.deepEqual(r.evidence.task, [{ kind: 'method', name: 'tasks.task.add', file: 'b.js', line: 1 }]);
    assert.deepEqual(r.undecided, []);
  });

  it('counts bound events and placements: an events-only app needs crm', () => {
    const r = neededScopes({ files: [file('app.js', ['event.bind'], { events: ['ONCRMDEALADD'] })], catalogue: testCatalogue() });
    assert.deepEqual(r.scopes, ['crm']);
    assert.deepEqual(r.evidence.crm, [{ kind: 'event', name: 'onCrmDealAdd', file: 'app.js', line: 2 }]);
  });

  it('a CRM placement needs placement and crm; a numbered smart-process tab resolves its template', () => {
    const r = neededScopes({ files: [file('app.js', ['placement.bind'], { placements: ['CRM_DYNAMIC_128_DETAIL_TAB'] })], catalogue: testCatalogue() });
    assert.deepEqual(r.scopes, ['crm', 'placement']);
    assert.deepEqual(r.evidence.crm, [{ kind: 'placement', name: 'CRM_DYNAMIC_<id>_DETAIL_TAB', file: 'app.js', line: 2 }]);
    assert.equal(r.evidence.placement.length, 2);
  });

  it('chooses the least-privileged alternative and says why', () => {
    const r = neededScopes({ files: [file('a.js', ['user.current', 'user.get'])], catalogue: testCatalogue() });
    assert.deepEqual(r.scopes, ['user_brief']);
    assert.equal(r.evidence.user_brief.length, 2);
    assert.equal(r.choices.length, 1);
    assert.deepEqual(r.choices[0].among, ['user_brief', 'user_basic', 'user']);
    assert.match(r.choices[0].why, /'user_brief' is the narrowest/);
  });

  it('prefers an alternative another call needs anyway', () => {
    const r = neededScopes({ files: [file('a.js', ['user.get', 'user.add'])], catalogue: testCatalogue() });
    assert.deepEqual(r.scopes, ['user']);
    assert.match(r.choices[0].why, /'user' is needed anyway by 'user\.add' \(a\.js:2\)/);
  });

  it('lists what it cannot decide instead of guessing', () => {
    const r = neededScopes({
      files: [file('a.js', ['crm.deal.lst', 'disk.folder.get'], { dynamic: ['crm.*.list'], events: ['ONNOSUCHEVENT'], placements: ['NO_SUCH_PLACE'] })],
      catalogue: testCatalogue(),
    });
    assert.deepEqual(r.scopes, []);
    assert.deepEqual(
      r.undecided.map((u) => `${u.kind} ${u.name} ${u.line}`),
      [
        'unknown-method crm.deal.lst 1',
        'undocumented disk.folder.get 2',
        'dynamic crm.*.list 3',
        'unknown-event ONNOSUCHEVENT 4',
        'unknown-placement NO_SUCH_PLACE 5',
      ],
    );
  });

  it("knows a manifest's custom methods through the file's catalogue view", () => {
    const view = testCatalogue().withCustom([{ name: 'vendor.report.get', requirement: { kind: 'scope', scope: 'crm' } }]);
    const r = neededScopes({ files: [file('a.js', ['vendor.report.get'])], catalogue: testCatalogue(), viewFor: () => view });
    assert.deepEqual(r.scopes, ['crm']);
  });
});

describe('bitrix24-scopes needed', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'b24-needed-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(
      join(dir, 'src', 'app.js'),
      "BX24.callMethod('crm.deal.list', {});\nBX24.callMethod('user.current');\nBX24.callMethod(`crm.${type}.list`);\n",
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function run(args: string[]) {
    let out = '';
    let err = '';
    const code = await neededCli.run(args, { out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  }

  it('prints JSON with scopes, evidence and undecided, without a manifest', async () => {
    const { code, out } = await run([dir, '--format', 'json']);
    assert.equal(code, 0);
    const r = JSON.parse(out) as {
      scopes: string[];
      evidence: Record<string, { file: string; line: number; kind: string; name: string }[]>;
      undecided: { kind: string; name: string }[];
    };
    assert.deepEqual(r.scopes, ['crm', 'user_brief']);
    assert.deepEqual(r.evidence.crm, [{ kind: 'method', name: 'crm.deal.list', file: 'src/app.js', line: 1 }]);
    assert.deepEqual(
      r.undecided.map((u) => `${u.kind} ${u.name}`),
      ['dynamic crm.*.list'],
    );
  });

  it('prints text for people', async () => {
    const { code, out } = await run([dir]);
    assert.equal(code, 0);
    assert.match(out, /^Scopes the code needs: crm, user_brief$/m);
    assert.match(out, /^ {2}src\/app\.js:1 method crm\.deal\.list$/m);
    assert.match(out, /^ {2}user_brief of user_brief \| user_basic \| user: /m);
    assert.match(out, /^Not decided \(1\):$/m);
  });

  it('refuses an unknown format with exit 2', async () => {
    const { code, err } = await run([dir, '--format', 'sarif']);
    assert.equal(code, 2);
    assert.match(err, /--format must be one of text, json/);
  });
});
