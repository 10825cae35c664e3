// How ConnectyCube checks the Firebase ID token of a `provider: "firebase_phone"` sign-in, done as
// the Firebase Admin SDK's verifyIdToken does (firebase-admin `token-verifier.ts`): the JWT's
// `aud` is the project, `iss` is `https://securetoken.google.com/<project>`, `sub` is a non-empty
// uid of at most 128 characters, `exp` is in the future; then the sign-in must be a phone one.
// Signatures: the sandbox holds no Google keys, so it can check only the Auth emulator's unsigned
// tokens (`alg: none`) — and accepts those only when configured with an emulator, exactly as the
// Admin SDK accepts them only when pointed at one. Without an emulator every token is refused.

/** The Firebase side of the sandbox: none, or the Auth emulator of one (demo) project. */
export type FirebaseAuthMode = { kind: 'none' } | { kind: 'emulator'; projectId: string };

export const NO_FIREBASE: FirebaseAuthMode = { kind: 'none' };

export const FIREBASE_ISSUER = 'https://securetoken.google.com/';

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/** What the token says once accepted, or why it is refused (for tests; the client sees a 401). */
export type FirebaseTokenCheck =
  { ok: true; uid: string; phoneNumber: string } | { ok: false; reason: string };

/** A JWT's header and payload (base64url JSON), or undefined when it is not one. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const [header, payload] = [parts[0], parts[1]].map(
      (part) => JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as unknown,
    );
    if (!isObject(header) || !isObject(payload)) return undefined;
    return { header, payload };
  } catch {
    return undefined;
  }
}

/**
 * Checks a Firebase ID token for `projectId` (the request's `firebase_phone.project_id`) at `nowMs`.
 */
export function checkFirebasePhoneToken(
  mode: FirebaseAuthMode,
  projectId: string,
  token: string,
  nowMs: number,
): FirebaseTokenCheck {
  if (mode.kind === 'none') return refuse('no Firebase project is configured');
  if (projectId !== mode.projectId) return refuse(`project ${projectId} is not this app's`);
  const decoded = decodeJwt(token);
  if (!decoded) return refuse('not a JWT');
  const { header, payload } = decoded;
  // The emulator's verifier takes `none` only; a signed token cannot be checked here.
  if (header.alg !== 'none') return refuse(`algorithm ${String(header.alg)}`);
  if (payload.aud !== projectId) return refuse('wrong audience');
  if (payload.iss !== FIREBASE_ISSUER + projectId) return refuse('wrong issuer');
  const uid = payload.sub;
  if (typeof uid !== 'string' || uid === '' || uid.length > 128) return refuse('bad subject');
  // The JWT library's rule: expired once the clock reaches `exp` (seconds).
  if (typeof payload.exp !== 'number') return refuse('no expiry');
  if (Math.floor(nowMs / 1000) >= payload.exp) return refuse('expired');
  if (typeof payload.nbf === 'number' && Math.floor(nowMs / 1000) < payload.nbf) {
    return refuse('not yet valid');
  }
  const firebase = isObject(payload.firebase) ? payload.firebase : {};
  if (firebase.sign_in_provider !== 'phone') return refuse('not a phone sign-in');
  const phoneNumber = payload.phone_number;
  if (typeof phoneNumber !== 'string' || !/^\+\d{6,15}$/.test(phoneNumber)) {
    return refuse('no phone number');
  }
  return { ok: true, uid, phoneNumber };
}

/** How ConnectyCube stores a phone: international digits, no `+` (as in its docs' examples). */
export function phoneDigits(e164: string): string {
  return e164.replace(/\D/g, '');
}

function refuse(reason: string): FirebaseTokenCheck {
  return { ok: false, reason };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
