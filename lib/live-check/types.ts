import type { BuildConfig } from '../config.ts';
import type { CubeClient } from '../connectycube/client.ts';
import type { CubeAccount } from '../connectycube/types.ts';
import type { RetryDeps } from '../net/retry.ts';
import type { RequestRecord } from './net.ts';

/** The test account, given only to the live check (never built into the extension). */
export interface LiveCredentials {
  /** LIVE_LOGIN and LIVE_PASSWORD; empty when not given. */
  login: string;
  password: string;
  /** LIVE_GOOGLE_TOKEN: an access token with contacts.readonly; empty: the Google steps skip. */
  googleToken: string;
  /**
   * LIVE_FIREBASE_ID_TOKEN: a phone account's Firebase ID token; empty: the phone step skips.
   * Without LIVE_LOGIN/LIVE_PASSWORD its session is the one every later step uses.
   */
  firebaseIdToken: string;
}

export interface LiveInput {
  /** What a build with the same variables would use (lib/config.ts `configFrom`). */
  config: BuildConfig;
  live: LiveCredentials;
}

/** The check's I/O: the network and clock of `lib/net` (real ones in tools/live-check.ts). */
export interface CheckDeps {
  net: RetryDeps;
  crypto: Crypto;
}

/** What the steps share while the check runs. */
export interface CheckContext {
  readonly input: LiveInput;
  /** `deps.net` bounded by the phase's deadline, every request noted for the report. */
  readonly net: RetryDeps;
  readonly deps: CheckDeps;
  /** The scratch book's udid, and the test subscription's device. */
  readonly udid: string;
  /**
   * The extension's client, holding the test account's session in memory: the login's, or in a
   * phone-only run (no LIVE_LOGIN) the phone step's client once its session is kept.
   */
  cube: CubeClient;
  /** The test account once signed in (in a phone-only run, only a session the steps may use). */
  account: CubeAccount | null;
  /** Learned while running (session tokens, the probe's password): never printed. */
  readonly secrets: Set<string>;
  /**
   * Users the check's own sign-ins created and could not delete (the report names them): `label`
   * says how to find one in the dashboard (`login live-check-…`, `phone 14155550100`).
   */
  readonly leftUsers: { id: number; label: string }[];
  /**
   * The phone step's own client, holding its `firebase_phone` session until the cleanup ends it
   * (beside a login session; in a phone-only run it becomes `cube` instead).
   */
  phoneCube: CubeClient | null;
  /** Ids of the steps that passed, and of those that ran (their requests may have been applied). */
  readonly passed: Set<string>;
  readonly ran: Set<string>;
  /** The running step's requests so far (a best-effort call hides its status otherwise). */
  readonly requests: () => readonly RequestRecord[];
}

export type Verdict =
  | { outcome: 'pass'; detail: string }
  /** `required` overrides the step's own when the run found it matters more (or less). */
  | { outcome: 'fail'; detail: string; advice: string; required?: boolean }
  | { outcome: 'skip'; detail: string };

export interface Step {
  id: string;
  title: string;
  /** 'cleanup' steps run after the others, on a deadline of their own, whatever happened. */
  phase: 'main' | 'cleanup';
  /** The build needs it to pass (else its ✗ is advice): decides the exit code. */
  required(ctx: CheckContext): boolean;
  /** Why it does not run (a missing input, a step it builds on that failed), or null. */
  skip?(ctx: CheckContext): string | null;
  run(ctx: CheckContext): Promise<Verdict>;
  /** What to change when `run` throws `error`. */
  advise(error: unknown, ctx: CheckContext): string;
}

export interface StepResult {
  id: string;
  title: string;
  outcome: Verdict['outcome'];
  required: boolean;
  /** The step's requests with their statuses. */
  requests: RequestRecord[];
  /** The answer's shape (✔), what went wrong (✗), or why it did not run. */
  detail: string;
  advice?: string;
}

export interface Report {
  endpoint: string;
  applicationId: string;
  results: StepResult[];
  /** Every secret the check held: removed from anything printed. */
  secrets: string[];
}
