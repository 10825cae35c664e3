// All of the ConnectyCube sandbox's data and rules, with no I/O: applications, users, sessions
// (sliding 2-hour lifetime on the injected clock), address books (one global book and one per
// udid, per user), push subscriptions, scripted faults and the traffic log.

import { AppStore, type CubeApp, type CubeAppSettings } from './cube-apps.ts';
import {
  applyUpload,
  bookEntries,
  type Book,
  type BookEntry,
  type UploadResult,
} from './cube-books.ts';
import {
  SubscriptionStore,
  subscriptionJson,
  type JoinEvent,
  type Subscription,
  type SubscriptionInput,
} from './cube-push.ts';
import { NO_FIREBASE, type FirebaseAuthMode } from './cube-firebase.ts';
import { SessionStore, type CubeSession } from './cube-sessions.ts';
import {
  UserStore,
  profileOf,
  type CubeUserProfile,
  type CubeUserRecord,
  type RegisterUserInput,
} from './cube-users.ts';
import { FaultQueue, type Fault } from './faults.ts';
import { RequestLog } from './request-log.ts';

export type { CubeApp, CubeAppSettings } from './cube-apps.ts';

export interface CubeStateOptions {
  /** Milliseconds; defaults to `Date.now`. */
  now?: () => number;
  /** Overrides for the default application. */
  app?: Partial<CubeApp>;
  /** The Firebase project whose phone sign-ins it accepts; none by default (all refused). */
  firebase?: FirebaseAuthMode;
}

/** Compact item of `registered_users`; the full one is the profile plus `address_book_name`. */
export interface RegisteredUserCompact {
  id: number;
  phone: string;
  address_book_name: string;
}

export type RegisteredUser =
  RegisteredUserCompact | (CubeUserProfile & { address_book_name: string });

const GLOBAL_BOOK = '';

export class CubeState {
  readonly now: () => number;
  readonly faults = new FaultQueue();
  readonly log = new RequestLog();
  readonly sessions = new SessionStore();
  readonly users = new UserStore();
  readonly joinEvents: JoinEvent[] = [];
  /**
   * Test hook: phone (exactly as uploaded) -> reason. An upload creating or renaming one of these
   * entries is rejected by index with that reason (the client pre-validates lengths and names, so
   * this is how a test makes the server refuse an otherwise valid entry). Destroys are not refused.
   */
  readonly refusedPhones = new Map<string, string>();
  readonly defaultApp: CubeApp;
  /** Checks `firebase_phone` sign-ins against the Auth emulator of this project, or refuses them. */
  readonly firebase: FirebaseAuthMode;

  private appStore = new AppStore();
  /** userId -> udid ('' = global book) -> book. */
  private books = new Map<number, Map<string, Book>>();
  private subscriptionStore = new SubscriptionStore();

  constructor(options: CubeStateOptions = {}) {
    this.now = options.now ?? Date.now;
    this.firebase = options.firebase ?? NO_FIREBASE;
    this.defaultApp = this.addApp(options.app);
  }

  get apps(): readonly CubeApp[] {
    return this.appStore.list;
  }

  /** Registers an application; ids and keys are derived from its position when not given. */
  addApp(overrides: Partial<CubeApp> = {}): CubeApp {
    return this.appStore.add(overrides);
  }

  findApp(applicationId: string): CubeApp | undefined {
    return this.appStore.find(applicationId);
  }

  /** Changes an application's dashboard switches (ids and keys stay); undefined when unknown. */
  updateApp(applicationId: string, settings: CubeAppSettings): CubeApp | undefined {
    return this.appStore.update(applicationId, settings);
  }

  // --- users ----------------------------------------------------------------------------------

  /**
   * Registers an app user (throws CubeValidationError when invalid). When the phone is in someone's
   * book, records the "contact joined" push the service would send.
   */
  registerUser(input: RegisterUserInput): CubeUserProfile {
    const applicationId = input.applicationId ?? this.defaultApp.applicationId;
    return this.joined(this.users.add(input, applicationId, this.now()));
  }

  /**
   * Registers a user known only by their phone (digits, no `+`), as a `firebase_phone` sign-up
   * does: no login, no email, no password. Throws CubeValidationError when invalid or taken.
   */
  registerPhoneUser(input: {
    phone: string;
    full_name?: string;
    applicationId?: string;
  }): CubeUserProfile {
    const applicationId = input.applicationId ?? this.defaultApp.applicationId;
    return this.joined(this.users.addPhoneUser(input, applicationId, this.now()));
  }

  private joined(user: CubeUserRecord): CubeUserProfile {
    if (user.phone && this.findApp(user.applicationId)?.pushOnContactJoined !== false) {
      this.recordJoin(user.id, user.applicationId, user.phone);
    }
    return profileOf(user);
  }

  listUsers(applicationId?: string): CubeUserProfile[] {
    return this.users.all(applicationId).map(profileOf);
  }

  /**
   * What the user's own `PUT /users/{id}` does to their profile (a test hook; the route is not
   * served): the given fields change and `updated_at` moves. undefined when there is no such user.
   */
  updateUser(
    userId: number,
    fields: Partial<Pick<CubeUserRecord, 'full_name' | 'login' | 'avatar' | 'custom_data'>>,
  ): CubeUserProfile | undefined {
    const user = this.users.get(userId);
    if (!user) return undefined;
    Object.assign(user, fields, { updatedAt: this.now() });
    return profileOf(user);
  }

