import { describe, expect, it } from 'vitest';
import { CubeApiError, CubeSessionEndedError, CubeSignedOutError } from '@/lib/connectycube/errors';
import { GoogleApiError, NeedsReconnectError, PeopleQuotaError } from '@/lib/google/errors';
import { NetworkError } from '@/lib/net/network-error';
import { describeError, toRunError } from '@/lib/sync/errors';
import { MissingUdidError, ServiceRefusedError } from '@/lib/sync/ports';

describe('run errors', () => {
  it.each([
    [
      'Google needs the user',
      new NeedsReconnectError(),
      'google-reconnect',
      'google-reconnect',
      [],
    ],
    ['signed out of ConnectyCube', new CubeSignedOutError(), 'cube-sign-in', 'cube-signed-out', []],
    ['an ended session', new CubeSessionEndedError(), 'cube-sign-in', 'cube-session-ended', []],
    [
      'a refused session after renewal',
      new CubeApiError(401, ['Unauthorized']),
      'cube-sign-in',
      'cube-refused',
      ['Unauthorized'],
    ],
    [
      'a forbidden app',
      new CubeApiError(403, ['Forbidden. Need user.']),
      'cube-sign-in',
      'cube-refused',
      ['Forbidden. Need user.'],
    ],
    [
      'a server validation error',
      new CubeApiError(422, ['Invalid fields set']),
      'other',
      'cube-refused',
      ['Invalid fields set'],
    ],
    [
      'no answer at all',
      new NetworkError('api.example.com', 'timeout', 5),
      'network',
      'network-timeout',
      ['api.example.com'],
    ],
    [
      'no connection',
      new NetworkError('api.example.com', 'network', 1),
      'network',
      'network-unreachable',
      ['api.example.com'],
    ],
    ['the People quota', new PeopleQuotaError(), 'google-quota', 'google-quota', []],
    [
      'another 429 of Google',
      new GoogleApiError(429, 'RESOURCE_EXHAUSTED', 'Quota'),
      'other',
      'google-refused',
      ['Quota'],
    ],
    [
      'another service',
      new ServiceRefusedError(400, 'Firebase: no'),
      'other',
      'service-refused',
      ['Firebase: no'],
    ],
    ['a book without udid', new MissingUdidError(), 'other', 'missing-udid', []],
    ['anything else', new Error('boom'), 'other', 'other', ['boom']],
    ['a thrown string', 'text', 'other', 'other', ['text']],
  ])('stores %s by what fixes it and which words say it', (_title, error, kind, code, params) => {
    expect(toRunError(error)).toEqual({ kind, code, params });
  });

  it('describes an error in one line with its class, never more than the message', () => {
    expect(describeError(new CubeApiError(401, ['Unauthorized']))).toBe(
      'CubeApiError: Unauthorized',
    );
    expect(describeError(new Error('plain'))).toBe('plain');
    expect(describeError('text')).toBe('text');
  });
});
