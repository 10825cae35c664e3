import { browser } from 'wxt/browser';
import { buildConfig, checkEndpoint } from '../config.ts';
import type { CubeClient } from '../connectycube/client.ts';
import type { CubeDb } from '../db/schema.ts';
import type { GoogleAuth } from '../google/auth.ts';
import type {
  Message,
  Protocol,
  Reply,
  RequestType,
  ServerBookReport,
  Status,
} from '../messaging/protocol.ts';
import {
  consentItem,
  cubeAccountItem,
  googleAccountItem,
  readSettings,
  settingsItem,
  udidItem,
} from '../settings.ts';
import type { Engine, RunOutcome } from '../sync/engine.ts';
import type { NotifierPort, Progress } from '../sync/ports.ts';
import { refreshBadge } from '../sync/registered.ts';
import { requestReupload } from '../sync/upload.ts';
import { describeError } from '../sync/errors.ts';

export const SYNC_ALARM = 'sync';
/** A one-off alarm that retries a failed run before the next periodic one. */
export const RETRY_ALARM = 'sync-retry';

export interface ServiceDeps {
  db: CubeDb;
  engine: Engine;
  auth: GoogleAuth;
  cube: CubeClient;
  notifier: NotifierPort;
  now(): number;
  /** Subscribes to "contact joined" pushes when the build has a VAPID key (best effort). */
  subscribePush(): Promise<void>;
}

type Handlers = { [T in RequestType]: (request: Message<T>) => Promise<Protocol[T]['answer']> };

