// Entry point for test fixtures, the demo and benchmarks: start both sandboxes over HTTP, or pick
// the pieces (state classes, handlers, in-process fetch) for socket-free tests.

import { SandboxClock } from './clock.ts';
import type { FirebaseAuthMode } from './cube-firebase.ts';
import { createCubeHandler } from './cube-handler.ts';
import { CubeState, type CubeApp } from './cube-state.ts';
import { createGoogleHandler } from './google-handler.ts';
import { GoogleState } from './google-state.ts';
import { serveHandler } from './http-adapter.ts';
import { startPhoneSignIn, type PhoneSignIn, type PhoneSignInOptions } from './phone-sign-in.ts';
import { seedSample, type SeedResult } from './seed.ts';
import type { Sleep } from './transport.ts';

export interface SandboxOptions {
  /** 0 (default) = a free port. */
  googlePort?: number;
  cubePort?: number;
  host?: string;
  /** Load the sample contacts, app users and demo user (see seed.ts). */
  seed?: boolean;
  /** Base clock (ms); it can still be advanced through `clock` or `POST /__control/clock`. */
  now?: () => number;
  /** Overrides for the default ConnectyCube application. */
  cubeApp?: Partial<CubeApp>;
  /**
   * The Firebase Auth emulator's project whose phone sign-ins ConnectyCube accepts
   * (`provider: "firebase_phone"`); without it every such sign-in is refused. Set by `phoneSignIn`.
   */
  firebase?: FirebaseAuthMode;
  /**
   * Also start the Firebase Auth emulator and host the phone sign-in page built against it
   * (phone-sign-in.ts), and accept its project's phone sign-ins. Takes a few seconds.
   */
  phoneSignIn?: PhoneSignInOptions;
  /** How `delay` faults wait. */
  sleep?: Sleep;
}

export interface Sandbox {
  googleUrl: string;
  cubeUrl: string;
  google: GoogleState;
  cube: CubeState;
  /** Shared by both servers. */
  clock: SandboxClock;
  cubeApp: { applicationId: string; authKey: string };
  /** The demo user when seeded, else null. */
  cubeUser: SeedResult['cubeUser'] | null;
  /** The Auth emulator and the hosted page, when started with `phoneSignIn`; else null. */
  phone: PhoneSignIn | null;
  seed: SeedResult | null;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  // First, so a Firebase CLI that will not start fails the whole start with its own words.
  const phone = options.phoneSignIn ? await startPhoneSignIn(options.phoneSignIn) : null;
  try {
    return await startServers(options, phone);
  } catch (error) {
    await phone?.close();
    throw error;
  }
}

async function startServers(options: SandboxOptions, phone: PhoneSignIn | null): Promise<Sandbox> {
  const firebase: FirebaseAuthMode | undefined = phone
    ? { kind: 'emulator', projectId: phone.emulator.projectId }
    : options.firebase;
  const clock = new SandboxClock(options.now);
  const google = new GoogleState({ now: clock.now });
  const cube = new CubeState({
    now: clock.now,
    ...(options.cubeApp ? { app: options.cubeApp } : {}),
    ...(firebase ? { firebase } : {}),
  });
  const seed = options.seed ? seedSample(google, cube) : null;
  const handlerOptions = {
    advanceClock: (ms: number) => clock.advance(ms),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  };
  const host = options.host ?? '127.0.0.1';
  const googleServer = await serveHandler(createGoogleHandler(google, handlerOptions), {
    port: options.googlePort ?? 0,
    host,
  });
  const cubeServer = await serveHandler(createCubeHandler(cube, handlerOptions), {
    port: options.cubePort ?? 0,
    host,
  }).catch(async (error: unknown) => {
    await googleServer.close();
    throw error;
  });
  return {
    googleUrl: googleServer.url,
    cubeUrl: cubeServer.url,
    google,
    cube,
    clock,
    cubeApp: { applicationId: cube.defaultApp.applicationId, authKey: cube.defaultApp.authKey },
    cubeUser: seed?.cubeUser ?? null,
    seed,
    phone,
    close: async () => {
      await Promise.all([googleServer.close(), cubeServer.close(), phone?.close()]);
    },
  };
}

export { SandboxClock, ManualClock } from './clock.ts';
export { CubeControl, GoogleControl } from './control.ts';
export { createCubeHandler, type CubeHandlerOptions } from './cube-handler.ts';
export {
  CubeState,
  type CubeApp,
  type CubeStateOptions,
  type RegisteredUser,
} from './cube-state.ts';
export type { BookEntry, UploadResult } from './cube-books.ts';
export type { CubeUserProfile, RegisterUserInput } from './cube-users.ts';
export type { Fault, FaultRule } from './faults.ts';
export { createGoogleHandler, type GoogleHandlerOptions } from './google-handler.ts';
export type { PersonInput, PersonJson, PersonPatch, PhoneInput } from './google-people.ts';
export {
  DEFAULT_ACCOUNT_EMAIL,
  GoogleState,
  SCOPE_CONTACTS,
  SCOPE_CONTACTS_READONLY,
  SCOPE_EMAIL,
  SCOPE_OTHER_READONLY,
  type AuthMode,
  type GrantRule,
} from './google-state.ts';
export { serveHandler, type RunningServer, type ServeOptions } from './http-adapter.ts';
export {
  FIREBASE_PROJECT_ID,
  startAuthEmulator,
  type AuthEmulator,
  type AuthEmulatorOptions,
} from './firebase-emulator.ts';
export { AuthEmulatorClient, type PhoneSignInResult } from './firebase-rest.ts';
export {
  PHONE_PAGE_PATH,
  startPhoneSignIn,
  type PhoneSignIn,
  type PhoneSignInOptions,
} from './phone-sign-in.ts';
export { startRecorder, type RecordedRequest, type Recorder } from './recorder.ts';
export type { LogEntry } from './request-log.ts';
export { DEMO_USER, generatePeople, seedSample, type SeedResult } from './seed.ts';
export { inProcessFetch, type Handler } from './transport.ts';
