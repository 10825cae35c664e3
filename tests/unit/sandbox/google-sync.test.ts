import { describe, expect, it } from 'vitest';
import { SYNC_TOKEN_LIFETIME_MS } from '../../sandbox/google-listing.ts';
import { SCOPE_OTHER_READONLY } from '../../sandbox/google-state.ts';
import { googleFixture, type Json } from './fixtures.ts';

const LIST = '/v1/people/me/connections?personFields=names,phoneNumbers,metadata';

const EXPIRED_BODY = {
  error: {
    code: 400,
    message: 'Sync token is expired. Clear local cache and retry call without the sync token.',
    status: 'FAILED_PRECONDITION',
    details: [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'EXPIRED_SYNC_TOKEN',
        domain: 'googleapis.com',
      },
    ],
  },
};

type Fixture = ReturnType<typeof googleFixture>;

/** Follows pages; returns the people seen and the final sync token. */
async function sync(fixture: Fixture, syncToken?: string, pageSize = 100) {
  const people: Json[] = [];
  let pageToken: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ pageSize: String(pageSize), requestSyncToken: 'true' });
    if (syncToken) query.set('syncToken', syncToken);
    if (pageToken) query.set('pageToken', pageToken);
    const { status, body } = await fixture.get(`${LIST}&${query}`);
    if (status !== 200) return { status, body, people, syncToken: undefined };
    people.push(...((body.connections as Json[] | undefined) ?? []));
    pageToken = body.nextPageToken as string | undefined;
    if (!pageToken) return { status, body, people, syncToken: body.nextSyncToken as string };
  }
}

