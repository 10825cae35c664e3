import { inject } from 'vitest';
import type { Page } from 'playwright';
import { CubeControl, GoogleControl } from '../sandbox/control.ts';
import { AuthEmulatorClient } from '../sandbox/firebase-rest.ts';
import { ACCOUNT_AGE_MS } from '../tools/build-env.ts';
import { ask } from './driver.ts';
import type { LoadedExtension } from './extension.ts';

export const google = (): GoogleControl => new GoogleControl(inject('googleUrl'));
export const cube = (): CubeControl => new CubeControl(inject('cubeUrl'));
/** The Firebase Auth emulator behind the phone sign-in page: SMS codes, accounts. */
export const firebase = (): AuthEmulatorClient =>
  new AuthEmulatorClient(
    inject('authEmulatorUrl'),
    inject('firebaseProjectId'),
    inject('firebaseApiKey'),
  );

/**
 * The servers are shared by the e2e files: each starts from empty ones. A reset forgets people,
 * users, sessions, books, queued faults and the log (the apps stay), and the Auth emulator's
 * accounts and codes.
 */
export async function resetServers(): Promise<void> {
  await google().reset();
  await cube().reset();
  await firebase().clearAccounts();
}

export interface Linked {
  page: Page;
  ownerId: number;
  udid: string;
}

/**
 * The newcomer's path through the protocol (the UI issue drives the same through the screens):
 * sign in to ConnectyCube, connect Google through the sandbox OAuth page, consent.
 */
export async function linkAccounts(
  ext: LoadedExtension,
  login: string,
  consent = true,
): Promise<Linked> {
  const owner = await cube().registerUser({
    login,
    password: 'secret-pass',
    full_name: 'Owner',
    phone: '19995550000',
  });
  await cube().advanceClock(ACCOUNT_AGE_MS);
  const page = await ext.open('options.html');
  // The build has the sandbox's application built in: the user gives only login and password.
  await ask(page, 'cubeSignIn', { login, password: 'secret-pass', staySignedIn: true });
  await ask(page, 'connectGoogle', { includeOther: false });
  if (consent) await ask(page, 'consent', {});
  const udid = await ext.worker.evaluate(async () => {
    const api = (
      globalThis as unknown as {
        chrome: { storage: { local: { get(k: string): Promise<Record<string, string>> } } };
      }
    ).chrome;
    return (await api.storage.local.get('udid')).udid ?? '';
  });
  return { page, ownerId: owner.id, udid };
}
