import type { SignInRequest } from '../messaging/protocol.ts';
import { usesOwnApp, type SignInFields, type SignInMode } from './validate.ts';

/**
 * The request a valid sign-in form sends. `app` only when another application is used: without
 * it the background signs in to the build's own application.
 */
export function signInRequest(
  values: SignInFields,
  staySignedIn: boolean,
  mode: SignInMode,
): SignInRequest {
  const request: SignInRequest = {
    login: values.login.trim(),
    // Sent as typed: leading or trailing spaces can be part of a password.
    password: values.password,
    staySignedIn,
  };
  if (!usesOwnApp(values, mode)) return request;
  return {
    ...request,
    app: {
      endpoint: values.endpoint.trim(),
      applicationId: values.applicationId.trim(),
      authKey: values.authKey.trim(),
    },
  };
}
