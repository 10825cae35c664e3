// Validation of the people that control requests describe (the JSON the e2e tests send).

import type { PersonInput, PersonPatch, PhoneInput } from './google-people.ts';
import { isRecord } from './transport.ts';

const NAME_KEYS = ['givenName', 'familyName', 'displayName'] as const;

/** A PersonInput, or the reason it is not one. */
export function parsePersonInput(value: unknown): PersonInput | string {
  if (!isRecord(value)) return 'a person must be an object';
  const input: PersonInput = {};
  for (const key of NAME_KEYS) {
    const name = value[key];
    if (name === undefined) continue;
    if (typeof name !== 'string') return `${key} must be a string`;
    input[key] = name;
  }
  if (value.phones !== undefined) {
    const phones = parsePhones(value.phones);
    if (typeof phones === 'string') return phones;
    input.phones = phones;
  }
  return input;
}

export function parsePersonPatch(value: unknown): PersonPatch | string {
  if (!isRecord(value)) return 'the patch must be an object';
  const patch: PersonPatch = {};
  for (const key of NAME_KEYS) {
    const name = value[key];
    if (name === undefined) continue;
    if (name !== null && typeof name !== 'string') return `${key} must be a string or null`;
    patch[key] = name;
  }
  if (value.phones !== undefined) {
    const phones = parsePhones(value.phones);
    if (typeof phones === 'string') return phones;
    patch.phones = phones;
  }
  return patch;
}

function parsePhones(value: unknown): PhoneInput[] | string {
  if (!Array.isArray(value)) return 'phones must be an array';
  const phones: PhoneInput[] = [];
  for (const phone of value) {
    if (typeof phone === 'string') {
      phones.push(phone);
    } else if (isRecord(phone) && typeof phone.value === 'string') {
      if (phone.type !== undefined && typeof phone.type !== 'string') {
        return 'a phone type must be a string';
      }
      phones.push(
        typeof phone.type === 'string'
          ? { value: phone.value, type: phone.type }
          : { value: phone.value },
      );
    } else {
      return 'each phone must be a string or {value, type?}';
    }
  }
  return phones;
}
