import { serialQueue } from '../serial.ts';
import { buildConfig, builtInApp, checkEndpoint } from '../config.ts';
import type { CubeAccount, CubeApp } from '../connectycube/types.ts';
import { SCOPE_OTHER_CONTACTS } from '../google/auth.ts';
import { t } from '../i18n.ts';
import type { SignInRequest } from '../messaging/protocol.ts';
import { bindDestination } from '../sync/destination.ts';
import { bindPeople, holdsPeopleOf } from '../sync/people-account.ts';
import { refreshBadge } from '../sync/registered.ts';
import { accountDestination, googleKey } from './consent.ts';
import { accountPhone } from './account-phone.ts';
import type { Stores } from './background-ports.ts';
import { RequestError } from './errors.ts';
import { disconnectGoogle } from './google-access.ts';
import { schedule } from './schedule.ts';
import type { Handlers, ServiceContext } from './service.ts';

/** The app a sign-in goes to: the one given under "Advanced", else the build's own. */
function appOf(request: SignInRequest) {
  const app = request.app ?? builtInApp(buildConfig);
  if (!app) throw new RequestError('invalid-input', 'app-required');
  const endpoint = checkEndpoint(app.endpoint);
  if (!endpoint.ok) throw new RequestError('invalid-input', endpoint.reason);
  return { ...app, endpoint: endpoint.url };
}

/** Signing in again to the very account stored: the same login to the same application. */
function sameLogin(account: CubeAccount, app: CubeApp, login: string): boolean {
  const stored = account.credentials;
  return (
    stored.endpoint === app.endpoint &&
    stored.applicationId === app.applicationId &&
    stored.method !== 'phone' &&
    stored.login === login
  );
}

/**
 * Signing in again by phone to the account stored: a phone account of the same application, with
 * that number (`phone`, E.164) or, before the page told which, any number.
 */
function samePhone(account: CubeAccount, app: CubeApp, phone?: string): boolean {
  const stored = account.credentials;
  return (
    stored.endpoint === app.endpoint &&
    stored.applicationId === app.applicationId &&
    stored.method === 'phone' &&
    (phone === undefined || stored.phone === phone)
  );
}

/**
 * An account a sign-in created is deleted or kept by the user's choice, never left behind on the
 * server: nothing replaces it (a sign-in to another, a sign-out, "Forget everything") until then.
 * `except`: a request that leaves it in place.
 */
export async function refuseWhileUnconfirmed(
  stores: Pick<Stores, 'cubeAccount'>,
  except?: (account: CubeAccount) => boolean,
): Promise<void> {
  const account = await stores.cubeAccount.getValue();
  if (account?.state !== 'confirm-new' || except?.(account)) return;
  const { login, email, id } = account.user;
  throw new RequestError(
    'cube-unconfirmed',
    t('cubeUnconfirmedFirst', accountPhone(account) || login || email || String(id)),
  );
}

