import { describe, expect, it } from 'vitest';
import { CubeApiError, CubeSignedOutError } from '@/lib/connectycube/errors';
import { GoogleApiError, NeedsReconnectError, PeopleQuotaError } from '@/lib/google/errors';
import { NetworkError } from '@/lib/net/network-error';
import { classifyError, describeError } from '@/lib/sync/errors';

describe('run errors', () => {
  it.each([
    ['Google needs the user', new NeedsReconnectError(), 'google-reconnect'],
    ['signed out of ConnectyCube', new CubeSignedOutError(), 'cube-auth'],
    ['a refused session after renewal', new CubeApiError(401, ['Unauthorized']), 'cube-auth'],
    ['a forbidden app', new CubeApiError(403, ['Forbidden. Need user.']), 'cube-auth'],
    ['a server validation error', new CubeApiError(422, ['Invalid fields set']), 'other'],
    ['no answer at all', new NetworkError('api.example.com', 'timeout', 5), 'network'],
    ['the People quota', new PeopleQuotaError(), 'google-quota'],
    ['another 429 of Google', new GoogleApiError(429, 'RESOURCE_EXHAUSTED', 'Quota'), 'other'],
    ['anything else', new Error('boom'), 'other'],
  ])('sorts %s by what fixes it', (_title, error, kind) => {
    expect(classifyError(error)).toBe(kind);
  });

  it('describes an error in one line with its class, never more than the message', () => {
    expect(describeError(new CubeApiError(401, ['Unauthorized']))).toBe(
      'CubeApiError: Unauthorized',
    );
    expect(describeError(new Error('plain'))).toBe('plain');
    expect(describeError('text')).toBe('text');
  });
});
