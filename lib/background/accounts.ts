import { buildConfig, builtInApp, checkEndpoint } from '../config.ts';
import { SCOPE_OTHER_CONTACTS } from '../google/auth.ts';
import type { SignInRequest } from '../messaging/protocol.ts';
import {
  consentItem,
  cubeAccountItem,
  googleAccessLeftItem,
  readSettings,
  settingsItem,
} from '../settings.ts';
import { bindDestination } from '../sync/destination.ts';
import { refreshBadge } from '../sync/registered.ts';
import { accountDestination } from './consent.ts';
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
    await refreshBadge(ctx);
    void ctx.sync('signed-in');
  }

  const handlers: Pick<
    Handlers,
    'connectGoogle' | 'disconnectGoogle' | 'cubeSignIn' | 'cubeConfirmNew' | 'cubeSignOut'
  > = {
    async connectGoogle({ includeOther }) {
      const account = await auth.connect(includeOther);
      // Connected again: what a disconnect could not withdraw is granted anew anyway.
      await googleAccessLeftItem.setValue(null);
      // Only what Google granted counts: an unticked "other contacts" turns the option off.
      const granted = includeOther && account.scopes.includes(SCOPE_OTHER_CONTACTS);
      await settingsItem.setValue({ ...(await readSettings()), includeOther: granted });
      await schedule();
      void ctx.sync('google-connected');
      return ctx.status();
    },
    async disconnectGoogle() {
      // A run must not renew the token being revoked.
      await ctx.exclusive(() => disconnectGoogle(auth));
      await schedule();
      return ctx.status();
    },
    async cubeSignIn(request) {
      const app = appOf(request);
      await cube.signIn(
        { ...app, login: request.login.trim(), password: request.password },
        request.staySignedIn,
      );
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
