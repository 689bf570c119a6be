import assert from 'node:assert/strict';
import { checkScopes } from '../../../server/src/manifest/scope-check';
import { parseManifest } from '../../../server/src/manifest/manifest';
import { parseEnvManifest } from '../../../server/src/manifest/env-manifest';
import type { CallSite, FileCalls, Finding } from '../../../server/src/manifest/types';
import { testCatalogue } from './helpers/test-catalogue';

/** One source file calling `methods` (one per line); `dynamic` patterns follow. */
function source(methods: string[], dynamic: string[] = [], suppressions = new Map<number, string[]>()): FileCalls {
  const at = (line: number, length: number) => ({ start: { line, character: 4 }, end: { line, character: 4 + length } });
  const calls: CallSite[] = methods.map((name, line) => ({ name, range: at(line, name.length), context: 'call' }));
  return {
    file: '/app/src/main.js',
    calls,
    dynamic: dynamic.map((pattern, i) => ({ pattern, range: at(methods.length + i, pattern.length), context: 'call' })),
    suppressions,
  };
}

function check(manifestText: string, files: FileCalls[]): Finding[] {
  const manifest = { file: '/app/bitrix24.json', displayName: 'bitrix24.json', text: manifestText, parsed: parseManifest(manifestText) };
  return checkScopes({ manifest, files, catalogue: testCatalogue() });
}

const summary = (findings: Finding[]) =>
  findings.map((f) => `${f.code}:${f.severity}:${f.file === '/app/bitrix24.json' ? 'manifest' : `L${f.range.start.line}`}`);
const declared = (...codes: string[]) => JSON.stringify({ scopes: codes });

describe('scope check: calls against declared scopes', () => {
  it('reports a missing scope once, on the manifest, with every use as related information; the calls get hints', () => {
    const findings = check(declared('task'), [source(['tasks.task.add', 'crm.lead.add', 'crm.deal.add'])]);
    assert.deepEqual(summary(findings), ['missing-scope:error:manifest', 'missing-scope-call:hint:L1', 'missing-scope-call:hint:L2']);
    const [problem, hint] = findings;
    assert.match(
      problem.message,
      /bitrix24\.json lacks the scope 'crm', needed by 'crm\.lead\.add' \(\/app\/src\/main\.js:2\) and 'crm\.deal\.add' \(\/app\/src\/main\.js:3\)\. Add it/,
    );
    assert.deepEqual(problem.range, { start: { line: 0, character: 1 }, end: { line: 0, character: 9 } }, 'on the "scopes" key');
    assert.deepEqual(
      problem.related?.map((r) => [r.range.start.line, r.message]),
      [
        [1, "'crm.lead.add' needs 'crm'"],
        [2, "'crm.deal.add' needs 'crm'"],
      ],
    );
    assert.deepEqual(problem.data, { kind: 'missing', method: 'crm.lead.add', scopes: ['crm'], choice: 'all', manifestFile: '/app/bitrix24.json' });
    assert.match(hint.message, /'crm\.lead\.add' needs the scope 'crm', which bitrix24\.json does not declare \(see the missing-scope problem there\)/);
    assert.deepEqual(hint.data, problem.data, 'the hint offers the same fix');
  });

  it('lets the manifest re-level or switch off a rule', () => {
    const manifest = JSON.stringify({ scopes: [], rules: { 'missing-scope-call': 'off', 'missing-scope': 'warning' } });
    assert.deepEqual(summary(check(manifest, [source(['crm.lead.add'])])), ['missing-scope:warning:manifest']);
  });

  it('accepts any one of alternative scopes', () => {
    for (const s of ['user', 'user_brief', 'user_basic']) assert.deepEqual(check(declared(s), [source(['user.get'])]), []);
  });

  it('suggests the least-privilege alternative first when none is declared', () => {
    const [f, hint] = check(declared(), [source(['user.get'])]);
    assert.equal(f.code, 'missing-scope');
    assert.deepEqual(f.data.kind === 'missing' && [f.data.choice, f.data.scopes], ['any', ['user_brief', 'user_basic', 'user']]);
    assert.match(f.message, /lacks the scope 'user_brief'.*Any of 'user_brief', 'user_basic', 'user' would do; 'user_brief' is the least privilege/);
    assert.match(hint.message, /'user_brief' is the least privilege/);
  });

  it('prefers an alternative that another call needs anyway', () => {
    const findings = check(declared(), [source(['user.add', 'user.get'])]);
    const userGet = findings.find((f) => f.code === 'missing-scope-call' && f.data.kind === 'missing' && f.data.method === 'user.get');
    assert.deepEqual(userGet?.data.kind === 'missing' && userGet.data.scopes[0], 'user');
    // One problem for 'user', listing both calls.
    assert.deepEqual(
      findings.filter((f) => f.code === 'missing-scope').map((f) => f.related?.length),
      [2],
    );
  });

  it('needs every scope of a combination, and names only those missing', () => {
    assert.deepEqual(check(declared('sign.b2e', 'crm'), [source(['sign.b2e.document.send'])]), []);
    const [f] = check(declared('crm'), [source(['sign.b2e.document.send'])]);
    assert.deepEqual(f.data.kind === 'missing' && f.data.scopes, ['sign.b2e']);
  });

  it('never reports basic methods or methods whose scope is undocumented as missing', () => {
    assert.deepEqual(check(declared(), [source(['server.time', 'app.info', 'disk.folder.get'])]), []);
  });

  it('reports names nobody documents as unknown methods, with "did you mean", and no scope arithmetic', () => {
    const findings = check(declared(), [source(['crm.lead.ad'])]);
    assert.deepEqual(summary(findings), ['unknown-method:error:L0']);
    assert.match(findings[0].message, /'crm\.lead\.ad' is not a documented Bitrix24 REST method\. Did you mean 'crm\.lead\.add'/);
    assert.deepEqual(findings[0].data.kind === 'reference' && [findings[0].data.name, findings[0].data.suggestions?.[0]], ['crm.lead.ad', 'crm.lead.add']);
  });

  it('honours suppression comments for the codes they name', () => {
    const silenced = source(
      ['crm.lead.add', 'crm.deal.add'],
      [],
      new Map([
        [0, ['missing-scope']],
        [1, ['admin-only']],
      ]),
    );
    // The silenced use does not count towards the manifest's problem either.
    const findings = check(declared(), [silenced]);
    assert.deepEqual(summary(findings), ['missing-scope:error:manifest', 'missing-scope-call:hint:L1']);
    assert.deepEqual(
      findings[0].related?.map((r) => r.range.start.line),
      [1],
    );
  });
});

