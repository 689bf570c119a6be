import assert from 'node:assert/strict';
import { applyRights, ApplyDeps, restorePrevious } from '../../../client/src/rights/apply';
import { readJournal } from '../../../client/src/rights/journal';
import type { RightsPlan } from '../../../client/src/rights/plan';
import { newRightsFile, RulesSet, withRule } from '../../../client/src/rights/rights-file';
import { loadRights, rightsFilePath, saveRights } from '../../../client/src/rights/rights-store';
import { FakeApi, networkError, portalError } from './fake-api';
import { MemoryFs } from './memory-fs';

const HOST = 'example.bitrix24.com';

function setup(rules: RulesSet = { AU: ['read'], U1: ['read', 'edit', 'sett'] }) {
  const api = new FakeApi();
  const fs = new MemoryFs();
  const plans: RightsPlan[] = [];
  let clock = Date.parse('2025-05-01T12:00:00Z');
  let answer = true;
  const deps: ApplyDeps = {
    api,
    fs,
    confirm: async (plan) => {
      plans.push(plan);
      return answer;
    },
    now: () => new Date((clock += 1000)),
  };
  const write = async (r: RulesSet, siteId = 1) => {
    const s = api.sites.find((x) => x.id === siteId);
    let file = newRightsFile(HOST, { id: siteId, code: s?.code ?? '', title: s?.title ?? '', type: s?.type ?? 'PAGE' });
    for (const [code, ops] of Object.entries(r)) file = withRule(file, code, ops);
    await saveRights(fs, HOST, file);
  };
  return { api, fs, deps, plans, write, setAnswer: (v: boolean) => (answer = v), ready: write(rules) };
}

async function file(fs: MemoryFs, siteId = 1) {
  const loaded = await loadRights(fs, HOST, siteId);
  assert.equal(loaded.status, 'ok');
  if (loaded.status !== 'ok') throw new Error('unreachable');
  return loaded.file;
}

