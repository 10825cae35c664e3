import { checkEndpoint } from '../config.ts';
import type { MessageKey } from '../i18n.ts';

/** The sign-in form's text fields; the application ones sit under "Advanced" with a built-in app. */
export type CubeField = 'endpoint' | 'applicationId' | 'authKey' | 'login' | 'password';
export type SignInFields = Record<CubeField, string>;
export type CubeErrors = Partial<Record<CubeField, MessageKey>>;

export interface SignInMode {
  /** The build has its own application: application id and key are optional ("Advanced"). */
  builtInApp: boolean;
  /** The endpoint the form was prefilled with. */
  endpoint: string;
}

const blank = (value: string) => value.trim() === '';

/**
 * With a built-in application, "Advanced" counts as used once an application id or key is typed,
 * or the endpoint is changed: then all three are sent, so nothing typed is silently dropped.
 */
export function usesOwnApp(values: SignInFields, mode: SignInMode): boolean {
  if (!mode.builtInApp) return true;
  return (
    !blank(values.applicationId) ||
    !blank(values.authKey) ||
    values.endpoint.trim() !== mode.endpoint.trim()
  );
}

/** What is wrong with the sign-in form, per field (empty when it can be sent). */
export function validateSignIn(values: SignInFields, mode: SignInMode): CubeErrors {
  const errors: CubeErrors = {};
  const required: CubeField[] = usesOwnApp(values, mode)
    ? ['endpoint', 'applicationId', 'authKey', 'login', 'password']
    : ['login', 'password'];
  for (const field of required) {
    if (blank(values[field])) errors[field] = 'fieldRequired';
  }
  // A built-in app's user who typed only half of "Advanced" is told what the other half is for.
  if (mode.builtInApp) {
    if (errors.applicationId) errors.applicationId = 'appBothOrNeither';
    if (errors.authKey) errors.authKey = 'appBothOrNeither';
  }
  if (required.includes('endpoint') && !errors.endpoint) {
    const endpoint = checkEndpoint(values.endpoint);
    if (!endpoint.ok)
      errors.endpoint = endpoint.reason === 'not-https' ? 'endpointNotHttps' : 'endpointNotUrl';
  }
  return errors;
}

export { validChatTemplate } from '../chat-link.ts';
