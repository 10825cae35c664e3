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
  session: { token: string; user_id: number; user?: CubeProfile };
}

export interface ErrorBody {
  errors?: { base?: string[] } | Record<string, string[]> | string[];
}

export interface RegisteredUsersAnswer {
  items: { user: CubeProfile & { address_book_name: string; phone: string } }[];
}

export interface UploadAnswer {
  created?: number;
  updated?: number;
  deleted?: number;
  rejected?: Record<string, string[]>;
}

/** What the user types in the options page. */
export interface CubeCredentials {
  endpoint: string;
  applicationId: string;
  authKey: string;
  /** A login or an email: an `@` makes it an email. */
  login: string;
  password: string;
}

export interface CubeAccount {
  credentials: CubeCredentials;
  token?: string;
  user: CubeProfile;
}
