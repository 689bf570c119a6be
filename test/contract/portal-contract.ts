/**
 * The contract suite: checks of documented request/response shapes and
 * errors that hold on any Bitrix24 portal. Run against the demo portal in
 * the unit tier, and against a real portal when BITRIX24_TEST_WEBHOOK is
 * set, it shows whether the demo portal behaves like the real thing.
 * Checks adapt to the webhook's scopes and to whether its user is an admin.
 */
import assert from 'node:assert/strict';
import { describeLandingContract } from './landing-contract';
import { describeRoleContract } from './role-contract';
import { fails, ok, type ContractContext } from './contract-context';
import { restCall, withWrongCode, type Json } from './rest-call';

export interface ContractTarget {
  /** Webhook base URL, `https://host/rest/<user>/<code>/`. */
  webhookUrl: string;
  /** Whether checks that create and change data may run (they clean up after themselves). */
  allowWrites: boolean;
}

/** Defines the contract suite for a target resolved when the suite starts (the demo portal starts in a `before` hook). */
export function describePortalContract(label: string, target: () => ContractTarget): void {
  describe(`Bitrix24 REST contract: ${label}`, function () {
    this.timeout(60_000);
    const ctx = {} as ContractContext;

    before(async () => {
      const { webhookUrl, allowWrites } = target();
      const call = (method: string, params: Json = {}) => restCall(webhookUrl, method, params);
      const me = ok(await call('profile'), 'profile') as ContractContext['me'];
      const scopes = ok(await call('scope'), 'scope') as string[];
      Object.assign(ctx, { url: webhookUrl, allowWrites, me, scopes, call, has: (s: string) => scopes.includes(s) });
    });

    describe('envelope and transport', () => {
      it('answers profile with result and a time object', async () => {
        const res = await ctx.call('profile');
        const result = ok(res) as Json;
        assert.match(String(result.ID), /^\d+$/);
        assert.equal(typeof result.ADMIN, 'boolean');
        assert.equal(typeof result.NAME, 'string');
        const time = res.body.time as Json;
        for (const key of ['start', 'finish', 'duration']) assert.equal(typeof time[key], 'number', key);
        assert.match(String(time.date_start), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
      });

      it('accepts JSON, form and GET query parameters, with or without .json', async () => {
        for (const [encoding, jsonSuffix] of [
          ['json', true],
          ['form', false],
          ['query', true],
          ['query', false],
        ] as const) {
          const result = ok(await restCall(ctx.url, 'method.get', { name: 'profile' }, { encoding, jsonSuffix }), `${encoding}${jsonSuffix ? ' .json' : ''}`);
          assert.deepEqual(result, { isExisting: true, isAvailable: true });
        }
      });

      it('rejects a wrong webhook code with 401 NO_AUTH_FOUND', async () => {
        fails(await restCall(withWrongCode(ctx.url), 'profile'), 401, 'NO_AUTH_FOUND');
      });

      it('answers an unknown method with 404 ERROR_METHOD_NOT_FOUND', async () => {
        fails(await ctx.call('contract.no_such.method'), 404, 'ERROR_METHOD_NOT_FOUND');
      });
    });

    describe('basic scope', () => {
      it('scope lists scope codes; full=true lists at least those', async () => {
        assert.ok(ctx.scopes.every((s) => typeof s === 'string'));
        const all = ok(await ctx.call('scope', { full: true })) as string[];
        assert.ok(
          ctx.scopes.every((s) => all.includes(s)),
          `${ctx.scopes} not all in ${all}`,
        );
      });

      it('method.get reports existence and availability', async () => {
        assert.deepEqual(ok(await ctx.call('method.get', { name: 'no.such.method' })), { isExisting: false, isAvailable: false });
        assert.deepEqual(ok(await ctx.call('method.get', { name: 'user.current' })), {
          isExisting: true,
          isAvailable: ['user', 'user_basic', 'user_brief'].some(ctx.has),
        });
      });

      it('access.name names AU and the caller, leaves out unknown codes, and is false without codes', async () => {
        const names = ok(await ctx.call('access.name', { ACCESS: ['AU', `U${ctx.me.ID}`, 'ZZ424242'] })) as Record<string, Json>;
        assert.equal(names.AU.provider_id, 'other');
        assert.equal(typeof names.AU.name, 'string');
        assert.equal(typeof names[`U${ctx.me.ID}`]?.name, 'string');
        assert.equal(names.ZZ424242, undefined);
        assert.equal(ok(await ctx.call('access.name', {})), false);
      });

      it('batch returns per-key results and errors, resolves $result references and honours halt', async () => {
        const cmd = { me: 'profile', again: 'method.get?name=$result[me][ID]', bad: 'contract.no_such.method', after: 'profile' };
        const out = ok(await ctx.call('batch', { cmd })) as Json;
        assert.equal((out.result as Json & { me: Json }).me.ID, ctx.me.ID);
        assert.deepEqual((out.result as Json).again, { isExisting: false, isAvailable: false });
        assert.equal(((out.result_error as Json).bad as Json).error, 'ERROR_METHOD_NOT_FOUND');
        assert.ok((out.result as Json).after);
        assert.ok((out.result_time as Json).me);
        const halted = ok(await ctx.call('batch', { cmd, halt: 1 })) as Json;
        assert.equal((halted.result as Json).after, undefined);
      });
    });

    describe('users, departments, workgroups', () => {
      it('user.current is the profile user, or insufficient_scope without a user scope', async function () {
        const res = await ctx.call('user.current');
        if (!['user', 'user_basic', 'user_brief'].some(ctx.has)) return fails(res, 403, 'insufficient_scope');
        assert.equal((ok(res) as Json).ID, ctx.me.ID);
      });

      it('user.get filters by ID and reports total', async function () {
        if (!['user', 'user_basic', 'user_brief'].some(ctx.has)) this.skip();
        const res = await ctx.call('user.get', { FILTER: { ID: ctx.me.ID } });
        assert.deepEqual(
          (ok(res) as Json[]).map((u) => u.ID),
          [ctx.me.ID],
        );
        assert.equal(res.body.total, 1);
      });

      it('user.get pages by 50 with next', async function () {
        if (!['user', 'user_basic', 'user_brief'].some(ctx.has)) this.skip();
        const first = await ctx.call('user.get', { sort: 'ID', order: 'ASC' });
        const total = Number(first.body.total);
        if (total <= 50) return assert.equal(first.body.next, undefined);
        assert.equal((ok(first) as Json[]).length, 50);
        assert.equal(first.body.next, 50);
        const second = ok(await ctx.call('user.get', { sort: 'ID', order: 'ASC', start: 50 })) as Json[];
        const firstIds = new Set((first.body.result as Json[]).map((u) => u.ID));
        assert.ok(second.length > 0 && second.every((u) => !firstIds.has(u.ID)));
      });

      it('user.search FIND finds the caller by first name', async function () {
        if (!['user', 'user_basic', 'user_brief'].some(ctx.has) || !ctx.me.NAME) this.skip();
        const found = ok(await ctx.call('user.search', { FILTER: { FIND: ctx.me.NAME } })) as Json[];
        assert.ok(found.some((u) => u.ID === ctx.me.ID));
      });

      it('department.get lists departments whose parents exist, or insufficient_scope', async () => {
        const res = await ctx.call('department.get');
        if (!ctx.has('department')) return fails(res, 403, 'insufficient_scope');
        const rows = ok(res) as Json[];
        assert.equal(typeof res.body.total, 'number');
        for (const d of rows) {
          assert.match(String(d.ID), /^\d+$/);
          assert.equal(typeof d.NAME, 'string');
        }
        if (Number(res.body.total) <= 50) {
          const ids = new Set(rows.map((d) => d.ID));
          assert.ok(rows.every((d) => d.PARENT === undefined || ids.has(String(d.PARENT))));
        }
      });

      it('sonet_group.get lists workgroups, or insufficient_scope', async () => {
        const res = await ctx.call('sonet_group.get');
        if (!ctx.has('sonet_group') && !ctx.has('socialnetwork')) return fails(res, 403, 'insufficient_scope');
        for (const g of ok(res) as Json[]) {
          assert.match(String(g.ID), /^\d+$/);
          assert.match(String(g.ACTIVE), /^[YN]$/);
        }
        assert.equal(typeof res.body.total, 'number');
      });
    });

    describeLandingContract(ctx);
    describeRoleContract(ctx);
  });
}
