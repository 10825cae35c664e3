import { describe, expect, it } from 'vitest';
import { fetchAccountIdentity } from '@/lib/google/account';
import { SCOPE_CONTACTS_READONLY, SCOPE_EMAIL } from '../../sandbox/google-state.ts';
import { fakeNet } from '../fake-net.ts';
import { GOOGLE, googleFixture } from '../sandbox/fixtures.ts';

describe('the connected Google account (people/me)', () => {
  it('is its People id, with its email when the token may read it', async () => {
    const { fetch, state, clock } = googleFixture();
    state.setAccountEmail('ana@example.com');
    const net = fakeNet(fetch, clock.now);
    const withEmail = state.issueToken([SCOPE_CONTACTS_READONLY, SCOPE_EMAIL]).accessToken;
    const ana = await fetchAccountIdentity(GOOGLE, withEmail, net);
    expect(ana).toEqual({
      id: expect.stringMatching(/^people\/1\d{20}$/),
      email: 'ana@example.com',
    });
    // The contacts scope alone: the same id, no email.
    const contactsOnly = state.issueToken([SCOPE_CONTACTS_READONLY]).accessToken;
    expect(await fetchAccountIdentity(GOOGLE, contactsOnly, net)).toEqual({ id: ana.id });
    // Another account (a token of it) is another id; the first account's token stays its own.
    state.setAccountEmail('ana@work.example');
    const work = state.issueToken([SCOPE_CONTACTS_READONLY, SCOPE_EMAIL]).accessToken;
    const other = await fetchAccountIdentity(GOOGLE, work, net);
    expect(other).toEqual({
      id: expect.stringMatching(/^people\/1\d{20}$/),
      email: 'ana@work.example',
    });
    expect(other.id).not.toBe(ana.id);
    expect(await fetchAccountIdentity(GOOGLE, withEmail, net)).toEqual(ana);
  });

  it('is unknown when Google refuses', async () => {
    const { fetch, state, clock } = googleFixture();
    state.revokeTokens();
    expect(await fetchAccountIdentity(GOOGLE, 'ya29.gone', fakeNet(fetch, clock.now))).toEqual({});
  });
});
