import { describe, expect, it } from 'vitest';
import { fetchAccountIdentity } from '@/lib/google/account';
import { SCOPE_CONTACTS_READONLY, SCOPE_EMAIL } from '../../sandbox/google-state.ts';
import { fakeNet } from '../fake-net.ts';
import { GOOGLE, googleFixture } from '../sandbox/fixtures.ts';

describe('the connected Google account (people/me)', () => {
  it('is its People id, with its email when the token may read it', async () => {
    const { fetch, state, clock, token } = googleFixture();
    state.setAccountEmail('ana@example.com');
    const net = fakeNet(fetch, clock.now);
    const withEmail = state.issueToken([SCOPE_CONTACTS_READONLY, SCOPE_EMAIL]).accessToken;
    const ana = await fetchAccountIdentity(GOOGLE, withEmail, net);
    expect(ana).toEqual({
      id: expect.stringMatching(/^people\/1\d{20}$/),
      email: 'ana@example.com',
    });
    // The contacts scope alone: the same id, no email.
    expect(await fetchAccountIdentity(GOOGLE, token, net)).toEqual({ id: ana.id });
    // Another account is another id.
    state.setAccountEmail('ana@work.example');
    expect((await fetchAccountIdentity(GOOGLE, withEmail, net)).id).not.toBe(ana.id);
  });

  it('is unknown when Google refuses', async () => {
    const { fetch, state, clock } = googleFixture();
    state.revokeTokens();
    expect(await fetchAccountIdentity(GOOGLE, 'ya29.gone', fakeNet(fetch, clock.now))).toEqual({});
  });
});
