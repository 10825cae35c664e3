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
 * The signed-in account. The password is kept only when the user chose "Stay signed in on this
 * device"; without it an expired session waits for the user to sign in again.
 * `state`: 'confirm-new' while a sign-in that created the account on the fly awaits the user's
 * "Keep it" or "Delete it" (nothing is uploaded meanwhile).
 */
export interface CubeAccount {
  credentials: CubeApp & { login: string; password?: string };
  token?: string;
  user: CubeProfile;
  state: 'active' | 'confirm-new';
}
