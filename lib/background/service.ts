import { browser } from 'wxt/browser';
import type { CubeClient } from '../connectycube/client.ts';
import type { CubeDb } from '../db/schema.ts';
import type { GoogleAuth } from '../google/auth.ts';
import type { Message, Protocol, Reply, RequestType, Status } from '../messaging/protocol.ts';
import type { Engine, RunOutcome } from '../sync/engine.ts';
import type { SchedulerPort, Stores } from './background-ports.ts';
import type { PhoneSignInPort } from '../phone/sign-in.ts';
import type { Progress } from '../domain/run.ts';
import type { Trigger } from '../domain/triggers.ts';
import { accountHandlers } from './accounts.ts';
import { openFromNotification } from './clicks.ts';
import { toReplyError } from './errors.ts';
import { inviteHandlers } from './invites.ts';
import { readRequest } from './validate.ts';
import type { BackgroundNotifier } from './notifier.ts';
import { privacyHandlers } from './privacy.ts';
import { settingsHandlers } from './settings-handlers.ts';
import { bookHandlers } from './book-handlers.ts';
import { createPushSubscriptions, type BrowserPush } from './push-subscription.ts';
import { schedule, scheduleRetry } from './schedule.ts';
import { accountDestination } from './consent.ts';
import { createFirstScreen, type FirstScreenKeeper } from './first-screen.ts';
import { needsSignIn, readStatus } from './status.ts';

export interface ServiceDeps {
  db: CubeDb;
  engine: Engine;
  auth: GoogleAuth;
  cube: CubeClient;
  notifier: BackgroundNotifier;
  push: BrowserPush;
  /** What the service, the status and the schedule read from storage. */
  stores: Stores;
  /** The alarms: the periodic sync, the retry, the daily check. */
  scheduler: SchedulerPort;
  now(): number;
  /** Phone sign-in; absent when the build has no page or the browser no launchWebAuthFlow. */
  phone?: PhoneSignInPort;
}

/** What the handlers of each concern share. */
export interface ServiceContext extends ServiceDeps {
  status(): Promise<Status>;
  sync(trigger: Trigger, mode?: 'sync' | 'repair'): Promise<RunOutcome>;
  pushSubscriptions: ReturnType<typeof createPushSubscriptions>;
  /** The popup's first screen, kept beside the users view. */
  firstScreen: FirstScreenKeeper;
  /**
   * Runs `task` with syncing held: the run going on is stopped and awaited first, and no run starts
   * until `task` ends (sign-out, forget: nothing may write or upload half-way through them).
   */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
}

export type Handlers = {
  [T in RequestType]: (request: Message<T>) => Promise<Protocol[T]['answer']>;
};

/** The background's answers to the protocol, and its schedule. */
export function createService(deps: ServiceDeps) {
  const { db, engine } = deps;
  let progress: Progress | null = null;
  let held = 0;

  const status = () => readStatus(db, deps, engine.running, progress, deps.phone !== undefined);

  async function sync(trigger: Trigger, mode: 'sync' | 'repair' = 'sync'): Promise<RunOutcome> {
    if (held > 0) return { status: 'stopped' };
    const google = await deps.stores.googleAccount.getValue();
    if (!google) return { status: 'not-ready', reason: 'google' };
    if (google.needsReconnect) return { status: 'not-ready', reason: 'google-reconnect' };
    // Told once, by the run that found the session gone: later runs send nothing until sign-in.
    if (needsSignIn(await deps.stores.cubeAccount.getValue()))
      return { status: 'not-ready', reason: 'cube-sign-in' };
    const outcome = await engine.run(trigger, undefined, mode);
    if (outcome.status === 'failed' && needsSignIn(await deps.stores.cubeAccount.getValue()))
      await deps.notifier.signInNeeded();
    await scheduleRetry(db, deps, outcome);
    return outcome;
  }

  const ctx: ServiceContext = {
    ...deps,
    status,
    sync,
    pushSubscriptions: createPushSubscriptions(deps),
    firstScreen: createFirstScreen({
      db,
      area: deps.stores.firstScreen,
      signedIn: async () => accountDestination(await deps.stores.cubeAccount.getValue()),
    }),
    async exclusive(task) {
      held += 1;
      try {
        await engine.stop();
        return await task();
      } finally {
        held -= 1;
      }
    },
  };

  const handlers: Handlers = {
    status: () => status(),
    syncNow: () => sync('manual'),
    checkAndRepair: () => sync('repair', 'repair'),
    ...accountHandlers(ctx),
    ...privacyHandlers(ctx),
    ...settingsHandlers(ctx),
    ...bookHandlers(ctx),
    ...inviteHandlers(ctx),
  };

  return {
    status,
    sync,
    schedule: () => schedule(deps),
    /** A notification was clicked: the chat, the popup with that user first, or the options. */
    onNotificationClicked: (id: string) => openFromNotification(db, id),
    /** Keeps the popup's first screen from the users view from now on; returns the stop. */
    followUsersView: () => ctx.firstScreen.follow(),
    /** The browser replaced the push subscription: registered again only while consent holds. */
    renewPush: () => ctx.pushSubscriptions.renew(),
    setProgress(next: Progress | null) {
      progress = next;
      // Nobody may be listening (popup closed): that is fine.
      browser.runtime.sendMessage({ type: 'progress', progress: next }).catch(() => undefined);
    },
    async handle(message: unknown): Promise<Reply<RequestType>> {
      try {
        const request = readRequest(message);
        const handler = handlers[request.type] as (m: Message) => Promise<unknown>;
        return { ok: true, value: (await handler(request)) as Protocol[RequestType]['answer'] };
      } catch (error) {
        return { ok: false, error: toReplyError(error) };
      }
    },
  };
}

export type Service = ReturnType<typeof createService>;
