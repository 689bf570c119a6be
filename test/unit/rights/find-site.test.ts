import assert from 'node:assert/strict';
import { findSiteOnPortal } from '../../../client/src/rights/tree-loader';
import { FakeApi } from './fake-api';

describe('rights/findSiteOnPortal', () => {
  it('finds a site by id in whichever section lists it', async () => {
    const api = new FakeApi(2);
    api.sites.push({ id: 9, title: 'Handbook', code: 'handbook', type: 'KNOWLEDGE', rights: {} });
    assert.deepEqual(await findSiteOnPortal(api, 9), { id: 9, title: 'Handbook', code: 'handbook', type: 'KNOWLEDGE', section: 'KNOWLEDGE' });
    assert.deepEqual(await findSiteOnPortal(api, 2), { id: 2, title: 'Site 2', code: 'site-2', type: 'PAGE', section: 'SITE' });
    const knowledge = api.calls.find((c) => c.params.scope === 'KNOWLEDGE');
    assert.deepEqual((knowledge?.params.params as { filter: unknown }).filter, { ID: 9 });
  });

  it('finds nothing for a site no section lists (deleted, trashed or hidden)', async () => {
    const api = new FakeApi(2);
    assert.equal(await findSiteOnPortal(api, 5), undefined);
    assert.equal(api.calls.length, 3, 'every section is asked once');
  });
});
