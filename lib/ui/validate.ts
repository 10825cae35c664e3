import { checkEndpoint } from '../config.ts';
import type { CubeCredentials } from '../connectycube/types.ts';
import type { MessageKey } from '../i18n.ts';

export type CubeField = keyof CubeCredentials;
export type CubeErrors = Partial<Record<CubeField, MessageKey>>;

/** What is wrong with the sign-in form, per field (empty when it can be sent). */
export function validateCubeForm(values: CubeCredentials): CubeErrors {
  const errors: CubeErrors = {};
  for (const field of ['endpoint', 'applicationId', 'authKey', 'login', 'password'] as const) {
    if (values[field].trim() === '') errors[field] = 'fieldRequired';
  }
  if (!errors.endpoint) {
    const endpoint = checkEndpoint(values.endpoint);
    if (!endpoint.ok)
      errors.endpoint = endpoint.reason === 'not-https' ? 'endpointNotHttps' : 'endpointNotUrl';
  }
  return errors;
}

/** Empty, or an https URL that names the contact with {id} or {phone}. */
export function validChatTemplate(template: string): boolean {
  const value = template.trim();
  if (value === '') return true;
  if (!value.includes('{id}') && !value.includes('{phone}')) return false;
  try {
    const url = new URL(value.replaceAll('{id}', '1').replaceAll('{phone}', '1'));
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}
