// A client nobody here wrote: Google's `@googleapis/people` (gaxios) against the sandbox over real
// HTTP, with `rootUrl` pointing at it and an OAuth2 client holding a sandbox access token.

import { auth, people } from '@googleapis/people';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_ACCOUNT_EMAIL,
  SCOPE_CONTACTS_READONLY,
  SCOPE_EMAIL,
  startSandbox,
  type Sandbox,
} from '../../sandbox/index.ts';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

function client(accessToken: string) {
  const oauth = new auth.OAuth2();
  oauth.setCredentials({ access_token: accessToken });
  return people({ version: 'v1', rootUrl: `${sandbox.googleUrl}/`, auth: oauth });
}

describe('@googleapis/people against the sandbox', () => {
  it('lists connections page by page, then only the changes with the sync token', async () => {
    const added = sandbox.google.addPeople(
      Array.from({ length: 5 }, (_, i) => ({
        givenName: `Person${i}`,
        familyName: 'Test',
        phones: [`(212) 555-01${10 + i}`],
      })),
    );
    const api = client(sandbox.google.issueToken([SCOPE_CONTACTS_READONLY]).accessToken);
    const seen: string[] = [];
    let pageToken: string | undefined;
    let syncToken: string | undefined;
    let pages = 0;
    do {
      const { data } = await api.people.connections.list({
        resourceName: 'people/me',
        personFields: 'names,phoneNumbers,metadata',
        pageSize: 2,
        requestSyncToken: true,
        ...(pageToken ? { pageToken } : {}),
      });
      pages += 1;
      for (const person of data.connections ?? []) seen.push(person.resourceName ?? '');
      expect(data.totalItems).toBe(5);
      pageToken = data.nextPageToken ?? undefined;
      syncToken = data.nextSyncToken ?? undefined;
    } while (pageToken);
    expect(pages).toBe(3);
    expect(seen).toEqual(added);
    expect(syncToken).toEqual(expect.any(String));

    sandbox.google.updatePerson(added[1] ?? '', { phones: ['+44 7700 900123'] });
    sandbox.google.deletePerson(added[3] ?? '');
    const { data: delta } = await api.people.connections.list({
      resourceName: 'people/me',
      personFields: 'names,phoneNumbers,metadata',
      requestSyncToken: true,
      ...(syncToken ? { syncToken } : {}),
    });
    expect(
      delta.connections?.map((person) => [person.resourceName, person.metadata?.deleted ?? false]),
    ).toEqual([
      [added[1], false],
      [added[3], true],
    ]);
    expect(delta.connections?.[0]?.phoneNumbers?.[0]?.canonicalForm).toBe('+447700900123');
    expect(delta.nextSyncToken).toEqual(expect.any(String));
  });

  it('surfaces the expired-sync-token error with its reason', async () => {
    const api = client(sandbox.google.issueToken([SCOPE_CONTACTS_READONLY]).accessToken);
    const { data } = await api.people.connections.list({
      resourceName: 'people/me',
      personFields: 'names',
      requestSyncToken: true,
    });
    sandbox.google.expireSyncTokens();
    const failure = await api.people.connections
      .list({
        resourceName: 'people/me',
        personFields: 'names',
        syncToken: data.nextSyncToken ?? '',
      })
      .then(
        () => undefined,
        (error: unknown) =>
          error as { status?: number; errors?: unknown; response?: { data?: unknown } },
      );
    expect(failure?.status).toBe(400);
    expect(failure?.response?.data).toMatchObject({
      error: { status: 'FAILED_PRECONDITION', details: [{ reason: 'EXPIRED_SYNC_TOKEN' }] },
    });
  });

  it('reads people/me: the account email with the email scope, none without it', async () => {
    const withEmail = client(
      sandbox.google.issueToken([SCOPE_CONTACTS_READONLY, SCOPE_EMAIL]).accessToken,
    );
    const { data } = await withEmail.people.get({
      resourceName: 'people/me',
      personFields: 'emailAddresses',
    });
    expect(data.resourceName).toMatch(/^people\/1\d{20}$/);
    expect(data.emailAddresses?.map((email) => [email.value, email.metadata?.primary])).toEqual([
      [DEFAULT_ACCOUNT_EMAIL, true],
    ]);

    const contactsOnly = client(sandbox.google.issueToken([SCOPE_CONTACTS_READONLY]).accessToken);
    const { data: bare } = await contactsOnly.people.get({
      resourceName: 'people/me',
      personFields: 'emailAddresses',
    });
    expect(bare.emailAddresses).toBeUndefined();
    const routes = sandbox.google.log.entries.map((entry) => `${entry.method} ${entry.path}`);
    expect(routes.filter((route) => route === 'GET /v1/people/me')).toHaveLength(2);
  });

  it('is refused with 401 for an unknown token', async () => {
    const api = client('ya29.not-issued');
    await expect(
      api.people.connections.list({ resourceName: 'people/me', personFields: 'names' }),
    ).rejects.toMatchObject({
      status: 401,
    });
  });
});
