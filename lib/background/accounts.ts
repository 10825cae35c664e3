import { buildConfig, builtInApp, checkEndpoint } from '../config.ts';
import { SCOPE_OTHER_CONTACTS } from '../google/auth.ts';
import type { SignInRequest } from '../messaging/protocol.ts';
import { consentItem, cubeAccountItem, readSettings, settingsItem } from '../settings.ts';
import { bindDestination } from '../sync/destination.ts';
import { refreshBadge } from '../sync/registered.ts';
import { accountDestination } from './consent.ts';
import { RequestError } from './errors.ts';
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

/** Google and ConnectyCube: connecting, signing in, and undoing both. */
export function accountHandlers(ctx: ServiceContext) {
  const { db, auth, cube } = ctx;

  /**
   * A confirmed account: the server state the extension believes in becomes this account's (put
   * aside for another), the "sign in again" notice goes, and a sync runs (it uploads only with
   * consent for exactly this account).
   */
  async function activate(): Promise<void> {
    const account = await cubeAccountItem.getValue();
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
    'connectGoogle' | 'disconnectGoogle' | 'cubeSignIn' | 'cubeConfirmNew' | 'cubeSignOut'
  > = {
    async connectGoogle({ includeOther }) {
      const account = await auth.connect(includeOther);
      // Only what Google granted counts: an unticked "other contacts" turns the option off.
      const granted = includeOther && account.scopes.includes(SCOPE_OTHER_CONTACTS);
      await settingsItem.setValue({ ...(await readSettings()), includeOther: granted });
      await schedule();
      void ctx.sync('google-connected');
      return ctx.status();
    },
    async disconnectGoogle() {
      // A run must not renew the token being revoked.
      await ctx.exclusive(() => auth.disconnect());
      await schedule();
      return ctx.status();
    },
    async cubeSignIn(request) {
      const app = appOf(request);
      // This device's push subscription goes while the session that made it may still reach it:
      // after the sign-in only the new account is reachable.
      await ctx.pushSubscriptions.leave();
      try {
        await cube.signIn(
          { ...app, login: request.login.trim(), password: request.password },
          request.staySignedIn,
        );
      } catch (error) {
        // Still the account signed in before, if any: its pushes come back if they are wanted.
        void ctx.pushSubscriptions.follow();
        throw error;
      }
      await activate();
      return ctx.status();
    },
    async cubeConfirmNew({ keep }) {
      if (keep) {
        await cube.keepAccount();
        await activate();
      } else {
        await cube.deleteAccount();
      }
      return ctx.status();
    },
    async cubeSignOut() {
      await ctx.exclusive(async () => {
        // The subscription is deleted while the session that made it still exists.
        await ctx.pushSubscriptions.remove();
        await cube.signOut();
        await consentItem.setValue(null);
      });
      return ctx.status();
    },
  };
  return handlers;
}
