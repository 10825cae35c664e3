import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CubeSessionEndedError } from '@/lib/connectycube/errors';
import { cubeAccountItem } from '@/lib/settings';
import { useEnglish } from '../english.ts';
import { realCube } from './real-cube.ts';
import { service } from './service-harness.ts';

beforeEach(useEnglish);

/** What survives the browser: storage.local as written, in one string. */
const local = async () => JSON.stringify(await fakeBrowser.storage.local.get());
const session = async () => JSON.stringify(await fakeBrowser.storage.session.get());
/** A browser restart: storage.session is emptied, storage.local stays. */
const restart = () => fakeBrowser.storage.session.clear();

describe('where the ConnectyCube session token lives', () => {
  it('without "Stay signed in": in storage.session only, so a restart asks to sign in again', async () => {
    const { client, cube, signIn, requests } = realCube();
    const s = service(client);
    expect((await s.handle(signIn('owner', false))).ok).toBe(true);
    const token = (await cubeAccountItem.getValue())?.token ?? '';
    expect(token).toMatch(/^[0-9a-f]{40}$/);
    expect(await local()).not.toContain(token);
    expect(await local()).not.toContain('owner-pass');
    expect(await session()).toContain(token);
    expect((await s.status()).cube).toMatchObject({
      state: 'signed-in',
      staySignedIn: false,
      needsSignIn: false,
    });
    // The session works meanwhile: the token is read from storage.session.
    cube.log.clear();
    await client.registeredUsers(undefined);
    expect(requests()).toEqual(['GET /address_book/registered_users 200']);

    await restart();
    expect((await s.status()).cube).toMatchObject({
      state: 'signed-in',
      user: { login: 'owner' },
      needsSignIn: true,
    });
    expect(await s.sync('scheduled')).toEqual({ status: 'not-ready', reason: 'cube-sign-in' });
    cube.log.clear();
    await expect(client.registeredUsers(undefined)).rejects.toBeInstanceOf(CubeSessionEndedError);
    expect(requests()).toEqual([]);
    // Signing in again resumes.
    await s.handle(signIn('owner', false));
    expect((await s.status()).cube).toMatchObject({ needsSignIn: false });
  });

  it('with "Stay signed in": in storage.local with the password, and a restart changes nothing', async () => {
    const { client, cube, signIn, requests } = realCube();
    const s = service(client);
    await s.handle(signIn('owner', true));
    const token = (await cubeAccountItem.getValue())?.token ?? '';
    expect(await local()).toContain(token);
    expect(await session()).not.toContain(token);
    await restart();
    expect((await cubeAccountItem.getValue())?.token).toBe(token);
    expect((await s.status()).cube).toMatchObject({ staySignedIn: true, needsSignIn: false });
    cube.log.clear();
    await client.registeredUsers(undefined);
    expect(requests()).toEqual(['GET /address_book/registered_users 200']);
  });

  it('signing in again without "Stay signed in" takes the password and the token out of storage.local', async () => {
    const { client, signIn } = realCube();
    const s = service(client);
    await s.handle(signIn('owner', true));
    await s.handle(signIn('owner', false));
    const token = (await cubeAccountItem.getValue())?.token ?? '';
    expect(await local()).not.toContain(token);
    expect(await local()).not.toContain('owner-pass');
    // And back: the token follows the password into storage.local.
    await s.handle(signIn('owner', true));
    const kept = (await cubeAccountItem.getValue())?.token ?? '';
    expect(await local()).toContain(kept);
    expect(await session()).not.toContain(kept);
  });

  it('a token an earlier version kept in storage.local without a password moves out on first read', async () => {
    const { client, signIn } = realCube();
    const s = service(client);
    await s.handle(signIn('owner', false));
    const account = await cubeAccountItem.getValue();
    await restart();
    // As an earlier version stored it: everything in storage.local.
    await fakeBrowser.storage.local.set({ cubeAccount: account });
    expect((await cubeAccountItem.getValue())?.token).toBe(account?.token);
    expect(await local()).not.toContain(account?.token ?? '-');
    expect(await session()).toContain(account?.token ?? '-');
  });

  it('sign-out leaves no token in either area', async () => {
    const { client, signIn } = realCube();
    const s = service(client);
    await s.handle(signIn('owner', false));
    const token = (await cubeAccountItem.getValue())?.token ?? '';
    await s.handle({ type: 'cubeSignOut' });
    expect(await local()).not.toContain(token);
    expect(await session()).not.toContain(token);
  });

  it('an account a sign-in created, after a restart without "Stay signed in": signing in to it again lets the user delete it', async () => {
    const { client, cube, signIn, requests, logins } = realCube();
    const s = service(client);
    await s.handle(signIn('ownr', false));
    const user = (await cubeAccountItem.getValue())?.user;
    await restart();
    expect((await s.status()).cube).toMatchObject({ state: 'confirm-new', needsSignIn: true });
    cube.log.clear();
    // Its token is gone and no password was kept: deleting it needs a session, and none is made.
    const reply = await s.handle({ type: 'cubeConfirmNew', keep: false, userId: user?.id ?? 0 });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'cube-sign-in' } });
    expect(requests()).toEqual([]);
    // Another account waits; this one may sign in again, and is still to be chosen about.
    expect(await s.handle(signIn('owner', false))).toMatchObject({
      ok: false,
      error: { kind: 'cube-unconfirmed' },
    });
    await s.handle(signIn('ownr', false));
    expect((await s.status()).cube).toMatchObject({ state: 'confirm-new', needsSignIn: false });
    await s.handle({ type: 'cubeConfirmNew', keep: false, userId: user?.id ?? 0 });
    expect(logins()).toEqual(['owner']);
  });
});