describe('scope check: declared scopes', () => {
  it('warns about a scope no call needs, naming it and the moderation rule', () => {
    const findings = check(declared('crm', 'task'), [source(['crm.lead.add'])]);
    assert.deepEqual(summary(findings), ['unused-scope:warning:manifest']);
    assert.match(findings[0].message, /Scope 'task' is declared but no call in the code needs it\. Remove it: Market moderation rejects/);
  });

  it('does not invoke Market moderation for a webhook', () => {
    const [f] = check(JSON.stringify({ kind: 'webhook', scopes: ['task'] }), []);
    assert.doesNotMatch(f.message, /Market/);
  });

  it('finds the broader alternative unused when a narrower declared one satisfies the call', () => {
    const findings = check(declared('user', 'user_brief'), [source(['user.get'])]);
    assert.deepEqual(summary(findings), ['unused-scope:warning:manifest']);
    assert.match(findings[0].message, /Scope 'user' .* 'user\.get', is already satisfied by 'user_brief'/);
  });

  it('keeps a scope that one call needs even when alternatives elsewhere accept it', () => {
    assert.deepEqual(
      check(declared('user', 'user_brief'), [source(['user.get', 'user.update'])]).map((f) => f.message),
      [
        "Scope 'user_brief' is declared but its only use, 'user.get', is already satisfied by 'user'. Remove it: Market moderation rejects apps that request scopes they do not use.",
      ],
    );
  });

  it('reports an unknown scope code as an error with a suggestion', () => {
    const [f] = check(declared('crm', 'telephoy'), [source(['crm.lead.add'])]);
    assert.equal(f.code, 'unknown-scope');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /'telephoy' is not a Bitrix24 scope\. Did you mean 'telephony'\?/);
    assert.equal(f.data.kind === 'declared' && f.data.suggestion, 'telephony');
  });

  it('knows scope codes that custom methods introduce', () => {
    const text = JSON.stringify({ scopes: ['onprem.module'], methods: { custom: [{ name: 'vendor.x.get', scope: 'onprem.module' }] } });
    assert.deepEqual(check(text, [source(['vendor.x.get'])]), []);
  });

  it('warns about a deprecated scope that is in use and names its replacement', () => {
    const catalogue = testCatalogue();
    const text = JSON.stringify({ scopes: ['tasks'], methods: { custom: [{ name: 'vendor.old.task', scope: 'tasks' }] } });
    const manifest = { file: '/app/bitrix24.json', displayName: 'bitrix24.json', text, parsed: parseManifest(text) };
    const [f] = checkScopes({ manifest, files: [source(['vendor.old.task'])], catalogue });
    assert.equal(f.code, 'deprecated-scope');
    assert.match(f.message, /Use 'task' instead/);
  });

  it('reports a scope declared twice once, at the repetition', () => {
    const text = '{ "scopes": ["crm", "im", "crm"] }';
    const findings = check(text, [source(['crm.lead.add', 'im.notify.system.add'])]);
    assert.deepEqual(summary(findings), ['duplicate-scope:warning:manifest']);
    assert.equal(findings[0].range.start.character, text.lastIndexOf('crm'));
  });

  it("treats a declared 'basic' as nothing to declare", () => {
    const [f] = check(declared('basic'), [source(['server.time'])]);
    assert.equal(f.code, 'unused-scope');
    assert.match(f.message, /'basic' is not a scope to declare/);
  });

  it('skips scope arithmetic when the scopes cannot be read, but reports why', () => {
    assert.deepEqual(summary(check('{ "scopes": "crm" }', [source(['crm.lead.add'])])), ['manifest-invalid-value:error:manifest']);
  });
});

