import { browser } from 'wxt/browser';
import { buildConfig, builtInApp } from '../config.ts';
import { canRenew, signedInUser, staysSignedIn } from '../connectycube/account.ts';
import { accountPhone } from './account-phone.ts';
import type { CubeAccount } from '../connectycube/types.ts';
import type { CubeDb } from '../db/schema.ts';
import { SCOPE_OTHER_CONTACTS } from '../google/auth.ts';
import type { ConsentState, CubeStatus, Status } from '../messaging/protocol.ts';
import { otherAccountsEntryCount } from '../sync/destination.ts';
import type { Progress } from '../domain/run.ts';
import { DESTROYABLE } from '../sync/outbox.ts';
import { unseenJoins } from '../sync/registered.ts';
import { accountName, consentCovers, consentTarget } from './consent.ts';
import { SYNC_ALARM } from './schedule.ts';
import type { SchedulerPort, Stores } from './background-ports.ts';

/** No session, and no password or refresh token to make one: only the user can sign in again. */
const sessionLost = (account: CubeAccount) => !account.token && !canRenew(account);

/**
 * The session ended (or the browser restarted without "Stay signed in") and no password was kept:
 * only the user can sign in again.
 */
export function needsSignIn(account: CubeAccount | null): boolean {
  return !!account && account.state === 'active' && sessionLost(account);
}

function cubeStatus(account: CubeAccount | null, phoneSignIn: boolean): CubeStatus {
  const builtIn = builtInApp(buildConfig) !== null;
  const endpoint = account?.credentials.endpoint ?? buildConfig.cubeApiUrl;
  if (!account) return { state: 'signed-out', endpoint, builtInApp: builtIn, phoneSignIn };
  const phone = accountPhone(account);
  const common = {
    endpoint,
    builtInApp: builtIn,
    phoneSignIn,
    user: signedInUser(account.user),
    ...(phone ? { phone } : {}),
  };
  if (account.state === 'confirm-new')
    return { state: 'confirm-new', ...common, needsSignIn: sessionLost(account) };
  return {
    state: 'signed-in',
    ...common,
    staySignedIn: staysSignedIn(account),
    needsSignIn: needsSignIn(account),
  };
}

/** Everything the popup and the options page draw, read fresh from storage and the database. */
export async function readStatus(
  db: CubeDb,
  { stores, scheduler }: { stores: Stores; scheduler: SchedulerPort },
  syncing: boolean,
  progress: Progress | null,
  /** The build and browser offer phone sign-in (ServiceDeps.phone). */
  phoneSignIn = false,
): Promise<Status> {
  const [settings, google, cube, consent, alarm, accessLeft] = await Promise.all([
    stores.settings(),
    stores.googleAccount.getValue(),
    stores.cubeAccount.getValue(),
    stores.consent.getValue(),
    scheduler.get(SYNC_ALARM),
    stores.googleAccessLeft.getValue(),
  ]);
  // One read-only transaction each, all at once: the popup's first paint waits for this answer.
  // People, entries, skipped numbers and acknowledgements are each counted from one row.
  const [runs, contactCount, phoneCount, skippedCount, unseen, serverEntryCount, otherAccounts] =
    await Promise.all([
      db.runs.orderBy('id').reverse().limit(20).toArray(),
      db.people.count(),
      db.entries.count(),
      db.skipped.count(),
      unseenJoins(db),
      // One row of counts, not the buckets: the pages ask for the status while a sync runs. In the
      // shared book the phone app's entries are acknowledged too: only the states tell whose.
      settings.bookMode === 'own' ? db.acked.count() : db.acked.count(DESTROYABLE),
      otherAccountsEntryCount(db),
    ]);
  const target = consentTarget(cube, google, settings);
  let consentState: ConsentState;
  if (!google || !target) consentState = { state: 'needs-accounts' };
  else if (consent && consentCovers(consent, target))
    consentState = { state: 'given', at: consent.at };
  // `changed`: agreed for another destination or to numbers alone (an older record names none).
  else consentState = { state: 'needed', changed: !!consent?.endpoint };
  const ok = runs.find((r) => r.status === 'ok');
  const cubeView = cubeStatus(cube, phoneSignIn);
  return {
    google: {
      connected: !!google,
      needsReconnect: !!google?.needsReconnect,
      clientIdMissing: buildConfig.googleClientId === '',
      redirectUrl: redirectUrl(),
      contactCount,
      ...(google?.email ? { email: google.email } : {}),
      otherContactsRefused: !!google?.refusedScopes?.includes(SCOPE_OTHER_CONTACTS),
      accessLeft,
    },
    cube: cubeView,
    consent: {
      consent: consentState,
      accountName: accountName(cube),
      host: hostOf(cubeView.endpoint),
      bookMode: settings.bookMode,
      sendNames: settings.sendNames,
      phoneCount,
      skippedCount,
    },
    settings,
    syncing,
    progress,
    ...(runs[0] ? { lastRun: runs[0] } : {}),
    ...(ok ? { lastSuccessAt: ok.endedAt } : {}),
    ...(alarm ? { nextRunAt: alarm.scheduledTime } : {}),
    unseenJoins: unseen,
    serverEntryCount,
    otherAccountsEntryCount: otherAccounts,
  };
}

/** Where Google sends the user back; empty where the browser has no identity API. */
function redirectUrl(): string {
  try {
    return browser.identity.getRedirectURL();
  } catch {
    return '';
  }
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
