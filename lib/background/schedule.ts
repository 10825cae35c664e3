import type { CubeDb } from '../db/schema.ts';
import type { RunOutcome } from '../domain/run.ts';
import type { SchedulerPort, Stores } from './background-ports.ts';

/** What the schedule reads and sets. */
export interface ScheduleDeps {
  stores: Pick<Stores, 'googleAccount' | 'settings'>;
  scheduler: SchedulerPort;
}

export const SYNC_ALARM = 'sync';
/** A one-off alarm that retries a failed run before the next periodic one. */
export const RETRY_ALARM = 'sync-retry';
/** Once a day, quietly: "Check and repair" (lib/sync/repair.ts). */
export const REPAIR_ALARM = 'daily-check';
const DAY_MINUTES = 24 * 60;

/**
 * The periodic sync, while there is something to sync: with no Google account connected (first
 * run, after "Forget everything") nothing is scheduled, so nothing runs in the background.
 */
export async function schedule({ stores, scheduler }: ScheduleDeps): Promise<void> {
  if (!(await stores.googleAccount.getValue())) {
    await clearAlarms(scheduler);
    return;
  }
  const { intervalMinutes } = await stores.settings();
  if (!(await scheduler.get(REPAIR_ALARM)))
    await scheduler.create(REPAIR_ALARM, {
      periodInMinutes: DAY_MINUTES,
      delayInMinutes: DAY_MINUTES,
    });
  const existing = await scheduler.get(SYNC_ALARM);
  if (existing?.periodInMinutes === intervalMinutes) return;
  await scheduler.create(SYNC_ALARM, {
    periodInMinutes: intervalMinutes,
    delayInMinutes: intervalMinutes,
  });
}

export async function clearAlarms(scheduler: SchedulerPort): Promise<void> {
  await Promise.all([SYNC_ALARM, RETRY_ALARM, REPAIR_ALARM].map((name) => scheduler.clear(name)));
}

/**
 * A run that failed for a passing reason is tried again sooner than the next periodic sync, with
 * exponential backoff (1, 2, 4… minutes, capped at the interval); it resumes where it stopped.
 * Failures only the user can fix (sign in, reconnect) wait for the user instead.
 */
export async function scheduleRetry(
  db: CubeDb,
  { stores, scheduler }: ScheduleDeps,
  outcome: RunOutcome,
): Promise<void> {
  if (outcome.status !== 'failed') {
    if (outcome.status === 'ok') await scheduler.clear(RETRY_ALARM);
    return;
  }
  if (outcome.error.kind === 'cube-sign-in' || outcome.error.kind === 'google-reconnect') return;
  const streak = await failureStreak(db);
  const { intervalMinutes } = await stores.settings();
  const delayInMinutes = Math.min(intervalMinutes, 2 ** Math.max(0, streak - 1));
  await scheduler.create(RETRY_ALARM, { delayInMinutes });
}

/**
 * Failed runs in a row, newest first, among the last ten: an interrupted run (the browser stopped
 * the worker; the next run resumed) is no failure and breaks no streak, so it is passed over.
 */
export async function failureStreak(db: CubeDb): Promise<number> {
  const recent = await db.runs.orderBy('id').reverse().limit(10).toArray();
  const ended = recent.filter((r) => r.status === 'ok' || r.status === 'failed');
  const ok = ended.findIndex((r) => r.status === 'ok');
  return ok === -1 ? ended.length : ok;
}
