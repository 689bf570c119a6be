import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadState } from '../../../demo-portal/src/persistence';
import { restCall, type Json } from '../../contract/rest-call';

const MAIN = join(__dirname, '../../../demo-portal/src/main.ts');

interface Started {
  child: ChildProcess;
  line: { baseUrl: string; webhooks: Record<string, string>; oauth: Json };
}

/** Starts the command-line tool from source and waits for its JSON line (its readiness signal). */
async function startCli(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing its line: ${err}`)));
  });
  return { child, line: JSON.parse(line) as Started['line'] };
}

describe('bitrix24-demo-portal command line', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(async () => {
    dir = await fsp.mkdtemp(join(tmpdir(), 'demo-portal-cli-'));
  });
  afterEach(async () => {
    await fsp.rm(dir, { recursive: true, force: true });
  });

  it('prints one JSON line with base URL, webhooks and OAuth app, serves them, and exits cleanly on SIGTERM', async () => {
    const statePath = join(dir, 'state.json');
    const { child, line } = await startCli(['--port', '0', '--state', statePath, '--quiet']);
    assert.match(line.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(line.webhooks.admin, new RegExp(`^${line.baseUrl}/rest/1/[a-z0-9]{16}/$`));
    assert.match(line.webhooks.user, new RegExp(`^${line.baseUrl}/rest/5/[a-z0-9]{16}/$`));
    assert.deepEqual(Object.keys(line.oauth).sort(), ['authorizeUrl', 'clientEndpoint', 'clientId', 'clientSecret', 'tokenUrl']);
    assert.equal(((await restCall(line.webhooks.user, 'profile')).body.result as Json).ID, '5');
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
    assert.ok(await loadState(statePath));

    const again = await startCli(['--port', '0', '--state', statePath, '--quiet']);
    assert.equal(again.line.webhooks.admin.replace(again.line.baseUrl, ''), line.webhooks.admin.replace(line.baseUrl, ''), 'codes come from the state file');
    again.child.kill('SIGINT');
    assert.equal((await once(again.child, 'exit'))[0], 0);
  });

  it('leaves a complete state file when killed in the middle of writes', async () => {
    const statePath = join(dir, 'state.json');
    const { child, line } = await startCli(['--state', statePath, '--quiet', '--rate-limit', 'off']);
    const writes = Array.from({ length: 40 }, (_, i) =>
      restCall(line.webhooks.admin, 'landing.site.setRights', { id: 1, rights: { [`U${i}`]: ['edit'] } }).catch(() => undefined),
    );
    await Promise.race(writes);
    child.kill('SIGKILL');
    await once(child, 'exit');
    await Promise.all(writes);
    const state = await loadState(statePath);
    assert.ok(state && state.sites.length > 0, 'the file parses as a whole state');
  });

  it('explains a bad option and exits with status 2', async () => {
    const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), MAIN, '--seed', 'huge'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const [code] = await once(child, 'exit');
    assert.equal(code, 2);
    assert.match(err, /--seed must be one of default, large/);
  });
});