/** The background's answers to the protocol, and its schedule. */
export function createService(deps: ServiceDeps) {
  const { db, engine } = deps;
  let progress: Progress | null = null;

  async function status(): Promise<Status> {
    const [settings, google, cube, consent, alarm] = await Promise.all([
      readSettings(),
      googleAccountItem.getValue(),
      cubeAccountItem.getValue(),
      consentItem.getValue(),
      browser.alarms.get(SYNC_ALARM),
    ]);
    const runs = await db.runs.orderBy('id').reverse().limit(20).toArray();
    const endpoint = cube?.credentials.endpoint ?? buildConfig.cubeApiUrl;
    return {
      google: {
        connected: !!google,
        needsReconnect: !!google?.needsReconnect,
        clientIdMissing: buildConfig.googleClientId === '',
        redirectUrl: redirectUrl(),
        contactCount: await db.people.count(),
      },
      cube: { signedIn: !!cube, endpoint, ...(cube ? { user: cube.user } : {}) },
      consent: {
        given: !!consent,
        ...(consent ? { at: consent.at } : {}),
        phoneCount: await db.entries.count(),
        skippedCount: await db.skipped.count(),
        host: hostOf(endpoint),
        bookMode: settings.bookMode,
      },
      settings,
      syncing: engine.running,
      progress,
      ...(runs[0] ? { lastRun: runs[0] } : {}),
      ...(() => {
        const ok = runs.find((r) => r.endedAt !== undefined && !r.error);
        return ok?.endedAt ? { lastSuccessAt: ok.endedAt } : {};
      })(),
      ...(alarm ? { nextRunAt: alarm.scheduledTime } : {}),
      unseenJoins: await db.registered
        .filter((r) => r.joinedAt !== undefined && r.seen === 0)
        .count(),
    };
  }

  async function sync(trigger: string): Promise<RunOutcome> {
    const google = await googleAccountItem.getValue();
    if (!google) return { status: 'not-ready', reason: 'google' };
    if (google.needsReconnect) return { status: 'not-ready', reason: 'google-reconnect' };
    const outcome = await engine.run(trigger);
    await scheduleRetry(outcome);
    return outcome;
  }

  /**
   * A run that failed for a passing reason is tried again sooner than the next periodic sync, with
   * exponential backoff (1, 2, 4… minutes, capped at the interval); it resumes where it stopped.
   * Failures only the user can fix (sign in, reconnect) wait for the user instead.
   */
  async function scheduleRetry(outcome: RunOutcome): Promise<void> {
    if (outcome.status !== 'failed') {
      if (outcome.status === 'ok') await browser.alarms.clear(RETRY_ALARM);
      return;
    }
    const recent = await db.runs.orderBy('id').reverse().limit(10).toArray();
    const last = recent[0];
    if (last?.errorKind === 'cube-auth' || last?.errorKind === 'google-reconnect') return;
    const failures = recent.findIndex((r) => !r.error);
    const streak = failures === -1 ? recent.length : failures;
    const { intervalMinutes } = await readSettings();
    const delayInMinutes = Math.min(intervalMinutes, 2 ** Math.max(0, streak - 1));
    await browser.alarms.create(RETRY_ALARM, { delayInMinutes });
  }

  async function schedule(): Promise<void> {
    const { intervalMinutes } = await readSettings();
    const existing = await browser.alarms.get(SYNC_ALARM);
    if (existing?.periodInMinutes === intervalMinutes) return;
    await browser.alarms.create(SYNC_ALARM, {
      periodInMinutes: intervalMinutes,
      delayInMinutes: intervalMinutes,
    });
  }

  const handlers: Handlers = {
    status: () => status(),
    syncNow: () => sync('manual'),
    async connectGoogle({ includeOther }) {
      await deps.auth.connect(includeOther);
      await settingsItem.setValue({ ...(await readSettings()), includeOther });
      void sync('google-connected');
      return status();
    },
    async disconnectGoogle() {
      await deps.auth.disconnect();
      return status();
    },
    async cubeSignIn({ credentials }) {
      const endpoint = checkEndpoint(credentials.endpoint);
      if (!endpoint.ok) throw new Error(endpoint.reason);
      await deps.cube.signIn({ ...credentials, endpoint: endpoint.url });
      void deps.subscribePush();
      return status();
    },
    async cubeSignOut() {
      await deps.cube.signOut();
      return status();
    },
    async consent() {
      const cube = await cubeAccountItem.getValue();
      if (!cube) throw new Error('cube-signed-out');
      await consentItem.setValue({ at: deps.now(), host: hostOf(cube.credentials.endpoint) });
      void sync('consent');
      return status();
    },
    async saveSettings({ settings }) {
      const before = await readSettings();
      const after = { ...before, ...settings };
      await settingsItem.setValue(after);
      await schedule();
      if (
        after.bookMode !== before.bookMode ||
        after.defaultCountry !== before.defaultCountry ||
        after.phoneFormat !== before.phoneFormat ||
        after.includeOther !== before.includeOther
      ) {
        void sync('settings');
      }
      return status();
    },
    async reuploadAll() {
      await requestReupload(db, (await readSettings()).bookMode);
      return sync('reupload');
    },
    async removeFromServer() {
      await consentItem.setValue(null);
      const outcome = await engine.run('remove', undefined, 'remove');
      if (outcome.status === 'failed') throw new Error(outcome.error);
      await refreshBadge(deps);
      return status();
    },
    async forgetEverything() {
      await deps.cube.signOut().catch(() => undefined);
      await browser.alarms.clear(SYNC_ALARM);
      await Promise.all(db.tables.map((table) => table.clear()));
      await browser.storage.local.clear();
      await udidItem.getValue();
      await refreshBadge(deps);
      await schedule();
      return status();
    },
    async markSeen() {
      await db.registered.where('joinedAt').above(0).modify({ seen: 1 });
      await refreshBadge(deps);
      return null;
    },
    async serverBook(): Promise<ServerBookReport> {
      const settings = await readSettings();
      const udid = settings.bookMode === 'own' ? await udidItem.getValue() : undefined;
      const server = await deps.cube.book(udid);
      const entries = new Map((await db.entries.toArray()).map((e) => [e.phone, e.name]));
      const onServer = new Map(server.map((c) => [c.phone, c.name]));
      return {
        serverCount: server.length,
        expectedCount: entries.size,
        missing: [...entries.keys()].filter((p) => !onServer.has(p)),
        unexpected:
          settings.bookMode === 'own' ? [...onServer.keys()].filter((p) => !entries.has(p)) : [],
        renamed: [...entries]
          .filter(([p, n]) => onServer.has(p) && onServer.get(p) !== n)
          .map(([p]) => p),
      };
    },
  };

  return {
    status,
    sync,
    schedule,
    /** A join notification was clicked: show the list (the popup, or the same page in a tab). */
    async openList(notificationId: string) {
      await browser.notifications.clear(notificationId);
      try {
        await (browser.action ?? browser.browserAction).openPopup();
      } catch {
        await browser.tabs.create({ url: browser.runtime.getURL('/popup.html') });
      }
    },
    setProgress(next: Progress | null) {
      progress = next;
      // Nobody may be listening (popup closed): that is fine.
      browser.runtime.sendMessage({ type: 'progress', progress: next }).catch(() => undefined);
    },
    async handle(message: Message): Promise<Reply<RequestType>> {
      const handler = handlers[message.type] as ((m: Message) => Promise<unknown>) | undefined;
      if (!handler) return { ok: false, error: `unknown request ${String(message.type)}` };
      try {
        return { ok: true, value: (await handler(message)) as Protocol[RequestType]['answer'] };
      } catch (error) {
        return { ok: false, error: describeError(error) };
      }
    },
  };
}

export type Service = ReturnType<typeof createService>;

/** Where Google sends the user back; empty where the browser has no identity API. */
function redirectUrl(): string {
  try {
    return browser.identity.getRedirectURL();
  } catch {
    return '';
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
