// Phone sign-in as the background does it, over real parts: the in-process ConnectyCube sandbox
// checking Firebase ID tokens against the real Auth emulator's project, the real client renewing
// ID tokens at the emulator's secure token endpoint, and a launchWebAuthFlow that plays the hosted
// page (the emulator's REST sign-in, then the page's own redirect) — or the user closing it.
import { createCubeClient } from '@/lib/connectycube/client';
import { defaultRetryDeps } from '@/lib/net/sleep';
import { refreshIdToken, secureTokenEndpoint } from '@/lib/phone/firebase-token';
import { signInWithPhonePage, type PhoneSignInPort } from '@/lib/phone/sign-in';
import type { WebAuthFlow } from '@/lib/google/auth';
import { cubeAccountItem } from '@/lib/settings';
import { redirectWithTokens } from '../../../phone-sign-in/redirect.ts';
import { CubeState, ManualClock, createCubeHandler, inProcessFetch } from '../../sandbox/index.ts';
import type { AuthEmulator } from '../../sandbox/firebase-emulator.ts';
import { fakeNet } from '../fake-net.ts';

export const CUBE_ENDPOINT = 'https://cube.example';
export const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/';
export const PAGE = 'https://signin.example.com/phone/';

/** What the user does in the window: sign in with this number (E.164), or close it. */
export type WindowStep = { number: string } | 'close';

export function realPhone(emulator: AuthEmulator) {
  // The emulator's tokens carry the real time: the sandbox's clock starts there.
  const clock = new ManualClock(Date.now());
  const cube = new CubeState({
    now: clock.now,
    firebase: { kind: 'emulator', projectId: emulator.projectId },
  });
  const app = {
    endpoint: CUBE_ENDPOINT,
    applicationId: cube.defaultApp.applicationId,
    authKey: cube.defaultApp.authKey,
  };
  const endpoint = secureTokenEndpoint(emulator.apiKey, emulator.url);
  const refreshes: string[] = [];
  const client = createCubeClient({
    store: { get: () => cubeAccountItem.getValue(), set: (a) => cubeAccountItem.setValue(a) },
    net: fakeNet(inProcessFetch(createCubeHandler(cube)), clock.now),
    now: clock.now,
    firebase: {
      refresh: (token) => {
        refreshes.push(token);
        return refreshIdToken(endpoint, token, defaultRetryDeps());
      },
    },
  });
  const steps: WindowStep[] = [];
  const windows: URL[] = [];
  const flow: WebAuthFlow = {
    redirectUrl: () => REDIRECT,
    async launch(url) {
      const opened = new URL(url);
      windows.push(opened);
      const step = steps.shift();
      if (!step) throw new Error('the test scripted no window');
      if (step === 'close') throw new Error('The user did not approve access.');
      const signIn = await emulator.signInWithPhone(step.number);
      return redirectWithTokens(new URL(opened.searchParams.get('redirect_uri') ?? ''), {
        idToken: signIn.idToken,
        refreshToken: signIn.refreshToken,
        state: opened.searchParams.get('state') ?? '',
      });
    },
  };
  let states = 0;
  const phone: PhoneSignInPort = {
    app,
    projectId: emulator.projectId,
    launch: () => signInWithPhonePage({ flow, pageUrl: PAGE, newState: () => `state-${++states}` }),
  };
  /** What reached the ConnectyCube server since the last `cube.log.clear()`. */
  const requests = () => cube.log.entries.map((e) => `${e.method} ${e.path} ${e.status}`);
  return { clock, cube, app, client, phone, steps, windows, refreshes, requests };
}
