/**
 * Runs the contract suite (test/contract) against a demo portal with each of
 * its seeded webhooks, and against a real portal when BITRIX24_TEST_WEBHOOK
 * is set (read-only unless BITRIX24_TEST_ALLOW_WRITES=1).
 */
import { startDemoPortal, type DemoPortal } from '../../../demo-portal/src/index';
import { describePortalContract } from '../../contract/portal-contract';

describe('demo portal against the contract suite', () => {
  let portal: DemoPortal | undefined;
  before(async () => {
    // The large seed makes the paging checks run. The rate limit has its own test; here it
    // would only slow the suite down, since all four runs come from one address.
    portal = await startDemoPortal({ seed: 'large', rateLimit: false });
  });
  after(async () => {
    await portal?.close();
  });
  const target = (name: string) => () => {
    if (!portal) throw new Error('the demo portal did not start');
    return { webhookUrl: portal.webhooks[name], allowWrites: true };
  };

  describePortalContract('demo portal, administrator webhook', target('admin'));
  describePortalContract('demo portal, ordinary user webhook', target('user'));
  describePortalContract('demo portal, site manager webhook (landing + user_brief)', target('manager'));
  describePortalContract('demo portal, webhook with user_brief only', target('limited'));
});

const realWebhook = process.env.BITRIX24_TEST_WEBHOOK;
if (realWebhook) {
  describePortalContract('real portal (BITRIX24_TEST_WEBHOOK)', () => ({
    webhookUrl: realWebhook,
    allowWrites: process.env.BITRIX24_TEST_ALLOW_WRITES === '1',
  }));
} else {
  describe('real portal against the contract suite', () => {
    it.skip('set BITRIX24_TEST_WEBHOOK to a webhook URL to run the same checks against a real portal');
  });
}
