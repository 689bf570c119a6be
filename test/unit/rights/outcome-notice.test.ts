import assert from 'node:assert/strict';
import { applyRights, ApplyDeps } from '../../../client/src/rights/apply';
import { noticeFor } from '../../../client/src/rights/outcome-notice';
import { newRightsFile, withRule } from '../../../client/src/rights/rights-file';
import { saveRights } from '../../../client/src/rights/rights-store';
import { FakeApi, networkError, portalError } from './fake-api';
import { MemoryFs } from './memory-fs';

/** Applies `{ AU: read }` to site 1 of a fake portal prepared by `arrange`, and returns the outcome. */
async function outcome(arrange: (api: FakeApi) => void = () => undefined, answer = true) {
  const api = new FakeApi();
  const fs = new MemoryFs();
  await saveRights(
    fs,
    'example.bitrix24.com',
    withRule(newRightsFile('example.bitrix24.com', { id: 1, code: 'site-1', title: 'Site 1', type: 'PAGE' }), 'AU', ['read']),
  );
  arrange(api);
  const deps: ApplyDeps = { api, fs, confirm: async () => answer };
  return applyRights(deps, 1);
}

describe('rights/outcome-notice', () => {
  it('reports a verified apply as information, with what the user now has', async () => {
    const out = await outcome();
    const n = noticeFor(out, 1);
    assert.equal(n?.level, 'info');
    assert.match(n?.text ?? '', /^Applied 1 rule to "Site 1" \(#1\).*The portal confirms your own rights on this site are /);
  });

  it('says nothing when the user cancelled', async () => {
    assert.equal(noticeFor(await outcome(() => undefined, false), 1), undefined);
  });

  it("reports a rejected save as an error with the failure's buttons", async () => {
    const out = await outcome((api) => api.failNext('landing.site.setRights', portalError('IS_NOT_ADMIN')));
    const n = noticeFor(out, 1);
    assert.equal(n?.level, 'error');
    assert.match(n?.text ?? '', /administrator/);
    assert.deepEqual(
      n?.actions.map((a) => a.title),
      out.failure?.actions.map((a) => a.title),
    );
    assert.ok(n && n.actions.length > 0);
  });

  it('offers to switch the model back when the role model stopped the apply', async () => {
    const out = await outcome((api) => (api.roleModel = true));
    assert.equal(out.abortReason, 'role-model');
    const n = noticeFor(out, 1);
    assert.equal(n?.level, 'warning');
    assert.deepEqual(
      n?.actions.map((a) => a.command),
      ['bitrix24.rights.switchToExtended'],
    );
  });

  it('tells that an unreachable portal changed nothing, with Refresh and Reconnect', async () => {
    const out = await outcome((api) => api.failNext('landing.role.isEnabled', networkError()));
    const n = noticeFor(out, 1);
    assert.equal(n?.level, 'warning');
    assert.match(n?.text ?? '', /unreachable.*Nothing was changed/);
    assert.deepEqual(
      n?.actions.map((a) => a.title),
      ['Refresh', 'Reconnect'],
    );
  });

  it('points an invalid rights file at the file of the site asked for', () => {
    const n = noticeFor({ status: 'invalid-file', message: 'The rights file has problems; fix them first.', problems: ['1:2: JSON syntax error.'] }, 7);
    assert.equal(n?.level, 'error');
    assert.equal(n?.text, 'The rights file has problems; fix them first. 1:2: JSON syntax error.');
    assert.deepEqual(n?.actions, [{ title: 'Open Rights File', command: 'bitrix24.rights.openRightsFile', args: [7] }]);
  });
});
