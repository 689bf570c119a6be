import assert from 'node:assert/strict';
import { parse as parseJsonc } from 'jsonc-parser';
import { buildPlan, diffRules, planSides, renderPlan, summarisePlan, withUnknownCodes } from '../../../client/src/rights/plan';
import { markApplied, newRightsFile, withoutRule, withRule } from '../../../client/src/rights/rights-file';

const site = { id: 12, code: 'promo', title: 'Promo', type: 'PAGE' };
const applied = () => {
  const f = withRule(withRule(newRightsFile('example.bitrix24.com', site), 'AU', ['read']), 'DR5', ['read', 'edit']);
  return markApplied(f, f.rules, '2025-03-01T10:00:00.000Z');
};

describe('rights/plan', () => {
  it('diffs code by code: added, removed, changed with the operations involved', () => {
    const diff = diffRules({ AU: ['read'], U1: ['read', 'edit'], U2: ['read'] }, { AU: ['read'], U1: ['read', 'sett'], U3: ['denied'] });
    assert.deepEqual(
      diff.map((d) => [d.code, d.change, d.addedOps, d.removedOps]),
      [
        ['AU', 'unchanged', [], []],
        ['U1', 'changed', ['sett'], ['edit']],
        ['U2', 'removed', [], ['read']],
        ['U3', 'added', ['denied'], []],
      ],
    );
  });

  it('plans the full replacement set, not just the changes', () => {
    const file = withRule(applied(), 'U7', ['read', 'public']);
    const plan = buildPlan(file);
    assert.deepEqual(plan.rules, { AU: ['read'], DR5: ['read', 'edit'], U7: ['read', 'public'] });
    assert.equal(summarisePlan(plan), '1 added');
    assert.ok(plan.hasChanges);
    assert.ok(!plan.firstApply);
  });

  it('warns on the first apply that unseen portal rules will be replaced', () => {
    const plan = buildPlan(withRule(newRightsFile('h', site), 'AU', ['read']));
    assert.ok(plan.firstApply && plan.hasChanges);
    assert.ok(plan.warnings.some((w) => w.id === 'first-apply'));
    assert.match(renderPlan(plan), /never applied from this workspace/);
  });

  it('does not warn about unseen rules once a set was applied', () => {
    assert.ok(!buildPlan(applied()).warnings.some((w) => w.id === 'first-apply'));
  });

  it('reports no changes when the set equals the last applied one', () => {
    const plan = buildPlan(applied());
    assert.ok(!plan.hasChanges);
    assert.equal(summarisePlan(plan), 'no changes');
  });

  it('warns when the set clears everything', () => {
    const f = withoutRule(withoutRule(applied(), 'AU'), 'DR5');
    const plan = buildPlan(f);
    assert.ok(plan.warnings.some((w) => w.id === 'clears-all'));
    assert.equal(summarisePlan(plan), '2 removed');
  });

  it('warns about guests on UA and about denying every user', () => {
    const guests = buildPlan(withRule(applied(), 'UA', ['read']));
    assert.ok(guests.warnings.some((w) => w.id === 'guests'));
    const lockout = buildPlan(withRule(applied(), 'AU', ['denied']));
    assert.ok(lockout.warnings.some((w) => w.id === 'denies-everyone' && /AU/.test(w.message)));
  });

  it('uses an override set for restore while diffing against the last applied set', () => {
    const plan = buildPlan(applied(), { AU: ['read', 'edit'] });
    assert.deepEqual(plan.rules, { AU: ['read', 'edit'] });
    assert.equal(summarisePlan(plan), '1 changed, 1 removed');
  });

  it('renders every rule with its change mark', () => {
    const text = renderPlan(buildPlan(withRule(withoutRule(applied(), 'AU'), 'DR5', ['read'])));
    assert.match(text, /^- AU \(All authorised users\): Read \(removed\)$/m);
    assert.match(text, /^~ DR5 \(Department #5 and sub-departments\): Read \(was Read, Edit\)$/m);
    assert.match(text, /Promo \(#12\) on example\.bitrix24\.com/);
  });

  it('gives both diff sides as JSON with comments that parses to the two sets', () => {
    const plan = buildPlan(withRule(applied(), 'U1', ['read']));
    const sides = planSides(plan);
    assert.deepEqual(parseJsonc(sides.before), { AU: ['read'], DR5: ['read', 'edit'] });
    assert.deepEqual(parseJsonc(sides.after), { AU: ['read'], DR5: ['read', 'edit'], U1: ['read'] });
    assert.deepEqual(parseJsonc(planSides(buildPlan(newRightsFile('h', site))).before), {}, 'first apply diffs against nothing');
  });

  it('warns about codes the portal does not know, which would grant nothing', () => {
    const plan = buildPlan(withRule(withRule(applied(), 'G77', ['read']), 'UA', ['read']));
    const names = new Map([
      ['AU', 'All authorized users'],
      ['DR5', 'Marketing'],
    ]);
    const warned = withUnknownCodes(plan, names);
    const w = warned.warnings.find((x) => x.id === 'unknown-codes');
    assert.match(w?.message ?? '', /does not know G77: it is saved without error but grant/);
    assert.doesNotMatch(w?.message ?? '', /UA/, 'UA and AU need no name');
    assert.equal(withUnknownCodes(buildPlan(applied()), names).warnings.length, 0);
  });

  it('warns that a restore replaces unapplied edits in the file', () => {
    const edited = withRule(applied(), 'U9', ['read']);
    assert.ok(buildPlan(edited, { AU: ['read'] }).warnings.some((w) => w.id === 'discards-edits'));
    assert.ok(!buildPlan(applied(), { AU: ['read'] }).warnings.some((w) => w.id === 'discards-edits'), 'nothing unapplied to lose');
    assert.ok(!buildPlan(edited).warnings.some((w) => w.id === 'discards-edits'), 'a plain apply sends the edits');
  });

  it("names each access code in the plan text and the diff, from the portal's names or a generic description", () => {
    let plan = buildPlan(withRule(withRule(withRule(applied(), 'U1', ['read', 'edit']), 'D5', ['read']), 'G2', ['read', 'public']));
    plan = withUnknownCodes(
      plan,
      new Map([
        ['U1', 'Anna Smith'],
        ['D5', 'Sales'],
        ['G2', 'All employees'],
        ['DR5', 'Sales'],
      ]),
    );
    const text = renderPlan(plan);
    assert.match(text, /^\+ U1 \(Anna Smith\): Read, Edit$/m);
    assert.match(text, /^\+ D5 \(Sales\): Read$/m);
    assert.match(text, /^\+ G2 \(All employees\): Read, Publish$/m);
    assert.match(text, /^  AU \(All authorised users\): Read$/m, 'codes the portal does not name get a generic description');
    const after = planSides(plan).after;
    assert.match(after, /"U1": \["read", "edit"\],?\s+\/\/ Anna Smith$/m, 'the diff keeps the raw codes the file holds, with the name as a comment');
    assert.match(after, /"AU": \["read"\],?\s+\/\/ All authorised users$/m);
    const header = (side: string) => side.split('\n').filter((l) => l.startsWith('//'));
    assert.deepEqual(header(planSides(plan).before), header(after), 'the same header on both sides, so it is no change');
    assert.match(after, /^\/\/ Left: the set applied .*\. Right: the full set that will be sent\.$/m);
    assert.match(after, /^\/\/ It replaces every rule the site has now\. Changes: 3 added\.$/m);
  });

  it('shows when the set was last applied in local time, not as an ISO timestamp', () => {
    const text = renderPlan(buildPlan(withRule(applied(), 'U1', ['read'])), { locale: 'en-GB', timeZone: 'Europe/Berlin' });
    assert.match(text, /Compared with: the set applied 1 Mar 2025, 11:00$/m);
    assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}T/);
  });
});