describe('scope check: dynamic calls, extra and ignored methods', () => {
  it('turns "unused" into a hint that says it may be incomplete when a dynamic call could need the scope', () => {
    const findings = check(declared('crm', 'task'), [source([], ['crm.*.list'])]);
    const crm = findings.find((f) => f.data.kind === 'declared' && f.data.scope === 'crm');
    assert.equal(crm?.severity, 'hint');
    assert.match(
      crm?.message ?? '',
      /Scope 'crm' may be unused: .*\('crm\.\*\.list' at \/app\/src\/main\.js:1\)\. List the methods called there in methods\.extra/,
    );
  });

  it('keeps "unused" a warning for scopes the dynamic call cannot reach', () => {
    const findings = check(declared('crm', 'task'), [source([], ['crm.*.list'])]);
    const task = findings.find((f) => f.data.kind === 'declared' && f.data.scope === 'task');
    assert.equal(task?.severity, 'warning');
  });

  it('resolves dynamic calls with methods.extra: their scopes count as used, or as missing', () => {
    const manifest = JSON.stringify({ scopes: ['crm', 'task'], methods: { extra: ['crm.deal.list', 'crm.lead.list'] } });
    assert.deepEqual(summary(check(manifest, [source([], ['crm.*.list'])])), ['unused-scope:warning:manifest']);
    const missing = JSON.stringify({ scopes: [], methods: { extra: ['tasks.task.add'] } });
    const codes = check(missing, []).map((f) => `${f.code}@${f.file}`);
    assert.deepEqual(codes.sort(), ['missing-scope-call@/app/bitrix24.json', 'missing-scope@/app/bitrix24.json']);
  });

  it('warns about methods.extra entries nobody documents', () => {
    const [f] = check(JSON.stringify({ scopes: [], methods: { extra: ['crm.dael.list'] } }), []);
    assert.equal(f.code, 'unknown-extra-method');
  });

  it('leaves ignored methods and patterns out of the check', () => {
    const manifest = JSON.stringify({ scopes: [], methods: { ignore: ['crm.*', 'tasks.task.add'] } });
    assert.deepEqual(check(manifest, [source(['crm.lead.add', 'tasks.task.add'], ['crm.*.list'])]), []);
  });
});

describe('scope check: who may call', () => {
  it('hints at methods needing administrator confirmation and administrator-only methods', () => {
    const findings = check(declared('telephony', 'user'), [source(['voximplant.user.get', 'user.add'])]);
    assert.deepEqual(summary(findings), ['admin-confirmation:hint:L0', 'admin-only:hint:L1']);
  });

  it('hints at app-only methods only when the manifest is a webhook', () => {
    const local = JSON.stringify({ kind: 'local', scopes: ['placement'] });
    assert.deepEqual(summary(check(local, [source(['placement.bind'])])), ['admin-only:hint:L0']);
    const webhook = JSON.stringify({ kind: 'webhook', scopes: ['placement'] });
    assert.deepEqual(summary(check(webhook, [source(['placement.bind'])])), ['admin-only:hint:L0', 'app-only-in-webhook:hint:L0']);
  });

  it('still gives the hints for files no manifest covers, and nothing about scopes', () => {
    const findings = checkScopes({ files: [source(['crm.lead.add', 'user.add'])], catalogue: testCatalogue() });
    assert.deepEqual(
      findings.map((f) => f.code),
      ['admin-only'],
    );
  });
});

describe('scope check: .env manifests', () => {
  it('checks scopes declared in .env like those of bitrix24.json', () => {
    const text = "BITRIX24_PHP_SDK_APPLICATION_SCOPE='crm,task'\n";
    const parsed = parseEnvManifest(text);
    assert.ok(parsed);
    const manifest = { file: '/app/.env', displayName: '.env', text, parsed };
    const findings = checkScopes({ manifest, files: [source(['crm.lead.add', 'im.notify.system.add'])], catalogue: testCatalogue() });
    assert.deepEqual(findings.map((f) => `${f.code}@${f.range.start.line}:${f.range.start.character}`).sort(), [
      'missing-scope-call@1:4',
      'missing-scope@0:0', // on the key
      `unused-scope@0:${text.indexOf('task')}`,
    ]);
  });
});

