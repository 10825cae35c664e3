import { describe, expect, it } from 'vitest';
import { configFrom, DEFAULT_CONFIG } from '@/lib/config';
import { liveInput } from '@/lib/live-check/input';
import { formatReport, redact, requestsLine } from '@/lib/live-check/report';
import { testSubscription, TEST_CONTACTS, vapidKeyProblem } from '@/lib/live-check/test-data';
import { vapidKey } from './world.ts';

describe('live check parts', () => {
  it('reads the build variables by the names and rules of a build', () => {
    const config = configFrom({
      WXT_CONNECTYCUBE_API_URL: ' https://cube.example/api/ ',
      WXT_CONNECTYCUBE_APP_ID: '77',
      WXT_CONNECTYCUBE_AUTH_KEY: 'key',
      WXT_HOMEPAGE_URL: 'https://example.com/app/',
    });
    expect(config).toEqual({
      ...DEFAULT_CONFIG,
      cubeApiUrl: 'https://cube.example/api',
      cubeAppId: '77',
      cubeAuthKey: 'key',
      inviteUrl: 'https://example.com/app/',
    });
  });

  it('takes the test account from the environment alone, never from the .env files', () => {
    const input = liveInput(
      { LIVE_PASSWORD: 'from-file', WXT_CONNECTYCUBE_APP_ID: '5' } as Record<string, string>,
      { LIVE_LOGIN: ' tester ', LIVE_PASSWORD: ' spaced ' },
    );
    expect(input.live).toEqual({ login: 'tester', password: ' spaced ', googleToken: '' });
    expect(input.config.cubeAppId).toBe('5');
  });

  it('folds repeated requests and says when none answered', () => {
    expect(
      requestsLine([
        { method: 'POST', path: '/session', status: 503 },
        { method: 'POST', path: '/session', status: 503 },
        { method: 'POST', path: '/session', status: 201 },
        { method: 'GET', path: '/users/v2', status: null },
      ]),
    ).toBe('POST /session 503 ×2, 201, GET /users/v2 no answer');
  });

  it('hides every secret, longest first, in the whole report', () => {
    expect(redact('token abc123 and abc', ['abc', 'abc123', ''])).toBe(
      'token [hidden] and [hidden]',
    );
    const text = formatReport({
      endpoint: 'https://cube.example',
      applicationId: '1',
      secrets: ['s3cret'],
      results: [
        {
          id: 'x',
          title: 'x',
          outcome: 'fail',
          required: true,
          requests: [],
          detail: 'said s3cret',
          advice: 'not s3cret',
        },
      ],
    });
    expect(text).not.toContain('s3cret');
    expect(text).toContain('✗ x');
    expect(text).toContain(
      'Summary: 0 passed, 1 failed (0 advice only), 0 skipped; 1 step the build needs failed',
    );
  });

  it('checks a VAPID key as PushManager.subscribe takes it', async () => {
    expect(vapidKeyProblem(await vapidKey())).toBeNull();
    expect(vapidKeyProblem('not base64!')).toBe('is not base64url');
    expect(vapidKeyProblem('AAAA')).toMatch(/not an uncompressed P-256 public key/);
  });

  it('makes a subscription body the sandbox would accept from a browser', async () => {
    const body = await testSubscription('cube-contacts-live-check-1', globalThis.crypto);
    expect(body.device).toEqual({ platform: 'web', udid: 'cube-contacts-live-check-1' });
    expect(body.push_token.web_p256dh).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(body.push_token.web_auth).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new URL(body.push_token.web_endpoint).hostname).toBe('push.invalid');
    expect(TEST_CONTACTS.map((c) => c.phone)).toEqual(['+12025550142', '+12025550143']);
  });
});