describe('google sandbox: sync tokens', () => {
  it('returns only what changed since the token: created, updated, deleted (as tombstones)', async () => {
    const fixture = googleFixture();
    const { state } = fixture;
    const [keep, edit, drop] = state.addPeople([
      { givenName: 'Keep' },
      { givenName: 'Edit' },
      { givenName: 'Drop' },
    ]);
    const full = await sync(fixture);
    expect(full.people).toHaveLength(3);
    const etagBefore = full.people.find((p) => p.resourceName === edit)?.etag;

    state.updatePerson(edit ?? '', { givenName: 'Edited', phones: ['+44 7700 900123'] });
    state.deletePerson(drop ?? '');
    const added = state.addPerson({ givenName: 'New' });
    const delta = await sync(fixture, full.syncToken);
    expect(delta.people.map((p) => p.resourceName)).toEqual([edit, drop, added]);
    const edited = delta.people[0];
    expect(edited?.etag).not.toBe(etagBefore);
    expect(edited).toMatchObject({
      names: [{ givenName: 'Edited' }],
      phoneNumbers: [{ canonicalForm: '+447700900123' }],
    });
    expect(delta.people[1]).toEqual({
      resourceName: drop,
      etag: expect.any(String),
      metadata: { deleted: true, sources: [{ type: 'CONTACT', id: expect.any(String) }] },
    });
    expect(delta.people.some((p) => p.resourceName === keep)).toBe(false);

    const nothing = await sync(fixture, delta.syncToken);
    expect(nothing.people).toEqual([]);
    expect(nothing.body).toEqual({ nextSyncToken: expect.any(String) });
  });

  it('pages an incremental listing and puts the new token on its last page only', async () => {
    const fixture = googleFixture();
    const full = await sync(fixture);
    fixture.state.addPeople(Array.from({ length: 5 }, (_, i) => ({ givenName: `N${i}` })));
    const query = `&pageSize=2&syncToken=${encodeURIComponent(full.syncToken ?? '')}`;
    const first = await fixture.get(`${LIST}${query}`);
    expect(first.body).toMatchObject({ nextPageToken: expect.any(String), totalItems: 5 });
    expect(first.body.nextSyncToken).toBeUndefined();
    const delta = await sync(fixture, full.syncToken, 2);
    expect(delta.people).toHaveLength(5);
    expect(delta.syncToken).toEqual(expect.any(String));
  });

  it('delivers again, next time, a change made while a listing was being paged', async () => {
    const fixture = googleFixture();
    const [first] = fixture.state.addPeople(
      Array.from({ length: 4 }, (_, i) => ({ givenName: `P${i}` })),
    );
    const page1 = await fixture.get(`${LIST}&pageSize=2&requestSyncToken=true`);
    fixture.state.updatePerson(first ?? '', { givenName: 'Changed mid-listing' });
    const page2 = await fixture.get(
      `${LIST}&pageSize=2&requestSyncToken=true&pageToken=${encodeURIComponent(page1.body.nextPageToken as string)}`,
    );
    const delta = await sync(fixture, page2.body.nextSyncToken as string);
    expect(delta.people.map((p) => p.resourceName)).toEqual([first]);
  });

  it.each([
    ['7 days after issue', (f: Fixture) => f.clock.advance(SYNC_TOKEN_LIFETIME_MS)],
    ['after expire-sync-tokens', (f: Fixture) => f.state.expireSyncTokens()],
    ['after reset', (f: Fixture) => f.state.reset()],
  ])('answers the exact expired-token body %s', async (_, expire) => {
    const fixture = googleFixture();
    fixture.state.addPerson({ givenName: 'A' });
    const full = await sync(fixture);
    expire(fixture);
    // A fresh access token: reset forgets the old one too.
    const token = fixture.state.issueToken([
      'https://www.googleapis.com/auth/contacts',
    ]).accessToken;
    const { status, body } = await fixture.get(
      `${LIST}&syncToken=${encodeURIComponent(full.syncToken ?? '')}`,
      `Bearer ${token}`,
    );
    expect(status).toBe(400);
    expect(body).toEqual(EXPIRED_BODY);
  });

  it('keeps a token valid until just before 7 days', async () => {
    const fixture = googleFixture();
    const full = await sync(fixture);
    fixture.clock.advance(SYNC_TOKEN_LIFETIME_MS - 1000);
    fixture.state.addPerson({ givenName: 'Late' });
    const token = fixture.state.issueToken([
      'https://www.googleapis.com/auth/contacts.readonly',
    ]).accessToken;
    const { status } = await fixture.get(
      `${LIST}&syncToken=${encodeURIComponent(full.syncToken ?? '')}`,
      `Bearer ${token}`,
    );
    expect(status).toBe(200);
  });

  it('does not accept a connections sync token for other contacts', async () => {
    const fixture = googleFixture();
    const full = await sync(fixture);
    const token = fixture.state.issueToken([SCOPE_OTHER_READONLY]).accessToken;
    const { status, body } = await fixture.get(
      `/v1/otherContacts?readMask=names&syncToken=${encodeURIComponent(full.syncToken ?? '')}`,
      `Bearer ${token}`,
    );
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ status: 'INVALID_ARGUMENT' });
  });

  it('tracks other contacts separately, with the same semantics', async () => {
    const fixture = googleFixture();
    const token = fixture.state.issueToken([SCOPE_OTHER_READONLY]).accessToken;
    const other = fixture.state.addOtherContact({
      displayName: 'Courier',
      phones: ['+1 646 555 0155'],
    });
    const first = await fixture.get(
      '/v1/otherContacts?readMask=names&requestSyncToken=true',
      `Bearer ${token}`,
    );
    fixture.state.addPerson({ givenName: 'Connection only' });
    fixture.state.deleteOtherContact(other);
    const delta = await fixture.get(
      `/v1/otherContacts?readMask=names&syncToken=${encodeURIComponent(first.body.nextSyncToken as string)}`,
      `Bearer ${token}`,
    );
    expect(delta.body.otherContacts).toEqual([
      {
        resourceName: other,
        etag: expect.any(String),
        metadata: { deleted: true, sources: [{ type: 'OTHER_CONTACT', id: expect.any(String) }] },
      },
    ]);
  });
});