/** One file binding events and placements (one per line, after any calls). */
function binder(calls: string[], events: string[], placements: string[] = []): FileCalls {
  const file = source(calls);
  let line = calls.length;
  const at = () => ({ start: { line, character: 4 }, end: { line: line++, character: 12 } });
  file.bindings = [
    ...events.map((name) => ({ kind: 'event' as const, name, range: at(), via: 'event.bind' })),
    ...placements.map((name) => ({ kind: 'placement' as const, name, range: at(), via: 'placement.bind' })),
  ];
  return file;
}

describe('scope check: events and placements', () => {
  it('an events-only app keeps crm: the bound event needs it, so it is not unused', () => {
    assert.deepEqual(check(declared('crm'), [binder(['server.time'], ['ONCRMDEALADD'])]), []);
  });

  it('an event whose scope is not declared is a missing scope, named as an event', () => {
    const findings = check(declared(), [binder([], ['ONCRMDEALADD'])]);
    assert.deepEqual(summary(findings), ['missing-scope:error:manifest', 'missing-scope-call:hint:L0']);
    assert.match(findings[0].message, /lacks the scope 'crm', needed by the event 'onCrmDealAdd'/);
    assert.equal(findings[0].related?.[0].message, "The event 'onCrmDealAdd' needs 'crm'");
  });

  it('a CRM placement needs placement and crm: declaring only placement is not enough', () => {
    const findings = check(declared('placement'), [binder(['placement.bind'], [], ['CRM_DEAL_DETAIL_TAB'])]);
    assert.deepEqual(
      findings.filter((f) => f.code === 'missing-scope').map((f) => f.data.kind === 'missing' && f.data.scopes),
      [['crm']],
    );
    assert.deepEqual(
      check(declared('placement', 'crm'), [binder(['placement.bind'], [], ['CRM_DEAL_DETAIL_TAB'])]).map((f) => f.code),
      ['admin-only'],
    );
  });

  it('unknown events and placements get a warning with "did you mean"', () => {
    const findings = check(declared('crm'), [binder(['crm.lead.add'], ['ONCRMDEALADDD'], ['CRM_DEAL_DETAIL_TABB'])]);
    assert.deepEqual(summary(findings), ['unknown-event:warning:L1', 'unknown-placement:warning:L2']);
    assert.match(findings[0].message, /'ONCRMDEALADDD' is not a documented Bitrix24 event\. Did you mean 'onCrmDealAdd'/);
    assert.match(findings[1].message, /Did you mean 'CRM_DEAL_DETAIL_TAB'/);
  });
});

describe('scope check: forbidden scopes', () => {
  it('refuses code that needs a forbidden scope, once, on the forbidden entry, instead of asking to add it', () => {
    const manifest = JSON.stringify({ scopes: ['crm'], forbidden: ['user'] });
    const findings = check(manifest, [source(['crm.lead.add', 'user.add', 'user.update'])]);
    assert.deepEqual(summary(findings), ['forbidden-scope:error:manifest', 'admin-only:hint:L1']);
    assert.match(
      findings[0].message,
      /Scope 'user' is forbidden by bitrix24\.json, but 'user\.add' \(\/app\/src\/main\.js:2\) and 'user\.update' \(\/app\/src\/main\.js:3\) need it/,
    );
    assert.equal(findings[0].related?.length, 2);
  });

  it('an alternative avoids the forbidden scope when it can', () => {
    const manifest = JSON.stringify({ scopes: ['user_brief'], forbidden: ['user'] });
    assert.deepEqual(check(manifest, [source(['user.get'])]), []);
  });

  it('refuses a forbidden scope the manifest declares', () => {
    const manifest = JSON.stringify({ scopes: ['crm', 'disk'], forbidden: ['disk'] });
    const codes = check(manifest, [source(['crm.lead.add'])])
      .map((f) => f.code)
      .sort();
    assert.deepEqual(codes, ['forbidden-scope', 'unused-scope']);
  });
});

describe('scope check: method problems, as the editor reports them', () => {
  it('superseded and unknown methods follow suppression comments and manifest rules like every rule', () => {
    const file = source(['crm.lead.ad', 'crm.lead.ad'], [], new Map([[1, ['unknown-method']]]));
    assert.deepEqual(summary(check(declared(), [file])), ['unknown-method:error:L0']);
    const relaxed = JSON.stringify({ scopes: [], rules: { 'unknown-method': 'warning' } });
    assert.deepEqual(summary(check(relaxed, [file])), ['unknown-method:warning:L0']);
  });
});
