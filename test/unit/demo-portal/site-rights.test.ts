import assert from 'node:assert/strict';
import { setSiteRights, siteOperationsFor, storedSiteRights } from '../../../demo-portal/src/portal/site-rights';
import type { PortalState } from '../../../demo-portal/src/portal/types';
import {
  ALICE_ADMIN,
  BORIS_SALES,
  CAROL_SITE_MANAGER,
  DMITRY_FRONTEND,
  EVA_BACKEND,
  FRANK_SALES_EMEA,
  HENRY_NO_SITES,
  IRENE_EXTRANET,
  freshState,
  userOf,
} from './helpers';

const COMPANY_SITE = 1;
const OPEN_SITE = 3;
const TRASHED_SITE = 5;
const HANDBOOK = 6;

function opsOf(state: PortalState, userId: number, siteId = COMPANY_SITE, section: 'SITE' | 'KNOWLEDGE' = 'SITE') {
  return siteOperationsFor(state, userOf(state, userId), section, siteId);
}

describe('demo portal: site rights (extended model)', () => {
  let state: PortalState;
  beforeEach(() => {
    state = freshState();
  });

  describe('setRights', () => {
    it('replaces the whole set instead of merging', () => {
      setSiteRights(state, 'SITE', COMPANY_SITE, { U5: ['edit'], AU: ['read'] });
      setSiteRights(state, 'SITE', COMPANY_SITE, { U6: ['read'] });
      assert.deepEqual(storedSiteRights(state, 'SITE', COMPANY_SITE), { U6: ['read'] });
      assert.deepEqual(opsOf(state, EVA_BACKEND), []);
    });

    it('adds read to every code that is not denied', () => {
      setSiteRights(state, 'SITE', COMPANY_SITE, { U5: ['edit'], U6: [] });
      assert.deepEqual(storedSiteRights(state, 'SITE', COMPANY_SITE), { U5: ['read', 'edit'], U6: ['read'] });
    });

    it('keeps only denied when a code lists denied with other operations', () => {
      setSiteRights(state, 'SITE', COMPANY_SITE, { U5: ['edit', 'denied', 'read'] });
      assert.deepEqual(storedSiteRights(state, 'SITE', COMPANY_SITE), { U5: ['denied'] });
      assert.deepEqual(opsOf(state, EVA_BACKEND), ['denied']);
    });

    it('ignores unknown operation codes without an error', () => {
      assert.equal(setSiteRights(state, 'SITE', COMPANY_SITE, { U5: ['read', 'fly', 'EDIT', 'sett'] }), true);
      assert.deepEqual(storedSiteRights(state, 'SITE', COMPANY_SITE), { U5: ['read', 'sett'] });
    });

    it('reads a single operation given as a string like a one-element list', () => {
      setSiteRights(state, 'SITE', COMPANY_SITE, { U5: 'edit' });
      assert.deepEqual(opsOf(state, EVA_BACKEND), ['read', 'edit']);
    });

    it('accepts unsupported access codes silently; they grant nobody anything', () => {
      assert.equal(setSiteRights(state, 'SITE', COMPANY_SITE, { XYZ42: ['edit'], CR: ['read'], U6: ['read'] }), true);
      assert.deepEqual(Object.keys(storedSiteRights(state, 'SITE', COMPANY_SITE) ?? {}), ['XYZ42', 'CR', 'U6']);
      assert.deepEqual(opsOf(state, EVA_BACKEND), []);
    });

    it('clears the individual set for {}, [] or a missing rights parameter', () => {
      for (const empty of [{}, [], undefined]) {
        setSiteRights(state, 'SITE', COMPANY_SITE, { U6: ['read'] });
        setSiteRights(state, 'SITE', COMPANY_SITE, empty);
        assert.deepEqual(storedSiteRights(state, 'SITE', COMPANY_SITE), {});
      }
    });

    it('keeps id 0 as a separate set that leaves real sites alone', () => {
      const before = structuredClone(storedSiteRights(state, 'SITE', COMPANY_SITE));
      assert.equal(setSiteRights(state, 'SITE', 0, { U5: ['edit'] }), true);
      assert.deepEqual(storedSiteRights(state, 'SITE', 0), { U5: ['read', 'edit'] });
      assert.deepEqual(storedSiteRights(state, 'SITE', COMPANY_SITE), before);
      assert.deepEqual(opsOf(state, EVA_BACKEND, OPEN_SITE), ['read', 'edit', 'sett', 'public', 'delete']);
      assert.deepEqual(opsOf(state, EVA_BACKEND, 0), ['read', 'edit']);
    });

    it('returns true and applies nothing while the role model is on', () => {
      const before = structuredClone(storedSiteRights(state, 'SITE', COMPANY_SITE));
      state.roleModel = true;
      assert.equal(setSiteRights(state, 'SITE', COMPANY_SITE, { U5: ['denied'] }), true);
      assert.equal(setSiteRights(state, 'SITE', 0, { U5: ['edit'] }), true);
      state.roleModel = false;
      assert.deepEqual(storedSiteRights(state, 'SITE', COMPANY_SITE), before);
      assert.deepEqual(storedSiteRights(state, 'SITE', 0), {});
      assert.deepEqual(opsOf(state, EVA_BACKEND), ['read']);
    });

    it('returns false for a site that does not exist, is in the trash, or belongs to another section', () => {
      assert.equal(setSiteRights(state, 'SITE', 999, { AU: ['read'] }), false);
      assert.equal(setSiteRights(state, 'SITE', TRASHED_SITE, { AU: ['read'] }), false);
      assert.equal(setSiteRights(state, 'SITE', HANDBOOK, { AU: ['read'] }), false);
      assert.equal(setSiteRights(state, 'KNOWLEDGE', HANDBOOK, { AU: ['read'] }), true);
    });
  });

  describe("getRights: the calling user's effective operations", () => {
    it('differs per user for the same set', () => {
      setSiteRights(state, 'SITE', COMPANY_SITE, { U5: ['edit'], U6: ['sett', 'public'] });
      assert.deepEqual(opsOf(state, EVA_BACKEND), ['read', 'edit']);
      assert.deepEqual(opsOf(state, FRANK_SALES_EMEA), ['read', 'sett', 'public']);
      assert.deepEqual(opsOf(state, BORIS_SALES), []);
    });

    it('joins the operations of every matching code, returning denied next to grants', () => {
      setSiteRights(state, 'SITE', COMPANY_SITE, { AU: ['read', 'edit'], U5: ['denied'] });
      assert.deepEqual(opsOf(state, EVA_BACKEND), ['denied', 'read', 'edit']);
      assert.deepEqual(opsOf(state, DMITRY_FRONTEND), ['read', 'edit']);
    });

    it('matches G codes by portal group membership, G2 being everyone', () => {
      setSiteRights(state, 'SITE', COMPANY_SITE, { G3: ['edit'] });
      assert.deepEqual(opsOf(state, EVA_BACKEND), ['read', 'edit']);
      assert.deepEqual(opsOf(state, IRENE_EXTRANET), []);
      setSiteRights(state, 'SITE', COMPANY_SITE, { G2: ['read'] });
      assert.deepEqual(opsOf(state, IRENE_EXTRANET), ['read']);
    });

    it('matches DR codes for the department and every sub-department below it', () => {
      setSiteRights(state, 'SITE', COMPANY_SITE, { DR4: ['edit'] });
      assert.deepEqual(opsOf(state, EVA_BACKEND), ['read', 'edit'], 'Backend is under Development');
      assert.deepEqual(opsOf(state, DMITRY_FRONTEND), ['read', 'edit'], 'Frontend is under Development');
      assert.deepEqual(opsOf(state, FRANK_SALES_EMEA), [], 'Sales EMEA is not');
      setSiteRights(state, 'SITE', COMPANY_SITE, { DR2: ['sett'] });
      assert.deepEqual(opsOf(state, FRANK_SALES_EMEA), ['read', 'sett']);
    });

    it('matches D codes only for direct members of the department', () => {
      setSiteRights(state, 'SITE', COMPANY_SITE, { D4: ['edit'] });
      assert.deepEqual(opsOf(state, EVA_BACKEND), []);
      setSiteRights(state, 'SITE', COMPANY_SITE, { D7: ['edit'] });
      assert.deepEqual(opsOf(state, EVA_BACKEND), ['read', 'edit']);
    });

    it('matches SG codes for workgroup members, with _A for the owner only', () => {
      setSiteRights(state, 'SITE', COMPANY_SITE, { SG1: ['edit'] });
      assert.deepEqual(opsOf(state, EVA_BACKEND), ['read', 'edit'], 'member');
      assert.deepEqual(opsOf(state, DMITRY_FRONTEND), ['read', 'edit'], 'moderator');
      assert.deepEqual(opsOf(state, BORIS_SALES), [], 'not in the group');
      setSiteRights(state, 'SITE', COMPANY_SITE, { SG1_A: ['sett'] });
      assert.deepEqual(opsOf(state, CAROL_SITE_MANAGER), ['read', 'sett'], 'owner');
      assert.deepEqual(opsOf(state, EVA_BACKEND), []);
    });

    it('matches AU and UA for every user, extranet included', () => {
      for (const code of ['AU', 'UA']) {
        setSiteRights(state, 'SITE', COMPANY_SITE, { [code]: ['edit'] });
        assert.deepEqual(opsOf(state, IRENE_EXTRANET), ['read', 'edit'], code);
        assert.deepEqual(opsOf(state, BORIS_SALES), ['read', 'edit'], code);
      }
    });

    it('gives a portal administrator every operation whatever the set says', () => {
      setSiteRights(state, 'SITE', COMPANY_SITE, { U1: ['denied'] });
      assert.deepEqual(opsOf(state, ALICE_ADMIN), ['read', 'edit', 'sett', 'public', 'delete']);
    });

    it('opens a site without individual rights to everyone with access to the section', () => {
      assert.deepEqual(opsOf(state, BORIS_SALES, OPEN_SITE), ['read', 'edit', 'sett', 'public', 'delete']);
      assert.deepEqual(opsOf(state, HENRY_NO_SITES, OPEN_SITE), []);
    });

    it('returns [] for unknown, trashed and other-section sites', () => {
      assert.deepEqual(opsOf(state, ALICE_ADMIN, 999), []);
      assert.deepEqual(opsOf(state, ALICE_ADMIN, TRASHED_SITE), []);
      assert.deepEqual(opsOf(state, ALICE_ADMIN, HANDBOOK), []);
      assert.deepEqual(opsOf(state, EVA_BACKEND, HANDBOOK, 'KNOWLEDGE'), ['read']);
    });
  });
});