/** Google and ConnectyCube: connecting, signing in, and undoing both. */
export function accountHandlers(ctx: ServiceContext) {
  const { db, auth, cube } = ctx;
  /**
   * Sign-ins, sign-outs and the answers about a new account, one at a time: each checks the stored
   * account, then changes it, and no other may change it in between (two tabs, two clicks).
   */
  const serially = serialQueue();

  /**
   * A confirmed account: the server state the extension believes in becomes this account's (put
   * aside for another), the "sign in again" notice goes, and a sync runs (it uploads only with
   * consent for exactly this account).
   */
  async function activate(): Promise<void> {
    const account = await ctx.stores.cubeAccount.getValue();
    if (!account || account.state !== 'active') return;
    // No run may start between the stop and the binding: it would upload under the old belief.
    await ctx.exclusive(() => bindDestination(db, accountDestination(account)));
    // Pushes are registered again only with consent for exactly this account.
    void ctx.pushSubscriptions.follow();
    await refreshBadge(ctx);
    void ctx.sync('signed-in');
  }

  const handlers: Pick<
    Handlers,
    | 'connectGoogle'
    | 'disconnectGoogle'
    | 'cubeSignIn'
    | 'cubePhoneSignIn'
    | 'cubeConfirmNew'
    | 'cubeSignOut'
  > = {
    async connectGoogle({ includeOther }) {
      const account = await auth.connect(includeOther);
      // Another account (maybe picked on Google's page while connecting again for "other
      // contacts"): a run going on, which may already read with its token, is stopped, and the
      // contacts of the account before go before anything else reads or counts them.
      const key = googleKey(account);
      if (!(await holdsPeopleOf(db, key))) await ctx.exclusive(() => bindPeople(db, key));
      // Connected again: what a disconnect could not withdraw is granted anew anyway.
      await ctx.stores.googleAccessLeft.setValue(null);
      // Only what Google granted counts: an unticked "other contacts" turns the option off.
      const granted = includeOther && account.scopes.includes(SCOPE_OTHER_CONTACTS);
      await ctx.stores.saveSettings({ ...(await ctx.stores.settings()), includeOther: granted });
      await schedule(ctx);
      void ctx.sync('google-connected');
      return ctx.status();
    },
    async disconnectGoogle() {
      // A run must not renew the token being revoked.
      await ctx.exclusive(() => disconnectGoogle(auth, ctx.stores));
      await schedule(ctx);
      return ctx.status();
    },
    cubeSignIn: (request) =>
      serially(async () => {
        const app = appOf(request);
        const login = request.login.trim();
        // Signing in to that very account again (its session is gone) leaves it waiting.
        await refuseWhileUnconfirmed(ctx.stores, (account) => sameLogin(account, app, login));
        // This device's push subscription goes while the session that made it may still reach
        // it: after the sign-in only the new account is reachable.
        await ctx.pushSubscriptions.leave();
        // No popup paints the users of the account before from its first screen meanwhile.
        await ctx.firstScreen.held(async () => {
          try {
            await cube.signIn({ ...app, login, password: request.password }, request.staySignedIn);
          } catch (error) {
            // Still the account signed in before, if any: its pushes come back if they are wanted.
            void ctx.pushSubscriptions.follow();
            throw error;
          }
          await activate();
        });
        return ctx.status();
      }),
    async cubePhoneSignIn({ staySignedIn }) {
      const phone = ctx.phone;
      if (!phone) throw new RequestError('invalid-request', 'cubePhoneSignIn: not offered here');
      // Asked before the window opens: no code is typed for a sign-in that would be refused.
      await refuseWhileUnconfirmed(ctx.stores, (account) => samePhone(account, phone.app));
      // Not in the queue: the user may take minutes in the window, and a sign-out meanwhile goes
      // through. The window's answer is judged against the account stored when it comes.
      const tokens = await phone.launch();
      return serially(async () => {
        await refuseWhileUnconfirmed(ctx.stores, (account) =>
          samePhone(account, phone.app, tokens.phone),
        );
        await ctx.pushSubscriptions.leave();
        await ctx.firstScreen.held(async () => {
          try {
            await cube.signInWithPhone(
              { ...phone.app, projectId: phone.projectId, ...tokens },
              staySignedIn,
            );
          } catch (error) {
            void ctx.pushSubscriptions.follow();
            throw error;
          }
          await activate();
        });
        return ctx.status();
      });
    },
    cubeConfirmNew: ({ keep, userId }) =>
      serially(async () => {
        // The client sends nothing unless `userId` is stored and still waits for this answer.
        if (keep) {
          await cube.keepAccount(userId);
          await activate();
        } else {
          await cube.deleteAccount(userId);
        }
        return ctx.status();
      }),
    cubeSignOut: () =>
      serially(async () => {
        await refuseWhileUnconfirmed(ctx.stores);
        // Signed out, the popup reads the users of the last sync from IndexedDB (its first screen
        // is only ever the signed-in account's).
        await ctx.firstScreen.held(() =>
          ctx.exclusive(async () => {
            // The subscription is deleted while the session that made it still exists.
            await ctx.pushSubscriptions.remove();
            await cube.signOut();
            await ctx.stores.consent.setValue(null);
          }),
        );
        return ctx.status();
      }),
  };
  return handlers;
}
