// The background's real ConnectyCube client over the in-process sandbox, storing its account where
// the extension does (cubeAccountItem): for tests of what reaches the server and what is stored.
import { createCubeClient } from '@/lib/connectycube/client';
import { cubeAccountItem } from '@/lib/settings';
import { CubeState, ManualClock, createCubeHandler, inProcessFetch } from '../../sandbox/index.ts';
import { fakeNet } from '../fake-net.ts';

export const CUBE_ENDPOINT = 'https://cube.example';

/**
 * A sandbox whose application creates unknown logins on the fly (as the dashboard allows), with one
 * real account, `owner`, made well before any sign-in (so it never looks made by one).
 */
export function realCube() {
  const clock = new ManualClock();
  const cube = new CubeState({ now: clock.now });
  cube.updateApp(cube.defaultApp.applicationId, { createUsersOnSession: true });
  const owner = cube.registerUser({ login: 'owner', password: 'owner-pass' });
  clock.advance(5 * 60_000);
  const client = createCubeClient({
    store: { get: () => cubeAccountItem.getValue(), set: (a) => cubeAccountItem.setValue(a) },
    net: fakeNet(inProcessFetch(createCubeHandler(cube)), clock.now),
    now: clock.now,
  });
  const app = {
    endpoint: CUBE_ENDPOINT,
    applicationId: cube.defaultApp.applicationId,
    authKey: cube.defaultApp.authKey,
  };
  /** The options page's sign-in request (the password of `owner`, which an on-the-fly one takes). */
  const signIn = (login: string, staySignedIn = true) => ({
    type: 'cubeSignIn' as const,
    login,
    password: 'owner-pass',
    staySignedIn,
    app,
  });
  /** What reached the server since the last `cube.log.clear()`. */
  const requests = () => cube.log.entries.map((e) => `${e.method} ${e.path} ${e.status}`);
  const logins = () => cube.listUsers().map((u) => u.login);
  return { clock, cube, owner, client, signIn, requests, logins };
}
