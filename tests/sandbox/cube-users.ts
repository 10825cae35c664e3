// ConnectyCube users: storage, registration rules and the profile JSON the API returns.

import { CubeValidationError } from './cube-errors.ts';

export interface RegisterUserInput {
  login?: string;
  email?: string;
  password: string;
  full_name?: string;
  /** Digits as the app stores them, e.g. `12125550143` (matched against address books as is). */
  phone?: string;
  website?: string;
  custom_data?: string;
  user_tags?: string[];
  external_user_id?: number;
  /** The picture's URL (or blob uid) the app stored for the user. */
  avatar?: string;
  /** The application the user belongs to; the default one when absent. */
  applicationId?: string;
}

export interface CubeUserRecord {
  id: number;
  applicationId: string;
  login: string | null;
  email: string | null;
  /** null: a user who signed up with their phone (Firebase), who has no password. */
  password: string | null;
  full_name: string | null;
  phone: string | null;
  website: string | null;
  custom_data: string | null;
  user_tags: string[] | null;
  external_user_id: number | null;
  avatar: string | null;
  createdAt: number;
  updatedAt: number;
  lastRequestAt: number | null;
}

/** The profile fields the API shows (never the password). */
export interface CubeUserProfile {
  id: number;
  full_name: string | null;
  email: string | null;
  login: string | null;
  phone: string | null;
  website: string | null;
  created_at: string;
  updated_at: string;
  last_request_at: string | null;
  external_user_id: number | null;
  external_id: string | null;
  facebook_id: string | null;
  twitter_id: string | null;
  blob_id: number | null;
  custom_data: string | null;
  avatar: string | null;
  user_tags: string[] | null;
  timezone: number | null;
}

/** Rails renders times without milliseconds: `2018-12-05T11:58:02Z`. */
export function railsTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function profileOf(user: CubeUserRecord): CubeUserProfile {
  return {
    id: user.id,
    full_name: user.full_name,
    email: user.email,
    login: user.login,
    phone: user.phone,
    website: user.website,
    created_at: railsTime(user.createdAt),
    updated_at: railsTime(user.updatedAt),
    last_request_at: user.lastRequestAt === null ? null : railsTime(user.lastRequestAt),
    external_user_id: user.external_user_id,
    external_id: null,
    facebook_id: null,
    twitter_id: null,
    blob_id: null,
    custom_data: user.custom_data,
    avatar: user.avatar,
    user_tags: user.user_tags,
    timezone: null,
  };
}

export class UserStore {
  private byId = new Map<number, CubeUserRecord>();
  private static readonly FIRST_ID = 8101;
  private nextId = UserStore.FIRST_ID;

  all(applicationId?: string): CubeUserRecord[] {
    const users = [...this.byId.values()];
    return applicationId === undefined
      ? users
      : users.filter((user) => user.applicationId === applicationId);
  }

  get(id: number): CubeUserRecord | undefined {
    return this.byId.get(id);
  }

  /** By login or email (case-insensitive, as the real service treats them), within one app. */
  findByCredential(
    applicationId: string,
    key: 'login' | 'email',
    value: string,
  ): CubeUserRecord | undefined {
    const wanted = value.toLowerCase();
    for (const user of this.byId.values()) {
      if (user.applicationId === applicationId && user[key]?.toLowerCase() === wanted) return user;
    }
    return undefined;
  }

  /** The first user of the app with this phone (digits as stored), as a phone sign-in finds them. */
  findByPhone(applicationId: string, phone: string): CubeUserRecord | undefined {
    for (const user of this.byId.values()) {
      if (user.applicationId === applicationId && user.phone === phone) return user;
    }
    return undefined;
  }

  /**
   * A user known only by their phone, as a `firebase_phone` sign-up creates them: no login, no
   * email, no password. Throws CubeValidationError for a phone that is not 6 to 15 digits or that
   * a user of the app already has (a phone sign-in would have found that user).
   */
  addPhoneUser(
    input: { phone: string; full_name?: string },
    applicationId: string,
    now: number,
  ): CubeUserRecord {
    if (!/^\d{6,15}$/.test(input.phone)) throw new CubeValidationError({ phone: ['is invalid'] });
    if (this.findByPhone(applicationId, input.phone)) {
      throw new CubeValidationError({ phone: ['has already been taken'] });
    }
    return this.store(
      { phone: input.phone, full_name: input.full_name ?? null },
      applicationId,
      now,
    );
  }

  /** Throws CubeValidationError with Rails-like messages when the input is not acceptable. */
  add(input: RegisterUserInput, applicationId: string, now: number): CubeUserRecord {
    const errors: Record<string, string[]> = {};
    const login = input.login?.trim() || null;
    const email = input.email?.trim() || null;
    if (!login && !email) errors.base = ['login or email required'];
    if (typeof input.password !== 'string' || input.password === '') {
      errors.password = ["can't be blank"];
    }
    if (login && this.findByCredential(applicationId, 'login', login)) {
      errors.login = ['has already been taken'];
    }
    if (email && this.findByCredential(applicationId, 'email', email)) {
      errors.email = ['has already been taken'];
    }
    if (Object.keys(errors).length > 0) throw new CubeValidationError(errors);
    return this.store(
      {
        login,
        email,
        password: input.password,
        full_name: input.full_name ?? null,
        phone: input.phone ?? null,
        website: input.website ?? null,
        custom_data: input.custom_data ?? null,
        user_tags: input.user_tags ?? null,
        external_user_id: input.external_user_id ?? null,
        avatar: input.avatar ?? null,
      },
      applicationId,
      now,
    );
  }

  private store(
    fields: Partial<Omit<CubeUserRecord, 'id' | 'applicationId' | 'createdAt' | 'updatedAt'>>,
    applicationId: string,
    now: number,
  ): CubeUserRecord {
    const user: CubeUserRecord = {
      id: this.nextId++,
      applicationId,
      login: null,
      email: null,
      password: null,
      full_name: null,
      phone: null,
      website: null,
      custom_data: null,
      user_tags: null,
      external_user_id: null,
      avatar: null,
      lastRequestAt: null,
      ...fields,
      createdAt: now,
      updatedAt: now,
    };
    this.byId.set(user.id, user);
    return user;
  }

  /** false when there was no such user. */
  remove(id: number): boolean {
    return this.byId.delete(id);
  }

  clear(): void {
    this.byId.clear();
    // A reset sandbox hands out the same ids again, so runs (and screenshots) repeat exactly.
    this.nextId = UserStore.FIRST_ID;
  }
}
