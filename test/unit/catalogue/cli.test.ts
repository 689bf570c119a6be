import { strict as assert } from 'node:assert';
import { run as catalogCmd } from '../../../server/src/cli/catalogue';
import { run as describeCmd } from '../../../server/src/cli/describe';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out: () => out.join(''), err: () => err.join('') };
}

describe('bitrix24-scopes describe / catalog', () => {
  it('describes a method for people', async () => {
    const c = capture();
    assert.equal(await describeCmd(['crm.lead.add'], c.io), 0);
    assert.match(c.out(), /^crm\.lead\.add \(REST 2\) — Create a New Lead/);
    assert.match(c.out(), /scope: +crm\n/);
    assert.match(c.out(), /deprecated: +yes, use crm\.item\.add/);
    assert.match(c.out(), /https:\/\/apidocs\.bitrix24\.com\/api-reference\/crm\/leads\/crm-lead-add\.html/);
  });

  it('shows both versions of a name, or the one asked for', async () => {
    const both = capture();
    await describeCmd(['TASKS.TASK.GET'], both.io);
    assert.match(both.out(), /\(REST 2\)[\s\S]*scope: +task\n[\s\S]*\(REST 3\.0\)[\s\S]*scope: +tasks\n/);
    const v3 = capture();
    await describeCmd(['tasks.task.get', '--version', '3', '--format', 'json'], v3.io);
    const parsed = JSON.parse(v3.out()) as { methods: { version: number; requirementText: string }[] };
    assert.deepEqual(
      parsed.methods.map((m) => [m.version, m.requirementText]),
      [[3, 'tasks']],
    );
  });

  it('prints machine-readable JSON', async () => {
    const c = capture();
    assert.equal(await describeCmd(['user.get', '--format=json'], c.io), 0);
    const parsed = JSON.parse(c.out()) as { query: string; methods: { requirement: unknown }[] };
    assert.deepEqual(parsed.methods[0].requirement, { kind: 'anyOf', scopes: ['user', 'user_brief', 'user_basic'] });
  });

  it('suggests near names for an unknown method and exits 1', async () => {
    const text = capture();
    assert.equal(await describeCmd(['crm.lead.ad'], text.io), 1);
    assert.match(text.err(), /Did you mean: crm\.lead\.add/);
    const json = capture();
    assert.equal(await describeCmd(['crm.lead.ad', '--format', 'json'], json.io), 1);
    assert.ok((JSON.parse(json.out()) as { suggestions: string[] }).suggestions.includes('crm.lead.add'));
  });

  it('rejects bad usage with exit code 2', async () => {
    const c = capture();
    assert.equal(await describeCmd([], c.io), 2);
    assert.equal(await describeCmd(['a.b', '--format', 'xml'], c.io), 2);
    assert.match(c.err(), /usage|--format/);
  });

  it('prints the whole catalogue as JSON', async () => {
    const c = capture();
    assert.equal(await catalogCmd(['--format', 'json'], c.io), 0);
    const parsed = JSON.parse(c.out()) as { methods: unknown[]; scopes: unknown[]; events: unknown[]; sources: unknown[] };
    assert.ok(parsed.methods.length >= 1650);
    assert.ok(parsed.scopes.length >= 45);
    assert.ok(parsed.events.length > 0 && parsed.sources.length > 0);
  });

  it('lists the methods by default, and prints a per-scope overview and one scope in text', async () => {
    const methods = capture();
    assert.equal(await catalogCmd([], methods.io), 0);
    assert.match(methods.out(), /^All \d+ methods \(REST 2: \d+, REST 3\.0: \d+\)/);
    assert.match(methods.out(), /\n {2}crm\.deal\.add +crm\b/);
    const all = capture();
    assert.equal(await catalogCmd(['--scopes'], all.io), 0);
    assert.match(all.out(), /\n {2}crm +\d+ {2}CRM\n/);
    const one = capture();
    assert.equal(await catalogCmd(['--scope', 'sign.b2e'], one.io), 0);
    assert.match(one.out(), /sign\.b2e\.document\.send {2}sign\.b2e \+ crm/);
    const bad = capture();
    assert.equal(await catalogCmd(['--scope', 'nope'], bad.io), 1);
  });
});
