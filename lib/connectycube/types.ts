/** Wire shapes of the ConnectyCube REST API (see shared/reference/connectycube-api.md). */

export interface CubeProfile {
  id: number;
  full_name?: string | null;
  email?: string | null;
  login?: string | null;
  phone?: string | null;
  avatar?: string | null;
  created_at?: string | null;
}

export interface SessionAnswer {
  session: { token: string; user_id: number; user?: CubeProfile; created_at?: string | null };
}

export interface ErrorBody {
  errors?: { base?: string[] } | Record<string, string[]> | string[];
}

// The other answers (registered users, /users/v2, uploads, the book) are read as `unknown` and
// checked field by field in answers.ts: a type here would only claim what nobody checked.

/** The application signed in to: the build's own, or one given under "Advanced". */
export interface CubeApp {
  endpoint: string;
  applicationId: string;
  authKey: string;
}

/** What a session is created with. */
export interface CubeCredentials extends CubeApp {
  /** A login or an email: an `@` makes it an email. */
  login: string;
  password: string;
}

/**
 * What a phone sign-in hands the client: the hosted page's Firebase tokens for the build's Firebase
 * project (the same as the mobile app's, so the users are the same).
 */
export interface PhoneSignIn extends CubeApp {
  /** The Firebase project: `firebase_phone.project_id`. */
  projectId: string;
  /** A Firebase ID token (a JWT for an hour): `firebase_phone.access_token`. */
  idToken: string;
  /** Renews the ID token with no window; kept only as "Stay signed in" says. */
  refreshToken: string;
  /** The number the ID token proves, E.164 (`+14155550100`). */
  phone: string;
}

/**
 * How a stored account signs in again once its session ended.
 * - a login or an email with the password, kept only with "Stay signed in" (no `method`: accounts
 *   stored before phone sign-in have none);
 * - `phone`: a Firebase phone sign-in. Never a password: the Firebase refresh token renews the ID
 *   token, and the session is made from it. `refreshToken` is absent once it was refused (or, with
 *   "Stay signed in" off, after the browser restarted: it lived in storage.session).
 */
export type CubeAccountCredentials = CubeApp &
  (
    | { method?: 'password'; login: string; password?: string }
    | {
        method: 'phone';
        projectId: string;
        phone: string;
        staySignedIn: boolean;
        refreshToken?: string;
      }
  );

/**
 * The signed-in account. The password is kept only when the user chose "Stay signed in on this
 * device"; without it an expired session waits for the user to sign in again.
 * `state`: 'confirm-new' while a sign-in that created the account on the fly awaits the user's
 * "Keep it" or "Delete it" (nothing is uploaded meanwhile).
 */
export interface CubeAccount {
  credentials: CubeAccountCredentials;
  token?: string;
  user: CubeProfile;
  state: 'active' | 'confirm-new';
}
