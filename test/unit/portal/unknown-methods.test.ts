/** `method.get` checks for methods the catalogue does not know. */
import assert from 'node:assert/strict';
import type { BatchCommand, BatchItem } from '../../../client/src/portal';
import { PortalError } from '../../../client/src/portal/errors';
import { checkUnknownMethods, MAX_METHODS_PER_CHECK } from '../../../client/src/portal/unknown-methods';

/** A client whose batch answers from `known` (name → available) and records what it was asked. */
function fakeClient(known: Record<string, boolean>, failing: string[] = []) {
  const asked: BatchCommand[][] = [];
  return {
    asked,
    async batch(commands: Record<string, BatchCommand> | BatchCommand[]): Promise<Map<string, BatchItem>> {
      const list = Array.isArray(commands) ? commands : Object.values(commands);
      asked.push(list);
      return new Map(
        list.map((c, i): [string, BatchItem] => {
          const name = String(c.params?.name);
          if (failing.includes(name)) return [String(i), { ok: false, error: new PortalError({ kind: 'server', message: 'failed' }) }];
          return [String(i), { ok: true, result: { isExisting: name in known, isAvailable: known[name] === true } }];
        }),
      );
    },
  };
}

describe('checking unknown methods with method.get', () => {
  it('asks once per lower-cased name and reports existence and availability', async () => {
    const client = fakeClient({ 'vendor.a.run': true, 'vendor.b.run': false });
    const answers = await checkUnknownMethods(client, ['Vendor.A.Run', 'vendor.a.run', 'vendor.b.run', 'vendor.c.run']);
    assert.deepEqual(answers, {
      'vendor.a.run': { exists: true, available: true },
      'vendor.b.run': { exists: true, available: false },
      'vendor.c.run': { exists: false, available: false },
    });
    assert.deepEqual(
      client.asked[0].map((c) => [c.method, c.params?.name]),
      [
        ['method.get', 'vendor.a.run'],
        ['method.get', 'vendor.b.run'],
        ['method.get', 'vendor.c.run'],
      ],
    );
  });

  it('leaves out names the portal could not answer for, and never asks about things that are not method names', async () => {
    const client = fakeClient({ 'vendor.a.run': true }, ['vendor.b.run']);
    const answers = await checkUnknownMethods(client, ['vendor.a.run', 'vendor.b.run', 'not a method', 'profile/../x', '']);
    assert.deepEqual(Object.keys(answers), ['vendor.a.run']);
    assert.equal(client.asked[0].length, 2);
  });

  it('makes no request for nothing, and caps a single check', async () => {
    const client = fakeClient({});
    assert.deepEqual(await checkUnknownMethods(client, []), {});
    assert.equal(client.asked.length, 0);
    await checkUnknownMethods(
      client,
      Array.from({ length: MAX_METHODS_PER_CHECK + 20 }, (_, i) => `vendor.m${i}.run`),
    );
    assert.equal(client.asked[0].length, MAX_METHODS_PER_CHECK);
  });
});
