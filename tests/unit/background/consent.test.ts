import { describe, expect, it } from 'vitest';
import {
  accountDestination,
  accountName,
  consentCovers,
  consentRecord,
  consentTarget as targetOf,
  googleKey,
} from '@/lib/background/consent';
import type { CubeAccount } from '@/lib/connectycube/types';
import type { GoogleAccount } from '@/lib/google/auth';

const account = (over: Partial<CubeAccount> = {}): CubeAccount => ({
  credentials: {
    endpoint: 'https://api.example.com',
    applicationId: '7',
    authKey: 'k',
    login: 'alice',
  },
  token: 't',
  user: { id: 81, full_name: 'Alice Example', login: 'alice' },
  state: 'active',
  ...over,
});

/** The Google account connected at 0, long before consent was given (at 1). */
const ANA: GoogleAccount = {
  scopes: [],
  needsReconnect: false,
  connectedAt: 0,
  id: 'people/1001',
  email: 'ana@example.com',
};

/** The target with Ana's Google account connected, unless another is given. */
const consentTarget = (
  cube: CubeAccount | null,
  settings: { bookMode: 'own' | 'global'; sendNames: boolean },
  google: GoogleAccount | null = ANA,
) => targetOf(cube, google, settings);

const own = { bookMode: 'own' as const, sendNames: true };
const global = { bookMode: 'global' as const, sendNames: true };
const ownNumbers = { bookMode: 'own' as const, sendNames: false };

describe('consent bound to where it was given', () => {
  const given = {
    at: 1,
    endpoint: 'https://api.example.com',
    applicationId: '7',
    userId: 81,
    book: 'own' as const,
    google: 'people/1001',
  };

  it('covers exactly the endpoint, application, user and book it was given for', () => {
    expect(consentCovers(given, consentTarget(account(), own))).toBe(true);
    expect(consentCovers(given, consentTarget(account(), global))).toBe(false);
    expect(consentCovers(given, consentTarget(account({ user: { id: 82 } }), own))).toBe(false);
    const other = (changes: { endpoint?: string; applicationId?: string }) =>
      account({ credentials: { ...account().credentials, ...changes } });
    expect(consentCovers(given, consentTarget(other({ applicationId: '8' }), own))).toBe(false);
    expect(
      consentCovers(given, consentTarget(other({ endpoint: 'https://cube.example.org' }), own)),
    ).toBe(false);
  });

  it('covers names only if they were agreed to; agreeing to names covers numbers alone', () => {
    const numbersOnly = { ...given, names: false };
    expect(consentCovers(numbersOnly, consentTarget(account(), ownNumbers))).toBe(true);
    expect(consentCovers(numbersOnly, consentTarget(account(), own))).toBe(false);
    expect(consentCovers({ ...given, names: true }, consentTarget(account(), ownNumbers))).toBe(
      true,
    );
    // Records from before the names-free mode agreed to names (the summary said so).
    expect(consentCovers(given, consentTarget(account(), own))).toBe(true);
    expect(consentTarget(account(), ownNumbers)?.names).toBe(false);
  });

  it('covers only the Google account it was given with', () => {
    const work: GoogleAccount = { ...ANA, id: 'people/2002', email: 'ana@work.example' };
    expect(consentCovers(given, consentTarget(account(), own, work))).toBe(false);
    // Reconnecting the same account (a new connection, the same id) is still covered.
    expect(consentCovers(given, consentTarget(account(), own, { ...ANA, connectedAt: 5 }))).toBe(
      true,
    );
    // What the consent handler stores covers the target it was made for, and only that.
    const target = consentTarget(account(), own, work);
    expect(consentRecord(target!, 7)).toEqual({
      ...given,
      at: 7,
      google: 'people/2002',
      names: true,
    });
    expect(consentCovers(consentRecord(target!, 7), target)).toBe(true);
    expect(consentCovers(consentRecord(target!, 7), consentTarget(account(), own))).toBe(false);
  });

  it('names a Google account by its id, else its email, else its connection', () => {
    expect(googleKey(ANA)).toBe('people/1001');
    const { id: _id, ...older } = ANA;
    expect(googleKey({ ...older, email: 'Ana@Example.com' })).toBe('email:ana@example.com');
    const { email: _email, ...unnamed } = older;
    expect(googleKey(unnamed)).toBe('connected:0');
    expect(googleKey({ ...unnamed, connectedAt: 9 })).not.toBe(googleKey(unnamed));
  });

  it('a record from before the Google binding covers only an account connected no later', () => {
    const { google: _google, ...older } = given;
    expect(consentCovers(older, consentTarget(account(), own))).toBe(true);
    expect(consentCovers(older, consentTarget(account(), own, { ...ANA, connectedAt: 1 }))).toBe(
      true,
    );
    // Connected after consent was given: maybe another account.
    expect(consentCovers(older, consentTarget(account(), own, { ...ANA, connectedAt: 2 }))).toBe(
      false,
    );
  });

  it('covers nothing while signed out, while a created account awaits the user, or without Google', () => {
    expect(consentTarget(account(), own, null)).toBeNull();
    expect(consentTarget(null, own)).toBeNull();
    expect(consentTarget(account({ state: 'confirm-new' }), own)).toBeNull();
    expect(consentCovers(given, null)).toBe(false);
  });

  it('a record of an older version ({at, host}) is no consent', () => {
    expect(consentCovers({ at: 1, host: 'api.example.com' }, consentTarget(account(), own))).toBe(
      false,
    );
    expect(consentCovers(null, consentTarget(account(), own))).toBe(false);
  });

  it('names the account and its destination', () => {
    expect(accountName(account())).toBe('Alice Example');
    expect(accountName(account({ user: { id: 5, login: 'bob' } }))).toBe('bob');
    expect(accountName(null)).toBe('');
    expect(accountDestination(account())).toBe('https://api.example.com|7|81');
    expect(accountDestination(null)).toBe('');
  });
});
