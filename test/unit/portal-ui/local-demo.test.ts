// Connect offers "Local demo portal" only for the webhook `npm start` hands over, and only on loopback.
import assert from 'node:assert/strict';
import { localDemoWebhook } from '../../../client/src/portal-ui/connect-input';

describe('Connect: the local demo portal choice', () => {
  it('is offered for a loopback webhook from npm start', () => {
    const url = 'http://127.0.0.1:41234/rest/1/abcdef0123456789/';
    assert.equal(localDemoWebhook({ BITRIX24_DEMO_WEBHOOK: url }), url);
    assert.equal(
      localDemoWebhook({ BITRIX24_DEMO_WEBHOOK: 'http://localhost:41234/rest/1/abcdef0123456789/' }),
      'http://localhost:41234/rest/1/abcdef0123456789/',
    );
  });

  it('is not offered without a demo portal, for another host, or for a malformed URL', () => {
    assert.equal(localDemoWebhook({}), undefined);
    assert.equal(localDemoWebhook({ BITRIX24_DEMO_WEBHOOK: '' }), undefined);
    assert.equal(localDemoWebhook({ BITRIX24_DEMO_WEBHOOK: 'https://example.bitrix24.com/rest/1/abcdef0123456789/' }), undefined);
    assert.equal(localDemoWebhook({ BITRIX24_DEMO_WEBHOOK: 'http://127.0.0.1.evil.example/rest/1/abcdef0123456789/' }), undefined);
    assert.equal(localDemoWebhook({ BITRIX24_DEMO_WEBHOOK: 'not a url' }), undefined);
  });
});