  /**
   * What `DELETE /users/{id}` does: the user and everything of theirs (books, subscriptions,
   * sessions) go. "Contact joined" pushes already recorded stay: they were sent. false if unknown.
   */
  deleteUser(userId: number): boolean {
    if (!this.users.remove(userId)) return false;
    this.books.delete(userId);
    this.subscriptionStore.removeUser(userId);
    this.sessions.destroyUser(userId);
    return true;
  }

  // --- sessions -------------------------------------------------------------------------------

  /** The session for a token, prolonged by this request; undefined when unknown or expired. */
  useSession(token: string | null): CubeSession | undefined {
    if (!token) return undefined;
    const now = this.now();
    const session = this.sessions.touch(token, now);
    const user = session?.userId ? this.users.get(session.userId) : undefined;
    if (user) user.lastRequestAt = now;
    return session;
  }

  /** Every token answers "Required session does not exist" from now on. */
  expireSessions(): void {
    this.sessions.clear();
  }

  // --- address books --------------------------------------------------------------------------

  /** The contacts of a book (`udid` absent or '' = the global book), in upload order. */
  book(userId: number, udid?: string): BookEntry[] {
    return bookEntries(this.books.get(userId)?.get(udid ?? GLOBAL_BOOK));
  }

  /** Applies an upload, with the API's validation and counting (what `POST /address_book` does). */
  upload(
    userId: number,
    contacts: readonly unknown[],
    options: { force?: boolean; udid?: string } = {},
  ): UploadResult {
    const udid = options.udid ?? GLOBAL_BOOK;
    let userBooks = this.books.get(userId);
    if (!userBooks) this.books.set(userId, (userBooks = new Map()));
    const { book, result } = applyUpload(
      userBooks.get(udid) ?? new Map(),
      contacts,
      options.force ?? false,
      (phone) => this.refusedPhones.get(phone),
    );
    userBooks.set(udid, book);
    return result;
  }

  /** Simulates the user's phone app adding contacts to their global book. */
  addToBook(userId: number, contacts: readonly BookEntry[], udid?: string): UploadResult {
    return this.upload(userId, contacts, udid === undefined ? {} : { udid });
  }

  /** Users of the caller's app, other than the caller, whose phone is in the book. */
  registeredUsers(userId: number, udid: string | undefined, compact: boolean): RegisteredUser[] {
    const caller = this.users.get(userId);
    if (!caller) return [];
    const book = this.books.get(userId)?.get(udid ?? GLOBAL_BOOK);
    if (!book) return [];
    // Indexed by phone, so a book of thousands against thousands of users stays linear.
    const byPhone = new Map<string, CubeUserRecord[]>();
    for (const user of this.users.all(caller.applicationId)) {
      if (user.id === userId || user.phone === null) continue;
      byPhone.set(user.phone, [...(byPhone.get(user.phone) ?? []), user]);
    }
    const items: RegisteredUser[] = [];
    for (const [phone, name] of book) {
      for (const user of byPhone.get(phone) ?? []) {
        items.push(
          compact
            ? { id: user.id, phone, address_book_name: name }
            : { ...profileOf(user), address_book_name: name },
        );
      }
    }
    return items;
  }

  // --- push -----------------------------------------------------------------------------------

  /** Stores a subscription; the same user, channel and device udid replace the previous one. */
  subscribe(userId: number, applicationId: string, input: SubscriptionInput): Subscription {
    return this.subscriptionStore.add(userId, applicationId, input, this.now());
  }

  subscriptions(userId?: number): Subscription[] {
    return this.subscriptionStore.list(userId);
  }

  /** false when the user has no such subscription. */
  unsubscribe(userId: number, id: number): boolean {
    return this.subscriptionStore.remove(userId, id);
  }

  subscriptionsJson(userId: number): unknown[] {
    return this.subscriptions(userId).map(subscriptionJson);
  }

  // --- faults, reset --------------------------------------------------------------------------

  injectFault(path: string, faults: readonly Fault[], method?: string): void {
    this.faults.inject(path, faults, method);
  }

  /** Forgets users, sessions, books, subscriptions, faults, refusals and the log; keeps the apps. */
  reset(): void {
    this.users.clear();
    this.sessions.clear();
    this.books.clear();
    this.subscriptionStore.clear();
    this.joinEvents.length = 0;
    this.faults.clear();
    this.log.clear();
    this.refusedPhones.clear();
  }

  private recordJoin(joinedUserId: number, applicationId: string, phone: string): void {
    for (const [ownerId, userBooks] of this.books) {
      const owner = this.users.get(ownerId);
      if (ownerId === joinedUserId || owner?.applicationId !== applicationId) continue;
      for (const [udid, book] of userBooks) {
        const name = book.get(phone);
        if (name === undefined) continue;
        this.joinEvents.push({
          time: this.now(),
          applicationId,
          toUserId: ownerId,
          udid: udid === GLOBAL_BOOK ? null : udid,
          joinedUserId,
          phone,
          addressBookName: name,
          subscriptionIds: this.subscriptions(ownerId).map((item) => item.id),
        });
      }
    }
  }
}
