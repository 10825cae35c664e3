// The ConnectyCube user signed in, in the pages' words: the adapter keeps the server's profile
// (full_name, …) with its session and maps it here (signedInUser, lib/connectycube/account.ts).

/** Who is signed in, as the options page names them: the first of a name, login, email, the id. */
export interface SignedInUser {
  id: number;
  fullName?: string;
  login?: string;
  email?: string;
}
