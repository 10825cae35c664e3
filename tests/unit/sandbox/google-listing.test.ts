import { describe, expect, it } from 'vitest';
import { SCOPE_OTHER_READONLY } from '../../sandbox/google-state.ts';
import { googleFixture, type Json } from './fixtures.ts';

const CONNECTIONS = '/v1/people/me/connections';

/** Lists everything page by page; returns the pages' bodies. */
async function allPages(get: ReturnType<typeof googleFixture>['get'], query: string) {
  const pages: Json[] = [];
  let pageToken: string | undefined;
  do {
    const suffix = pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : '';
    const { status, body } = await get(`${CONNECTIONS}?${query}${suffix}`);
    expect(status).toBe(200);
    pages.push(body);
    pageToken = body.nextPageToken as string | undefined;
  } while (pageToken);
  return pages;
}

describe('google sandbox: connections listing', () => {
  it.each([
    { people: 0, pageSize: 10, pages: [0] },
    { people: 1, pageSize: 10, pages: [1] },
    { people: 10, pageSize: 10, pages: [10] },
    { people: 11, pageSize: 10, pages: [10, 1] },
    { people: 25, pageSize: 7, pages: [7, 7, 7, 4] },
    { people: 250, pageSize: undefined, pages: [100, 100, 50] },
  ])('$people people, pageSize $pageSize -> pages $pages', async ({ people, pageSize, pages }) => {
    const { state, get } = googleFixture();
    state.addPeople(
      Array.from({ length: people }, (_, i) => ({
        givenName: `P${i}`,
        phones: [`+1 212 555 ${String(i).padStart(4, '0')}`],
      })),
    );
    const size = pageSize === undefined ? '' : `&pageSize=${pageSize}`;
    const bodies = await allPages(get, `personFields=names&requestSyncToken=true${size}`);
    expect(bodies.map((body) => ((body.connections as Json[] | undefined) ?? []).length)).toEqual(
      pages,
    );
    // Stable order, no duplicates, sync token only on the last page, totalItems on every page.
    const names = bodies.flatMap((body) =>
      ((body.connections as Json[] | undefined) ?? []).map((p) => p.resourceName),
    );
    expect(new Set(names).size).toBe(people);
    expect(bodies.slice(0, -1).every((body) => body.nextSyncToken === undefined)).toBe(true);
    expect(bodies.at(-1)?.nextSyncToken).toEqual(expect.any(String));
    for (const body of bodies) expect(body.totalItems).toBe(people === 0 ? undefined : people);
  });

  it('leaves out empty lists and zero counts, as Google does', async () => {
    const { get } = googleFixture();
    const { body } = await get(`${CONNECTIONS}?personFields=names`);
    expect(body).toEqual({});
  });

  it('returns only the requested person fields, resourceName and etag always', async () => {
    const { state, get } = googleFixture();
    state.addPerson({
      givenName: 'Gordie',
      familyName: 'Kann',
      phones: ['(187) 910-8395', { value: '12345', type: 'home' }],
    });
    const names = (await get(`${CONNECTIONS}?personFields=names`)).body.connections as Json[];
    expect(Object.keys(names[0] ?? {}).sort()).toEqual(['etag', 'names', 'resourceName']);
    const full = (await get(`${CONNECTIONS}?personFields=names,phoneNumbers,metadata`)).body
      .connections as Json[];
    expect(full[0]).toMatchObject({
      resourceName: expect.stringMatching(/^people\/c\d+$/),
      etag: expect.stringMatching(/^%/),
      metadata: {
        sources: [
          { type: 'CONTACT', id: expect.any(String), updateTime: '2026-11-01T10:00:00.000Z' },
        ],
      },
      names: [
        {
          displayName: 'Gordie Kann',
          givenName: 'Gordie',
          familyName: 'Kann',
          metadata: { primary: true },
        },
      ],
      phoneNumbers: [
        {
          value: '(187) 910-8395',
          canonicalForm: '+11879108395',
          type: 'mobile',
          formattedType: 'Mobile',
        },
        { value: '12345', type: 'home', formattedType: 'Home' },
      ],
    });
    // canonicalForm only when the value can be an E.164 number.
    expect((full[0]?.phoneNumbers as Json[])[1]).not.toHaveProperty('canonicalForm');
  });

  it.each([
    ['missing personFields', '', /personFields mask is required/],
    ['empty personFields', 'personFields=', /personFields mask is required/],
    ['unknown field', 'personFields=names,shoeSize', /Invalid personFields mask path: "shoeSize"/],
    ['pageSize 0', 'personFields=names&pageSize=0', /invalid argument/],
    ['pageSize 1001', 'personFields=names&pageSize=1001', /invalid argument/],
    ['pageSize not a number', 'personFields=names&pageSize=ten', /invalid argument/],
    ['requestSyncToken not a bool', 'personFields=names&requestSyncToken=yes', /invalid argument/],
    ['unknown parameter', 'personFields=names&colour=red', /Unknown name "colour"/],
    ['garbage page token', 'personFields=names&pageToken=%%%', /invalid argument/],
    ['garbage sync token', 'personFields=names&syncToken=abc', /invalid argument/],
  ])('%s -> 400 INVALID_ARGUMENT', async (_, query, message) => {
    const { get } = googleFixture();
    const { status, body } = await get(`${CONNECTIONS}?${query}`);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({
      code: 400,
      status: 'INVALID_ARGUMENT',
      message: expect.stringMatching(message),
    });
  });

  it('accepts pageSize 1 and 1000', async () => {
    const { get } = googleFixture();
    expect((await get(`${CONNECTIONS}?personFields=names&pageSize=1`)).status).toBe(200);
    expect((await get(`${CONNECTIONS}?personFields=names&pageSize=1000`)).status).toBe(200);
  });

  it.each([
    ['personFields', 'personFields=names,phoneNumbers&pageSize=2'],
    ['pageSize', 'personFields=names&pageSize=3'],
    ['requestSyncToken', 'personFields=names&pageSize=2&requestSyncToken=true'],
  ])('rejects a page token used with a different %s', async (_, changed) => {
    const { state, get } = googleFixture();
    state.addPeople(Array.from({ length: 5 }, (_, i) => ({ givenName: `P${i}` })));
    const first = await get(`${CONNECTIONS}?personFields=names&pageSize=2`);
    const token = encodeURIComponent(first.body.nextPageToken as string);
    const same = await get(`${CONNECTIONS}?personFields=names&pageSize=2&pageToken=${token}`);
    expect(same.status).toBe(200);
    const other = await get(`${CONNECTIONS}?${changed}&pageToken=${token}`);
    expect(other.status).toBe(400);
    expect(other.body.error).toMatchObject({ status: 'INVALID_ARGUMENT' });
  });

  it('lists other contacts with readMask, their own scope and totalSize', async () => {
    const { state, get } = googleFixture();
    state.addOtherContact({ displayName: 'Delivery Driver', phones: ['+1 646 555 0155'] });
    state.addPerson({ givenName: 'Not', familyName: 'Other' });
    const withoutScope = await get('/v1/otherContacts?readMask=names');
    expect(withoutScope.status).toBe(403);
    const token = state.issueToken([SCOPE_OTHER_READONLY]).accessToken;
    const noMask = await get('/v1/otherContacts?personFields=names', `Bearer ${token}`);
    expect(noMask.status).toBe(400);
    const { status, body } = await get(
      '/v1/otherContacts?readMask=names,phoneNumbers&requestSyncToken=true',
      `Bearer ${token}`,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      otherContacts: [
        {
          resourceName: expect.stringMatching(/^otherContacts\/c\d+$/),
          names: [{ displayName: 'Delivery Driver' }],
        },
      ],
      totalSize: 1,
      nextSyncToken: expect.any(String),
    });
  });
});
