// `POST /session` with a `provider`: the user a Firebase phone sign-in names. ConnectyCube takes
// `{"provider": "firebase_phone", "firebase_phone": {"project_id", "access_token"}}` (a nested
// object; the flat `firebase_phone[project_id]` keys of older docs reach the login/email rule and
// get its error), checks the ID token (cube-firebase.ts), then finds the user by phone or — unless
// the app denies creating users on the fly, the same switch as for logins — creates them.

import type { CubeApp } from './cube-apps.ts';
import { CubeValidationError, baseError, cubeErrors } from './cube-errors.ts';
import { checkFirebasePhoneToken, phoneDigits } from './cube-firebase.ts';
import type { CubeState } from './cube-state.ts';
import type { CubeUserRecord } from './cube-users.ts';
import { isRecord, type ApiResult } from './transport.ts';

/** The real server's answer when a sign-in names neither a login nor an email it can use. */
export const LOGIN_AND_EMAIL_BLANK = "Both user login and email can't be blank";

/**
 * The user of a provider sign-in, or the error to answer. A refused token is a 401 like a wrong
 * password (the server's wording for it is undocumented; the reason stays in the sandbox).
 */
export function providerUser(
  state: CubeState,
  app: CubeApp,
  record: Record<string, unknown>,
): CubeUserRecord | ApiResult {
  if (record.provider !== 'firebase_phone') {
    return baseError(422, `Provider ${String(record.provider)} is not emulated by the sandbox`);
  }
  const keys = isRecord(record.firebase_phone) ? record.firebase_phone : {};
  const projectId = text(keys.project_id);
  const token = text(keys.access_token);
  if (!projectId || !token) return baseError(422, LOGIN_AND_EMAIL_BLANK);

  const check = checkFirebasePhoneToken(state.firebase, projectId, token, state.now());
  if (!check.ok) return baseError(401, 'Unauthorized');
  const phone = phoneDigits(check.phoneNumber);
  const found = state.users.findByPhone(app.applicationId, phone);
  if (found) return found;
  if (!app.createUsersOnSession) return baseError(401, 'Unauthorized');
  try {
    const created = state.registerPhoneUser({ phone, applicationId: app.applicationId });
    return state.users.get(created.id) ?? baseError(500, 'user vanished');
  } catch (error) {
    if (error instanceof CubeValidationError) return cubeErrors(422, error.errors);
    throw error;
  }
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