describe('rights/apply', () => {
  it('applies the full set, verifies with getRights and records it', async () => {
    const t = setup();
    await t.ready;
    const out = await applyRights(t.deps, 1);
    assert.equal(out.status, 'applied', out.message);
    assert.deepEqual(t.api.sites[0].rights, { AU: ['read'], U1: ['read', 'edit', 'sett'] });
    assert.deepEqual(out.verified, ['read', 'edit', 'sett']);
    assert.match(out.message, /The portal confirms your own rights on this site are Read, Edit, Settings; it cannot list other rules\./);
    const f = await file(t.fs);
    assert.deepEqual(f.lastApplied?.rules, f.rules);
    const { entries } = await readJournal(t.fs, HOST);
    assert.equal(entries.length, 1);
    assert.equal(entries[0].before, null, 'first apply: before is unknown');
    assert.deepEqual(entries[0].verified, ['read', 'edit', 'sett']);
  });

  it('shows the plan before anything is written, and the first-apply warning', async () => {
    const t = setup();
    await t.ready;
    t.api.beforeNext('landing.role.isEnabled', () => assert.equal(t.plans.length, 1, 'confirmation comes before any portal check'));
    await applyRights(t.deps, 1);
    assert.ok(t.plans[0].firstApply);
    assert.ok(t.plans[0].warnings.some((w) => w.id === 'first-apply'));
    const setCall = t.api.calls.find((c) => c.method === 'landing.site.setRights');
    assert.deepEqual(setCall?.params, { id: 1, rights: { AU: ['read'], U1: ['read', 'edit', 'sett'] } });
    assert.equal(setCall?.write, true);
  });

  it('warns in the plan about codes the portal does not know', async () => {
    const t = setup({ AU: ['read'], U404: ['read'] });
    await t.ready;
    await applyRights(t.deps, 1);
    assert.ok(t.plans[0].warnings.some((w) => w.id === 'unknown-codes' && /U404/.test(w.message)));
  });

  it('writes nothing when the user cancels', async () => {
    const t = setup();
    await t.ready;
    t.setAnswer(false);
    const before = t.fs.snapshot();
    const out = await applyRights(t.deps, 1);
    assert.equal(out.status, 'cancelled');
    assert.equal(t.api.count('landing.site.setRights'), 0);
    assert.deepEqual(t.fs.snapshot(), before);
  });

  it('aborts, writing nothing, when the role model was switched on between plan and apply', async () => {
    const t = setup();
    await t.ready;
    t.deps.confirm = async () => {
      t.api.roleModel = true;
      return true;
    };
    const before = t.fs.snapshot();
    const out = await applyRights(t.deps, 1);
    assert.equal(out.status, 'aborted');
    assert.equal(out.abortReason, 'role-model');
    assert.match(out.message, /role model.*Nothing was changed/s);
    assert.equal(t.api.count('landing.site.setRights'), 0);
    assert.deepEqual(t.fs.snapshot(), before, 'no file or journal written');
  });

  it('aborts, writing nothing, when the site was deleted between plan and apply', async () => {
    const t = setup();
    await t.ready;
    t.deps.confirm = async () => {
      t.api.sites = t.api.sites.filter((s) => s.id !== 1);
      return true;
    };
    const before = t.fs.snapshot();
    const out = await applyRights(t.deps, 1);
    assert.equal(out.abortReason, 'site-gone');
    assert.equal(t.api.count('landing.site.setRights'), 0);
    assert.deepEqual(t.fs.snapshot(), before);
  });

  it('treats setRights answering false as a missing site and records nothing', async () => {
    const t = setup();
    await t.ready;
    t.api.beforeNext('landing.site.setRights', () => (t.api.sites = t.api.sites.filter((s) => s.id !== 1)));
    const before = t.fs.snapshot();
    const out = await applyRights(t.deps, 1);
    assert.equal(out.status, 'aborted');
    assert.equal(out.abortReason, 'site-gone');
    assert.deepEqual(t.fs.snapshot(), before);
  });

  it('keeps the desired rules unapplied when setRights is rejected, and explains the code', async () => {
    const t = setup();
    await t.ready;
    t.api.failNext('landing.site.setRights', portalError('IS_NOT_ADMIN'));
    const out = await applyRights(t.deps, 1);
    assert.equal(out.status, 'rejected');
    assert.match(out.message, /only an administrator or a user with full access/);
    assert.match(out.message, /kept its rules/);
    const f = await file(t.fs);
    assert.equal(f.lastApplied, null, 'lastApplied unchanged');
    assert.deepEqual(f.rules, { AU: ['read'], U1: ['read', 'edit', 'sett'] }, 'desired rules kept');
    assert.deepEqual(t.api.sites[0].rights, {}, 'portal unchanged');
    const { entries } = await readJournal(t.fs, HOST);
    assert.deepEqual(
      entries.map((e) => [e.outcome, e.error]),
      [['rejected', 'IS_NOT_ADMIN']],
    );
  });

  it('explains FEATURE_NOT_AVAIL in plain words', async () => {
    const t = setup();
    await t.ready;
    t.api.failNext('landing.site.setRights', portalError('FEATURE_NOT_AVAIL'));
    const out = await applyRights(t.deps, 1);
    assert.equal(out.status, 'rejected');
    assert.match(out.message, /plan does not include access rights/);
  });

  it('says the outcome is unknown when setRights got no answer', async () => {
    const t = setup();
    await t.ready;
    t.api.failNext('landing.site.setRights', networkError());
    const out = await applyRights(t.deps, 1);
    assert.equal(out.status, 'uncertain');
    assert.match(out.message, /may or may not have been saved/);
    assert.equal((await file(t.fs)).lastApplied, null);
    assert.equal((await readJournal(t.fs, HOST)).entries[0].outcome, 'uncertain');
  });

  it('no answer, and the portal is gone when re-read: still unknown, and says so once', async () => {
    const t = setup();
    await t.ready;
    t.api.failNext('landing.site.setRights', networkError());
    t.api.beforeNext('landing.site.setRights', () => t.api.failNext('landing.site.getList', networkError('landing.site.getList')));
    const out = await applyRights(t.deps, 1);
    assert.equal(out.status, 'uncertain');
    assert.match(
      out.message,
      /^Outcome unknown: the portal's answer to the save was unclear \(no answer\), so the site was read again\. Still unknown: the site could not be re-read \(the portal is unreachable\. Check the address and your network, then refresh\)\. The rules may or may not have been saved/,
    );
    assert.doesNotMatch(out.message, /\.\./);
  });

  it('no answer, but the save went through: re-reading as a non-administrator verifies it', async () => {
    const t = setup({ U1: ['read'] });
    await t.ready;
    assert.equal((await applyRights(t.deps, 1)).status, 'applied');
    await t.write({ U1: ['read', 'edit'] });
    const f = await file(t.fs);
    await saveRights(t.fs, HOST, { ...f, lastApplied: { at: 'then', rules: { U1: ['read'] } } });
    t.api.beforeNext('landing.site.setRights', () => (t.api.sites[0].rights = { U1: ['read', 'edit'] }));
    t.api.failNext('landing.site.setRights', networkError());
    const out = await applyRights(t.deps, 1);
    assert.equal(out.status, 'applied', out.message);
    assert.match(out.message, /^Outcome unknown: .*\(no answer\).* Verified: applied\./);
    assert.deepEqual((await file(t.fs)).lastApplied?.rules, { U1: ['read', 'edit'] });
    assert.equal((await readJournal(t.fs, HOST)).entries.at(-1)?.error, 'no answer; verified applied');
    // Only reads were used to verify, and the one write was not repeated.
    assert.equal(t.api.count('landing.site.setRights'), 2);
    assert.ok(t.api.calls.filter((c) => c.method !== 'landing.site.setRights').every((c) => c.write !== true));
  });

  it('aborts, writing nothing, when the portal is unreachable', async () => {
    const t = setup();
    await t.ready;
    t.api.failNext('landing.role.isEnabled', networkError('landing.role.isEnabled'));
    const before = t.fs.snapshot();
    const out = await applyRights(t.deps, 1);
    assert.equal(out.status, 'aborted');
    assert.equal(out.abortReason, 'precheck-failed');
    assert.match(out.message, /unreachable/);
    assert.equal(out.failure?.reason, 'network');
    assert.deepEqual(t.fs.snapshot(), before);
  });

  it('flags rules saved while the role model came on as not in effect', async () => {
    const t = setup();
    await t.ready;
    t.api.beforeNext('landing.site.setRights', () => (t.api.roleModel = true));
    const out = await applyRights(t.deps, 1);
    assert.equal(out.status, 'not-effective');
    assert.equal((await file(t.fs)).lastApplied, null);
  });

  it('still records an apply whose verification failed, and says it is unverified', async () => {
    const t = setup();
    await t.ready;
    t.api.failNext('landing.site.getRights', portalError('QUERY_LIMIT_EXCEEDED', 'landing.site.getRights', 503));
    const out = await applyRights(t.deps, 1);
    assert.equal(out.status, 'applied');
    assert.match(out.message, /not verified.*limiting requests/);
    assert.ok((await file(t.fs)).lastApplied);
  });

  it('reports a rights file that could not be updated after the portal accepted', async () => {
    const t = setup();
    await t.ready;
    t.api.beforeNext('landing.site.getRights', () => (t.fs.failWrites = true));
    const out = await applyRights(t.deps, 1);
    assert.equal(out.status, 'applied');
    assert.match(out.message, /could not be updated/);
    assert.match(out.message, /journal could not be written/);
  });

  it('aborts when the rights file changed while the plan was shown', async () => {
    const t = setup();
    await t.ready;
    t.deps.confirm = async () => {
      await t.write({ AU: ['read'], U9: ['read'] });
      return true;
    };
    const out = await applyRights(t.deps, 1);
    assert.equal(out.abortReason, 'file-changed');
    assert.equal(t.api.count('landing.site.setRights'), 0);
  });

  it('refuses a broken rights file without calling the portal', async () => {
    const t = setup();
    await t.ready;
    t.fs.files.set(rightsFilePath(HOST, 1), '{ "version": 1, ');
    const out = await applyRights(t.deps, 1);
    assert.equal(out.status, 'invalid-file');
    assert.ok(out.problems?.length);
    assert.equal(t.api.calls.length, 0);
    assert.equal(t.fs.files.get(rightsFilePath(HOST, 1)), '{ "version": 1, ', 'file left as the user wrote it');
  });

  it('passes the landing scope for knowledge-base sites', async () => {
    const t = setup();
    t.api.sites.push({ id: 6, title: 'Handbook', code: 'handbook', type: 'KNOWLEDGE', rights: {} });
    await t.write({ AU: ['read'] }, 6);
    const out = await applyRights(t.deps, 6);
    assert.equal(out.status, 'applied', out.message);
    for (const m of ['landing.site.getList', 'landing.site.setRights', 'landing.site.getRights']) {
      assert.equal(t.api.calls.find((c) => c.method === m)?.params.scope, 'KNOWLEDGE', m);
    }
  });

  describe('restore', () => {
    it('restores the previous set after two applies, and a second restore undoes the first', async () => {
      const t = setup({ AU: ['read'] });
      await t.ready;
      await applyRights(t.deps, 1);
      let f = await file(t.fs);
      await saveRights(t.fs, HOST, withRule(f, 'U2', ['read', 'edit']));
      await applyRights(t.deps, 1);
      assert.deepEqual(t.api.sites[0].rights, { AU: ['read'], U2: ['read', 'edit'] });

      const out = await restorePrevious(t.deps, 1);
      assert.equal(out.status, 'applied', out.message);
      assert.deepEqual(t.api.sites[0].rights, { AU: ['read'] });
      const plan = t.plans[t.plans.length - 1];
      assert.deepEqual(plan.rules, { AU: ['read'] });
      assert.equal(plan.diff.find((d) => d.code === 'U2')?.change, 'removed');
      f = await file(t.fs);
      assert.deepEqual(f.rules, { AU: ['read'] }, 'the rights file follows the restored set');
      const { entries } = await readJournal(t.fs, HOST);
      assert.equal(entries[entries.length - 1].action, 'restore');

      await restorePrevious(t.deps, 1);
      assert.deepEqual(t.api.sites[0].rights, { AU: ['read'], U2: ['read', 'edit'] });
    });

    it('writes nothing when the restore is cancelled', async () => {
      const t = setup({ AU: ['read'] });
      await t.ready;
      await applyRights(t.deps, 1);
      await saveRights(t.fs, HOST, withRule(await file(t.fs), 'U2', ['read']));
      await applyRights(t.deps, 1);
      t.setAnswer(false);
      const before = t.fs.snapshot();
      assert.equal((await restorePrevious(t.deps, 1)).status, 'cancelled');
      assert.deepEqual(t.fs.snapshot(), before);
    });

    it('explains that rules before the first apply cannot be restored', async () => {
      const t = setup();
      await t.ready;
      await applyRights(t.deps, 1);
      const out = await restorePrevious(t.deps, 1);
      assert.equal(out.status, 'nothing-to-restore');
      assert.match(out.message, /never visible/);
    });
  });

  it('sends nothing for a rights file whose "portal" names another host, and writes into no folder', async () => {
    const t = setup();
    await t.ready;
    // Replicating rules by copying staging's folder to the connected portal's: the copy still names staging.
    const copied = newRightsFile('staging.bitrix24.com', { id: 1, code: 'site-1', title: 'Site 1', type: 'PAGE' });
    await saveRights(t.fs, 'staging.bitrix24.com', withRule(copied, 'AU', ['read']));
    t.fs.files.set(rightsFilePath(HOST, 1), t.fs.files.get(rightsFilePath('staging.bitrix24.com', 1)) ?? '');
    const before = t.fs.snapshot();
    const out = await applyRights(t.deps, 1);
    assert.equal(out.status, 'invalid-file');
    assert.match(
      out.problems?.[0] ?? '',
      /"portal" is "staging\.bitrix24\.com", but the file is in the folder of example\.bitrix24\.com, the connected portal\. Nothing is sent/,
    );
    assert.match(out.problems?.[0] ?? '', /change "portal" to "example\.bitrix24\.com"/);
    assert.equal(t.plans.length, 0, 'no plan naming the other host was shown');
    assert.equal(t.api.count('landing.site.setRights'), 0);
    assert.deepEqual(t.fs.snapshot(), before, 'neither folder was written');
    // Restore goes through the same check.
    assert.equal((await restorePrevious(t.deps, 1)).status, 'nothing-to-restore');
  });

  it('accepts the connected host in any letter case', async () => {
    const t = setup();
    await t.ready;
    const f = await file(t.fs);
    t.fs.files.set(rightsFilePath(HOST, 1), JSON.stringify({ ...JSON.parse(t.fs.files.get(rightsFilePath(HOST, 1)) ?? '{}'), portal: 'Example.Bitrix24.com' }));
    assert.ok(f);
    assert.equal((await applyRights(t.deps, 1)).status, 'applied');
  });

  it('answers invalid-file, without throwing, for a rights file nested 10,000 levels deep', async () => {
    const t = setup();
    await t.ready;
    t.fs.files.set(rightsFilePath(HOST, 1), `{"version":1,"portal":"${HOST}","rules":${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
    const out = await applyRights(t.deps, 1);
    assert.equal(out.status, 'invalid-file');
    assert.match(out.problems?.[0] ?? '', /line 1, column \d+: nested more than 64 levels deep/);
    assert.equal(t.api.count('landing.site.setRights'), 0);
  });

  it('reads a rights file that starts with a byte order mark, and writes it back without one', async () => {
    const t = setup();
    await t.ready;
    const path = rightsFilePath(HOST, 1);
    t.fs.files.set(path, `\uFEFF${t.fs.files.get(path) ?? ''}`);
    const out = await applyRights(t.deps, 1);
    assert.equal(out.status, 'applied', out.message);
    assert.notEqual(t.fs.files.get(path)?.charCodeAt(0), 0xfeff);
  });

  it("runs two applies of one site one after the other: the second starts from the first one's result", async () => {
    const t = setup();
    await t.ready;
    const [a, b] = await Promise.all([applyRights(t.deps, 1), applyRights(t.deps, 1)]);
    assert.deepEqual([a.status, b.status], ['applied', 'applied']);
    assert.equal(t.plans[0].baseline, null);
    assert.deepEqual(t.plans[1].baseline, { AU: ['read'], U1: ['read', 'edit', 'sett'] }, 'the second plan was built after the first apply');
    const { entries } = await readJournal(t.fs, HOST);
    assert.deepEqual(
      entries.map((e) => e.before),
      [null, { AU: ['read'], U1: ['read', 'edit', 'sett'] }],
    );
    // Other sites are not held up: an apply of site 2 runs while site 1's confirmation is open.
    await t.write({ AU: ['read'] }, 2);
    let release: (v: boolean) => void = () => undefined;
    const held = applyRights({ ...t.deps, confirm: () => new Promise<boolean>((r) => (release = r)) }, 1);
    assert.equal((await applyRights(t.deps, 2)).status, 'applied');
    release(false);
    assert.equal((await held).status, 'cancelled');
  });

  it('a restore started while an apply runs restores from that apply', async () => {
    const t = setup({ U1: ['read'] });
    await t.ready;
    assert.equal((await applyRights(t.deps, 1)).status, 'applied');
    await t.write({ U1: ['read', 'edit'] });
    const f = await file(t.fs);
    await saveRights(t.fs, HOST, { ...f, lastApplied: { at: 'then', rules: { U1: ['read'] } } });
    const [applied, restored] = await Promise.all([applyRights(t.deps, 1), restorePrevious(t.deps, 1)]);
    assert.deepEqual([applied.status, restored.status], ['applied', 'applied']);
    assert.deepEqual(restored.plan?.rules, { U1: ['read'] }, 'the set from before the concurrent apply');
    assert.deepEqual(t.api.sites[0].rights, { U1: ['read'] });
  });
});
