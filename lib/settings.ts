import { storage } from '#imports';
import { serialQueue } from './serial.ts';
import type { UserSettings } from './domain/settings.ts';
import { staysSignedIn } from './connectycube/account.ts';
import type { CubeAccount } from './connectycube/types.ts';
import type { GoogleAccount } from './google/auth.ts';
import type { ConsentRecord } from './background/consent.ts';
import type { GoogleAccessLeft } from './messaging/protocol.ts';
import type { PushRegistration } from './background/push-subscription.ts';
import type { RegisteredRow } from './db/schema.ts';

export type { UserSettings };

export const DEFAULT_SETTINGS: UserSettings = {
  intervalMinutes: 15,
  bookMode: 'own',
  defaultCountry: '',
  phoneFormat: 'international-digits',
  notifications: true,
  includeOther: false,
  chatLinkTemplate: '',
  sendNames: true,
};

/** The user's choices. */
export const settingsItem = storage.defineItem<UserSettings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
});

/** Google token and its expiry; credentials live only in storage.local, never in logs or sync. */
export const googleAccountItem = storage.defineItem<GoogleAccount | null>('local:googleAccount', {
  fallback: null,
});

/**
 * Disconnecting Google could not withdraw the access there (lib/background/google-access.ts): said
 * on the options page until Google is connected again. Kept through "Forget everything" (without the
 * email).
 */
export const googleAccessLeftItem = storage.defineItem<GoogleAccessLeft | null>(
  'local:googleAccessLeft',
  { fallback: null },
);

/**
 * The ConnectyCube account as storage.local keeps it: with "Stay signed in", the password or the
 * Firebase refresh token and the session token (to renew sessions unattended); without, none of
 * them (the session token and a refresh token are in cubeTokenItem).
 */
const cubeAccountLocal = storage.defineItem<CubeAccount | null>('local:cubeAccount', {
  fallback: null,
});

/**
 * The session token of an account signed in without "Stay signed in", and whose it is; for a phone
 * account also its Firebase refresh token. Either alone can act on the account (even delete it), so
 * they live in storage.session and go when the browser closes: the user then signs in again.
 */
const cubeTokenItem = storage.defineItem<{
  userId: number;
  token?: string;
  refreshToken?: string;
} | null>('session:cubeToken', { fallback: null });

/** What only storage.session may hold of an account without "Stay signed in". */
function heldBack(account: CubeAccount): { token?: string; refreshToken?: string } {
  const c = account.credentials;
  return {
    ...(account.token ? { token: account.token } : {}),
    ...(c.method === 'phone' && c.refreshToken ? { refreshToken: c.refreshToken } : {}),
  };
}

/** The account without its session token and refresh token: what storage.local may keep. */
function keptLocally(account: CubeAccount): CubeAccount {
  const { token: _token, ...rest } = account;
  if (rest.credentials.method !== 'phone') return rest;
  const { refreshToken: _refresh, ...credentials } = rest.credentials;
  return { ...rest, credentials };
}

async function readCubeAccount(): Promise<CubeAccount | null> {
  const account = await cubeAccountLocal.getValue();
  if (!account || staysSignedIn(account)) return account;
  const local = heldBack(account);
  // Kept in storage.local by an earlier version (or a write cut short): moved out now.
  if (local.token || local.refreshToken) await writeCubeAccount(account);
  const held = await cubeTokenItem.getValue();
  // Another account's (a write cut short between the two areas) is nothing for this one.
  const mine = held?.userId === account.user.id ? held : null;
  const token = local.token ?? mine?.token;
  const refreshToken = local.refreshToken ?? mine?.refreshToken;
  const credentials =
    account.credentials.method === 'phone' && refreshToken
      ? { ...account.credentials, refreshToken }
      : account.credentials;
  return { ...account, credentials, ...(token ? { token } : {}) };
}

async function writeCubeAccount(account: CubeAccount | null): Promise<void> {
  if (!account || staysSignedIn(account)) {
    await cubeAccountLocal.setValue(account);
    await cubeTokenItem.removeValue();
    return;
  }
  const held = heldBack(account);
  await (held.token || held.refreshToken
    ? cubeTokenItem.setValue({ userId: account.user.id, ...held })
    : cubeTokenItem.removeValue());
  await cubeAccountLocal.setValue(keptLocally(account));
}

/** One read or write at a time: none sees the other half-way through the two areas. */
const serially = serialQueue();

/**
 * The signed-in ConnectyCube account (credentials, session token) as one value: stored in
 * storage.local, its session token (and a phone account's refresh token) in storage.session unless
 * the user chose "Stay signed in".
 */
export const cubeAccountItem = {
  getValue: () => serially(readCubeAccount),
  setValue: (account: CubeAccount | null) => serially(() => writeCubeAccount(account)),
};

/**
 * The user agreed to upload their address book to one destination (options "Consent"); cleared by
 * sign-out and "Remove". Read through consentCovers(): a record for another destination (or of an
 * older version) is no consent.
 */
export const consentItem = storage.defineItem<ConsentRecord | null>('local:consent', {
  fallback: null,
});

/** This installation's own address book id: stable, ≤ 64 characters, generated once. */
export const udidItem = storage.defineItem<string>('local:udid', {
  init: () => `cube-contacts-${crypto.randomUUID()}`,
});

/**
 * Where this device's "contact joined" push subscription is registered (push-subscription.ts), so
 * a change of account, app, server or book deletes it. Null: not known (older versions kept none).
 */
export const pushRegistrationItem = storage.defineItem<PushRegistration | null>(
  'local:pushRegistration',
  { fallback: null },
);

export async function readSettings(): Promise<UserSettings> {
  return { ...DEFAULT_SETTINGS, ...(await settingsItem.getValue()) };
}

/**
 * The user a clicked "contact joined" notification is about: the popup shows them first, then
 * clears it. In storage.session: it means nothing after the browser restarts.
 */
export const focusUserItem = storage.defineItem<number | null>('session:focusUser', {
  fallback: null,
});

/**
 * The popup's first screen: the first users of the background's users view (lib/db/users-view.ts),
 * in its order, and how many there are. The popup paints from it before IndexedDB answers (an open
 * and a read that wait behind the worker's own transactions: up to a second during a sync), then
 * reads the whole list. In storage.session: memory only, gone when the browser closes; written by
 * the background only while the view is the signed-in account's (lib/background/first-screen.ts).
 */
export interface FirstScreen {
  /** Every registered user the view holds. */
  total: number;
  /** The first of them, as the view orders them. */
  users: RegisteredRow[];
}

export const firstScreenItem = storage.defineItem<FirstScreen | null>('session:firstScreen', {
  fallback: null,
});
