/**
 * Contract checks for the role model (`landing.role.*`): roles per site type,
 * rights per site key (`0` = default), holders, and who may call what. Read
 * checks run everywhere; checks that change a role run only with writes
 * allowed and put the role's rights back (holders are never changed: the
 * portal cannot return them, so they could not be put back).
 */
import assert from 'node:assert/strict';
import { fails, ok, type ContractContext } from './contract-context';
import type { Json, RestResponse } from './rest-call';

const OPERATIONS = ['denied', 'read', 'edit', 'sett', 'public', 'delete'];
const MISSING_ID = 987654321;
const SCOPES = [undefined, 'KNOWLEDGE', 'GROUP'] as const;

function isRefusal(res: RestResponse): boolean {
  return res.status === 400 && ['ACCESS_DENIED', 'IS_NOT_ADMIN'].includes(String(res.body.error));
}

/** getRights' answer: `[]`, or an object of site key → list of operation codes. */
function assertRoleRights(result: unknown, what: string): Record<string, string[]> {
  if (Array.isArray(result)) {
    assert.equal(result.length, 0, `${what}: a list answer must be the empty array`);
    return {};
  }
  assert.ok(result && typeof result === 'object', `${what}: ${JSON.stringify(result)}`);
  for (const [key, ops] of Object.entries(result as Json)) {
    assert.match(key, /^(0|[1-9]\d*)$/, `${what}: key ${key}`);
    assert.ok(Array.isArray(ops) && ops.every((op) => OPERATIONS.includes(String(op))), `${what}.${key}: ${JSON.stringify(ops)}`);
  }
  return result as Record<string, string[]>;
}

