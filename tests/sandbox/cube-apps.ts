// ConnectyCube applications and their dashboard switches (a store of CubeState's, split out so
// the state class stays readable). Ids and keys are derived from the position, so runs repeat.

import { createHash } from 'node:crypto';

export interface CubeApp {
  applicationId: string;
  authKey: string;
  /** Only used to check a `signature`, which the 6.x SDK no longer sends. */
  authSecret: string;
  /** "Session creation without an existing user entity": the docs recommend Deny (false). */
  createUsersOnSession: boolean;
  /** Record a push for each book containing a newly registered user's phone. */
  pushOnContactJoined: boolean;
  /**
   * Most contacts one `POST /address_book` may carry; more is a 413 with nothing applied, as a
   * server or proxy refusing a large body would answer. null (the default): no limit.
   */
  maxBatch: number | null;
}

/** The dashboard switches a test may flip on an existing application. */
export type CubeAppSettings = Partial<
  Pick<CubeApp, 'createUsersOnSession' | 'pushOnContactJoined' | 'maxBatch'>
>;

export class AppStore {
  private items: CubeApp[] = [];

  get list(): readonly CubeApp[] {
    return this.items;
  }

  /** Registers an application; ids and keys are derived from its position when not given. */
  add(overrides: Partial<CubeApp> = {}): CubeApp {
    const applicationId = overrides.applicationId ?? String(7421 + this.items.length);
    const digest = createHash('sha256').update(`app:${applicationId}`).digest('base64url');
    const app: CubeApp = {
      applicationId,
      authKey: overrides.authKey ?? `${digest.slice(0, 2)}-${digest.slice(2, 14)}`,
      authSecret: overrides.authSecret ?? digest.slice(14, 29),
      createUsersOnSession: overrides.createUsersOnSession ?? false,
      pushOnContactJoined: overrides.pushOnContactJoined ?? true,
      maxBatch: overrides.maxBatch ?? null,
    };
    this.items.push(app);
    return app;
  }

  find(applicationId: string): CubeApp | undefined {
    return this.items.find((app) => app.applicationId === applicationId);
  }

  /** Changes an application's switches (ids and keys stay); undefined when unknown. */
  update(applicationId: string, settings: CubeAppSettings): CubeApp | undefined {
    const app = this.find(applicationId);
    if (!app) return undefined;
    if (settings.createUsersOnSession !== undefined) {
      app.createUsersOnSession = settings.createUsersOnSession;
    }
    if (settings.pushOnContactJoined !== undefined) {
      app.pushOnContactJoined = settings.pushOnContactJoined;
    }
    // null lifts the limit, so only an absent key leaves it alone.
    if (settings.maxBatch !== undefined) app.maxBatch = settings.maxBatch;
    return app;
  }
}
