// "Contact joined" pushes follow consent and the destination, against the ConnectyCube sandbox:
// registered only with consent for exactly this account and book, renewed only then, and deleted
// (with the session that made them) when the account, app, server or book changes.
import { describe, expect, it } from 'vitest';
import { consentRecord, consentTarget } from '@/lib/background/consent';
import { createPushSubscriptions, type BrowserPush } from '@/lib/background/push-subscription';
import { createCubeClient } from '@/lib/connectycube/client';
import { subscriptionBody } from '@/lib/connectycube/push';
import {
  consentItem,
  cubeAccountItem,
  DEFAULT_SETTINGS,
  googleAccountItem,
  pushRegistrationItem,
  readSettings,
  settingsItem,
  udidItem,
} from '@/lib/settings';
import { CubeState, ManualClock, createCubeHandler, inProcessFetch } from '../../sandbox/index.ts';
import { fakeNet } from '../fake-net.ts';

const ENDPOINT = 'https://cube.example';
const UDID = 'cube-contacts-this-browser';

/** Keys the sandbox accepts as the service does (base64url, 65 and 16 bytes). */
const P256DH = Buffer.from(new Uint8Array(65).fill(4)).toString('base64url');
const AUTH = Buffer.from(new Uint8Array(16).fill(7)).toString('base64url');

/** The browser's PushManager: each subscription gets a new endpoint, as after a change. */
function browserPush() {
  let serial = 0;
  const state = {
    current: null as string | null,
    ended: 0,
    /** Resolved when the browser's push service answers (a test may hold it back). */
    gate: Promise.resolve(),
  };
  const push: BrowserPush = {
    async subscribe(udid) {
      await state.gate;
      const endpoint = (state.current ??= `https://push.example/send/${(serial += 1)}`);
      // The body the extension builds from a browser's subscription (lib/connectycube/push.ts).
      return subscriptionBody(
        {
          endpoint,
          toJSON: () => ({ endpoint, keys: { auth: AUTH, p256dh: P256DH } }),
          unsubscribe: async () => true,
        },
        udid,
      );
    },
    async unsubscribe() {
      if (state.current) state.ended += 1;
      state.current = null;
    },
  };
  /** The push service replaced the subscription (what `pushsubscriptionchange` announces). */
  const replace = () => {
    state.current = `https://push.example/send/${(serial += 1)}`;
  };
  return { push, state, replace };
}

async function setup() {
  const clock = new ManualClock();
  const cube = new CubeState({ now: clock.now });
  const alice = cube.registerUser({ login: 'alice', password: 'alice-pass' });
  const bob = cube.registerUser({ login: 'bob', password: 'bob-pass' });
  clock.advance(5 * 60_000);
  const client = createCubeClient({
    store: { get: () => cubeAccountItem.getValue(), set: (a) => cubeAccountItem.setValue(a) },
    net: fakeNet(inProcessFetch(createCubeHandler(cube)), clock.now),
    now: clock.now,
  });
  await udidItem.setValue(UDID);
  // Whose contacts consent covers (consent is bound to the Google account too).
  await googleAccountItem.setValue({
    scopes: [],
    id: 'people/1',
    needsReconnect: false,
    connectedAt: clock.now(),
  });
  const browser = browserPush();
  const pushes = createPushSubscriptions({ cube: client, push: browser.push });
  const app = { endpoint: ENDPOINT, ...cube.defaultApp };
  const signIn = (login: string) =>
    client.signIn({ ...app, login, password: `${login}-pass` }, true);
  /** "Start syncing": consent for where an upload would go now. */
  const consent = async () => {
    const target = consentTarget(
      await cubeAccountItem.getValue(),
      await googleAccountItem.getValue(),
      await readSettings(),
    );
    if (!target) throw new Error('not signed in');
    await consentItem.setValue(consentRecord(target, clock.now()));
  };
  /** Endpoints ConnectyCube would push to, per user. */
  const endpoints = (userId: number) =>
    cube.subscriptions(userId).map((s) => [s.udid, s.pushToken.web_endpoint]);
  /** Follows the destination and waits for the registration it started. */
  const settle = async () => {
    await pushes.follow();
    await pushes.idle();
  };
  /** Signed in as `login` and consent given, then followed: the state after "Start syncing". */
  const registered = async (login: string) => {
    await signIn(login);
    await consent();
    await settle();
  };
  return {
    cube,
    alice,
    bob,
    client,
    browser,
    pushes,
    signIn,
    consent,
    endpoints,
    settle,
    registered,
  };
}

