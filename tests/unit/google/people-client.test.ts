import { describe, expect, it } from 'vitest';
import {
  ExpiredSyncTokenError,
  GoogleApiError,
  InvalidPageTokenError,
  PeopleQuotaError,
} from '@/lib/google/errors';
import { ListingQuotaError } from '@/lib/sync/ports';
import { createPeopleClient } from '@/lib/google/people-client';
import {
  GoogleState,
  ManualClock,
  SCOPE_CONTACTS_READONLY,
  createGoogleHandler,
  generatePeople,
  inProcessFetch,
} from '../../sandbox/index.ts';
import { fakeNet } from '../fake-net.ts';

function setup() {
  const clock = new ManualClock();
  const google = new GoogleState({ now: clock.now });
  let token = '';
  let invalidations = 0;
  const net = fakeNet(inProcessFetch(createGoogleHandler(google)), clock.now);
  const client = createPeopleClient({
    apiUrl: 'https://people.example',
    net,
    tokens: {
      token: async () => (token ||= google.issueToken([SCOPE_CONTACTS_READONLY]).accessToken),
      invalidate: async () => {
        invalidations += 1;
        token = '';
      },
    },
  });
  return { clock, google, client, invalidations: () => invalidations };
}

describe('People API client', () => {
  it('lists every page, then returns only changes and deletions since the sync token', async () => {
    const { google, client } = setup();
    const refs = google.addPeople(generatePeople(1_500, 3));
    const first = await client.list({ source: 'contact' });
    expect(first.people).toHaveLength(1_000);
    expect(first.nextSyncToken).toBeUndefined();
    const second = await client.list({ source: 'contact', pageToken: first.nextPageToken });
    expect(second.people).toHaveLength(500);
    expect(second.nextSyncToken).toBeTruthy();

    google.deletePerson(refs[0]!);
    google.updatePerson(refs[1]!, { givenName: 'Changed' });
    const changes = await client.list({ source: 'contact', syncToken: second.nextSyncToken });
    // The wire shape stays in the adapter: the engine gets people and deletions.
    expect(
      changes.people.map((c) =>
        c.kind === 'deleted'
          ? [c.resourceName, 'deleted']
          : [c.person.resourceName, c.person.displayName],
      ),
    ).toEqual(
      expect.arrayContaining([
        [refs[0], 'deleted'],
        [refs[1], expect.stringContaining('Changed')],
      ]),
    );
    expect(changes.people).toHaveLength(2);
  });

  it("turns Google's 400 EXPIRED_SYNC_TOKEN (not a 410) into ExpiredSyncTokenError", async () => {
    const { google, client } = setup();
    google.addPeople(generatePeople(3, 1));
    const page = await client.list({ source: 'contact' });
    google.expireSyncTokens();
    await expect(
      client.list({ source: 'contact', syncToken: page.nextSyncToken }),
    ).rejects.toBeInstanceOf(ExpiredSyncTokenError);
  });

  it.each([400, 410])(
    'an expired sync token answered with HTTP %i and reason EXPIRED_SYNC_TOKEN is ExpiredSyncTokenError',
    async (status) => {
      const { google, client } = setup();
      google.addPeople(generatePeople(3, 1));
      const page = await client.list({ source: 'contact' });
      // 400 FAILED_PRECONDITION: what the API sends (the sandbox's expired token); 410: what
      // Google's client library docs describe (the sandbox's 410 fault, the same reason).
      if (status === 410)
        google.injectFault('/v1/people/me/connections', [{ kind: 'status', status }]);
      else google.expireSyncTokens();
      await expect(
        client.list({ source: 'contact', syncToken: page.nextSyncToken }),
      ).rejects.toBeInstanceOf(ExpiredSyncTokenError);
    },
  );

  it('a 410 without the EXPIRED_SYNC_TOKEN reason is an API error, not an expired token', async () => {
    const { google, client } = setup();
    google.injectFault('/v1/people/me/connections', [
      { kind: 'status', status: 410, body: { error: { code: 410, message: 'Gone' } } },
    ]);
    const error = await client.list({ source: 'contact', syncToken: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GoogleApiError);
    expect(error).not.toBeInstanceOf(ExpiredSyncTokenError);
  });

  it('reports a refused page token as InvalidPageTokenError, so the listing restarts', async () => {
    const { client } = setup();
    await expect(client.list({ source: 'contact', pageToken: 'garbage' })).rejects.toBeInstanceOf(
      InvalidPageTokenError,
    );
  });

  it('renews a refused access token once, then gives up with the API error', async () => {
    const { google, client, invalidations } = setup();
    google.addPeople(generatePeople(2, 1));
    await client.list({ source: 'contact' });
    google.revokeTokens();
    await expect(client.list({ source: 'contact' })).resolves.toMatchObject({
      people: expect.any(Array),
    });
    expect(invalidations()).toBe(1);
    google.injectFault('/v1/people/me/connections', [
      { kind: 'status', status: 401 },
      { kind: 'status', status: 401 },
    ]);
    const error = await client.list({ source: 'contact' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GoogleApiError);
    expect((error as GoogleApiError).status).toBe(401);
    expect(invalidations()).toBe(2);
  });

  it('retries 500s and a dropped connection, then succeeds', async () => {
    const { google, client } = setup();
    google.addPeople(generatePeople(2, 1));
    google.injectFault('/v1/people/me/connections', [
      { kind: 'status', status: 500 },
      { kind: 'drop' },
      { kind: 'status', status: 503 },
    ]);
    await expect(client.list({ source: 'contact' })).resolves.toMatchObject({
      people: expect.any(Array),
    });
    expect(google.log.entries.map((e) => e.status)).toEqual([500, 0, 503, 200]);
  });

  it.each([
    ['without Retry-After', {}],
    ['with a short Retry-After', { retryAfter: 2 }],
  ])(
    'a 429 (a per-minute quota) is not retried within seconds, %s: PeopleQuotaError at once',
    async (_title, retry) => {
      const { google, client } = setup();
      google.addPeople(generatePeople(2, 1));
      google.injectFault('/v1/people/me/connections', [
        { kind: 'status', status: 429, ...retry },
        { kind: 'status', status: 429, ...retry },
      ]);
      const error = await client.list({ source: 'contact' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PeopleQuotaError);
      expect(error).toBeInstanceOf(ListingQuotaError);
      expect((error as Error).message).toMatch(/quota/i);
      expect(google.log.entries.map((e) => e.status)).toEqual([429]);
    },
  );
});
