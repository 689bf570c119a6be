/** `bitrix24-scopes check|scan` on real-world folders: exclusions, unreadable files, and text output that cannot forge lines. */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as check from '../../../server/src/cli/check';
import * as scan from '../../../server/src/cli/scan';

async function run(command: typeof check, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await command.run(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('bitrix24-scopes on a 1C-Bitrix site', () => {
  let dir: string;
  const put = (rel: string, text: string) => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'b24-site-'));
    put('bitrix24.json', '{ "kind": "webhook", "scopes": ["crm"] }\n');
    put('bitrix/modules/main/tools.js', "BX24.callMethod('tasks.task.add');\n");
    put('upload/cache/a.js', "BX24.callMethod('tasks.task.add');\n");
    put('local/js/app.js', "BX24.callMethod('crm.item.add');\n");
    put('local/js/legacy/old.js', "BX24.callMethod('im.notify.system.add');\n");
  });
  afterEach(() => {
    chmodSync(dir, 0o700);
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves the core and uploads out by default and says so on stderr', async () => {
    const { code, out, err } = await run(check, [dir, '--exclude', 'local/js/legacy']);
    assert.equal(code, 0, out);
    assert.match(out, /0 error\(s\), 0 warning\(s\), 0 hint\(s\); 1 manifest\(s\), 1 file\(s\) checked/);
    assert.match(err, /not scanned: bitrix\/, local\/js\/legacy\/, upload\//);
  });

  it('checks the core with --no-default-exclude', async () => {
    const { code, out } = await run(check, [dir, '--no-default-exclude', '--exclude=local']);
    assert.equal(code, 1);
    assert.match(out, /^bitrix\/modules\/main\/tools\.js:1:\d+ hint missing-scope-call/m);
    assert.match(out, /^upload\/cache\/a\.js:1:\d+ hint missing-scope-call/m);
    assert.doesNotMatch(out, /local\//);
  });
});

describe('bitrix24-scopes text output', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'b24-escape-'));
    const forged = 'x\\nsrc/app.js:1:1 error missing-scope forged\\u001b[2K';
    writeFileSync(join(dir, 'bitrix24.json'), `{ "kind": "webhook", "scopes": ["${forged}"] }\n`);
    writeFileSync(join(dir, 'app.js'), "BX24.callMethod('crm.\\u001b[31mlead.add');\n");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('check writes control characters from a manifest as escapes, one finding per line', async () => {
    const { out } = await run(check, [dir]);
    assert.doesNotMatch(out, /\u001b/);
    assert.doesNotMatch(out, /^src\/app\.js:1:1 error missing-scope forged/m);
    assert.match(out, /'x\\x0asrc\/app\.js:1:1 error missing-scope forged\\x1b\[2K' is not a Bitrix24 scope/);
  });

  it('scan and check write control characters in file names as escapes', async () => {
    writeFileSync(join(dir, 'evil\nforged.js:1:1 crm.lead.add crm.js'), "BX24.callMethod('tasks.task.add');\n");
    const scanned = await run(scan, [dir]);
    assert.match(scanned.out, /^evil\\x0aforged\.js:1:1 crm\.lead\.add crm\.js:1:\d+ tasks\.task\.add task$/m);
    const checked = await run(check, [dir]);
    assert.match(checked.out, /^evil\\x0aforged\.js:1:1 crm\.lead\.add crm\.js:1:\d+ hint missing-scope-call/m);
    assert.match(checked.out, /^ {2}evil\\x0aforged\.js:1:1 crm\.lead\.add crm\.js:1:\d+ 'tasks\.task\.add' needs 'task'$/m);
  });
});
