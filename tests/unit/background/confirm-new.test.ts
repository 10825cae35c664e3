import { beforeEach, describe, expect, it } from 'vitest';
import { cubeAccountItem } from '@/lib/settings';
import { useEnglish } from '../english.ts';
import { realCube } from './real-cube.ts';
import { service } from './service-harness.ts';

beforeEach(useEnglish);

const CHANGED =
  'Nothing was deleted or kept: that account is no longer the one waiting for your choice (it changed in another tab or window). This page now shows the current account.';
const unconfirmed = (login: string) =>
  `An earlier sign-in created the new account “${login}”, which still waits for your choice: keep it or delete it first.`;

/** The account a mistyped login created, as the options page shows it. */
async function shownNew(s: ReturnType<typeof service>) {
  const cube = (await s.status()).cube;
  if (cube.state !== 'confirm-new') throw new Error(`expected confirm-new, got ${cube.state}`);
  return cube.user;
}

describe('the account a sign-in created: "Keep it" or "Delete it" only for the account shown', () => {
  it('a stale tab\'s "Delete it" sends nothing once the real account is signed in', async () => {
    const { client, cube, owner, signIn, requests, logins } = realCube();
    const s = service(client);
    // Tab A: a mistyped login; the page shows "No account with the login … existed".
    await s.handle(signIn('ownr'));
    const shown = await shownNew(s);
    expect(logins()).toContain('ownr');
    // Tab B: the user deletes it there and signs in to the real account. Google is not connected,
    // nothing syncs, and tab A is never refreshed.
    expect((await s.handle({ type: 'cubeConfirmNew', keep: false, userId: shown.id })).ok).toBe(
      true,
    );
    expect((await s.handle(signIn('owner'))).ok).toBe(true);
    expect((await cubeAccountItem.getValue())?.user.id).toBe(owner.id);
    cube.log.clear();

    // Tab A: "Delete it" carries the account it showed; the stored one is another, active one.
    const reply = await s.handle({ type: 'cubeConfirmNew', keep: false, userId: shown.id });
    expect(reply).toEqual({ ok: false, error: { kind: 'cube-changed', message: CHANGED } });
    expect(requests()).toEqual([]);
    expect(logins()).toContain('owner');
    expect((await s.status()).cube).toMatchObject({ state: 'signed-in', user: { id: owner.id } });
    // "Keep it" from that tab changes nothing either.
    expect(await s.handle({ type: 'cubeConfirmNew', keep: true, userId: shown.id })).toEqual(reply);
    expect((await cubeAccountItem.getValue())?.state).toBe('active');
  });

  it('an account kept in another tab is no longer deleted by a stale "Delete it"', async () => {
    const { client, cube, signIn, requests, logins } = realCube();
    const s = service(client);
    await s.handle(signIn('ownr'));
    const shown = await shownNew(s);
    await s.handle({ type: 'cubeConfirmNew', keep: true, userId: shown.id });
    cube.log.clear();
    const reply = await s.handle({ type: 'cubeConfirmNew', keep: false, userId: shown.id });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'cube-changed' } });
    expect(requests()).toEqual([]);
    expect(logins()).toContain('ownr');
  });

  it('answers only for the id shown: another id is refused, the right one deletes it', async () => {
    const { client, cube, signIn, requests, logins } = realCube();
    const s = service(client);
    await s.handle(signIn('ownr'));
    const shown = await shownNew(s);
    cube.log.clear();
    const other = await s.handle({ type: 'cubeConfirmNew', keep: false, userId: shown.id + 1 });
    expect(other).toMatchObject({ ok: false, error: { kind: 'cube-changed' } });
    expect(requests()).toEqual([]);
    const reply = await s.handle({ type: 'cubeConfirmNew', keep: false, userId: shown.id });
    expect(reply).toMatchObject({ ok: true, value: { cube: { state: 'signed-out' } } });
    expect(requests()).toEqual([`DELETE /users/${shown.id} 200`, 'DELETE /session 401']);
    expect(logins()).not.toContain('ownr');
  });

  it('"Forget everything" waits for the choice: the new account is never left behind', async () => {
    const { client, cube, signIn, requests, logins } = realCube();
    const s = service(client);
    await s.handle(signIn('ownr'));
    const shown = await shownNew(s);
    cube.log.clear();
    const reply = await s.handle({ type: 'forgetEverything', removeFirst: false });
    expect(reply).toEqual({
      ok: false,
      error: { kind: 'cube-unconfirmed', message: unconfirmed('ownr') },
    });
    expect(requests()).toEqual([]);
    expect((await cubeAccountItem.getValue())?.user.id).toBe(shown.id);
    // Once deleted, Forget goes on.
    await s.handle({ type: 'cubeConfirmNew', keep: false, userId: shown.id });
    expect((await s.handle({ type: 'forgetEverything', removeFirst: false })).ok).toBe(true);
    expect(logins()).not.toContain('ownr');
  });

  it('a request without the id shown is refused as malformed', async () => {
    const { client, signIn } = realCube();
    const s = service(client);
    await s.handle(signIn('ownr'));
    const reply = await s.handle({ type: 'cubeConfirmNew', keep: false });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect((await s.status()).cube.state).toBe('confirm-new');
  });

  it('another sign-in (or a sign-out) waits for the choice: refused, nothing sent, nothing left behind', async () => {
    const { client, clock, cube, owner, signIn, requests, logins } = realCube();
    const s = service(client);
    await s.handle(signIn('ownr'));
    const shown = await shownNew(s);
    cube.log.clear();
    const refused = {
      ok: false,
      error: { kind: 'cube-unconfirmed', message: unconfirmed('ownr') },
    };
    expect(await s.handle(signIn('owner'))).toEqual(refused);
    expect(await s.handle({ type: 'cubeSignOut' })).toEqual(refused);
    expect(requests()).toEqual([]);
    expect((await cubeAccountItem.getValue())?.user.id).toBe(shown.id);

    // Signing in to that very account again is no other sign-in: it still waits for the choice,
    // even now that it no longer looks just made.
    clock.advance(5 * 60_000);
    expect(await s.handle(signIn('ownr'))).toMatchObject({
      ok: true,
      value: { cube: { state: 'confirm-new', user: { id: shown.id } } },
    });
    // Once deleted, the sign-in goes through.
    await s.handle({ type: 'cubeConfirmNew', keep: false, userId: shown.id });
    expect(await s.handle(signIn('owner'))).toMatchObject({
      ok: true,
      value: { cube: { state: 'signed-in', user: { id: owner.id } } },
    });
    expect(logins()).toEqual(['owner']);
  });
});
