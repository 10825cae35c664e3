import { describe, expect, it } from 'vitest';
import {
  accountDestination,
  accountName,
  consentCovers,
  consentTarget,
} from '@/lib/background/consent';
import type { CubeAccount } from '@/lib/connectycube/types';

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
  };

  it('covers exactly the endpoint, application, user and book it was given for', () => {
    expect(consentCovers(given, consentTarget(account(), own))).toBe(true);
    expect(consentCovers(given, consentTarget(account(), global))).toBe(false);
    expect(consentCovers(given, consentTarget(account({ user: { id: 82 } }), own))).toBe(false);
    const other = (changes: Partial<CubeAccount['credentials']>) =>
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

  it('covers nothing while signed out or while a created account awaits the user', () => {
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
