import assert from 'node:assert/strict';
import { parseCliArgs } from '../../../demo-portal/src/cli-args';
import { Faults } from '../../../demo-portal/src/http/faults';
import { LeakyBucket } from '../../../demo-portal/src/http/rate-limit';
import {
  ACCESS_TTL_MS,
  CODE_TTL_MS,
  OAuthError,
  checkAccessToken,
  exchangeToken,
  expireAllAccessTokens,
  issueCode,
} from '../../../demo-portal/src/portal/oauth';
import type { PortalState } from '../../../demo-portal/src/portal/types';
import { EVA_BACKEND, GRACE_DISMISSED, freshState } from './helpers';

describe('demo portal: OAuth tokens', () => {
  let state: PortalState;
  let n = 0;
  const secret = () => `tok${n++}`;
  const T0 = 1_700_000_000_000;
  beforeEach(() => {
    state = freshState();
  });
  const client = () => state.oauthClients[0];
  const grant = (extra: Record<string, unknown>, now = T0) =>
    exchangeToken(state, { client_id: client().clientId, client_secret: client().clientSecret, ...extra }, now, secret);
  const oauthCode = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      assert.ok(error instanceof OAuthError);
      return error.code;
    }
    return assert.fail('expected an OAuth error');
  };

  it('exchanges a code once for a token pair acting as the consenting user', () => {
    const code = issueCode(state, client().clientId, EVA_BACKEND, T0, secret);
    const token = grant({ grant_type: 'authorization_code', code });
    assert.equal(token.userId, EVA_BACKEND);
    assert.equal(token.expiresAt, T0 + ACCESS_TTL_MS);
    assert.equal(checkAccessToken(state, token.accessToken, T0).status, 'valid');
    assert.equal(
      oauthCode(() => grant({ grant_type: 'authorization_code', code })),
      'invalid_grant',
    );
  });

  it('rejects a code older than 30 seconds', () => {
    const code = issueCode(state, client().clientId, EVA_BACKEND, T0, secret);
    assert.equal(
      oauthCode(() => grant({ grant_type: 'authorization_code', code }, T0 + CODE_TTL_MS)),
      'invalid_grant',
    );
  });

  it('reports an access token as expired after an hour and refreshes it with a rotating refresh token', () => {
    const first = grant({ grant_type: 'authorization_code', code: issueCode(state, client().clientId, EVA_BACKEND, T0, secret) });
    const later = T0 + ACCESS_TTL_MS;
    assert.equal(checkAccessToken(state, first.accessToken, later).status, 'expired');
    const second = grant({ grant_type: 'refresh_token', refresh_token: first.refreshToken }, later);
    assert.notEqual(second.accessToken, first.accessToken);
    assert.equal(checkAccessToken(state, second.accessToken, later).status, 'valid');
    assert.equal(
      oauthCode(() => grant({ grant_type: 'refresh_token', refresh_token: first.refreshToken }, later)),
      'invalid_grant',
    );
  });

  it('rejects a wrong client secret, an unknown grant type and missing fields', () => {
    assert.equal(
      oauthCode(() => exchangeToken(state, { grant_type: 'refresh_token', client_id: client().clientId, client_secret: 'x' }, T0, secret)),
      'invalid_client',
    );
    assert.equal(
      oauthCode(() => grant({ grant_type: 'password' })),
      'invalid_request',
    );
    assert.equal(
      oauthCode(() => exchangeToken(state, { grant_type: 'refresh_token' }, T0, secret)),
      'invalid_request',
    );
  });

  it('refuses to authorize a dismissed user', () => {
    assert.equal(
      oauthCode(() => issueCode(state, client().clientId, GRACE_DISMISSED, T0, secret)),
      'invalid_request',
    );
  });

  it('forced expiry ends live access tokens but leaves refresh working', () => {
    const token = grant({ grant_type: 'authorization_code', code: issueCode(state, client().clientId, EVA_BACKEND, T0, secret) });
    assert.equal(expireAllAccessTokens(state, T0 + 1), 1);
    assert.equal(checkAccessToken(state, token.accessToken, T0 + 1).status, 'expired');
    assert.ok(grant({ grant_type: 'refresh_token', refresh_token: token.refreshToken }, T0 + 2).accessToken);
  });
});

