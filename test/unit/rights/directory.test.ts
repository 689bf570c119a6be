import assert from 'node:assert/strict';
import { startDemoPortal, type DemoPortal } from '../../../demo-portal/src';
import { parseWebhookUrl } from '../../../client/src/portal/portal-url';
import { RestClient } from '../../../client/src/portal/rest-client';
import type { RightsApi } from '../../../client/src/rights/api';
import { departmentChoices, listDepartments, listWorkgroups, searchUsers } from '../../../client/src/rights/directory';
import { parseAccessCode } from '../../../client/src/rights/access-codes';

/** Answers each method from a table; records the params. */
function tableApi(answers: Record<string, (params: Record<string, unknown>) => unknown>): RightsApi & { seen: Record<string, unknown>[] } {
  const seen: Record<string, unknown>[] = [];
  return {
    portal: 'https://example.bitrix24.com',
    seen,
    async call<T>(method: string, params: Record<string, unknown> = {}) {
      seen.push({ method, ...params });
      return answers[method](params) as T;
    },
  };
}

describe('rights/directory', () => {
  it('turns user search results into U<id> choices, marking inactive users', async () => {
    const api = tableApi({
      'user.search': () => [
        { ID: '3', NAME: 'Carol', LAST_NAME: 'Diaz', WORK_POSITION: 'Marketing lead', ACTIVE: true },
        { ID: '7', NAME: 'Grace', LAST_NAME: 'Lee', ACTIVE: false },
        { ID: 'x' },
      ],
    });
    const users = await searchUsers(api, 'a');
    assert.deepEqual(users, [
      { code: 'U3', label: 'Carol Diaz', description: 'U3', detail: 'Marketing lead' },
      { code: 'U7', label: 'Grace Lee', description: 'U7 · inactive', detail: undefined },
    ]);
    assert.deepEqual(api.seen[0], { method: 'user.search', FILTER: { FIND: 'a' } });
  });

  it('orders departments as a tree and survives a parent cycle', async () => {
    const api = tableApi({
      'department.get': () => [
        { ID: '2', NAME: 'Sales', PARENT: '1' },
        { ID: '1', NAME: 'Company' },
        { ID: '5', NAME: 'EMEA', PARENT: '2' },
        { ID: '8', NAME: 'Loop A', PARENT: '9' },
        { ID: '9', NAME: 'Loop B', PARENT: '8' },
      ],
    });
    const list = await listDepartments(api);
    assert.deepEqual(list.slice(0, 3), [
      { id: 1, name: 'Company', depth: 0 },
      { id: 2, name: 'Sales', depth: 1 },
      { id: 5, name: 'EMEA', depth: 2 },
    ]);
    const choices = departmentChoices(list.slice(0, 3), true);
    assert.deepEqual(
      choices.map((c) => [c.code, c.label]),
      [
        ['DR1', 'Company'],
        ['DR2', '  Sales'],
        ['DR5', '    EMEA'],
      ],
    );
    assert.equal(departmentChoices(list, false)[0].code, 'D1');
  });

  it('pages through departments 50 at a time', async () => {
    const api = tableApi({
      'department.get': (p) => Array.from({ length: Number(p.START) === 0 ? 50 : 3 }, (_, i) => ({ ID: String(Number(p.START) + i + 1), NAME: `D${i}` })),
    });
    assert.equal((await listDepartments(api)).length, 53);
    assert.deepEqual(
      api.seen.map((s) => s.START),
      [0, 50],
    );
  });

  describe('against the demo portal', () => {
    let portal: DemoPortal;
    let api: RestClient;
    before(async () => {
      portal = await startDemoPortal({ port: 0, rateLimit: false });
      const loc = parseWebhookUrl(portal.webhooks.admin);
      if (!loc.ok) throw new Error('webhook did not parse');
      api = new RestClient({ credentials: { kind: 'webhook', ...loc.value }, retry: { maxAttempts: 1 } });
    });
    after(async () => portal?.close());

    it('offers valid access codes for users, departments and workgroups', async () => {
      const users = await searchUsers(api, 'Carol');
      assert.ok(
        users.some((u) => u.code === 'U3' && u.label === 'Carol Diaz'),
        JSON.stringify(users),
      );
      const deps = departmentChoices(await listDepartments(api), true);
      assert.ok(deps.some((d) => d.code === 'DR3' && d.label.trim() === 'Marketing'));
      const groups = await listWorkgroups(api);
      assert.ok(groups.length > 0);
      for (const c of [...users, ...deps, ...groups]) assert.ok(parseAccessCode(c.code).ok, c.code);
    });
  });
});