describe('push subscriptions follow consent and the destination', () => {
  it('registers only with consent for this account and book, and notifications on', async () => {
    const { alice, browser, signIn, consent, endpoints, settle } = await setup();
    await signIn('alice');
    await settle();
    expect(endpoints(alice.id)).toEqual([]);
    await consent();
    await settle();
    expect(endpoints(alice.id)).toEqual([[UDID, browser.state.current]]);
    expect(await pushRegistrationItem.getValue()).toEqual({
      state: 'registered',
      destination: {
        endpoint: ENDPOINT,
        applicationId: expect.any(String),
        userId: alice.id,
        book: 'own',
      },
    });
    // Nothing changed: nothing is sent again.
    await settle();
    expect(endpoints(alice.id)).toHaveLength(1);
  });

  it('pushsubscriptionchange without consent registers nothing, and ends the new subscription', async () => {
    const { alice, browser, pushes, signIn, endpoints } = await setup();
    await signIn('alice');
    browser.replace();
    await pushes.renew();
    expect(endpoints(alice.id)).toEqual([]);
    expect(browser.state.current).toBeNull();
  });

  it('pushsubscriptionchange with consent for another book registers nothing and removes the old one', async () => {
    const { alice, browser, pushes, endpoints, registered } = await setup();
    await registered('alice');
    expect(endpoints(alice.id)).toHaveLength(1);
    // The book changed, and the browser replaced its subscription before anything else ran.
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, bookMode: 'global' });
    browser.replace();
    await pushes.renew();
    expect(endpoints(alice.id)).toEqual([]);
    expect(browser.state.current).toBeNull();
    expect(await pushRegistrationItem.getValue()).toEqual({ state: 'none' });
  });

  it('pushsubscriptionchange with consent replaces the registered endpoint', async () => {
    const { alice, browser, pushes, endpoints, registered } = await setup();
    await registered('alice');
    const before = browser.state.current;
    browser.replace();
    await pushes.renew();
    expect(browser.state.current).not.toBe(before);
    expect(endpoints(alice.id)).toEqual([[UDID, browser.state.current]]);
  });

  it("another account: the first one's subscription is deleted with its own session", async () => {
    const { alice, bob, browser, pushes, signIn, consent, endpoints, settle, registered } =
      await setup();
    await registered('alice');
    expect(endpoints(alice.id)).toHaveLength(1);
    // What cubeSignIn does: leave, sign in, follow.
    await pushes.leave();
    await signIn('bob');
    await settle();
    expect(endpoints(alice.id)).toEqual([]);
    // Bob has not agreed to anything: nothing of this browser is registered with him.
    expect(endpoints(bob.id)).toEqual([]);
    expect(browser.state.current).toBeNull();
    // Bob agrees: registered for him alone.
    await consent();
    await settle();
    expect(endpoints(bob.id)).toEqual([[UDID, browser.state.current]]);
    expect(endpoints(alice.id)).toEqual([]);
  });

  it('another book: the subscription is deleted; consent for the new book registers it again', async () => {
    const { alice, browser, pushes, consent, endpoints, settle, registered } = await setup();
    await registered('alice');
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, bookMode: 'global' });
    await pushes.follow();
    // The deletion is done when follow() resolves; nothing is registered after it.
    expect(endpoints(alice.id)).toEqual([]);
    expect(browser.state.ended).toBe(1);
    await pushes.idle();
    expect(endpoints(alice.id)).toEqual([]);
    await consent();
    await settle();
    expect(endpoints(alice.id)).toEqual([[UDID, browser.state.current]]);
  });

  it('notifications off: deleted; a subscription made while consent was withdrawn is not sent', async () => {
    const { alice, browser, pushes, signIn, consent, endpoints, settle } = await setup();
    await signIn('alice');
    await consent();
    // The browser's push service takes its time; consent is withdrawn meanwhile.
    let release: () => void = () => undefined;
    browser.state.gate = new Promise<void>((resolve) => (release = resolve));
    const following = pushes.follow();
    await following;
    await consentItem.setValue(null);
    release();
    await pushes.idle();
    expect(endpoints(alice.id)).toEqual([]);
    expect(browser.state.current).toBeNull();
    // With consent again, then notifications off.
    await consent();
    await settle();
    expect(endpoints(alice.id)).toHaveLength(1);
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, notifications: false });
    await pushes.follow();
    expect(endpoints(alice.id)).toEqual([]);
  });

  it('without a push service (Firefox, no VAPID key) nothing is sent, however often it is asked', async () => {
    const { cube, alice, browser, pushes, endpoints, registered } = await setup();
    browser.push.subscribe = async () => null;
    await registered('alice');
    cube.log.clear();
    for (let i = 0; i < 3; i += 1) await pushes.follow();
    await pushes.idle();
    expect(cube.log.entries.filter((e) => e.path.startsWith('/subscriptions'))).toEqual([]);
    expect(endpoints(alice.id)).toEqual([]);
  });

  it('an install from before registrations were recorded removes what it may have left', async () => {
    const { alice, client, browser, pushes, signIn, endpoints } = await setup();
    await signIn('alice');
    // An older version subscribed without consent and kept no record of it.
    const body = await browser.push.subscribe(UDID);
    if (body) await client.subscribe(body);
    expect(await pushRegistrationItem.getValue()).toBeNull();
    expect(endpoints(alice.id)).toHaveLength(1);
    await pushes.follow();
    expect(endpoints(alice.id)).toEqual([]);
    expect(browser.state.current).toBeNull();
    expect(await pushRegistrationItem.getValue()).toEqual({ state: 'none' });
  });
});