describe('demo portal: rate limit', () => {
  it('allows a burst up to the limit, then refuses until the counter drains', () => {
    const bucket = new LeakyBucket({ limit: 3, drainPerSecond: 2 });
    assert.deepEqual(
      [0, 0, 0, 0].map(() => bucket.take('ip', 1000)),
      [true, true, true, false],
    );
    assert.equal(bucket.take('ip', 1400), false, '0.8 drained is not a whole request');
    assert.equal(bucket.take('ip', 1500), true, 'one request drained after half a second at 2/s');
    assert.equal(bucket.take('other-ip', 1500), true, 'counted per client');
  });

  it('sustains the drain rate indefinitely', () => {
    const bucket = new LeakyBucket({ limit: 50, drainPerSecond: 2 });
    for (let i = 0; i < 50; i++) assert.ok(bucket.take('ip', 0));
    for (let i = 1; i <= 20; i++) assert.ok(bucket.take('ip', i * 500), `request at ${i * 500} ms`);
  });
});

describe('demo portal: fault switches', () => {
  const faults = () => {
    const calls: string[] = [];
    const f = new Faults({ expireTokens: () => calls.push('expire'), setRateLimit: (s) => calls.push(`rate ${JSON.stringify(s)}`), rateLimit: () => null });
    return { f, calls };
  };

  it('hands out queued one-shot failures to the matching method only, once', () => {
    const { f } = faults();
    f.set({ failNext: { method: 'landing.site.getList', error: 'INTERNAL_SERVER_ERROR' } });
    assert.equal(f.takeFailure('profile'), undefined);
    const error = f.takeFailure('LANDING.site.getlist');
    assert.equal(error?.code, 'INTERNAL_SERVER_ERROR');
    assert.equal(f.takeFailure('landing.site.getList'), undefined);
  });

  it('rejects unknown switches and nonsense values', () => {
    const { f } = faults();
    assert.throws(() => f.set({ latency: 5 } as never), /unknown switch: latency/);
    assert.throws(() => f.set({ status5xx: 404 }), /status5xx/);
    assert.throws(() => f.set({ failNext: {} as never }), /error code/);
  });

  it('passes token expiry and rate limit changes on, and clear resets the rest', () => {
    const { f, calls } = faults();
    f.set({ expireTokens: true, rateLimit: { limit: 2, drainPerSecond: 0 }, latencyMs: 20, dropConnections: true });
    assert.deepEqual(calls, ['rate {"limit":2,"drainPerSecond":0}', 'expire']);
    f.clear();
    assert.deepEqual(
      { ...f.get(), rateLimit: undefined },
      {
        latencyMs: 0,
        status5xx: null,
        dropConnections: false,
        malformedJson: false,
        failNext: [],
        failAfterApplying: [],
        redirect: null,
        rateLimit: undefined,
      },
    );
  });
});

describe('demo portal: command line', () => {
  it('reads --port, --state, --seed and --rate-limit in both spellings', () => {
    assert.deepEqual(parseCliArgs(['--port', '8080', '--state=/tmp/s.json', '--seed', 'large', '--rate-limit=10/1']), {
      port: 8080,
      statePath: '/tmp/s.json',
      seed: 'large',
      rateLimit: { limit: 10, drainPerSecond: 1 },
      quiet: false,
      help: false,
      language: 'en',
    });
    assert.equal(parseCliArgs(['--lang', 'ru']).language, 'ru');
    assert.equal(parseCliArgs(['--rate-limit', 'off']).rateLimit, false);
  });

  it('explains bad arguments', () => {
    assert.throws(() => parseCliArgs(['--port', 'abc']), /--port must be a number/);
    assert.throws(() => parseCliArgs(['--seed', 'huge']), /--seed must be one of default, large/);
    assert.throws(() => parseCliArgs(['--state']), /--state needs a value/);
    assert.throws(() => parseCliArgs(['--verbose']), /unknown option --verbose/);
    assert.throws(() => parseCliArgs(['--lang', 'de']), /--lang must be en or ru/);
  });
});