/** Defines the role checks inside the contract suite. */
export function describeRoleContract(ctx: ContractContext): void {
  describe('role model', () => {
    let manager = false;
    let model = false;
    const withScope = (scope: string | undefined, params: Json = {}): Json => (scope ? { scope, ...params } : params);

    before(async () => {
      if (!ctx.has('landing')) return;
      const res = await ctx.call('landing.role.isEnabled');
      manager = res.status === 200;
      model = res.body.result === true;
    });

    /**
     * What a caller the role checks below do not apply to gets instead (so no check is skipped):
     * insufficient_scope without the landing scope, a 400 refusal without full access to Sites.
     */
    const refusedHere = async (): Promise<void> => {
      const res = await ctx.call('landing.role.getList');
      if (!ctx.has('landing')) return fails(res, 403, 'insufficient_scope');
      assert.ok(isRefusal(res), JSON.stringify(res.body));
    };

    it('every role method answers a 400 refusal to users without full access to Sites and Stores', async function () {
      if (!ctx.has('landing')) return refusedHere();
      if (manager) return; // managers get answers: the checks below
      for (const [method, params] of [
        ['landing.role.getList', {}],
        ['landing.role.getRights', { id: 1 }],
        ['landing.role.setRights', { id: MISSING_ID, rights: { 0: ['read'] } }],
        ['landing.role.setAccessCodes', { id: MISSING_ID, codes: [] }],
      ] as const) {
        const res = await ctx.call(method, params);
        assert.ok(isRefusal(res), `${method}: ${JSON.stringify(res.body)}`);
      }
    });

    it('getList gives each site type its own roles (ID, TITLE, XML_ID); getRights answers per site key', async function () {
      if (!ctx.has('landing') || !manager) return refusedHere();
      const seen = new Map<string, string>();
      for (const scope of SCOPES) {
        const roles = ok(await ctx.call('landing.role.getList', withScope(scope)), `getList ${scope ?? 'SITE'}`) as Json[];
        for (const r of roles) {
          assert.deepEqual(Object.keys(r).sort(), ['ID', 'TITLE', 'XML_ID']);
          assert.match(String(r.ID), /^\d+$/);
          assert.equal(seen.get(String(r.ID)), undefined, `role ${r.ID} listed for two site types`);
          seen.set(String(r.ID), scope ?? 'SITE');
          assertRoleRights(ok(await ctx.call('landing.role.getRights', withScope(scope, { id: r.ID }))), `role ${r.ID}`);
        }
      }
    });

    it("a role read with another site type's scope, or no role at all, is ROLE_SCOPE_MISMATCH", async function () {
      if (!ctx.has('landing') || !manager) return refusedHere();
      const kb = ok(await ctx.call('landing.role.getList', { scope: 'KNOWLEDGE' })) as Json[];
      if (kb[0]) fails(await ctx.call('landing.role.getRights', { id: kb[0].ID }), 400, 'ROLE_SCOPE_MISMATCH');
      fails(await ctx.call('landing.role.getRights', { id: MISSING_ID }), 400, 'ROLE_SCOPE_MISMATCH');
      fails(await ctx.call('landing.role.setRights', { id: MISSING_ID, rights: { 0: ['read'] } }), 400, 'ROLE_SCOPE_MISMATCH');
      fails(await ctx.call('landing.role.setAccessCodes', { id: MISSING_ID, codes: ['AU'] }), 400, 'ROLE_SCOPE_MISMATCH');
    });

    it('setRights needs id and rights, setAccessCodes needs id (MISSING_PARAMS)', async function () {
      if (!ctx.has('landing') || !manager) return refusedHere();
      fails(await ctx.call('landing.role.setRights', { rights: { 0: ['read'] } }), 400, 'MISSING_PARAMS');
      fails(await ctx.call('landing.role.setRights', { id: MISSING_ID }), 400, 'MISSING_PARAMS');
      fails(await ctx.call('landing.role.setAccessCodes', { codes: ['AU'] }), 400, 'MISSING_PARAMS');
    });

    describe("changing a role's rights (only with writes allowed; put back afterwards)", () => {
      let roleId: string | undefined;
      let original: Record<string, string[]> = {};
      const rights = async () => assertRoleRights(ok(await ctx.call('landing.role.getRights', { id: roleId })), 'role');
      const set = async (value: Json) => assert.equal(ok(await ctx.call('landing.role.setRights', { id: roleId, rights: value })), true);

      before(async function () {
        // Writes are always allowed on the demo portal; only a real portal run skips without them.
        if (!ctx.allowWrites) this.skip();
        if (!ctx.has('landing') || !manager) return;
        for (const r of ok(await ctx.call('landing.role.getList')) as Json[]) {
          const current = assertRoleRights(ok(await ctx.call('landing.role.getRights', { id: r.ID })), 'role');
          if (Object.keys(current).length > 0) {
            roleId = String(r.ID);
            original = current;
            break;
          }
        }
        if (!roleId) this.skip();
      });

      after(async () => {
        if (roleId) await set(original);
      });

      it('an entry for a site that does not exist is skipped without an error; the rest is kept', async () => {
        if (!ctx.has('landing') || !manager) return refusedHere();
        await set({ ...original, [MISSING_ID]: ['read'] });
        assert.deepEqual(await rights(), original);
      });

      it('the new set replaces the old one; a value that is not a list drops that entry', async () => {
        if (!ctx.has('landing') || !manager) return refusedHere();
        const [key] = Object.keys(original);
        await set({ ...original, [key]: 'read' });
        const now = await rights();
        assert.equal(now[key], undefined, `entry ${key} was not a list and is skipped`);
        await set(original);
        assert.deepEqual(await rights(), original);
      });

      it('landing.role.enable with a site type scope keeps the model switch to the portal administrator', async () => {
        if (!ctx.has('landing') || !manager) return refusedHere();
        const res = await ctx.call('landing.role.enable', { mode: model ? 1 : 0, scope: 'KNOWLEDGE' });
        if (ctx.me.ADMIN) assert.equal(ok(res), true);
        else fails(res, 400, 'IS_NOT_ADMIN');
        assert.equal(ok(await ctx.call('landing.role.isEnabled')), model, 'the model is unchanged');
      });
    });
  });
}
