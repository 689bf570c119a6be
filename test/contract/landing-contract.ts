/**
 * Contract checks for sites and site access rights (`landing.*`).
 */
import assert from 'node:assert/strict';
import { fails, ok, type ContractContext } from './contract-context';
import type { Json, RestResponse } from './rest-call';

const OPERATIONS = ['denied', 'read', 'edit', 'sett', 'public', 'delete'];
const ALL_GRANTS = ['read', 'edit', 'sett', 'public', 'delete'];
/** An id no portal has; calls with it change nothing. */
const MISSING_ID = 987654321;

/** Landing errors come with HTTP 400, per the landing method pages. */
function isLandingRefusal(res: RestResponse): boolean {
  return res.status === 400 && ['ACCESS_DENIED', 'IS_NOT_ADMIN'].includes(String(res.body.error));
}

/** Defines the landing checks inside the contract suite. */
export function describeLandingContract(ctx: ContractContext): void {
  describe('sites and site rights', () => {
    /** Whether the caller may manage rights (answered by landing.role.isEnabled). */
    let manager = false;
    let roleModel = false;
    let sectionAccess = true;

    before(async () => {
      if (!ctx.has('landing')) return;
      const res = await ctx.call('landing.role.isEnabled');
      manager = res.status === 200;
      roleModel = res.body.result === true;
      sectionAccess = !(res.body.error === 'ACCESS_DENIED');
    });

    // Each check asserts what this webhook should get, so none is skipped: a caller without the
    // landing scope gets insufficient_scope, one outside the Sites section a landing refusal.
    it('answers insufficient_scope (403) exactly when the landing scope is missing', async function () {
      const res = await ctx.call('landing.site.getList');
      if (!ctx.has('landing')) return fails(res, 403, 'insufficient_scope');
      assert.notEqual(res.body.error, 'insufficient_scope', JSON.stringify(res.body));
    });

    it('landing.role.isEnabled answers a boolean to managers and a 400 refusal to others', async function () {
      const res = await ctx.call('landing.role.isEnabled');
      if (!ctx.has('landing')) return fails(res, 403, 'insufficient_scope');
      if (manager) assert.equal(typeof ok(res), 'boolean');
      else assert.ok(isLandingRefusal(res), JSON.stringify(res.body));
    });

    it('landing.site.getList lists ordinary sites with ID and TYPE; scope=KNOWLEDGE only knowledge bases', async function () {
      const res = await ctx.call('landing.site.getList', { params: { select: ['ID', 'TITLE'] } });
      if (!ctx.has('landing')) return fails(res, 403, 'insufficient_scope');
      if (!sectionAccess) return assert.ok(isLandingRefusal(res), JSON.stringify(res.body));
      const sites = ok(res) as Json[];
      for (const s of sites) {
        assert.match(String(s.ID), /^\d+$/);
        assert.ok(['PAGE', 'STORE', 'SMN'].includes(String(s.TYPE)), String(s.TYPE));
      }
      const kb = ok(await ctx.call('landing.site.getList', { scope: 'KNOWLEDGE', params: { filter: { TYPE: 'KNOWLEDGE' } } })) as Json[];
      assert.ok(kb.every((s) => s.TYPE === 'KNOWLEDGE'));
    });

    it('landing.site.getRights gives operation codes, [] for a missing site, MISSING_PARAMS without id', async function () {
      if (!ctx.has('landing')) return fails(await ctx.call('landing.site.getRights', { id: MISSING_ID }), 403, 'insufficient_scope');
      if (!sectionAccess) return assert.ok(isLandingRefusal(await ctx.call('landing.site.getRights', { id: MISSING_ID })));
      const [first] = ok(await ctx.call('landing.site.getList', { params: { select: ['ID'] } })) as Json[];
      if (first) {
        const ops = ok(await ctx.call('landing.site.getRights', { id: first.ID })) as string[];
        assert.ok(
          ops.every((op) => OPERATIONS.includes(op)),
          ops.join(),
        );
        assert.ok(ops.includes('read'), 'a listed site is readable');
      }
      assert.deepEqual(ok(await ctx.call('landing.site.getRights', { id: MISSING_ID })), []);
      fails(await ctx.call('landing.site.getRights', {}), 400, 'MISSING_PARAMS');
    });

    it('landing.site.setRights on a missing site answers false to managers and a 400 refusal to others', async function () {
      const res = await ctx.call('landing.site.setRights', { id: MISSING_ID, rights: { AU: ['read'] } });
      if (!ctx.has('landing')) return fails(res, 403, 'insufficient_scope');
      if (manager) assert.equal(ok(res), false);
      else assert.ok(isLandingRefusal(res), JSON.stringify(res.body));
    });

    it('landing.role.getList / getRights answer managers with roles and documented errors, others a refusal', async function () {
      const res = await ctx.call('landing.role.getList');
      if (!ctx.has('landing')) return fails(res, 403, 'insufficient_scope');
      if (!manager) return assert.ok(isLandingRefusal(res), JSON.stringify(res.body));
      const roles = ok(res) as Json[];
      for (const r of roles) assert.deepEqual(Object.keys(r).sort(), ['ID', 'TITLE', 'XML_ID']);
      fails(await ctx.call('landing.role.getRights', {}), 400, 'MISSING_PARAMS');
      fails(await ctx.call('landing.role.getRights', { id: MISSING_ID }), 400, 'ROLE_SCOPE_MISMATCH');
    });

    it('landing.site.add is refused to callers who do not manage sites (nothing is created)', async function () {
      if (ctx.has('landing') && manager) return; // managers create sites below
      const res = await ctx.call('landing.site.add', { fields: { TITLE: 'Contract check (refused)', CODE: `contract-refused-${Date.now().toString(36)}` } });
      if (!ctx.has('landing')) return fails(res, 403, 'insufficient_scope');
      assert.ok(isLandingRefusal(res), JSON.stringify(res.body));
    });

    // Only managers can create a site to change; for the others the refusal is checked above.
    describe('changing a site it creates (only with writes allowed)', () => {
      let siteId: number | undefined;
      const me = () => `U${ctx.me.ID}`;
      const rightsOf = async () => ok(await ctx.call('landing.site.getRights', { id: siteId })) as string[];
      const set = async (rights: Json) => assert.equal(ok(await ctx.call('landing.site.setRights', { id: siteId, rights })), true);

      before(async function () {
        // Writes are always allowed on the demo portal; only a real portal run skips without them.
        if (!ctx.allowWrites) this.skip();
        if (!ctx.has('landing') || !manager) return;
        const stamp = Date.now().toString(36);
        siteId = Number(ok(await ctx.call('landing.site.add', { fields: { TITLE: `Contract check ${stamp}`, CODE: `contract-check-${stamp}` } })));
      });

      after(async () => {
        if (siteId === undefined) return;
        // Open the site again first: the checks may have left the caller without the delete operation.
        await ctx.call('landing.site.setRights', { id: siteId, rights: {} });
        ok(await ctx.call('landing.site.delete', { id: siteId }), 'removing the contract check site');
      });

      it('landing.site.add returns the id of a site that getList shows', async () => {
        if (siteId === undefined) return assert.ok(!ctx.has('landing') || !manager, 'no site was created');
        assert.ok(Number.isInteger(siteId) && Number(siteId) > 0);
        const rows = ok(await ctx.call('landing.site.getList', { params: { filter: { ID: siteId } } })) as Json[];
        assert.deepEqual(
          rows.map((r) => Number(r.ID)),
          [siteId],
        );
      });

      it("setRights replaces the set; read is added, unknown operations dropped, denied wins; getRights shows the caller's operations", async () => {
        if (siteId === undefined) return assert.ok(!ctx.has('landing') || !manager, 'no site was created');
        if (roleModel) {
          const before = await rightsOf();
          await set({ [me()]: ['denied'] });
          assert.deepEqual(await rightsOf(), before, 'with the role model on nothing is applied');
          return;
        }
        if (ctx.me.ADMIN) {
          await set({ [me()]: ['denied'] });
          assert.deepEqual(await rightsOf(), ALL_GRANTS, 'an administrator keeps every operation');
          return;
        }
        await set({ [me()]: ['edit', 'no-such-operation'] });
        assert.deepEqual(await rightsOf(), ['read', 'edit']);
        await set({ [me()]: ['edit', 'denied'] });
        assert.deepEqual(await rightsOf(), ['denied']);
        await set({ AU: ['read', 'edit'], [me()]: ['denied'] });
        assert.deepEqual(await rightsOf(), ['denied', 'read', 'edit']);
        await set({ AU: ['sett'] });
        assert.deepEqual(await rightsOf(), ['read', 'sett'], 'the previous set is gone');
        await set({ NOT_A_CODE_42: ['edit'], [me()]: ['public'] });
        assert.deepEqual(await rightsOf(), ['read', 'public'], 'an unsupported code is accepted and grants nothing');
      });
    });
  });
}
