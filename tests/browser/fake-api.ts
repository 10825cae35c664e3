import { render, type ComponentChild } from 'preact';
import type { Locator } from 'vitest/browser';
import { formatForDisplay } from '@/lib/contacts/normalize';
import { CubeDb, type RegisteredRow } from '@/lib/db/schema';
import type { SignedInUser } from '@/lib/messaging/protocol';
import type { CubeStatus, Protocol, RequestType, Status } from '@/lib/messaging/protocol';
import type { OptionsApi } from '@/lib/ui/api';
import { createPageStore } from '@/lib/ui/page-store';
import type { Progress } from '@/lib/messaging/protocol';

/** `cube` is replaced whole (its states carry different fields); other objects are merged. */
type Overrides = {
  [K in keyof Status]?: K extends 'cube'
    ? CubeStatus
    : Status[K] extends object
      ? Partial<Status[K]>
      : Status[K];
};

/** A status of a fully set-up extension that synced a minute before `NOW`; parts can be replaced. */
export const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

export const ENDPOINT = 'https://api.example.com';
export const ADA: SignedInUser = { id: 81, fullName: 'Ada Tester', login: 'ada' };

export function cubeSignedIn(
  extra: { needsSignIn?: boolean; builtInApp?: boolean } = {},
): CubeStatus {
  return {
    state: 'signed-in',
    endpoint: ENDPOINT,
    builtInApp: true,
    phoneSignIn: false,
    user: ADA,
    staySignedIn: true,
    needsSignIn: false,
    ...extra,
  };
}

export function cubeSignedOut(
  builtInApp = true,
  endpoint = ENDPOINT,
  phoneSignIn = false,
): CubeStatus {
  return { state: 'signed-out', endpoint, builtInApp, phoneSignIn };
}

export function makeStatus(overrides: Overrides = {}): Status {
  const base: Status = {
    google: {
      connected: true,
      needsReconnect: false,
      clientIdMissing: false,
      redirectUrl: 'https://abcdefghijklmnop.chromiumapp.org/',
      contactCount: 340,
      otherContactsRefused: false,
      accessLeft: null,
    },
    cube: cubeSignedIn(),
    consent: {
      consent: { state: 'given', at: NOW - 86_400_000 },
      accountName: 'Ada Tester',
      phoneCount: 312,
      skippedCount: 4,
      host: 'api.example.com',
      bookMode: 'own',
      sendNames: true,
    },
    settings: {
      intervalMinutes: 15,
      bookMode: 'own',
      defaultCountry: 'US',
      phoneFormat: 'international-digits',
      notifications: true,
      includeOther: false,
      chatLinkTemplate: '',
      sendNames: true,
    },
    syncing: false,
    progress: null,
    lastSuccessAt: NOW - 2 * 60_000,
    unseenJoins: 0,
    serverEntryCount: 312,
    otherAccountsEntryCount: 0,
  };
  const merged = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    const old = (base as unknown as Record<string, unknown>)[key];
    merged[key] =
      key !== 'cube' && value && typeof value === 'object' && old && typeof old === 'object'
        ? { ...old, ...value }
        : value;
  }
  return merged as unknown as Status;
}

export type Handlers = {
  [T in RequestType]?: (
    request: Protocol[T]['request'],
  ) => Protocol[T]['answer'] | Promise<Protocol[T]['answer']>;
};

export interface FakeApi extends OptionsApi {
  /** Every request sent, in order. */
  sent: { type: RequestType; request: unknown }[];
  opened: string[];
  optionsOpened: number;
  copied: string[];
  /** What `takeFocusUser` answers next (it clears it, as the storage item is). */
  focusUser: number | null;
  /** What `firstScreen` answers: storage.session's value, unchecked (null: none). */
  firstScreenValue: unknown;
  /** Sends a progress broadcast to the page. */
  broadcast(progress: Progress | null): void;
}

let dbCount = 0;

/**
 * A fake background: `status` answers with `status`, other requests with their handler. Real
 * IndexedDB: tests write with `db` (Dexie, as the background does), the pages read through the real
 * `store` on the same database.
 */
export function fakeApi(status: Status, handlers: Handlers = {}): FakeApi {
  const listeners = new Set<(p: Progress | null) => void>();
  const name = `cube-test-${Date.now()}-${dbCount++}`;
  const api: FakeApi = {
    sent: [],
    opened: [],
    optionsOpened: 0,
    copied: [],
    focusUser: null,
    firstScreenValue: null,
    db: new CubeDb(name),
    store: createPageStore(name),
    now: () => NOW,
    language: 'en-US',
    async ask(type, request) {
      api.sent.push({ type, request });
      const handler = handlers[type] as ((r: unknown) => unknown) | undefined;
      if (handler) return (await handler(request)) as never;
      if (type === 'status') return status as never;
      if (type === 'markSeen') return null as never;
      throw new Error(`unexpected request ${type}`);
    },
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async openOptions() {
      api.optionsOpened++;
    },
    async openTab(url) {
      api.opened.push(url);
    },
    async copy(text) {
      api.copied.push(text);
    },
    version: () => '1.2.3',
    async takeFocusUser() {
      const userId = api.focusUser;
      api.focusUser = null;
      return userId;
    },
    async firstScreen() {
      return api.firstScreenValue;
    },
    broadcast(progress) {
      for (const listener of listeners) listener(progress);
    },
  };
  return api;
}

/** A registered row as the background stores it (lib/sync/joins.ts), with US as default country. */
export function registered(
  userId: number,
  name: string,
  phone: string,
  extra: Partial<RegisteredRow> = {},
): RegisteredRow {
  return {
    userId,
    phone,
    display: formatForDisplay(phone, 'US'),
    addressBookName: name,
    firstSeenAt: NOW - 86_400_000,
    notified: 0,
    seen: 1,
    ...extra,
  };
}

const mounted: HTMLElement[] = [];

/** Renders into a fresh container attached to the document. */
export function mount(vnode: ComponentChild): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  render(vnode, container);
  mounted.push(container);
  return container;
}

/** The text of every button inside `within`, in document order (which choices a question offers). */
export function buttonTexts(within: Locator): (string | null)[] {
  return within
    .getByRole('button')
    .elements()
    .map((b) => b.textContent);
}

export function unmountAll(): void {
  for (const container of mounted.splice(0)) {
    render(null, container);
    container.remove();
  }
}

const made: FakeApi[] = [];

/** `fakeApi`, remembered so `cleanup` deletes its database. */
export function trackedApi(...args: Parameters<typeof fakeApi>): FakeApi {
  const api = fakeApi(...args);
  made.push(api);
  return api;
}

/** Unmounts everything, lets live queries still in flight settle, then deletes the test databases. */
export async function cleanup(): Promise<void> {
  unmountAll();
  await new Promise((resolve) => setTimeout(resolve, 30));
  for (const api of made.splice(0)) {
    api.db.close();
    await api.db.delete();
  }
}
